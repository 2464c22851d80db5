"""Pseudo-translate one segment: accent the letters, lengthen by about 30%, bracket it.

Pure. Only running text changes: Markdown syntax, link targets and reference
labels, autolinks and bare URLs, code spans, HTML entities, backslash escapes
and every word that contains a digit ("333", "55th", "$170-260") stay exactly
as they are, so the checks (numbers, links, markup) find the pseudo text
faithful and the page renders the same structure as the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..checks.inline import url_spans

OPEN, CLOSE = "[", "]"
GROWTH = 0.4  # words 40% longer: whole segments come out about 30% longer, like German

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥîĵķļɱñöƥǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖƤǪŔŠŢÛṼŴẊÝŽ",
)
_VOWELS = frozenset("aeiouyAEIOUY")
# Spans that must come out unchanged (besides URLs, found by the checks' url_spans).
_KEEP = re.compile(
    r"""
      (?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`)           # code span
    | \]\[[^\]\n]*\]                                       # ][reference label]
    | <[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>              # autolink
    | <[^\s<>@]+@[^\s<>]+>                                 # e-mail autolink
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>             # an HTML tag (kept as written)
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                         # a bare e-mail address
    | &(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});  # entity
    | \\[!-/:-@\[-`{-~]                                    # backslash escape
    | \w*\d[\w.,:/-]*                                      # a word with a digit in it
    """,
    re.VERBOSE,
)
_SHORTCUT = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\](?:\[\])?(?![(\[])")  # [label], [label][]
_WORD = re.compile(r"[A-Za-z]+")


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it (case-folded, inner spaces collapsed)."""
    return " ".join(label.split()).casefold()


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def protected_spans(text: str, labels: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Ranges of ``text`` the pseudo-locale leaves alone, sorted and merged.

    ``labels`` are the (normalized) reference labels the article defines: a
    shortcut reference ``[label]`` must keep its text to stay a link.
    """
    spans = list(url_spans(text))
    spans += [match.span() for match in _KEEP.finditer(text)]
    if labels:
        spans += [
            match.span(1)
            for match in _SHORTCUT.finditer(text)
            if normalize_label(match.group(1)) in labels
        ]
    return _merge(spans)


def _stretch(word: str) -> str:
    """Accent a run of ASCII letters and lengthen it by GROWTH (vowels doubled, spread out)."""
    extra = round(len(word) * GROWTH)
    vowels = [index for index, char in enumerate(word) if char in _VOWELS]
    doubled: set[int] = set()
    if extra and vowels:
        step = len(vowels) / min(extra, len(vowels))
        doubled = {vowels[int(i * step + step / 2)] for i in range(min(extra, len(vowels)))}
    out = "".join(char * 2 if index in doubled else char for index, char in enumerate(word))
    out += word[-1] * (extra - len(doubled))  # too few vowels: the last letter repeats
    return out.translate(_ACCENTS)


def _accent(text: str, keep: frozenset[str]) -> str:
    return _WORD.sub(
        lambda match: match.group() if match.group() in keep else _stretch(match.group()), text
    )


def pseudo_text(
    text: str, labels: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()
) -> str:
    """The pseudo-translation of one segment: ``[Ţĥéé ñîîĝĥţ ţŕáîîñ …]``.

    ``labels``: the article's reference labels (see :func:`protected_spans`);
    ``keep``: words left as written (the source language's month names, so that
    dates stay dates). An empty text stays empty; whitespace at either end stays
    outside the brackets.
    """
    if not text.strip():
        return text
    out: list[str] = []
    position = 0
    for start, end in protected_spans(text, labels):
        out.append(_accent(text[position:start], keep))
        out.append(text[start:end])
        position = end
    out.append(_accent(text[position:], keep))
    body = "".join(out)
    stripped = body.strip()
    lead = body[: len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()) :]
    return f"{lead}{OPEN}{stripped}{CLOSE}{trail}"
