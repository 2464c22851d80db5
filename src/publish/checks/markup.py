"""The ``markup`` and ``raw-html`` checks: inline Markdown as in the source, no HTML.

``markup`` compares what the inline Markdown makes (emphasis, strong emphasis,
links, images, code spans and their contents) and reports markup a
translation left open (``**bold`` without its closing ``**`` shows the
asterisks on the page). When the link targets already differ, the ``links``
check reports it and the link count is not repeated here. It also reports
block Markdown a translation has and its source does not: a heading marker
(``#`` at the start of a line), a ``---`` line (front matter, a thematic break
or a setext underline) and a link reference definition (``[x]: https://...``).
A segment is one block of inline text, so the page shows them as text.

``raw-html``: the site renders Markdown with raw HTML off, so a tag in a
translation is shown as text (and would be live HTML anywhere else). Tags
written ``<svg/onload=...>`` count (browsers read the ``/`` as a separator),
and so does a comment ``<!--`` that is never closed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..langcode import LanguageInfo
from .base import CheckContext, Issue
from .inline import parse_inline
from .links import target_difference

_LABELS = {
    "emphasis": "emphasis",
    "strong": "strong emphasis",
    "link": "links",
    "image": "images",
    "code": "code spans",
}
# Markup characters left over as text when a span is not closed.
_STRAY = {
    "*": re.compile(r"\*+"),
    "_": re.compile(r"(?<!\w)_+|_+(?!\w)"),
    "`": re.compile(r"`+"),
    "](": re.compile(r"\]\("),
}
_TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?>")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
# Block Markdown at the start of a line (CommonMark allows up to three spaces
# of indentation). Each pattern is linear: every repetition needs its own
# marker character.
_BLOCKS = (
    (re.compile(r"^ {0,3}#{1,6}(?=[ \t]|$)", re.MULTILINE), "a heading marker '#'"),
    (
        re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE),
        "a '---' line (front matter or a thematic break)",
    ),
    (re.compile(r"(?<=[^\n])\n {0,3}=+[ \t]*$", re.MULTILINE), "a setext heading underline '==='"),
    (
        re.compile(r"^ {0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:", re.MULTILINE),
        "a link reference definition '[label]: URL'",
    ),
)


def _stray(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, pattern in _STRAY.items():
        counts[name] = len(pattern.findall(text))
    return counts


def check_markup(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """The same inline markup as the source, none left unclosed."""
    src, dst = parse_inline(source), parse_inline(translation)
    skip_links = any(target_difference(source, translation))
    differences = []
    for kind, label in _LABELS.items():
        if kind in ("link", "image") and skip_links:
            continue
        if src.structure[kind] != dst.structure[kind]:
            differences.append(
                f"{label}: {src.structure[kind]} in the source, {dst.structure[kind]} here"
            )
    if differences:
        yield Issue("markup", "inline markup differs from the source: " + "; ".join(differences))
    elif Counter(src.code_spans) != Counter(dst.code_spans):
        changed = sorted((Counter(src.code_spans) - Counter(dst.code_spans)).elements())
        yield Issue(
            "markup",
            "code spans are not translated; changed: " + ", ".join(f"`{c}`" for c in changed),
        )
    left_open = _stray(dst.text) - _stray(src.text)
    if left_open:
        shown = ", ".join(f"{mark!r}" for mark in sorted(left_open))
        yield Issue(
            "markup",
            f"unclosed markup shown as text: {shown}; close it, or escape it with a backslash",
        )
    added = [
        label
        for pattern, label in _BLOCKS
        if len(pattern.findall(translation)) > len(pattern.findall(source))
    ]
    if added:
        yield Issue(
            "markup",
            f"block Markdown the source does not have: {'; '.join(added)}; a translation is "
            "one block of inline text, so the page shows it as text: remove it",
        )


def html_tags(text: str) -> list[str]:
    """HTML tags and comments written in ``text`` (autolinks are not tags).

    A comment that is never closed is returned as ``<!--``.
    """
    tags: list[str] = []
    pos = 0
    unclosed_from = len(text) + 1  # no "-->" at or after this position
    while True:
        match = _TAG.search(text, pos)
        if match is None:
            return tags
        if match.group() != _COMMENT_OPEN:
            tags.append(match.group())
            pos = match.end()
            continue
        end = -1 if match.end() >= unclosed_from else text.find(_COMMENT_CLOSE, match.end())
        if end < 0:
            unclosed_from = min(unclosed_from, match.end())
            tags.append(_COMMENT_OPEN)
            pos = match.end()
        else:
            tags.append(text[match.start() : end + len(_COMMENT_CLOSE)])
            pos = end + len(_COMMENT_CLOSE)


def check_raw_html(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """No HTML the source does not have."""
    added = Counter(html_tags(translation)) - Counter(html_tags(source))
    if added:
        tags = ", ".join(sorted(set(added.elements())))
        unclosed = ""
        if _COMMENT_OPEN in added:
            unclosed = " ('<!--' opens a comment that is never closed, hiding the rest as HTML)"
        yield Issue(
            "raw-html",
            f"HTML in the translation: {tags}{unclosed}; the page shows it as text: use Markdown "
            "(*emphasis*, [text](https://...)) or plain text",
        )
