"""`publish pseudo`: the pseudo-locale text, its catalogs and its separate build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.checks import CheckContext, check_entry
from publish.checks.base import ERROR
from publish.checks.inline import parse_inline
from publish.config import load_project
from publish.langcode import language_info, validate_code
from publish.po.model import Entry
from publish.po.reader import read_catalog
from publish.pseudo.catalogs import month_names, pseudo_catalog, pseudo_language
from publish.pseudo.text import pseudo_text
from publish.site.translate import count_words
from publish.workspace import load_articles

from helpers import SEED_SLUG, msgfmt_check, run, seed_project, tree_snapshot

PO = f"locale/en@pseudo/LC_MESSAGES/{SEED_SLUG}.po"
PAGE = f"site-pseudo/en@pseudo/{SEED_SLUG}/index.html"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project (built once; tests copy what they change)."""
    return seed_project(tmp_path_factory.mktemp("pseudo"), ["ru"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return seed_project(tmp_path, ["ru"])


# --- the text ----------------------------------------------------------------------


def test_letters_are_accented_and_bracketed() -> None:
    out = pseudo_text("Night trains return")
    assert out.startswith("[") and out.endswith("]")
    assert out.isascii() is False
    assert not re.search(r"[A-Za-z]", out)


def test_markdown_links_code_and_numbers_are_kept() -> None:
    source = (
        'Rail **operators** restored `NJ 466` on 21:40, see [the timetable](https://op.example/t "Times") '
        "or <mailto:desk@example.com>, www.example.org/x and desk@example.com; 55th brigade, "
        "$170-260, 10,000 rubles &amp; \\*stars\\*"
    )
    out = pseudo_text(source)
    for kept in (
        "`NJ 466`",
        "21:40",
        "](https://op.example/t ",
        "<mailto:desk@example.com>",
        "www.example.org/x",
        "desk@example.com",
        "55th",
        "$170-260",
        "10,000",
        "&amp;",
        "\\*",
        "**",
    ):
        assert kept in out, kept
    src, dst = parse_inline(source), parse_inline(out)
    assert src.structure == dst.structure
    assert src.targets == dst.targets
    assert src.code_spans == dst.code_spans


def test_reference_labels_and_months_are_kept() -> None:
    out = pseudo_text(
        "See [Foo], [Foo][] and [text][foo] on February 24.",
        labels=frozenset({"foo"}),
        keep=month_names("en"),
    )
    assert "[Foo]" in out and "[Foo][]" in out and "][foo]" in out
    assert "February 24" in out


def test_whitespace_stays_outside_and_empty_stays_empty() -> None:
    assert pseudo_text("") == ""
    assert pseudo_text("  ") == "  "
    assert pseudo_text(" a ") == " [á] "


def test_about_thirty_percent_longer(seeded: Path) -> None:
    config = load_project(seeded)
    (article,) = load_articles(config)
    source = sum(len(segment.text) for segment in article.segments)
    pseudo = sum(len(pseudo_text(segment.text)) for segment in article.segments)
    assert 1.2 <= pseudo / source <= 1.45


_PIECES = st.sampled_from(
    [
        "word",
        "Buryatia",
        "didn't",
        "333",
        "10,000",
        "21:40",
        "**strong**",
        "*em*",
        "_under_",
        "`code x`",
        "[link](https://example.org/a_b)",
        '[text](https://example.org/ "Title")',
        "<https://example.com/x>",
        "https://bare.example/path",
        '"quoted"',
        "«guillemets»",
        "—",
        "...",
        "(parens)",
        "&amp;",
        "\\*",
        "February 24",
        "55th",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_pseudo_text_passes_the_fact_checks(pieces: list[str]) -> None:
    source = " ".join(pieces)
    out = pseudo_text(source, keep=month_names("en"))
    src, dst = parse_inline(source), parse_inline(out)
    assert dst.structure == src.structure
    assert sorted(dst.targets) == sorted(src.targets)
    assert dst.code_spans == src.code_spans
    assert count_words(out) >= count_words(source)  # no words merged away
    language = language_info("en@pseudo")
    context = CheckContext(source_language=language_info("en"))
    findings = check_entry(Entry(msgid=source, msgstr=out), language, context)
    assert [f.render() for f in findings if f.severity == ERROR] == []


# --- the catalogs ------------------------------------------------------------------


def test_codes() -> None:
    for code in ("en@pseudo", "ar@pseudo"):
        assert validate_code(code) == code
    assert language_info("ar@pseudo").direction == "rtl"
    assert language_info("en@pseudo").direction == "ltr"


def test_catalog_checks_clean(seeded: Path) -> None:
    config = load_project(seeded)
    (article,) = load_articles(config)
    language = pseudo_language(config, "en@pseudo")
    catalog = pseudo_catalog(article, language, "2024-01-01 00:00+0000", month_names("en"))
    context = CheckContext(path="x.po", source_language=config.source_language)
    errors = [
        finding.render()
        for entry in catalog.entries
        for finding in check_entry(entry, language, context)
        if finding.severity == ERROR
    ]
    assert errors == []
    assert all(entry.msgstr and not entry.fuzzy for entry in catalog.entries)
    assert catalog.header_fields()["Language"] == "en@pseudo"
    assert catalog.header_fields()["X-Publish-Pseudo"] == "yes"


def test_pseudo_command_writes_catalog_and_builds_separately(project: Path) -> None:
    result = run(["pseudo"], project)
    assert result.exit_code == 0, result.output
    assert f"wrote {PO}" in result.output
    assert "site-pseudo: " in result.output
    po = project / PO
    catalog = read_catalog(po.read_bytes(), PO)
    assert catalog.header_fields()["X-Publish-Pseudo"] == "yes"
    assert msgfmt_check(po).returncode == 0
    page = (project / PAGE).read_text(encoding="utf-8")
    assert '<html lang="en-x-pseudo" dir="ltr">' in page
    assert pseudo_text("sent for 333 exercises").strip("[]") in page  # the body, too
    title = pseudo_text("In Russia's Poorest Regions")
    assert title.split("'")[0] in page  # the accented title
    assert "Ƥööööŕééšţ Ŕééĝîîööñš" in page
    assert not (project / "site").exists()  # the real site is not touched
    # `publish build` does not publish the pseudo-locale.
    result = run(["build"], project)
    assert result.exit_code == 0, result.output
    assert not list((project / "site").glob("en@pseudo*"))
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "pseudo" not in sitemap


def test_second_run_changes_nothing(project: Path) -> None:
    assert run(["pseudo"], project).exit_code == 0
    before = tree_snapshot(project)
    result = run(["pseudo"], project)
    assert result.exit_code == 0, result.output
    assert f"unchanged {PO}" in result.output
    assert tree_snapshot(project) == before


def test_rtl_pseudo_locale(project: Path) -> None:
    result = run(["pseudo", "ar"], project)
    assert result.exit_code == 0, result.output
    page = (project / f"site-pseudo/ar@pseudo/{SEED_SLUG}/index.html").read_text("utf-8")
    assert '<html lang="ar-x-pseudo" dir="rtl">' in page
    assert pseudo_text("sent for 333 exercises").strip("[]") in page
    assert (project / f"locale/ar@pseudo/LC_MESSAGES/{SEED_SLUG}.po").is_file()


def test_no_build(project: Path) -> None:
    result = run(["pseudo", "en@pseudo", "--no-build"], project)
    assert result.exit_code == 0, result.output
    assert (project / PO).is_file()
    assert not (project / "site-pseudo").exists()


def test_listed_in_publish_yaml_it_is_published(project: Path) -> None:
    assert run(["pseudo", "--no-build"], project).exit_code == 0
    config = project / "publish.yaml"
    config.write_text(
        config.read_text().replace("languages: [ru]", "languages: [ru, en@pseudo]"), "utf-8"
    )
    result = run(["build"], project)
    assert result.exit_code == 0, result.output
    assert (project / f"site/en@pseudo/{SEED_SLUG}/index.html").is_file()


def test_refuses_other_modifiers_and_bad_codes(project: Path) -> None:
    result = run(["pseudo", "sr@latin"], project)
    assert result.exit_code == 2
    assert "not a pseudo-locale code" in result.output
    result = run(["pseudo", "EN"], project)
    assert result.exit_code == 2
    assert "invalid language code" in result.output
    assert "Traceback" not in result.output


def test_never_overwrites_a_catalog_it_did_not_make(project: Path) -> None:
    assert run(["init", "ru"], project).exit_code == 0
    real = project / f"locale/ru/LC_MESSAGES/{SEED_SLUG}.po"
    target = project / PO
    target.parent.mkdir(parents=True)
    target.write_bytes(real.read_bytes())
    result = run(["pseudo"], project)
    assert result.exit_code == 3
    assert f"{PO}: error: was not made by `publish pseudo`" in result.output
    assert target.read_bytes() == real.read_bytes()
    # Every pseudo-locale is remade on each run, so it stays refused whatever LANG is;
    # the real catalog of the base language is never a target.
    assert run(["pseudo", "ru"], project).exit_code == 3
    assert real.read_bytes() == target.read_bytes()
    assert not (project / "site-pseudo").exists()


def test_manifest_is_separate(project: Path) -> None:
    assert run(["pseudo"], project).exit_code == 0
    manifest = json.loads((project / "site-pseudo/.publish-manifest.json").read_text("utf-8"))
    assert any("en@pseudo" in key for key in json.dumps(manifest).split('"'))


def test_help_speaks_to_translators(project: Path) -> None:
    result = run(["pseudo", "--help"], project)
    assert result.exit_code == 0
    assert "site-pseudo/" in result.output
    assert "never publishes" in result.output


def test_pseudo_locales_accumulate_in_the_pseudo_site(project: Path) -> None:
    assert run(["pseudo"], project).exit_code == 0
    result = run(["pseudo", "ar"], project)
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert (project / PAGE).is_file()
    assert (project / f"site-pseudo/ar@pseudo/{SEED_SLUG}/index.html").is_file()
    root = (project / "site-pseudo/index.html").read_text(encoding="utf-8")
    assert "English (pseudo)" in root and "العربية (pseudo)" in root


def test_pseudo_pages_have_their_own_html_lang(seeded: Path) -> None:
    config = load_project(seeded)
    assert pseudo_language(config, "en@pseudo").bcp47 == "en-x-pseudo"
    assert pseudo_language(config, "ar@pseudo").bcp47 == "ar-x-pseudo"
    assert pseudo_language(config, "sr_Latn@pseudo").bcp47 == "sr-Latn-x-pseudo"
    assert pseudo_language(config, "en@pseudo").name == "English (pseudo)"
