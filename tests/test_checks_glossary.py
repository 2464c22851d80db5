"""The glossary check and glossary.yaml: good and bad pairs, and located errors."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.glossary import Glossary, check_glossary, parse_glossary
from publish.errors import ConfigError
from publish.langcode import language_info
from publish.yamlload import load_mapping

GLOSSARY_YAML = """\
RFE/RL: keep
Tyva:
  ru: Тыв
  uk: Тив
Buryatia:
  default: keep
  ru: [Бурятия, Бурятии, Бурятию, Бурятией]
Vyber:
  pt_BR: Vyber
"""


def glossary() -> Glossary:
    return parse_glossary(load_mapping(GLOSSARY_YAML, "glossary.yaml"), "glossary.yaml")


def messages(source: str, target: str, language: str = "ru") -> list[str]:
    context = CheckContext(glossary=glossary())
    return [i.message for i in check_glossary(source, target, language_info(language), context)]


GOOD = [
    ("Vasily told RFE/RL", "рассказал Василий RFE/RL", "ru"),
    ("regions like Tyva", "регионы, такие как Тыва", "ru"),
    ("returned to Tyva", "вернулись в Тыву", "ru"),  # a stem covers inflected forms
    ("returned to Tyva", "повернулися до Тиви", "uk"),
    ("from Buryatia", "из Бурятии", "ru"),
    ("from Buryatia", "aus Buryatia", "de"),  # default: keep
    ("Tyvan people", "тувинцы", "ru"),  # not the term as a whole word
    ("on the Vyber app", "no aplicativo Vyber", "pt_BR"),
    ("on the Vyber app", "в мессенджере Вайбер", "ru"),  # ru has no rule for Vyber
]

BAD = [
    ("Vasily told RFE/RL", "рассказал Василий РСЕ/РС", "ru", "'RFE/RL' should be kept as 'RFE/RL'"),
    (
        "regions like Tyva",
        "регионы, такие как Тува",
        "ru",
        "'Tyva' should be rendered as 'Тыв' in ru",
    ),
    (
        "from Buryatia",
        "из Бурятской республики",
        "ru",
        "'Buryatia' should be rendered as 'Бурятия'",
    ),
    ("from Buryatia", "aus Burjatien", "de", "'Buryatia' should be kept as 'Buryatia' in de"),
    ("on the Vyber app", "no aplicativo Viber", "pt_BR", "glossary.yaml:8"),
]


@pytest.mark.parametrize(("source", "target", "language"), GOOD)
def test_good(source: str, target: str, language: str) -> None:
    assert messages(source, target, language) == []


@pytest.mark.parametrize(("source", "target", "language", "expected"), BAD)
def test_bad(source: str, target: str, language: str, expected: str) -> None:
    found = messages(source, target, language)
    assert len(found) == 1 and expected in found[0], found


def test_no_glossary_no_findings() -> None:
    context = CheckContext()
    assert list(check_glossary("RFE/RL", "РСЕ/РС", language_info("ru"), context)) == []


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("A: keep\nB: nonsense\n", 2, "expected `keep` or a mapping"),
        ("A: keep\nB:\n  russian: x\n", 2, "'russian' is not a language code"),
        ("A:\n  ru: []\n", 1, "expected `keep`, a rendering or a list"),
        ("A:\n  ru: [x, 3]\n", 1, "expected `keep`, a rendering or a list"),
    ],
)
def test_invalid_glossary_is_located(text: str, line: int, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_glossary(load_mapping(text, "glossary.yaml"), "glossary.yaml")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("glossary.yaml", line)
    assert expected in problem.message


def test_every_glossary_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_glossary(load_mapping("A: 1\nB: 2\nC: keep\n", "g.yaml"), "g.yaml")
    assert [p.line for p in caught.value.problems] == [1, 2]
