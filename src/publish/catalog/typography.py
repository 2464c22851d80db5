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


def typography_key(text: str) -> str:
    """A key equal for texts that differ only in quotes, dashes, ellipses, spaces or NFC/NFD."""
    if not text.isascii():  # ASCII is NFC already, and the table maps only non-ASCII
        text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    if "-" in text:
        text = _DASHES.sub(" - ", text)
    if _IRREGULAR_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()
