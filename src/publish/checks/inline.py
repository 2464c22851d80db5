"""Inline Markdown as the checks see it: tokens, link targets and where URLs are.

Segments are CommonMark inline text. The build renders them with raw HTML off
and markdown-it's link validation on; the checks parse them with validation
off, so that a ``javascript:`` target is seen (and reported) rather than left
as text.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

# A bare URL in running text (not a Markdown link): up to whitespace or an
# angle bracket; trailing sentence punctuation is not part of it.
BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+")
_TRAILING = ".,;:!?)]}'’”»"
# Markdown link destinations and autolinks in the raw text, for locating URLs.
_DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*(?:\([^\s)]*\)[^\s)]*)*)")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
ALLOWED_SCHEMES = ("http", "https", "mailto")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every target
    return md


@dataclass(frozen=True)
class Inline:
    """The parts of one inline segment the checks compare."""

    structure: Counter[str]  # "emphasis", "strong", "link", "image", "code" → count
    code_spans: tuple[str, ...]
    targets: tuple[str, ...]  # link and image targets and bare URLs, normalized
    text: str  # the visible text (text tokens joined by spaces)


@lru_cache(maxsize=4096)
def parse_inline(text: str) -> Inline:
    """Parse ``text`` as CommonMark inline content."""
    md = _parser()
    structure: Counter[str] = Counter()
    code: list[str] = []
    targets: list[str] = []
    pieces: list[str] = []
    names = {
        "em_open": "emphasis",
        "strong_open": "strong",
        "link_open": "link",
        "image": "image",
        "code_inline": "code",
    }
    in_link = 0
    for block in md.parseInline(text):
        for token in block.children or []:
            if token.type in names:
                structure[names[token.type]] += 1
            if token.type == "link_open":
                targets.append(str(token.attrs.get("href", "")))
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            elif token.type == "image":
                targets.append(str(token.attrs.get("src", "")))
                pieces.append(token.content)
            elif token.type == "code_inline":
                code.append(token.content)
            elif token.type == "text":
                pieces.append(token.content)
                if not in_link:  # a link's text may show its URL: counted once
                    targets.extend(md.normalizeLink(url) for url in bare_urls(token.content))
    return Inline(structure, tuple(code), tuple(targets), " ".join(pieces))


def bare_urls(text: str) -> list[str]:
    """URLs written as plain text (``https://…`` or ``www.…``), trailing punctuation cut."""
    urls = []
    for match in BARE_URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        if url.lower().startswith("www."):
            url = "http://" + url
        urls.append(url)
    return urls


def url_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` that are URLs (link destinations, autolinks, bare URLs), merged."""
    spans = [m.span(1) for m in _DESTINATION.finditer(text)]
    spans += [m.span() for m in _AUTOLINK.finditer(text)]
    for match in BARE_URL.finditer(text):
        end = match.start() + len(match.group().rstrip(_TRAILING))
        spans.append((match.start(), end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``position`` falls inside one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by spaces (positions are kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def scheme_of(target: str) -> str | None:
    """The lowercased scheme of a URL, or None for a relative one."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return match.group(1).lower() if match else None


def show_url(target: str) -> str:
    """A target as the checks print it: host in punycode, so a look-alike host shows.

    markdown-it already writes hosts as punycode; a host it left alone (not
    http, https or mailto) is converted here.
    """
    try:
        parts = urlsplit(target)
    except ValueError:
        return target
    host = parts.hostname
    if not host or host.isascii():
        return target
    ascii_host = ".".join(_label_to_ascii(label) for label in host.split("."))
    return target.replace(host, ascii_host, 1)


def _label_to_ascii(label: str) -> str:
    if label.isascii():
        return label
    return "xn--" + label.encode("punycode").decode("ascii")


def readable_url(target: str) -> str:
    """The target with punycode hosts decoded (what a reader would see written)."""
    return str(_parser().normalizeLinkText(target))
