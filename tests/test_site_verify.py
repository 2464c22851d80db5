"""Verification of a rendered page: what is checked, and that a tampered page is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publish.config import load_project
from publish.site.verify import Expected, verify_page, verify_safety
from publish.workspace import load_articles
from site_fixtures import SMALL, SMALL_SLUG, build, copy_project


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Expected]:
    root = copy_project(SMALL, tmp_path_factory.mktemp("verify"))
    result = build(root)
    assert result.exit_code == 0, result.output
    attribution = load_articles(load_project(root))[0].attribution
    html = (root / "site" / "ru" / SMALL_SLUG / "index.html").read_text(encoding="utf-8")
    expected = Expected(
        attribution=attribution,
        lang="ru",
        direction="ltr",
        source_lang="en",
        headline="Ночные поезда возвращаются в Альпы",
        translators=("Ivan Petrov", "Example Translators"),
    )
    return html, expected


def test_the_built_page_passes(page: tuple[str, Expected]) -> None:
    html, expected = page
    assert verify_page(html, expected) == []


def _problems(page: tuple[str, Expected], old: str, new: str) -> list[str]:
    """Problems after replacing every occurrence of ``old`` outside the JSON-LD."""
    html, expected = page
    assert old in html, old
    text, _data = _jsonld(html)
    before, _sep, after = html.partition(text)
    return verify_page(before.replace(old, new) + text + after.replace(old, new), expected)


NOTICE = "© 2024 Example Wire. Licensed under CC BY-ND 4.0; translations are published with the permission of Example Wire."


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        (f">{NOTICE}</p>", f">{NOTICE.replace('Wire.', 'Wire', 1)}</p>", "copyright notice"),
        (f">{NOTICE}</p>", f">{NOTICE} </p>", "copyright notice"),
        ('<p class="notice" lang="en"', '<p class="notice" lang="ru"', "copyright notice"),
        (
            '<bdi class="author">Maria Keller</bdi>',
            '<bdi class="author">Maria Kell</bdi>',
            "author",
        ),
        (
            'href="https://news.example.com/2024/03/night-trains?ref=rss&amp;lang=en" hreflang',
            'href="https://news.example.com/2024/03/night-trains" hreflang',
            "link <a href=",
        ),
        ("<bdi>Night Trains Return to the Alps</bdi>", "<bdi>Night Trains</bdi>", "link <a href="),
        ('<time datetime="2024-03-05">', '<time datetime="2024-03-06">', "original date"),
        ('<html lang="ru"', '<html lang="en"', 'has no <html lang="ru">'),
        ('dir="ltr">\n<head>', 'dir="rtl">\n<head>', 'has no <html dir="ltr">'),
        ('<bdi class="translator">Ivan Petrov</bdi>', "someone", "translator credit"),
    ],
)
def test_a_changed_attribution_is_refused(
    page: tuple[str, Expected], old: str, new: str, missing: str | None
) -> None:
    problems = _problems(page, old, new)
    assert problems, "the tampered page passed"
    if missing is not None:
        assert any(missing in problem for problem in problems), problems


def test_every_author_must_appear(page: tuple[str, Expected]) -> None:
    html, expected = page
    html = html.replace('<bdi class="author">José Álvarez</bdi>', "J. Álvarez")
    assert "lacks the author 'José Álvarez'" in verify_page(html, expected)


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        ("<main>", "<main><script>alert(1)</script>", "<script> other than the JSON-LD"),
        ("<main>", '<main><a href="javascript:alert(1)">x</a>', "has href='javascript:alert(1)'"),
        ("<main>", '<main><a href=" JaVaScript:alert(1)">x</a>', "outside http"),
        ("<main>", '<main><img src="data:image/png;base64,AA" alt="">', "src="),
        ("<main>", '<main><p onclick="x()">x</p>', "event handler"),
        ("<main>", '<main><iframe src="https://x.example"></iframe>', "<iframe>"),
        ("<head>", '<head><meta http-equiv="refresh" content="0;url=https://x">', "meta refresh"),
    ],
)
def test_unsafe_markup_is_refused(
    page: tuple[str, Expected], old: str, new: str, missing: str
) -> None:
    problems = _problems(page, old, new)
    assert any(missing in problem for problem in problems), problems


def _jsonld(html: str) -> tuple[str, dict[str, object]]:
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    end = html.index("</script>", start)
    return html[start:end], json.loads(html[start:end])


@pytest.mark.parametrize(
    ("key", "value", "missing"),
    [
        ("headline", "Другой заголовок", "headline"),
        ("inLanguage", "en", "inLanguage"),
        ("copyrightNotice", "© Someone else", "copyrightNotice"),
        ("author", [{"@type": "Person", "name": "Maria Keller"}], "author"),
        ("datePublished", "2024-03-06", "datePublished"),
        ("translationOfWork", {"url": "https://elsewhere.example/"}, "translationOfWork"),
        ("license", "CC BY 4.0", "license"),
        ("copyrightHolder", "Example Wire", "copyrightHolder"),
        ("translator", [{"@type": "Person", "name": "Nobody"}], "translator"),
    ],
)
def test_jsonld_must_match(
    page: tuple[str, Expected], key: str, value: object, missing: str
) -> None:
    html, expected = page
    text, data = _jsonld(html)
    data[key] = value
    problems = verify_page(html.replace(text, json.dumps(data)), expected)
    assert any(missing in problem for problem in problems), problems


def test_jsonld_must_parse_and_be_single(page: tuple[str, Expected]) -> None:
    html, expected = page
    text, _data = _jsonld(html)
    assert any("does not parse" in p for p in verify_page(html.replace(text, text[:-5]), expected))
    doubled = html.replace("</head>", f'<script type="application/ld+json">{text}</script></head>')
    assert any("exactly one JSON-LD" in p for p in verify_page(doubled, expected))
    removed = html.replace(f'<script type="application/ld+json">{text}</script>', "")
    assert any("exactly one JSON-LD" in p for p in verify_page(removed, expected))


def test_index_pages_get_the_safety_checks(tmp_path: Path) -> None:
    assert (
        verify_safety("<!DOCTYPE html><html lang=en><body><a href='index.html'>x</a></body></html>")
        == []
    )
    assert verify_safety("<p>no html element</p>") == ["has no <html> element"]
    assert verify_safety("<html><script>x</script></html>")
