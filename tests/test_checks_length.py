"""The length and identical checks: good and bad pairs."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.length import check_identical, check_length
from publish.langcode import language_info

EN = language_info("en")
CONTEXT = CheckContext(source_language=EN)
SOURCE = (
    "Ailana said her son gave the new soldier his helmet, his bulletproof vest, "
    "and all his remaining ammunition."
)


def codes(source: str, target: str, language: str = "ru") -> list[str]:
    lang = language_info(language)
    return [i.code for i in check_length(source, target, lang, CONTEXT)] + [
        i.code for i in check_identical(source, target, lang, CONTEXT)
    ]


GOOD = [
    (
        SOURCE,
        "Айлана рассказала, что её сын отдал новому солдату свою каску, бронежилет и все оставшиеся патроны.",
        "ru",
    ),
    (SOURCE, "艾拉娜说，她的儿子把头盔、防弹背心和剩下的所有弹药都给了新来的士兵。", "zh"),
    (
        "Title",
        "Заголовок, который намного длиннее короткого источника",
        "ru",
    ),  # too short to compare
    ("RFE/RL", "RFE/RL", "ru"),  # a name, not words to translate
    ("1,351", "1,351", "ru"),
    (SOURCE, SOURCE, "en_GB"),  # same language
]

BAD = [
    (SOURCE, "Айлана рассказала о сыне.", "ru", "length"),
    (
        SOURCE,
        " ".join(["Айлана рассказала, что её сын отдал новому солдату свою каску."] * 5),
        "ru",
        "length",
    ),
    (SOURCE, SOURCE, "ru", "identical"),
]


@pytest.mark.parametrize(("source", "target", "language"), GOOD)
def test_good(source: str, target: str, language: str) -> None:
    assert codes(source, target, language) == []


@pytest.mark.parametrize(("source", "target", "language", "code"), BAD)
def test_bad(source: str, target: str, language: str, code: str) -> None:
    assert codes(source, target, language) == [code]
