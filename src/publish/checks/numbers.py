"""The ``numbers`` and ``dates`` checks: the translation states the source's figures.

Numbers are compared as multisets of values, each side read with its own
locale (see :mod:`.numparse`). A number word ("two", "a dozen", "тысяча") may
answer for a number on the other side but is never required. Which numbers
are missing and which are extra does not depend on the order of matching: the
required numbers of each side that no number of the other side can answer
for are computed separately (a maximum matching from each side; by the
Mendelsohn-Dulmage theorem one matching covers both).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from babel.dates import get_month_names
from babel.numbers import format_decimal

from ..langcode import LanguageInfo
from .base import CheckContext, Issue
from .inline import blank_spans, url_spans
from .numparse import Number, Numbers, decimal_symbol, extract, group_symbol


def source_numbers(source: str, context: CheckContext) -> Numbers:
    """The numbers of the source text, read in the source language."""
    language = context.source_language
    code = language.code if language else "en"
    locale = language.babel_locale if language else "en"
    return extract(blank_spans(source, url_spans(source)), code, locale)


def target_numbers(translation: str, language: LanguageInfo) -> Numbers:
    """The numbers of a translation, read in its language."""
    text = blank_spans(translation, url_spans(translation))
    return extract(text, language.code, language.babel_locale)


MAX_MATCHING = 200  # numbers left after exact pairing; beyond this, first fit


def unanswered(side: list[Number], other: list[Number]) -> list[Number]:
    """Required numbers of ``side`` that no number of ``other`` can answer for.

    Numbers with a single reading are first paired with equal single readings of
    ``other`` (always part of some maximum matching); the few left are matched
    with augmenting paths (Kuhn), iteratively, so no text can exhaust the stack.
    """
    required = [number for number in side if number.required]
    exact: dict[Decimal, list[int]] = {}
    for index, number in enumerate(other):
        if len(number.values) == 1:
            exact.setdefault(next(iter(number.values)), []).append(index)
    left: list[Number] = []
    used: set[int] = set()
    for number in required:
        pool = exact.get(next(iter(number.values))) if len(number.values) == 1 else None
        if pool:
            used.add(pool.pop())
        else:
            left.append(number)
    rest = [number for index, number in enumerate(other) if index not in used]
    if len(left) * len(rest) > MAX_MATCHING * MAX_MATCHING:
        return _first_fit(left, rest)
    owner: dict[int, int] = {}  # index in rest → index in left
    holds: dict[int, int] = {}  # index in left → index in rest
    missing = [index for index in range(len(left)) if not _augment(index, left, rest, owner, holds)]
    return sorted((left[index] for index in missing), key=lambda number: number.start)


def _augment(
    start: int, left: list[Number], rest: list[Number], owner: dict[int, int], holds: dict[int, int]
) -> bool:
    """Find an augmenting path from ``left[start]`` breadth first, and apply it."""
    reached_from: dict[int, int] = {}  # index in rest → the left index that reached it
    queue = [start]
    while queue:
        following = []
        for index in queue:
            for candidate, number in enumerate(rest):
                if candidate in reached_from or not (left[index].values & number.values):
                    continue
                reached_from[candidate] = index
                if candidate in owner:
                    following.append(owner[candidate])
                    continue
                while True:  # flip the path back to start
                    holder = reached_from[candidate]
                    released = holds.get(holder)
                    owner[candidate], holds[holder] = holder, candidate
                    if holder == start or released is None:
                        return True
                    candidate = released
        queue = following
    return False


def _first_fit(left: list[Number], rest: list[Number]) -> list[Number]:
    taken: set[int] = set()
    missing = []
    for number in left:
        for index, candidate in enumerate(rest):
            if index not in taken and number.values & candidate.values:
                taken.add(index)
                break
        else:
            missing.append(number)
    return sorted(missing, key=lambda number: number.start)


def _hints(missing: list[Number], extra: list[Number], language: LanguageInfo) -> list[str]:
    """Say so when an extra number is a missing one written with the wrong separator."""
    hints = []
    decimal = decimal_symbol(language.babel_locale)
    for number in extra:
        wanted = number.alternative
        if wanted is None or not any(wanted in other.values for other in missing):
            continue
        hint = f"{number.text} reads as {_plain(number.value)} in {language.code}"
        if decimal:
            hint += f', where "{decimal}" is the decimal separator'
        if language.babel_locale:
            hint += f"; write {as_written(wanted, language.babel_locale)}"
        hints.append(hint)
    return hints


def as_written(value: Decimal, locale: str) -> str:
    """``value`` as the locale writes it, formatted by Babel.

    Babel 2.19 loses an ASCII apostrophe group separator (CLDR 48 made it the
    one of de_CH and fr_CH): the step that unquotes pattern literals takes two
    of them for a quoted string, so ``1'234'567`` comes out as ``1234567``.
    For such a locale the digits are formatted without groups and grouped
    here by the sizes of the locale's own decimal pattern.
    """
    from babel import Locale

    text = str(format_decimal(value, locale=locale))
    group = group_symbol(locale)
    if group is None or "'" not in group:
        return text
    plain = str(format_decimal(value, locale=locale, group_separator=False))
    sign = "-" if plain.startswith("-") else ""
    digits = plain[len(sign) :]
    end = len(digits) - len(digits.lstrip("0123456789"))
    integer, rest = digits[:end], digits[end:]
    size, next_size = Locale.parse(locale).decimal_formats[None].grouping
    groups: list[str] = []
    while len(integer) > size:
        groups.insert(0, integer[-size:])
        integer = integer[:-size]
        size = next_size
    return sign + group.join([integer, *groups]) + rest


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def check_numbers(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """Every number of the source, and no other, in the translation."""
    src = source_numbers(source, context)
    dst = target_numbers(translation, language)
    missing = unanswered(src.numbers, dst.numbers)
    extra = unanswered(dst.numbers, src.numbers)
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(number.text for number in missing))
        if extra:
            parts.append("not in the source " + ", ".join(number.text for number in extra))
        summary = "numbers differ from the source: " + "; ".join(parts)
        message = "; ".join([summary, *_hints(missing, extra, language)])
        yield Issue("numbers", message)
    if language.babel_locale is None or not (src.months or dst.months):
        return
    src_months, dst_months = Counter(src.months), Counter(dst.months)
    if src_months != dst_months:
        lost = sorted((src_months - dst_months).elements())
        added = sorted((dst_months - src_months).elements())
        parts = []
        if lost:
            parts.append("missing " + ", ".join(_month(m) for m in lost))
        if added:
            parts.append("not in the source " + ", ".join(_month(m) for m in added))
        yield Issue("dates", "months of dates differ from the source: " + "; ".join(parts))


def _month(month: int) -> str:
    return f"{get_month_names('wide', locale='en')[month]} ({month})"
