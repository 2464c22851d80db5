"""Words that multiply a number ("35 тысяч", "1,2 млрд", "3 Mio."), per language.

Each language maps a regular expression, matched right after a number (an
optional space between), to its multiplier. Stems end in ``\\w*`` so every
inflected form counts (тысяча, тысячи, тысяч, тысячами). A word standing alone
("a thousand people", "тысяча человек") is an optional number: it may answer
for a number on the other side, but is never required.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

THOUSAND = Decimal(1000)
MILLION = Decimal(10) ** 6
BILLION = Decimal(10) ** 9
TRILLION = Decimal(10) ** 12
TEN_THOUSAND = Decimal(10) ** 4
HUNDRED_MILLION = Decimal(10) ** 8

# Longer alternatives first: "mil millones" before "mil".
MAGNITUDES: dict[str, tuple[tuple[str, Decimal], ...]] = {
    "en": (
        (r"thousands?", THOUSAND),
        (r"millions?|mln\.?|mn", MILLION),
        (r"billions?|bn|bln\.?", BILLION),
        (r"trillions?|tn|trn", TRILLION),
    ),
    "ru": (
        (r"тыс\.|тыс\b|тысяч\w*", THOUSAND),
        (r"млн\.?|миллион\w*", MILLION),
        (r"млрд\.?|миллиард\w*", BILLION),
        (r"трлн\.?|триллион\w*", TRILLION),
    ),
    "uk": (
        (r"тис\.|тис\b|тисяч\w*", THOUSAND),
        (r"млн\.?|мільйон\w*", MILLION),
        (r"млрд\.?|мільярд\w*", BILLION),
        (r"трлн\.?|трильйон\w*", TRILLION),
    ),
    "be": (
        (r"тыс\.|тыс\b|тысяч\w*", THOUSAND),
        (r"млн\.?|мільён\w*", MILLION),
        (r"млрд\.?|мільярд\w*", BILLION),
    ),
    "bg": (
        (r"хил\.|хиляд\w*", THOUSAND),
        (r"млн\.?|милион\w*", MILLION),
        (r"млрд\.?|милиард\w*", BILLION),
    ),
    "de": (
        (r"Tausend|Tsd\.?", THOUSAND),
        (r"Mio\.?|Millionen|Million", MILLION),
        (r"Mrd\.?|Milliarden|Milliarde", BILLION),
        (r"Bio\.?|Billionen|Billion", TRILLION),
    ),
    "fr": (
        (r"mille", THOUSAND),
        (r"millions?", MILLION),
        (r"milliards?|Mds?|Mrds?", BILLION),
        (r"billions?", TRILLION),
    ),
    "es": (
        (r"mil millones", BILLION),
        (r"mil", THOUSAND),
        (r"millón|millones", MILLION),
        (r"billón|billones", TRILLION),
    ),
    "pt": (
        (r"mil milhões", BILLION),
        (r"mil", THOUSAND),
        (r"milhão|milhões|milhao|milhoes|mi", MILLION),
        (r"bilhão|bilhões|bilhao|bilhoes|bi", BILLION),
    ),
    "it": (
        (r"mila|mille", THOUSAND),
        (r"milioni|milione|mln", MILLION),
        (r"miliardi|miliardo|mld", BILLION),
    ),
    "pl": (
        (r"tys\.|tysi\w*", THOUSAND),
        (r"mln\.?|milion\w*", MILLION),
        (r"mld\.?|miliard\w*", BILLION),
    ),
    "cs": (
        (r"tis\.|tisíc\w*", THOUSAND),
        (r"mil\.|milion\w*|milión\w*", MILLION),
        (r"mld\.|miliard\w*", BILLION),
    ),
    "nl": (
        (r"duizend", THOUSAND),
        (r"miljoen|mln\.?", MILLION),
        (r"miljard|mld\.?", BILLION),
    ),
    "tr": ((r"bin", THOUSAND), (r"milyon", MILLION), (r"milyar", BILLION)),
    "ar": (
        (r"ألف|آلاف|الف", THOUSAND),
        (r"مليون|ملايين", MILLION),
        (r"مليار|مليارات", BILLION),
    ),
    "fa": ((r"هزار", THOUSAND), (r"میلیون", MILLION), (r"میلیارد", BILLION)),
    "he": ((r"אלף|אלפים", THOUSAND), (r"מיליון", MILLION), (r"מיליארד", BILLION)),
    "zh": ((r"千", THOUSAND), (r"万|萬", TEN_THOUSAND), (r"亿|億", HUNDRED_MILLION)),
    "ja": ((r"千", THOUSAND), (r"万", TEN_THOUSAND), (r"億", HUNDRED_MILLION)),
    "ko": ((r"천", THOUSAND), (r"만", TEN_THOUSAND), (r"억", HUNDRED_MILLION)),
}
# Languages whose number words attach to the digits ("3.5万").
_ATTACHED = frozenset({"zh", "ja", "ko"})
_SPACE = "[ \u00a0\u202f\u2009]"


def base_language(code: str) -> str:
    """``pt_BR`` → ``pt``, ``sr@latin`` → ``sr``."""
    return re.split(r"[_@-]", code, maxsplit=1)[0]


@lru_cache(maxsize=64)
def magnitude_pattern(code: str) -> re.Pattern[str] | None:
    """A pattern matching a magnitude word at the start of a string, with its multiplier group."""
    entries = MAGNITUDES.get(base_language(code))
    if not entries:
        return None
    groups = "|".join(f"(?P<m{index}>{regex})" for index, (regex, _) in enumerate(entries))
    attached = base_language(code) in _ATTACHED
    lead, trail = ("", "") if attached else (f"{_SPACE}?", r"(?!\w)")
    parts = [f"{lead}(?:{groups}){trail}"]
    if base_language(code) == "en":
        parts.append(r"(?P<k>[kK])(?!\w)")  # "35k", attached only
    return re.compile("|".join(parts))


def magnitude_after(code: str, text: str, position: int = 0) -> tuple[Decimal, int] | None:
    """The multiplier written at ``position`` in ``text`` and its length, if any."""
    pattern = magnitude_pattern(code)
    if pattern is None:
        return None
    match = pattern.match(text, position)
    if match is None:
        return None
    size = match.end() - position
    entries = MAGNITUDES[base_language(code)]
    for index, (_regex, value) in enumerate(entries):
        if match.group(f"m{index}") is not None:
            return value, size
    return THOUSAND, size  # "35k"


@lru_cache(maxsize=64)
def standalone_pattern(code: str) -> re.Pattern[str] | None:
    """Magnitude words anywhere (for "a thousand", "тысяча"), as whole words."""
    entries = MAGNITUDES.get(base_language(code))
    if not entries:
        return None
    attached = base_language(code) in _ATTACHED
    groups = "|".join(f"(?P<m{index}>{regex})" for index, (regex, _) in enumerate(entries))
    if attached:
        return re.compile(f"(?:{groups})")
    return re.compile(f"(?<!\\w)(?:{groups})(?!\\w)")


def standalone_values(code: str, text: str) -> list[tuple[int, Decimal]]:
    """Positions and values of magnitude words in ``text``."""
    pattern = standalone_pattern(code)
    if pattern is None:
        return []
    entries = MAGNITUDES[base_language(code)]
    found = []
    for match in pattern.finditer(text):
        for index, (_regex, value) in enumerate(entries):
            if match.group(f"m{index}") is not None:
                found.append((match.start(), value))
                break
    return found
