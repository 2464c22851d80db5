"""The ``markup`` and ``raw-html`` checks: inline Markdown as in the source, no HTML.

``markup`` compares what the inline Markdown makes (emphasis, strong emphasis,
links, images, code spans and their contents) and reports markup a
translation left open (``**bold`` without its closing ``**`` shows the
asterisks on the page). When the link targets already differ, the ``links``
check reports it and the link count is not repeated here.

``raw-html``: the site renders Markdown with raw HTML off, so a tag in a
translation is shown as text (and would be live HTML anywhere else).
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
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.DOTALL)


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


def html_tags(text: str) -> list[str]:
    """HTML tags and comments written in ``text`` (autolinks are not tags)."""
    return [match.group() for match in _TAG.finditer(text)]


def check_raw_html(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """No HTML the source does not have."""
    added = Counter(html_tags(translation)) - Counter(html_tags(source))
    if added:
        tags = ", ".join(sorted(set(added.elements())))
        yield Issue(
            "raw-html",
            f"HTML in the translation: {tags}; the page shows it as text: use Markdown "
            "(*emphasis*, [text](https://...)) or plain text",
        )
