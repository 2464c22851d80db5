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
    ("Number one", "#1 в списке"),
    ("Hash # sign", "Знак # решётки"),
    ("Escaped", "\\# не заголовок"),
    ("Dashes -- here", "Тире -- здесь"),
    ("A - B - C", "А - Б - В\nи -- дальше"),
    ("List", "- пункт\n- пункт"),
    ("Brackets [x]", "Скобки [x]: пояснение"),
    ("Two\n# lines", "Две\n# строки"),
    ("Rule\n---", "Черта\n---"),
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
    ("What changed", "# Что изменилось", "block Markdown the source does not have: a heading"),
    ("What changed", "### Что изменилось", "a heading marker '#'"),
    ("Text.", "Текст.\n## Ещё", "a heading marker '#'"),
    ("Text.", "   # Текст", "a heading marker '#'"),
    ("Text.", "#", "a heading marker '#'"),
    ("Text.", "---\ntitle: x\n---\nТекст.", "a '---' line (front matter or a thematic break)"),
    ("Text.", "Текст.\n\n* * *", "a '---' line"),
    ("Text.", "Текст\n___", "a '---' line"),
    ("Text.", "Текст\n===", "a setext heading underline"),
    ("Text.", "[x]: https://evil.example/\n\nТекст.", "a link reference definition"),
    ("Text.", "Текст.\n[x]: <https://evil.example/>", "a link reference definition"),
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
        ("and/or", "и/или 1 </ 2"),
        ("Arrows --> and <-", "Стрелки --> и <-"),
        ("Open <!-- in the source", "Открытый <!-- в источнике"),
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
        ("<svg/onload=alert(1)>", "<svg/onload=alert(1)>"),
        ("Текст<br/>дальше", "<br/>"),
        ("Текст <!-- а остальное скрыто", "'<!--' opens a comment that is never closed"),
        ("<!-- a --> и <!-- b", "<!--, <!-- a -->"),
        ("<!--<!--<!--", "HTML in the translation: <!-- ("),
    ],
)
def test_raw_html_bad(target: str, tag: str) -> None:
    found = raw_html("Text.", target)
    assert len(found) == 1 and tag in found[0]


def test_unclosed_comments_stay_linear() -> None:
    assert raw_html("Text.", "<!--" * 100_000)
    assert markup("Text.", "---\n" * 100_000)
