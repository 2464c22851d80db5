"""The bidi-control, invisible, url-invisible and control-char checks: good and bad pairs."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.characters import check_characters
from publish.langcode import language_info


def codes(target: str, language: str = "ru", source: str = "Source text.") -> list[str]:
    issues = check_characters(source, target, language_info(language), CheckContext())
    return [issue.code for issue in issues]


GOOD = [
    ("Обычный текст с неразрывным\u00a0пробелом и — тире.", "ru"),
    ("می\u200cخواهم", "fa"),  # ZWNJ is Persian spelling
    ("क्\u200dष", "hi"),  # ZWJ in Devanagari
    ("\u200fمرحبا", "ar"),  # RLM in a right-to-left language
    ("نص \u2066Latin name\u2069 نص", "ar"),  # a balanced isolate in a right-to-left language
    ("Семья \U0001f468\u200d\U0001f469\u200d\U0001f467 и \u2764\ufe0f", "ru"),  # emoji sequences
    ("Строка\nс переводом строки", "ru"),
]

BAD = [
    ("Он сказал \u202eпривет", "ru", "bidi-control"),
    ("Он сказал \u202dпривет", "ru", "bidi-control"),
    ("Он сказал \u202bпривет\u202c", "ru", "bidi-control"),
    ("Текст \u2066изолят\u2069", "ru", "bidi-control"),  # isolates in a left-to-right language
    ("نص \u2067غير مغلق", "ar", "bidi-control"),  # an isolate left open
    ("Он сказал &#x202E;привет", "ru", "bidi-control"),  # as a character reference
    ("Он сказал &#8238;привет", "ru", "bidi-control"),
    ("Слово\u200bслово", "ru", "invisible"),
    ("мяг\u00adкий", "ru", "invisible"),
    ("ab\u200cc", "ru", "invisible"),  # ZWNJ where the script does not use it
    ("Текст\u200fтекст", "ru", "invisible"),  # RLM in a left-to-right language
    ("Текст&rlm;текст", "ru", "invisible"),
    ("\ufeffТекст", "ru", "invisible"),
    ("См. https://www.rferl.org/a/\u200b1.html", "ru", "url-invisible"),
    ("См. [доклад](https://www.rferl.org/\u200da)", "ru", "url-invisible"),
    ("См. https://www.rferl.org/\u200fa", "ar", "url-invisible"),  # even where RLM is allowed
    ("Звонок\x07", "ru", "control-char"),
    ("Текст\x1bтекст", "ru", "control-char"),
    ("Текст\x85текст", "ru", "control-char"),  # C1 NEXT LINE
    ("Текст\x7f", "ru", "control-char"),
    ("Текст\tтекст", "ru", "control-char"),  # a tab the source does not have
    ("Текст\U000e0068\U000e0069", "ru", "control-char"),  # Unicode tags: hidden text
]


@pytest.mark.parametrize(("target", "language"), GOOD)
def test_good(target: str, language: str) -> None:
    assert codes(target, language) == []


@pytest.mark.parametrize(("target", "language", "code"), BAD)
def test_bad(target: str, language: str, code: str) -> None:
    assert code in codes(target, language)


def test_characters_copied_from_the_source_are_only_warned_about_when_dangerous() -> None:
    assert codes("мяг\u00adкий", source="soft\u00adhyphen") == []
    assert codes("Текст \u202eабв", source="Text \u202eabc") == ["bidi-control"]


def test_one_finding_per_character_with_its_position() -> None:
    issues = list(check_characters("x", "a\u202eb\u202ec", language_info("ru"), CheckContext()))
    assert len(issues) == 1
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 2, 2 times" in issues[0].message


def test_every_format_character_is_looked_at() -> None:
    """The prefilter covers Unicode's whole Cf category (fails when Python's Unicode grows)."""
    import sys
    import unicodedata

    from publish.checks.characters import SUSPECT

    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cf", "Cc")
        and chr(code) != "\n"
        and not SUSPECT.match(chr(code))
    ]
    assert missed == []
