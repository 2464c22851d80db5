"""Numbers as a reader of one language reads them, found in a segment's text.

``35,000`` in English, ``35 000`` / ``35.000`` / ``35 тысяч`` / ``35 тыс.`` in
Russian all read 35000. The decimal and group symbols come from Babel's locale
data; NBSP, NARROW NBSP and THIN SPACE (and the apostrophes of Swiss German)
always group. A lone ``.`` or ``,`` is ambiguous: it is the decimal separator
when the locale says so, a group separator when three digits follow it, else
a decimal separator. A token that reads one way in the locale but another way
elsewhere keeps the other reading as ``alternative``, for the message.

Ranges (``10,000-15,000``, ``$170–260``) are two numbers; a magnitude word
after a range applies to both ends (``10–15 тыс.``). Numeric dates are read in
the locale's order (Babel's short date pattern) into a day, a month and a
year; month names next to a number are months. Ordinal suffixes (``55th``,
``55-я``, ``55.``) and currency symbols do not matter: the numbers are compared.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from .magnitudes import base_language, magnitude_after, standalone_values

_SP = "[ \u00a0\u202f\u2009]"
_PUNCT = "[.,'’\u066b\u066c]"
_NUMBER = re.compile(
    rf"(?<!\d)(?:(?P<spaced>\d{{1,3}}(?:{_SP}\d{{3}})+(?!\d)(?:[.,\u066b]\d+)?)"
    rf"|(?P<plain>\d+(?:{_PUNCT}\d+)*))"
)
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d]|[.,/-]\d)")
_RANGE_JOIN = re.compile(
    r"[\s\u00a0\u202f]*(?:[-‐‑‒–—−/]|to|or|and|до|или|і|або|bis|oder|und|à|ou|et|a|y|o|e)?"
    r"[\s\u00a0\u202f]*"
)
_SHORT_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d+)?")
_WORD = re.compile(r"\w+")
_BEFORE_MONTH = re.compile(r"\d{1,4}(?:-?\w{1,3}|\.)?[\s\u00a0\u202f]*$")
_AFTER_MONTH = re.compile(r"\.?,?[\s\u00a0\u202f]*\d")
# Languages whose month names inflect: a word starting with a month's stem counts.
_INFLECTING = frozenset(
    re.findall(r"\w+", "ru uk be pl cs sk sl hr sr bs bg mk lt lv fi et hu el ka hy tt ba")
)
# Inflected forms CLDR does not list and whose stem is too short to guess from.
_EXTRA_MONTH_FORMS: dict[str, dict[int, tuple[str, ...]]] = {
    "ru": {5: ("мае", "маем")},
    "be": {5: ("маі",)},
}
_EN_WORDS = {
    word: Decimal(value)
    for value, word in enumerate(
        re.findall(
            r"\w+",
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
        )
    )
}
_EN_WORDS.update(
    {
        word: Decimal(10 * (index + 3))
        for index, word in enumerate(
            re.findall(r"\w+", "thirty forty fifty sixty seventy eighty ninety")
        )
    }
)
_EN_WORDS.update({"dozen": Decimal(12), "hundred": Decimal(100), "dozens": Decimal(12)})
_EN_WORD = re.compile(r"(?i)\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")\b")


@dataclass
class Number:
    """One number as written, and the values it may stand for."""

    text: str
    start: int
    values: set[Decimal]
    required: bool = True  # False: may answer for a number, never missing or extra
    alternative: Decimal | None = None  # the reading under the other convention
    magnitude: Decimal | None = None
    end: int = 0

    @property
    def value(self) -> Decimal:
        """The main reading (the smallest, for a stable message)."""
        return min(self.values)


@dataclass
class Numbers:
    """Everything :func:`extract` found in a text."""

    numbers: list[Number] = field(default_factory=list)
    months: list[int] = field(default_factory=list)  # months of dates (1-12)


@lru_cache(maxsize=64)
def _locale(code: str | None) -> Locale | None:
    if not code:
        return None
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@lru_cache(maxsize=64)
def decimal_symbol(locale: str | None) -> str | None:
    """The locale's decimal separator (Babel), None when unknown."""
    loc = _locale(locale)
    return None if loc is None else str(get_decimal_symbol(loc))


@lru_cache(maxsize=64)
def group_symbol(locale: str | None) -> str | None:
    """The locale's group separator (Babel), None when unknown."""
    loc = _locale(locale)
    return None if loc is None else str(get_group_symbol(loc))


