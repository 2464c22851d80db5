"""The links and link-scheme checks: good and bad pairs."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.links import check_links
from publish.langcode import language_info

RU = language_info("ru")
SOURCE = "See [the report](https://www.rferl.org/a/31940262.html) and https://example.org/x."


def issues(source: str, target: str) -> list[tuple[str, str]]:
    return [(i.code, i.message) for i in check_links(source, target, RU, CheckContext())]


GOOD = [
    (SOURCE, "См. [доклад](https://www.rferl.org/a/31940262.html) и https://example.org/x."),
    (SOURCE, "См. https://example.org/x и [доклад](https://www.rferl.org/a/31940262.html)."),
    (SOURCE, "См. <https://www.rferl.org/a/31940262.html> и [сайт](https://example.org/x)."),
    ("Write to <mailto:desk@example.org>.", "Пишите на <mailto:desk@example.org>."),
    ("No links.", "Без ссылок."),
    ("[a](https://x.org/1) [b](https://x.org/1)", "[б](https://x.org/1) [а](https://x.org/1)"),
]

BAD = [
    (
        SOURCE,
        "См. [доклад](https://www.rfеrl.org/a/31940262.html) и https://example.org/x.",
        "links",
        "not in the source https://www.xn--rfrl-w4d.org/a/31940262.html "
        "(written https://www.rfеrl.org/a/31940262.html)",
    ),
    (SOURCE, "См. доклад и https://example.org/x.", "links", "missing https://www.rferl.org"),
    (
        "[a](https://x.org/1) [b](https://x.org/1)",
        "[а](https://x.org/1) б",
        "links",
        "missing https://x.org/1",
    ),
    (
        "[a](https://x.org/1)",
        "[а](https://x.org/1) [б](https://evil.example/)",
        "links",
        "not in the source https://evil.example/",
    ),
]


@pytest.mark.parametrize(("source", "target"), GOOD)
def test_good(source: str, target: str) -> None:
    assert issues(source, target) == []


@pytest.mark.parametrize(("source", "target", "code", "expected"), BAD)
def test_bad(source: str, target: str, code: str, expected: str) -> None:
    found = issues(source, target)
    assert [c for c, _m in found] == [code]
    assert expected in found[0][1]


@pytest.mark.parametrize(
    "target",
    [
        "[a](javascript:alert(1))",
        "[a](JavaScript:alert(1))",
        "[a](jav&#x61;script:alert(1))",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "<vbscript:msgbox>",
        "[a](file:///etc/passwd)",
    ],
)
def test_refused_schemes(target: str) -> None:
    found = issues("[a](https://x.org/)", target)
    assert "link-scheme" in [code for code, _m in found]


def test_the_scheme_is_checked_even_when_the_source_has_it() -> None:
    found = issues("[a](ftp://x.org/f)", "[а](ftp://x.org/f)")
    assert [code for code, _m in found] == ["link-scheme"]
