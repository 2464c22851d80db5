"""`publish review`: the bilingual proof page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.review.diff import DELETE, EQUAL, INSERT, tokens, word_diff
from publish.site.verify import verify_safety
from site_fixtures import SMALL, SMALL_SLUG, copy_project

from helpers import run

SLUG = SMALL_SLUG


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_project(SMALL, tmp_path)


def review(root: Path, *args: str) -> str:
    result = run(["review", *args, "-o", "-"], root)
    assert result.exit_code == 0, result.output
    return result.output


def rows(html: str) -> list[str]:
    """The <tr> elements of the proof table's body."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr class=.*?</tr>", body, re.DOTALL)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the word diff -----------------------------------------------------------------


def test_word_diff_marks_whole_words_and_punctuation() -> None:
    parts = word_diff("Earlier...they just exchanged", "Earlier…they only exchanged")
    assert [(p.kind, p.text) for p in parts] == [
        (EQUAL, "Earlier"),
        (DELETE, "..."),
        (INSERT, "…"),
        (EQUAL, "they "),
        (DELETE, "just"),
        (INSERT, "only"),
        (EQUAL, " exchanged"),
    ]


def test_word_diff_of_equal_texts_is_one_part() -> None:
    assert [(p.kind, p.text) for p in word_diff("a b", "a b")] == [(EQUAL, "a b")]
    assert word_diff("", "") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.kind != INSERT) == old
    assert "".join(p.text for p in parts if p.kind != DELETE) == new
    assert all(p.text for p in parts)
    assert "".join(tokens(old)) == old


# --- the page ----------------------------------------------------------------------


def test_default_output_is_review_folder(small: Path) -> None:
    result = run(["review", "ru", SLUG], small)
    assert result.exit_code == 0, result.output
    path = small / "review" / "ru" / f"{SLUG}.html"
    assert result.output.strip() == f"wrote review/ru/{SLUG}.html"
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert verify_safety(html) == []
    # Written again unchanged: same bytes.
    assert run(["review", "ru", SLUG], small).exit_code == 0
    assert path.read_text(encoding="utf-8") == html