@lru_cache(maxsize=64)
def _date_order(locale: str | None) -> tuple[str, ...]:
    """The order of day, month and year in the locale's short date, e.g. ("M", "d", "y")."""
    loc = _locale(locale)
    if loc is None:
        return ("d", "M", "y")
    pattern = get_date_format("short", locale=loc).pattern
    positions = {letter: pattern.find(letter) for letter in "dMy"}
    if min(positions.values()) < 0:
        return ("d", "M", "y")
    return tuple(sorted(positions, key=lambda letter: positions[letter]))


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if ch.isdigit() else ch for ch in text)


def _valid_grouping(pieces: list[str]) -> bool:
    """1-3 digits, then groups of 3 (or of 2 before the last, the Indian way)."""
    if not 1 <= len(pieces[0]) <= 3 or len(pieces[-1]) != 3:
        return False
    return all(len(piece) in (2, 3) for piece in pieces[1:-1])


def _join(integer: list[str], fraction: str | None = None) -> Decimal:
    text = "".join(integer) + (f".{fraction}" if fraction else "")
    return Decimal(text)


def read_number(raw: str, decimal: str | None) -> list[tuple[Decimal, Decimal | None]]:
    """Readings of one digit run with separators: (value, alternative) per number.

    Usually one number; a run that is no valid grouping (``1.2.3``) gives its parts.
    """
    raw = _ascii_digits(raw)
    pieces = re.split(_PUNCT, raw)
    seps = re.findall(_PUNCT, raw)
    spaced = re.fullmatch(rf"(\d{{1,3}}(?:{_SP}\d{{3}})+)(?:[.,\u066b](\d+))?", raw)
    if spaced:
        return [(_join(re.split(_SP, spaced.group(1)), spaced.group(2)), None)]
    if not seps:
        return [(Decimal(raw), None)]
    ambiguous = [sep for sep in seps if sep in ".,"]
    grouping = [sep for sep in seps if sep in "'’\u066c"]
    last = seps[-1]
    # An explicit decimal mark: Arabic ٫, or the other of . and , after a group mark.
    decimal_index: int | None = None
    if "\u066b" in seps:
        decimal_index = len(seps) - 1 if last == "\u066b" and seps.count(last) == 1 else -1
    elif len(set(ambiguous)) == 2 or (ambiguous and grouping):
        decimal_index = len(seps) - 1 if last in ".," and seps.count(last) == 1 else -1
    elif len(ambiguous) == 1:  # the only separator: "1,351", "35.000", "2,5"
        grouped, decimal_reading = _join(pieces), _join(pieces[:1], pieces[1])
        as_group = _valid_grouping(pieces)
        if ambiguous[0] == decimal or not as_group:
            return [(decimal_reading, grouped if as_group else None)]
        return [(grouped, decimal_reading)]
    if decimal_index is None:  # the same ambiguous mark several times: groups
        decimal_index = len(seps)
    if decimal_index >= 0:
        integer = pieces[: decimal_index + 1]
        fraction = pieces[decimal_index + 1] if decimal_index < len(seps) else None
        if _valid_grouping(integer) or len(integer) == 1:
            return [(_join(integer, fraction), None)]
    return [(Decimal(piece), None) for piece in pieces]


def _dates(text: str, locale: str | None) -> tuple[list[Number], list[int], list[tuple[int, int]]]:
    """Numeric dates: their day and year as numbers, their months, and their spans."""
    numbers: list[Number] = []
    months: list[int] = []
    spans: list[tuple[int, int]] = []
    orders = [_date_order(locale), ("d", "M", "y"), ("M", "d", "y"), ("y", "M", "d")]
    for match in _NUMERIC_DATE.finditer(text):
        parts = [_ascii_digits(match.group(i)) for i in (1, 3, 4)]
        for order in orders:
            reading = dict(zip(order, parts, strict=True))
            day, month, year = int(reading["d"]), int(reading["M"]), reading["y"]
            if 1 <= day <= 31 and 1 <= month <= 12 and len(year) in (2, 4):
                if len(reading["d"]) > 2 or len(reading["M"]) > 2:
                    continue
                break
        else:
            continue
        start = match.start()
        numbers.append(Number(reading["d"], start, {Decimal(day)}, end=match.end()))
        years = {Decimal(year)}
        if len(year) == 2:
            years |= {Decimal(1900 + int(year)), Decimal(2000 + int(year))}
        numbers.append(Number(year, start + 1, years, end=match.end()))
        months.append(month)
        spans.append(match.span())
    return numbers, months, spans


