"""The markup and raw-html checks: good and bad pairs."""

from __future__ import annotations

import pytest

from publish.checks.base import CheckContext
from publish.checks.markup import check_markup, check_raw_html
from publish.langcode import language_info

RU = language_info("ru")


def markup(source: str, target: str) -> list[str]:
    return [i.message for i in check_markup(source, target, RU, CheckContext())]


def raw_html(source: str, target: str) -> list[str]:
    return [i.message for i in check_raw_html(source, target, RU, CheckContext())]


GOOD = [
    ("He said *no*.", "Он сказал *нет*."),
    ("He said *no*.", "Он сказал _нет_."),
    ("A **bold** claim", "**Смелое** заявление"),
    ("Run `publish build` now", "Запустите `publish build` сейчас"),
    ("[link](https://x.org) and *em*", "*курсив* и [ссылка](https://x.org)"),
    ("snake_case names", "имена snake_case"),
    ("2 * 3 = 6", "2 * 3 = 6"),
    ("Plain text.", "Простой текст."),
]

BAD = [
    ("He said *no*.", "Он сказал нет.", "emphasis: 1 in the source, 0 here"),
    ("A **bold** claim", "**Смелое заявление", "strong emphasis: 1 in the source, 0 here"),
    ("A **bold** claim", "**Смелое заявление", "unclosed markup shown as text: '*'"),
    (
        "Run `publish build` now",
        "Запустите `publish build сейчас",
        "code spans: 1 in the source, 0",
    ),
    ("Run `publish build` now", "Запустите `опубликовать` сейчас", "code spans are not translated"),
    ("[link](https://x.org)", "ссылка https://x.org", "links: 1 in the source, 0 here"),
    ("Text.", "[Текст](https://x.org", "unclosed markup shown as text: ']('"),
]


@pytest.mark.parametrize(("source", "target"), GOOD)
def test_good(source: str, target: str) -> None:
    assert markup(source, target) == []


@pytest.mark.parametrize(("source", "target", "expected"), BAD)
def test_bad(source: str, target: str, expected: str) -> None:
    assert any(expected in message for message in markup(source, target)), markup(source, target)


def test_changed_link_targets_are_left_to_the_links_check() -> None:
    assert markup("[a](https://x.org)", "[а](https://y.org)") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Plain.", "Просто."),
        (
            "Mail <desk@example.org> or <https://x.org>.",
            "Почта <desk@example.org> или <https://x.org>.",
        ),
        ("1 < 2 and 3 > 2", "1 < 2 и 3 > 2"),
        ("Literal <b> in the source", "Буквальный <b> в источнике"),
    ],
)
def test_raw_html_good(source: str, target: str) -> None:
    assert raw_html(source, target) == []


@pytest.mark.parametrize(
    ("target", "tag"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("Текст<br>дальше", "<br>"),
        ('<a href="https://x.org">ссылка</a>', '<a href="https://x.org">'),
        ("<!-- скрыто -->", "<!-- скрыто -->"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ],
)
def test_raw_html_bad(target: str, tag: str) -> None:
    found = raw_html("Text.", target)
    assert len(found) == 1 and tag in found[0]