def test_output_option_writes_there(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "proof.html"
    result = run(["review", "ru", SLUG, "-o", str(target)], small)
    assert result.exit_code == 0, result.output
    assert '<table class="proof">' in target.read_text(encoding="utf-8")
    assert not (small / "review").exists()


def test_attribution_on_top_and_summary(small: Path) -> None:
    html = review(small, "ru", SLUG)
    top = html.split('<table class="proof">', 1)[0]
    assert "Night Trains Return to the Alps" in top
    assert "Maria Keller" in top and "José Álvarez" in top
    assert 'href="https://news.example.com/2024/03/night-trains?ref=rss&amp;lang=en"' in top
    assert "© 2024 Example Wire. Licensed under CC BY-ND 4.0" in top
    assert "Example Wire rights desk" in top
    assert "Ivan Petrov" in top  # translator credit from the .po header
    assert "Passes: this language version is published" in top
    assert "8: 7 translated, 1 fuzzy, 0 untranslated" in top
    assert "59: 53 translated, 6 fuzzy, 0 untranslated" in top
    assert "the threshold is 60%" in top


def test_columns_carry_their_language_and_direction(small: Path) -> None:
    html = review(small, "ar", SLUG)
    for row in rows(html):
        cells = re.findall(r"<td [^>]*>", row)
        assert cells == ['<td lang="en" dir="ltr">', '<td lang="ar" dir="rtl">']
    assert 'lang="ru" dir="ltr"' in review(small, "ru", SLUG)


def test_row_shows_role_status_and_lines(small: Path) -> None:
    table = rows(review(small, "ru", SLUG))
    assert len(table) == 8
    title = table[0]
    assert '<span class="num">1</span>' in title
    assert "title · 6 words" in title
    assert "source line 2" in title and ".po line 22" in title
    assert '<span class="status translated">translated</span>' in title
    heading = table[2]
    assert "heading · 2 words" in heading
    assert "Что изменилось" in heading


def test_fuzzy_row_shows_word_diff_from_previous_msgid(small: Path) -> None:
    table = rows(review(small, "ru", SLUG))
    fuzzy = [row for row in table if row.startswith('<tr class="fuzzy"')]
    assert len(fuzzy) == 1
    row = fuzzy[0]
    assert '<span class="status fuzzy">fuzzy</span>' in row
    assert "A later departure<ins>, at 21:40</ins>" in row
    assert "<del>" not in row
    assert "Более позднее отправление — в 21:40" in row


def test_untranslated_rows_are_highlighted(small: Path) -> None:
    table = rows(review(small, "ar", SLUG))
    untranslated = [row for row in table if row.startswith('<tr class="untranslated"')]
    assert len(untranslated) == 3
    for row in untranslated:
        assert "Not translated: the page shows the original here." in row
    assert "8: 5 translated, 0 fuzzy, 3 untranslated" in review(small, "ar", SLUG)


def test_findings_are_inline(small: Path) -> None:
    edit(
        small / f"locale/ru/LC_MESSAGES/{SLUG}.po",
        'msgstr "Новые спальные вагоны"',
        'msgstr "Новые спальные вагоны 2"',
    )
    html = review(small, "ru", SLUG)
    row = next(row for row in rows(html) if "Новые спальные вагоны" in row)
    assert '<li class="error"><b>error</b> <code>numbers</code>' in row
    assert "1 error, 0 warnings" in html


def test_translation_cannot_inject_markup(small: Path) -> None:
    edit(
        small / f"locale/ru/LC_MESSAGES/{SLUG}.po",
        'msgstr "Новые спальные вагоны"',
        'msgstr "<script>alert(1)</script> [x](javascript:alert(2)) '
        '<img src=x onerror=alert(3)> **ok**"',
    )
    html = review(small, "ru", SLUG)
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>ok</strong>" in html
    assert verify_safety(html) == []


def test_licence_refusal_is_the_verdict(small: Path) -> None:
    html = review(small, "fr", SLUG)
    assert "Not published" in html
    assert "forbids derivative works" in html


def test_language_not_in_publish_yaml(small: Path) -> None:
    source = small / "locale/ru/LC_MESSAGES" / f"{SLUG}.po"
    target = small / "locale/pt/LC_MESSAGES" / f"{SLUG}.po"
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes())
    html = review(small, "pt", SLUG)
    assert "pt is not listed under `languages:` in publish.yaml" in html


def test_print_stylesheet(small: Path) -> None:
    html = review(small, "ru", SLUG)
    assert "@media print" in html
    assert "break-inside: avoid" in html
    assert "display: table-header-group" in html


def test_stale_entries_are_listed(small: Path) -> None:
    edit(small / f"source/{SLUG}.md", "New sleeper cars", "New sleeping cars")
    html = review(small, "ru", SLUG)
    assert "In the catalog but no longer in the original" in html
    row = next(row for row in rows(html) if "New sleeping cars" in row)
    assert "not in the catalog" in row and "untranslated" in row


# --- errors ------------------------------------------------------------------------


def test_unknown_article(small: Path) -> None:
    result = run(["review", "ru", "no-such-article"], small)
    assert result.exit_code == 2
    assert "error: no article named no-such-article" in result.output
    assert "Traceback" not in result.output


def test_missing_catalog(small: Path) -> None:
    result = run(["review", "es", SLUG], small)
    assert result.exit_code == 2
    assert f"locale/es/LC_MESSAGES/{SLUG}.po: error: no catalog yet" in result.output
    assert "publish init es" in result.output


def test_invalid_language_code(small: Path) -> None:
    result = run(["review", "../ru", SLUG], small)
    assert result.exit_code == 2
    assert "invalid language code" in result.output


def test_broken_catalog_is_located(small: Path) -> None:
    path = small / f"locale/ru/LC_MESSAGES/{SLUG}.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "y\n', "utf-8")
    result = run(["review", "ru", SLUG], small)
    assert result.exit_code == 2
    assert re.search(rf"locale/ru/LC_MESSAGES/{SLUG}\.po:\d+: error: ", result.output)
    assert "Traceback" not in result.output
    assert not (small / "review").exists()


def test_help_speaks_to_translators(small: Path) -> None:
    result = run(["review", "--help"], small)
    assert result.exit_code == 0
    assert "side by side" in result.output
    assert "review/LANG/SLUG.html" in result.output
