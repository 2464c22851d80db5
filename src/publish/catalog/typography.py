"""Typography-only differences: edits that must not make a translation fuzzy."""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\u00ad": None,
        "\u200b": None,
    }
)
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*-{2,3}\s*|\s+-\s+")
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]")  # what _SPACES would change (before strip)


# The last keys made: an article's messages are keyed in each of its languages.
_KEYS: dict[str, str] = {}
KEYS_KEPT = 512  # emptied when full


def typography_key(text: str) -> str:
    """A key equal for texts that differ only in quotes, dashes, ellipses, spaces or NFC/NFD."""
    key = _KEYS.get(text)
    if key is None:
        if len(_KEYS) >= KEYS_KEPT:
            _KEYS.clear()
        key = _KEYS[text] = _typography_key(text)
    return key


def _typography_key(text: str) -> str:
    if not text.isascii():  # ASCII is NFC already, and the table maps only non-ASCII
        text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    # Every whitespace character but the space is unprintable: in a printable text,
    # _DASHES can only match at "--" or " - ", and _SPACES change only "  ".
    printable = text.isprintable()
    if "--" in text or " - " in text or ("-" in text and not printable):
        text = _DASHES.sub(" - ", text)
        printable = text.isprintable()
    if "  " in text or (not printable and _IRREGULAR_SPACE.search(text)):
        text = _SPACES.sub(" ", text)
    return text.strip()
