"""Apply a catalog to an article: what each segment shows, word counts, the publish decision.

Pure: takes an :class:`Article` and a :class:`Catalog` (or None), returns values.
Segment *i* corresponds to the active entry whose ``msgid`` is the segment's
text and that has no context; identical segments share one entry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..po.model import Catalog, Entry
from ..source.model import Article

# Status of one segment on a page.
SOURCE = "source"  # the source-language page: nothing to translate
TRANSLATED = "translated"
FUZZY = "fuzzy"  # shown, marked "may be outdated" (--use-fuzzy / fuzzy: show)
FALLBACK = "fallback"  # untranslated (or fuzzy by default): the source text is shown

_Chooser = Callable[[str], tuple[str, str]]  # source text → (shown text, status)
_WORD = re.compile(r"\w+(?:(?:['’.-]|(?<=\d),(?=\d))\w+)*")


@lru_cache(maxsize=4096)  # a few articles' segments: bounded memory
def count_words(text: str) -> int:
    """Words in a segment: runs of letters and digits, joined by ' ’ . - (and , in 10,000).

    Cached: every language version of an article counts the same source segments."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class SegmentText:
    """What one distinct source segment shows on a page."""

    source: str
    text: str
    status: str


@dataclass(frozen=True)
class Coverage:
    """How much of an article a language version would show in translation."""

    total_words: int
    shown_words: int  # words of segments shown translated (fuzzy counts when shown)
    title_translated: bool
    fallback_blocks: int  # body blocks shown in the source language
    fuzzy_blocks: int  # body blocks shown with a "may be outdated" mark

    @property
    def percent(self) -> float:
        """Share of source words shown translated, 0-100."""
        return 100.0 if self.total_words == 0 else 100.0 * self.shown_words / self.total_words


@dataclass(frozen=True)
class Translation:
    """An article in one language: per-segment texts (in segment order) and coverage."""

    language: str
    title: SegmentText
    segments: tuple[SegmentText, ...]  # one per distinct segment text, first-occurrence order
    coverage: Coverage

    def lookup(self) -> dict[str, SegmentText]:
        """Source text → what it shows."""
        return {segment.source: segment for segment in self.segments}


def _usable(entry: Entry) -> bool:
    return entry.msgctxt is None and entry.msgid_plural is None and not entry.obsolete


def entry_map(catalog: Catalog | None) -> dict[str, Entry]:
    """Active, context-free, singular entries by msgid."""
    if catalog is None:
        return {}
    return {entry.msgid: entry for entry in catalog.entries if _usable(entry)}


def _status(entry: Entry | None, use_fuzzy: bool) -> str:
    if entry is None or entry.obsolete or not entry.translated:
        return FALLBACK
    if entry.fuzzy:
        return FUZZY if use_fuzzy else FALLBACK
    return TRANSLATED


def source_translation(article: Article) -> Translation:
    """The source-language version: every segment shows itself."""
    return _apply(article, article.attribution.language, lambda text: (text, SOURCE))


def apply_catalog(
    article: Article, language: str, catalog: Catalog | None, *, use_fuzzy: bool = False
) -> Translation:
    """Translate ``article`` with ``catalog`` (None: nothing translated yet)."""
    entries = entry_map(catalog)

    def choose(text: str) -> tuple[str, str]:
        entry = entries.get(text)
        status = _status(entry, use_fuzzy)
        if status == FALLBACK or entry is None:
            return text, FALLBACK
        return entry.msgstr, status

    return _apply(article, language, choose)


def _apply(article: Article, language: str, choose: _Chooser) -> Translation:
    distinct: dict[str, SegmentText] = {}
    total = shown = fallback_blocks = fuzzy_blocks = 0
    for index, segment in enumerate(article.segments):
        result = distinct.get(segment.text)
        if result is None:
            text, status = choose(segment.text)
            result = SegmentText(source=segment.text, text=text, status=status)
            distinct[segment.text] = result
        words = count_words(segment.text)
        total += words
        if result.status in (TRANSLATED, FUZZY, SOURCE):
            shown += words
        if index > 0:
            fallback_blocks += result.status == FALLBACK
            fuzzy_blocks += result.status == FUZZY
    title = distinct[article.segments[0].text]
    coverage = Coverage(
        total_words=total,
        shown_words=shown,
        title_translated=title.status != FALLBACK,
        fallback_blocks=fallback_blocks,
        fuzzy_blocks=fuzzy_blocks,
    )
    return Translation(language, title, tuple(distinct.values()), coverage)


def threshold_problem(coverage: Coverage, threshold: float) -> str | None:
    """Why a language version is not published, or None when it meets the threshold."""
    if not coverage.title_translated:
        return "the title is not translated"
    if coverage.percent + 1e-9 < threshold:
        return (
            f"{_floor(coverage.percent)}% of source words translated "
            f"({coverage.shown_words} of {coverage.total_words}), below the {threshold:g}% threshold"
        )
    return None


def _floor(percent: float) -> str:
    """One decimal, rounded down, so 79.96 never reads as 80."""
    value = math.floor(percent * 10) / 10
    return f"{value:.1f}".removesuffix(".0")