@lru_cache(maxsize=64)
def _month_forms(locale: str | None) -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """Exact month words and month stems (longest first) for a locale."""
    loc = _locale(locale)
    if loc is None:
        return {}, ()
    exact: dict[str, int] = {}
    stems: list[tuple[str, int]] = []
    language = base_language(str(loc))
    for month in range(1, 13):
        forms = {
            str(get_month_names(width, context, locale=loc)[month]).casefold().rstrip(".")
            for width in ("wide", "abbreviated")
            for context in ("format", "stand-alone")
        }
        forms |= set(_EXTRA_MONTH_FORMS.get(language, {}).get(month, ()))
        for form in forms:
            exact[form] = month
        stem = _common_prefix(sorted(forms))
        if language in _INFLECTING and len(stem) >= 3:
            stems.append((stem, month))
    stems.sort(key=lambda item: -len(item[0]))
    return exact, tuple(stems)


def _common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    first, last = words[0], words[-1]
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _month_of(word: str, locale: str | None) -> int | None:
    exact, stems = _month_forms(locale)
    folded = word.casefold()
    if folded in exact:
        return exact[folded]
    for stem, month in stems:
        if folded.startswith(stem) and len(folded) <= len(stem) + 5:
            return month
    return None


def _named_months(text: str, locale: str | None) -> list[int]:
    """Months written as words next to a number (``February 24``, ``24 февраля``)."""
    months = []
    for match in _WORD.finditer(text):
        word = match.group()
        if any(ch.isdigit() for ch in word):
            continue
        month = _month_of(word, locale)
        if month is None:
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 6]
        if _BEFORE_MONTH.search(before) or _AFTER_MONTH.match(after):
            months.append(month)
    return months


def extract(text: str, language: str, locale: str | None) -> Numbers:
    """The numbers and date months of ``text`` (in ``language``, Babel ``locale``).

    Cut URLs out of ``text`` before calling this.
    """
    found = Numbers()
    date_numbers, found.months, spans = _dates(text, locale)
    found.numbers.extend(date_numbers)
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    rest = "".join(chars)
    found.months.extend(_named_months(rest, locale))
    decimal = decimal_symbol(locale)
    for match in _NUMBER.finditer(rest):
        raw = match.group()
        try:
            readings = read_number(raw, decimal)
        except InvalidOperation:  # pragma: no cover - the regex only lets digits through
            continue
        after = magnitude_after(language, rest, match.end())
        for index, (value, alternative) in enumerate(readings):
            number = Number(raw, match.start(), {value}, alternative=alternative, end=match.end())
            if after is not None and index == len(readings) - 1:
                multiplier, size = after
                number.values = {value * multiplier}
                number.magnitude = multiplier
                number.text = rest[match.start() : match.end() + size].strip()
                number.end = match.end() + size
                if alternative is not None:
                    number.alternative = alternative * multiplier
            found.numbers.append(number)
    found.numbers.sort(key=lambda number: number.start)
    _share_range_magnitudes(found.numbers, rest)
    found.numbers.extend(_optional_numbers(rest, language, found.numbers))
    return found


def _share_range_magnitudes(numbers: list[Number], text: str) -> None:
    """``10–15 тыс.``: the first end may also be read with the second end's magnitude."""
    for first, second in itertools.pairwise(numbers):
        if first.magnitude is None and second.magnitude is not None:
            between = text[first.end : second.start]
            if _SHORT_NUMBER.fullmatch(first.text) and _RANGE_JOIN.fullmatch(between):
                first.values |= {value * second.magnitude for value in first.values}


def _optional_numbers(text: str, language: str, numbers: list[Number]) -> list[Number]:
    """Number words ("two", "a dozen", "тысяча") that may stand for digits elsewhere."""
    taken = [(number.start, number.end) for number in numbers]
    optional = []
    for position, value in standalone_values(language, text):
        if not any(start <= position < end for start, end in taken):
            optional.append(Number(text[position : position + 8], position, {value}, False))
    if base_language(language) == "en":
        for match in _EN_WORD.finditer(text):
            value = _EN_WORDS[match.group().lower()]
            optional.append(Number(match.group(), match.start(), {value}, False))
    return optional
