"""The ``bidi-control``, ``invisible``, ``url-invisible`` and ``control-char`` checks.

Characters a reader cannot see change what a reader sees: a RIGHT-TO-LEFT
OVERRIDE (U+202E) reverses the text after it ("Trojan Source"), a zero-width
space inside a URL makes a different address that looks the same, Unicode tag
characters carry hidden text. Character references (``&#x202E;``) count too:
the Markdown renderer turns them into the characters.

Allowed where the language needs them: ZERO WIDTH NON-JOINER and ZERO WIDTH
JOINER in the scripts that use them (Persian, Urdu, Indic scripts...) and in
emoji sequences; the marks LRM, RLM and ALM, and balanced isolates, in a
right-to-left language. Never inside a URL.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from ..langcode import LanguageInfo
from .base import CheckContext, Issue, character_name
from .inline import in_spans, url_spans
from .magnitudes import base_language

OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")  # LRE RLE PDF LRO RLO
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
POP_ISOLATE = "\u2069"
MARKS = frozenset("\u200e\u200f\u061c")  # LRM RLM ALM
JOINERS = frozenset("\u200c\u200d")  # ZWNJ ZWJ
# Invisible characters that are not format characters (category Cf).
_INVISIBLE_EXTRA = frozenset(
    "\u115f\u1160\u3164\uffa0\u17b4\u17b5\u2800\u2028\u2029\u180b\u180c\u180d\u180f"
)
# Languages written in scripts where ZWNJ/ZWJ are part of correct spelling.
NEEDS_JOINERS = frozenset(
    re.findall(
        r"\w+",
        "fa ur ps ckb ku sd ks ug bal ar hi mr ne sa bn as pa gu or ta te kn ml si my km "
        "bo dz mai kok brx doi sat mni",
    )
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Every character a check may report: control characters, the format characters
# (category Cf, Unicode 14/15), the invisible extras, variation selectors and tags.
# Only these are looked at, so a long text costs one regex scan.
SUSPECT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u2028\u2029\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f]"
)

_WHAT = {
    "\u202e": "reverses the text after it",
    "\u202d": "forces the text after it left to right",
    "\u202a": "starts a left-to-right embedding",
    "\u202b": "starts a right-to-left embedding",
    "\u202c": "ends an embedding or override",
}


def _is_control(char: str, source: str) -> bool:
    code = ord(char)
    if char == "\n" or (char == "\t" and "\t" in source):
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xE0000 <= code <= 0xE007F


def _is_invisible(char: str) -> bool:
    return (
        unicodedata.category(char) == "Cf"
        or char in _INVISIBLE_EXTRA
        or ("\ufe00" <= char <= "\ufe0f")
    )


def _emoji_neighbours(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return any(ch and unicodedata.category(ch) == "So" for ch in (before, after))


def _balanced_isolates(text: str) -> bool:
    depth = 0
    for char in text:
        if char in ISOLATES:
            depth += 1
        elif char == POP_ISOLATE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _occurrences(text: str) -> Iterator[tuple[int, str, str]]:
    """(position, character, how it is written) for each suspect character, references decoded."""
    for match in SUSPECT.finditer(text):
        yield match.start(), match.group(), ""
    for match in _REFERENCE.finditer(text):
        decoded = html.unescape(match.group())
        if len(decoded) == 1 and decoded != match.group() and SUSPECT.match(decoded):
            yield match.start(), decoded, match.group()


def check_characters(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """No bidi overrides, control characters, or invisible characters out of place."""
    spans = url_spans(translation)
    rtl = language.direction == "rtl"
    joiners_ok = base_language(language.code) in NEEDS_JOINERS
    isolates_ok = rtl and _balanced_isolates(html.unescape(translation))
    reported: set[tuple[str, str]] = set()
    for index, char, written in _occurrences(translation):
        in_url = in_spans(index, spans)
        code = _classify(char, source, translation, index, in_url, rtl, joiners_ok, isolates_ok)
        if code is None or (code, char) in reported:
            continue
        reported.add((code, char))
        yield Issue(code, _message(code, char, index, written, translation))


def _classify(
    char: str,
    source: str,
    text: str,
    index: int,
    in_url: bool,
    rtl: bool,
    joiners_ok: bool,
    isolates_ok: bool,
) -> str | None:
    if _is_control(char, source):
        return "control-char"
    if char in OVERRIDES or ((char in ISOLATES or char == POP_ISOLATE) and not isolates_ok):
        return "bidi-control"
    if not _is_invisible(char):
        return None
    if in_url:
        return "url-invisible"
    if char in ISOLATES or char == POP_ISOLATE:
        return None  # balanced, in a right-to-left language
    if char in MARKS and rtl:
        return None
    if char in JOINERS and (joiners_ok or (char == "\u200d" and _emoji_neighbours(text, index))):
        return None
    if "\ufe00" <= char <= "\ufe0f" and index > 0 and not text[index - 1].isalnum():
        return None  # a variation selector after a symbol (emoji presentation)
    if char in source:
        return None  # copied from the source
    return "invisible"


def _message(code: str, char: str, index: int, written: str, text: str) -> str:
    where = f"at character {index + 1}"
    if written:
        where += f" (written as the reference {written})"
    count = text.count(char) + (text.count(written) if written else 0)
    if count > 1:
        where += f", {count} times"
    name = character_name(char)
    if code == "bidi-control":
        effect = _WHAT.get(char, "isolates text in a left-to-right language")
        return f"{name} {where}: it {effect}; remove it"
    if code == "control-char":
        if 0xE0000 <= ord(char) <= 0xE007F:
            return f"{name} {where}: Unicode tag characters carry hidden text; remove them"
        return f"control character {name} {where}; remove it"
    if code == "url-invisible":
        return f"invisible {name} {where}, inside a URL: the address is not what it looks like"
    return f"invisible {name} {where}; remove it unless it is needed"
