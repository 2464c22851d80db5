"""The quotes and quotes-lost checks: good and bad pairs."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.quotes_check import check_quotes, count_quotations
from publish.langcode import language_info

CONTEXT = CheckContext()

SPEECH = (
    '"He called me from Belarus," the woman continued. "He complained that their '
    "'arms were being twisted,' but I could tell he was scared.\""
)
# Seed 001's inserted paragraph: an odd number of straight double quotes.
UNBALANCED_SOURCE = (
    "He arrived without any ammunition for his rifle. My son looked at him in shock and "
    "said, 'Where do you think you are? This is a war.\""
)


def codes(source: str, target: str, language: str = "ru") -> list[str]:
    return [i.code for i in check_quotes(source, target, language_info(language), CONTEXT)]


GOOD = [
    (
        SPEECH,
        "«Он позвонил мне из Беларуси», — продолжила женщина. «Он жаловался, что им „выкручивали руки“, но я видела, что он боится»",
        "ru",
    ),
    (
        SPEECH,
        "«Он позвонил мне из Беларуси, — продолжила женщина. — Он жаловался, что им выкручивали руки»",
        "ru",
    ),
    (
        SPEECH,
        "„Er rief mich aus Belarus an“, fuhr die Frau fort. „Er klagte, man habe ihnen ‚die Arme verdreht‘.“",
        "de",
    ),
    (SPEECH, "« Il m’a appelé de Biélorussie », a poursuivi la femme.", "fr"),
    ("No quotes here.", "Здесь нет кавычек.", "ru"),
    ("No quotes here.", "Здесь «есть» кавычки.", "ru"),
    (
        UNBALANCED_SOURCE,
        "Он сказал: «Ты где, по-твоему, находишься?",
        "ru",
    ),  # the source is to blame
]

BAD = [
    (SPEECH, "«Он позвонил мне из Беларуси, — продолжила женщина. Он жаловался", "ru", "quotes"),
    (SPEECH, "«Он позвонил мне „из Беларуси», — продолжила женщина.", "ru", "quotes"),
    (SPEECH, '"Он позвонил мне из Беларуси, — продолжила женщина.', "ru", "quotes"),
    (SPEECH, "Он позвонил ей из Беларуси, продолжила женщина, и жаловался.", "ru", "quotes-lost"),
]


@pytest.mark.parametrize(("source", "target", "language"), GOOD)
def test_good(source: str, target: str, language: str) -> None:
    assert codes(source, target, language) == []


@pytest.mark.parametrize(("source", "target", "language", "code"), BAD)
def test_bad(source: str, target: str, language: str, code: str) -> None:
    assert codes(source, target, language) == [code]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (SPEECH, 3),
        ("Ailana's advice, 'Mama, what should I do?' in the '90s", 1),
        ("«а „б“ в» и «г»", 3),
        ("“one” and “two”", 2),
        ("none", 0),
    ],
)
def test_count_quotations(text: str, count: int) -> None:
    assert count_quotations(text) == count
