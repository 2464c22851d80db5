"""Rendering: translations cannot add structure, HTML or unsafe links; JSON-LD; UI catalogs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from jinja2 import DictLoader, Environment

from publish.site.jsonld import dumps_for_script, news_article
from publish.site.links import link_allowed
from publish.site.policy import Credit
from publish.site.render_markdown import Languages, render_body
from publish.site.translate import FALLBACK, FUZZY, SOURCE, TRANSLATED, SegmentText
from publish.site.uitext import compile_mo, translations_from_po, ui_translations
from publish.source.model import Attribution

BODY = """\
Rail operators restored the **night train** between Vienna
and Zurich.

## What changed

- New sleeper cars
- A later departure

> "We sold out," said [the operator](https://operator.example/press).

<!-- publish: skip -->
Timetable code: NJ 466.

See the [timetable][tt].

[tt]: https://operator.example/timetable
"""
FIRST_LINE = 10
PARAGRAPH = "Rail operators restored the **night train** between Vienna and Zurich."
RU = Languages("ru", "en", "ltr")
AR = Languages("ar", "en", "ltr")


def shown(**texts: tuple[str, str]) -> dict[str, SegmentText]:
    return {source: SegmentText(source, text, status) for source, (text, status) in texts.items()}


def render(mapping: dict[str, SegmentText], languages: Languages = RU, mark: str = "") -> str:
    return render_body(
        BODY, "source/x.md", FIRST_LINE, frozenset({FIRST_LINE + 11}), mapping, languages, mark
    )


def test_translation_replaces_inline_text_keeping_the_source_structure() -> None:
    html = render(
        {
            PARAGRAPH: SegmentText(PARAGRAPH, "Операторы вернули **ночной поезд**.", TRANSLATED),
            "What changed": SegmentText("What changed", "Что изменилось", TRANSLATED),
            "See the [timetable][tt].": SegmentText(
                "See the [timetable][tt].", "См. [расписание][tt].", TRANSLATED
            ),
        }
    )
    assert "<p>Операторы вернули <strong>ночной поезд</strong>.</p>" in html
    assert "<h3>Что изменилось</h3>" in html  # headings move one level down: the title is the h1
    # A reference link of the source resolves inside the translation.
    assert '<a href="https://operator.example/timetable">расписание</a>' in html


@pytest.mark.parametrize(
    "translation",
    [
        "# Заголовок",
        "- пункт",
        "> цитата",
        "---\ntitle: x\n---",
        "[ref]: https://evil.example/\n\nтекст",
        "    код",
        "1. первый",
    ],
)
def test_a_translation_cannot_create_blocks(translation: str) -> None:
    html = render({PARAGRAPH: SegmentText(PARAGRAPH, translation, TRANSLATED)})
    first = html.split("\n")[0]
    assert (first.startswith("<p>") and first.count("<") == 1) or first.endswith("</p>"), html
    assert "<h1" not in html and "<ol" not in html and "<pre" not in html and "<hr" not in html
    assert html.count("<blockquote>") == 1 and html.count("<ul>") == 1


@pytest.mark.parametrize(
    "translation",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[клик](javascript:alert(1))",
        "[клик](JAVASCRIPT:alert(1))",
        "[клик](&#106;avascript:alert(1))",
        "[клик](java\nscript:alert(1))",
        "[клик](vbscript:msgbox)",
        "[клик](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/png;base64,AAAA)",
        "<javascript:alert(1)>",
        "[клик](file:///etc/passwd)",
        '<a href="javascript:alert(1)">клик</a>',
    ],
)
def test_no_translation_can_put_a_script_or_unsafe_link_into_a_page(translation: str) -> None:
    html = render({PARAGRAPH: SegmentText(PARAGRAPH, translation, TRANSLATED)})
    assert "<script" not in html
    assert "<img" not in html or 'src="data:' not in html
    for href in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert link_allowed(href), href
        assert not href.lower().startswith(("javascript:", "vbscript:", "data:", "file:"))
    assert not re.search(r"<[^>]*\sonerror=", html)


def test_allowed_links() -> None:
    for url in (
        "https://a.example/",
        "http://a.example",
        "mailto:a@b.example",
        "/path",
        "../x/index.html",
        "#top",
        "?q=1",
    ):
        assert link_allowed(url), url
    for url in (
        "javascript:alert(1)",
        " javascript:x",
        "ftp://x",
        "data:x",
        "tel:123",
        "vbscript:x",
    ):
        assert not link_allowed(url), url
    html = render(
        {
            PARAGRAPH: SegmentText(
                PARAGRAPH,
                "[a](mailto:desk@example.com) [b](../other/) [c](http://x.example)",
                TRANSLATED,
            )
        }
    )
    assert 'href="mailto:desk@example.com"' in html
    assert 'href="../other/"' in html
    assert 'href="http://x.example"' in html


def test_fallback_blocks_carry_the_source_lang_dir_and_a_class() -> None:
    html = render({}, AR)
    assert (
        '<p lang="en" dir="ltr" class="untranslated">Rail operators restored the '
        "<strong>night train</strong> between Vienna\nand Zurich.</p>"
    ) in html
    # Tight-list items become paragraphs so the marker covers only that item.
    assert '<li>\n<p lang="en" dir="ltr" class="untranslated">New sleeper cars</p>\n</li>' in html
    assert '<h3 lang="en" dir="ltr" class="untranslated">What changed</h3>' in html
    # A block kept out of translation (publish: skip) is marked with the source language only.
    assert '<p lang="en" dir="ltr" class="original">Timetable code: NJ 466.</p>' in html


def test_fuzzy_blocks_are_marked_may_be_outdated() -> None:
    html = render(
        {"New sleeper cars": SegmentText("New sleeper cars", "Новые вагоны", FUZZY)},
        RU,
        "возможно, устарело",
    )
    assert (
        '<p class="fuzzy">Новые вагоны <small class="outdated-mark">(возможно, устарело)</small></p>'
        in html
    )


def test_fuzzy_mark_is_escaped() -> None:
    html = render(
        {"New sleeper cars": SegmentText("New sleeper cars", "x", FUZZY)}, RU, "<b>old</b>"
    )
    assert "&lt;b&gt;old&lt;/b&gt;" in html


def test_source_page_is_not_marked() -> None:
    html = render(
        {PARAGRAPH: SegmentText(PARAGRAPH, PARAGRAPH, SOURCE)}, Languages("en", "en", "ltr")
    )
    assert "lang=" not in html and "class=" not in html


def test_unknown_segment_falls_back() -> None:
    html = render({PARAGRAPH: SegmentText(PARAGRAPH, "x", FALLBACK)})
    assert 'class="untranslated"' in html


ATTRIBUTION = Attribution(
    title="Night Trains </script><!-- Return",
    authors=("Maria Keller", "José Álvarez"),
    date=dt.date(2024, 3, 5),
    original_url="https://news.example.com/night?a=1&b=2",
    notice="© 2024 Example Wire.\u2028Line",
    publisher="Example Wire",
    copyright_holder="Example Wire",
    license="CC BY 4.0",
)


def test_jsonld_authors_that_are_organizations() -> None:
    attribution = dataclasses.replace(ATTRIBUTION, organizations=("José Álvarez",))
    data = news_article(
        attribution, headline="x", language="ru", source_language="en", url="https://s.example/"
    )
    expected = [
        {"@type": "Person", "name": "Maria Keller"},
        {"@type": "Organization", "name": "José Álvarez"},
    ]
    assert data["author"] == expected
    assert data["translationOfWork"]["author"] == expected


def test_jsonld_for_a_translation() -> None:
    data = news_article(
        ATTRIBUTION,
        headline="Ночные поезда",
        language="ru",
        source_language="en",
        url="https://site.example/ru/night/",
        translators=(Credit("Anna", "Person"), Credit("Team", "Organization")),
    )
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == "ru"
    assert [a["name"] for a in data["author"]] == ["Maria Keller", "José Álvarez"]
    assert data["translator"] == [
        {"@type": "Person", "name": "Anna"},
        {"@type": "Organization", "name": "Team"},
    ]
    assert data["translationOfWork"]["url"] == ATTRIBUTION.original_url
    assert data["translationOfWork"]["inLanguage"] == "en"
    assert data["isBasedOn"] == ATTRIBUTION.original_url
    assert data["copyrightHolder"] == {"@type": "Organization", "name": "Example Wire"}
    assert data["copyrightNotice"] == ATTRIBUTION.notice
    assert data["license"] == "CC BY 4.0"
    assert data["datePublished"] == "2024-03-05"


def test_jsonld_for_the_source_page_has_no_translation_fields() -> None:
    data = news_article(
        ATTRIBUTION, headline=ATTRIBUTION.title, language="en", source_language="en", url="u"
    )
    assert "translationOfWork" not in data and "translator" not in data


def test_jsonld_cannot_close_its_script_element() -> None:
    data = news_article(
        ATTRIBUTION, headline=ATTRIBUTION.title, language="en", source_language="en", url="u"
    )
    text = dumps_for_script(data)
    assert "</script" not in text.lower() and "<!--" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == data


def test_ui_catalogs_plural_forms() -> None:
    ru = ui_translations("ru")
    one = "%(num)d paragraph is shown in the original language (%(language)s) because its translation is not ready yet."
    many = "%(num)d paragraphs are shown in the original language (%(language)s) because their translations are not ready yet."
    assert ru.ngettext(one, many, 1).startswith("%(num)d абзац показан")
    assert ru.ngettext(one, many, 3).startswith("%(num)d абзаца показаны")
    assert ru.ngettext(one, many, 5).startswith("%(num)d абзацев показаны")
    assert ru.ngettext(one, many, 21).startswith("%(num)d абзац показан")
    ar = ui_translations("ar")
    forms = {ar.ngettext(one, many, n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(forms) >= 5
    assert ar.ngettext(one, many, 2).startswith("فقرتان")
    assert ui_translations("pt_BR").gettext("Articles") == "Articles"  # no catalog: English
    assert (
        ui_translations("de_AT").gettext("Articles") == "Artikel"
    )  # falls back to the base language


def test_compile_mo_skips_fuzzy_and_untranslated() -> None:
    po = (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        b'msgid "a"\nmsgstr "A"\n\n#, fuzzy\nmsgid "b"\nmsgstr "B"\n\nmsgid "c"\nmsgstr ""\n\n'
        b'msgctxt "k"\nmsgid "d"\nmsgstr "D"\n'
    )
    translations = translations_from_po(po, "x.po")
    assert translations.gettext("a") == "A"
    assert translations.gettext("b") == "b"
    assert translations.gettext("c") == "c"
    assert translations.pgettext("k", "d") == "D"
    from publish.po.reader import read_catalog

    assert compile_mo(read_catalog(po, "x.po"))[:4] == b"\xde\x12\x04\x95"


def test_pages_environment_autoescapes_whatever_the_template_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from publish.site.pages import environment

    (tmp_path / "page.html.j2").write_text("{{ value }}", encoding="utf-8")
    (tmp_path / "page.txt").write_text("{{ value }}", encoding="utf-8")
    env = environment(str(tmp_path), "ru")
    for name in ("page.html.j2", "page.txt"):
        assert (
            env.get_template(name).render(value="<script>x</script>")
            == "&lt;script&gt;x&lt;/script&gt;"
        )
    # The i18n extension is installed with the language's catalog.
    assert env.from_string("{{ _('Articles') }}").render() == "Статьи"
    # For comparison: Jinja2's own default would not have escaped it.
    plain = Environment(loader=DictLoader({"page.html.j2": "{{ value }}"}))
    assert "<script>" in plain.get_template("page.html.j2").render(value="<script>")
