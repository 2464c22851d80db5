"""The ``length`` and ``identical`` checks: a translation of plausible size, not a copy.

Lengths are compared in characters, letters and digits only, scaled by how
long the language usually writes what English says in 100 characters (Chinese
and Japanese take far fewer). Short segments (titles, datelines) vary too
much and are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langcode import LanguageInfo
from .base import CheckContext, Issue
from .magnitudes import base_language

MIN_SOURCE_CHARS = 40  # shorter sources are not compared
MIN_WORDS = 3  # fewer words: a name or an acronym, often kept as it is
TOO_LONG = 2.0  # times the expected length
TOO_SHORT = 0.5
# Typical length of a translation relative to English (characters).
EXPANSION = {"zh": 0.3, "ja": 0.4, "ko": 0.45, "yue": 0.3}
_LETTERS = re.compile(r"[\w]", re.UNICODE)
_WORDS = re.compile(r"[^\W\d_]{2,}")


def _size(text: str) -> int:
    return len(_LETTERS.findall(text))


def check_length(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """Not much longer or shorter than the source."""
    source_size, size = _size(source), _size(translation)
    if source_size < MIN_SOURCE_CHARS:
        return
    expected = source_size * EXPANSION.get(base_language(language.code), 1.0)
    if context.source_language is not None:
        expected /= EXPANSION.get(base_language(context.source_language.code), 1.0)
    ratio = size / expected
    if ratio > TOO_LONG or ratio < TOO_SHORT:
        word = "longer" if ratio > 1 else "shorter"
        yield Issue(
            "length",
            f"{size} letters against {source_size} in the source, {ratio:.1f} times the usual "
            f"length for {language.code}: much {word} than the source; is a part missing "
            "or repeated?",
        )


def check_identical(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """Not the source copied unchanged (a phrase, not a name, an acronym or a number)."""
    if translation.strip() != source.strip() or len(_WORDS.findall(source)) < MIN_WORDS:
        return
    if context.source_language and base_language(context.source_language.code) == base_language(
        language.code
    ):
        return  # en → en_GB: the same text is often right
    yield Issue(
        "identical",
        "the translation is the source text unchanged; translate it, or leave it empty to "
        "show the source",
    )
