"""Render an article body in one language, structure taken from the source only.

The SOURCE body is parsed with markdown-it-py (CommonMark, raw HTML off); every
inline token that is a segment gets the translation parsed with ``parseInline``.
So a translation can change words, emphasis and link text, but never add
headings, lists, front matter or reference definitions, and never raw HTML.
Links and images accept only http, https, mailto (links) and relative targets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape

from ..source.segmenter import join_soft_breaks, strip_directives
from .translate import FALLBACK, FUZZY, SOURCE, TRANSLATED, SegmentText

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
FALLBACK_CLASS = "untranslated"
FUZZY_CLASS = "fuzzy"
SKIPPED_CLASS = "original"


def link_allowed(url: str) -> bool:
    """True for http, https and mailto links and for relative ones (no scheme)."""
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


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
    clean, _directives = strip_directives(body, path, first_line)
    env: dict[str, Any] = {}
    tokens = md.parse(clean, env)
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"  # the page title is the h1
        if token.type != "inline" or token.map is None:
            continue
        text = join_soft_breaks(token.content.strip())
        if not text or languages.is_source:
            continue
        opening, closing = tokens[index - 1], tokens[index + 1]
        if first_line + token.map[0] in excluded_lines:
            _mark(opening, closing, languages, SKIPPED_CLASS)
            continue
        segment = shown.get(text)
        status = FALLBACK if segment is None else segment.status
        if segment is not None and status in (TRANSLATED, FUZZY):
            token.children = md.parseInline(segment.text, env)[0].children or []
        if status == FUZZY:
            _mark(opening, closing, None, FUZZY_CLASS)
            if fuzzy_mark:
                mark = Token("html_inline", "", 0)
                mark.content = f' <small class="outdated-mark">({escape(fuzzy_mark)})</small>'
                (token.children or []).append(mark)
        elif status not in (TRANSLATED, SOURCE):
            _mark(opening, closing, languages, FALLBACK_CLASS)
    return str(md.renderer.render(tokens, md.options, env))


def _mark(opening: Token, closing: Token, languages: Languages | None, css_class: str) -> None:
    """Give a block a class (and the source ``lang``/``dir``); tight-list paragraphs show up."""
    opening.hidden = closing.hidden = False
    if languages is not None:
        opening.attrSet("lang", languages.source)
        opening.attrSet("dir", languages.source_dir)
    opening.attrSet("class", css_class)
