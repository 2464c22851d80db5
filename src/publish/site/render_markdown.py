"""Render an article body in one language, structure taken from the source only.

The SOURCE body is parsed with markdown-it-py (CommonMark, raw HTML off); every
inline token that is a segment gets the translation parsed with ``parseInline``.
So a translation can change words, emphasis and link text, but never add
headings, lists, front matter or reference definitions, and never raw HTML.
Links and images accept only http, https, mailto (links) and relative targets.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape

from ..source.segmenter import join_soft_breaks, strip_directives
from .links import link_allowed
from .translate import FALLBACK, FUZZY, SOURCE, TRANSLATED, SegmentText

FALLBACK_CLASS = "untranslated"
FUZZY_CLASS = "fuzzy"
SKIPPED_CLASS = "original"


class _SafeMarkdown(MarkdownIt):
    """CommonMark, raw HTML off, links limited to :data:`ALLOWED_SCHEMES` and relative."""

    def validateLink(self, url: str) -> bool:
        return link_allowed(url)


@lru_cache(maxsize=1)
def safe_markdown() -> MarkdownIt:
    """The renderer's parser (not shared with the segmenter, which must stay neutral)."""
    return _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})


@dataclass(frozen=True)
class Languages:
    """The page's language and the source's, as HTML ``lang``/``dir`` values."""

    page: str
    source: str
    source_dir: str

    @property
    def is_source(self) -> bool:
        """True on the source-language page."""
        return self.page == self.source


def render_body(
    body: str,
    path: str,
    first_line: int,
    excluded_lines: frozenset[int],
    shown: Mapping[str, SegmentText],
    languages: Languages,
    fuzzy_mark: str = "",
) -> str:
    """The HTML of ``body`` with each segment replaced by what ``shown`` says.

    ``shown`` maps a segment's source text to its :class:`SegmentText`; a
    segment missing from it is shown in the source language.
    """
    md = safe_markdown()
    parsed, parsed_env = _parsed_body(body, path, first_line)
    env: dict[str, Any] = dict(parsed_env)
    tokens = list(parsed)  # a token is copied before this page changes it
    for index, token in enumerate(parsed):
        if token.type != "inline" or token.map is None:
            continue
        text = join_soft_breaks(token.content.strip())
        if not text or languages.is_source:
            continue
        if first_line + token.map[0] in excluded_lines:
            _mark(tokens, index, languages, SKIPPED_CLASS)
            continue
        segment = shown.get(text)
        status = FALLBACK if segment is None else segment.status
        if segment is not None and status in (TRANSLATED, FUZZY):
            tokens[index] = translated = copy.copy(token)
            translated.children = md.parseInline(segment.text, env)[0].children or []
            if status == FUZZY and fuzzy_mark:
                mark = Token("html_inline", "", 0)
                mark.content = f' <small class="outdated-mark">({escape(fuzzy_mark)})</small>'
                translated.children.append(mark)
        if status == FUZZY:
            _mark(tokens, index, None, FUZZY_CLASS)
        elif status not in (TRANSLATED, SOURCE):
            _mark(tokens, index, languages, FALLBACK_CLASS)
    return str(md.renderer.render(tokens, md.options, env))


@lru_cache(maxsize=1)  # the pages of one article are rendered one after another
def _parsed_body(body: str, path: str, first_line: int) -> tuple[tuple[Token, ...], dict[str, Any]]:
    """The source body's block tokens (headings moved one level down: the page title is
    the h1), parsed once for all the language versions of an article. Never mutated:
    each page works on copies."""
    clean, _directives = strip_directives(body, path, first_line)
    env: dict[str, Any] = {}
    tokens = safe_markdown().parse(clean, env)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    return tuple(tokens), env


def _mark(tokens: list[Token], index: int, languages: Languages | None, css_class: str) -> None:
    """Give the block around ``tokens[index]`` a class (and the source ``lang``/``dir``);
    tight-list paragraphs show up. The block's tokens are replaced by changed copies."""
    opening, closing = copy.copy(tokens[index - 1]), copy.copy(tokens[index + 1])
    opening.attrs = dict(opening.attrs)
    tokens[index - 1], tokens[index + 1] = opening, closing
    opening.hidden = closing.hidden = False
    if languages is not None:
        opening.attrSet("lang", languages.source)
        opening.attrSet("dir", languages.source_dir)
    opening.attrSet("class", css_class)
