"""`publish build` end to end: layout, links, incremental and parallel builds, refusals."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import pytest

from publish.errors import BuildError
from publish.site.model import StaticFile
from publish.site.plan import refuse_collisions
from site_fixtures import MANIFEST, SMALL, SMALL_SLUG, build, copy_project, site_files, stamps

from helpers import new_project, run

SLUG = SMALL_SLUG
RU_PO = f"locale/ru/LC_MESSAGES/{SLUG}.po"
SOURCE = f"source/{SLUG}.md"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_project(SMALL, tmp_path)


@pytest.fixture
def built(small: Path) -> Path:
    result = build(small)
    assert result.exit_code == 0, result.output
    return small


def page(root: Path, lang: str) -> str:
    return (root / "site" / lang / SLUG / "index.html").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_layout_and_summary(small: Path) -> None:
    result = build(small)
    assert result.exit_code == 0, result.output
    assert sorted(site_files(small, manifest=True)) == [
        ".publish-manifest.json",
        "ar/index.html",
        f"ar/{SLUG}/index.html",
        "en/index.html",
        f"en/{SLUG}/index.html",
        "index.html",
        "ru/index.html",
        f"ru/{SLUG}/index.html",
        "sitemap.xml",
        "style.css",
    ]
    lines = result.output.splitlines()
    assert (
        f"skipped site/de/{SLUG}/index.html: not published: 13.5% of source words translated (8 of 59), below the 60% threshold"
        in lines
    )
    assert any(
        line.startswith(
            f"skipped site/fr/{SLUG}/index.html: not published: its licence (CC BY-ND 4.0) forbids"
        )
        for line in lines
    )
    assert lines[-1] == "site: 9 written, 0 unchanged, 3 skipped (1 below threshold, 2 licence)"


def test_alternates_are_reciprocal_with_x_default_and_self_canonical(built: Path) -> None:
    base = "https://reprints.example.org/news/"
    expected = {f"{lang}": f"{base}{lang}/{SLUG}/" for lang in ("en", "ru", "ar")}
    expected["x-default"] = f"{base}en/{SLUG}/"
    for lang in ("en", "ru", "ar"):
        html = page(built, lang)
        alternates = dict(
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        )
        assert alternates == expected, lang
        assert f'<link rel="canonical" href="{base}{lang}/{SLUG}/">' in html
    sitemap = (built / "site" / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("en", "ru", "ar"):
        assert f"<loc>{base}{lang}/{SLUG}/</loc>" in sitemap
    assert sitemap.count(f'hreflang="ru" href="{base}ru/{SLUG}/"/>') == 3
    assert sitemap.count(f'hreflang="x-default" href="{base}en/{SLUG}/"/>') == 3


def test_every_relative_link_resolves_to_a_file(built: Path) -> None:
    site = built / "site"
    for name, data in site_files(built).items():
        if not name.endswith(".html"):
            continue
        for href in re.findall(r'(?:href)="([^"]+)"', data.decode("utf-8")):
            if re.match(r"^[a-z]+:", href):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
            assert (site / target).is_file(), f"{name}: {href}"


def test_pages_show_language_and_direction(built: Path) -> None:
    assert '<html lang="ru" dir="ltr">' in page(built, "ru")
    assert '<html lang="ar" dir="rtl">' in page(built, "ar")
    assert '<html lang="en" dir="ltr">' in page(built, "en")
    assert "5 марта 2024\u202fг." in page(built, "ru")  # CLDR puts a narrow no-break space
    assert "5 مارس 2024" in page(built, "ar")
    root_index = (built / "site" / "index.html").read_text(encoding="utf-8")
    for name in ("English", "русский", "العربية"):
        assert f">{name}</a>" in root_index
    ru_index = (built / "site" / "ru" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{SLUG}/index.html">Ночные поезда возвращаются в Альпы</a>' in ru_index
    assert "<h1>Статьи</h1>" in ru_index


def test_partial_translation_note_and_fallback(built: Path) -> None:
    ar = page(built, "ar")
    assert "3 فقرات معروضة بلغة الأصل (الإنجليزية)" in ar
    assert ar.count('class="untranslated"') == 3
    ru = page(built, "ru")
    assert "1 абзац показан на языке оригинала (английский)" in ru
    assert '<p lang="en" dir="ltr" class="untranslated">A later departure, at 21:40</p>' in ru


def test_translator_credit_and_opt_out(built: Path) -> None:
    ru = page(built, "ru")
    assert (
        '<bdi class="translator">Ivan Petrov</bdi> и <bdi class="translator">Example Translators</bdi>'
        in ru
    )
    assert "ivan.petrov@example.org" not in ru and "team@example.org" not in ru
    ar = page(built, "ar")
    assert "Layla" not in ar  # X-Publish-Credit: no
    assert "لغة الأصل: الإنجليزية." in ar


def test_use_fuzzy_shows_outdated_text_with_a_mark(built: Path) -> None:
    result = build(built, "--use-fuzzy")
    assert result.exit_code == 0, result.output
    ru = page(built, "ru")
    assert (
        '<p class="fuzzy">Более позднее отправление — в 21:40 <small class="outdated-mark">(возможно, устарело)</small></p>'
        in ru
    )
    assert "1 абзац, возможно, устарел" in ru
    assert "показан на языке оригинала" not in ru


def test_rebuild_with_nothing_changed_writes_nothing(built: Path) -> None:
    before = stamps(built)
    result = build(built)
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[-1]
        == "site: 0 written, 9 unchanged, 3 skipped (1 below threshold, 2 licence)"
    )
    assert stamps(built) == before


def test_an_edited_catalog_rewrites_only_the_pages_that_depend_on_it(built: Path) -> None:
    before = stamps(built)
    edit(built / RU_PO, "Новые спальные вагоны", "Новые спальные вагоны (2024)")
    result = build(built)
    assert result.exit_code == 0, result.output
    after = stamps(built)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [".publish-manifest.json", f"ru/{SLUG}/index.html"]
    assert "1 written, 8 unchanged" in result.output
    # A new title also changes the Russian index (and nothing else).
    edit(built / RU_PO, "Ночные поезда возвращаются в Альпы", "Ночные поезда снова в Альпах")
    before = stamps(built)
    result = build(built)
    after = stamps(built)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [".publish-manifest.json", "ru/index.html", f"ru/{SLUG}/index.html"]


def test_jobs_give_byte_identical_output(tmp_path: Path) -> None:
    one = copy_project(SMALL, tmp_path / "one")
    many = copy_project(SMALL, tmp_path / "many")
    assert build(one, "--jobs", "1").exit_code == 0
    result = build(many, "--jobs", "3")
    assert result.exit_code == 0, result.output
    assert site_files(one, manifest=True) == site_files(many, manifest=True)


def test_a_page_edited_by_hand_is_not_overwritten_without_force(built: Path) -> None:
    target = built / "site" / "ru" / SLUG / "index.html"
    target.write_text(
        target.read_text(encoding="utf-8").replace("Альпы", "Альпы!"), encoding="utf-8"
    )
    edit(built / RU_PO, "Новые спальные вагоны", "Новые вагоны")
    result = build(built)
    assert result.exit_code == 0, result.output
    assert (
        f"skipped site/ru/{SLUG}/index.html: changed by hand since the last build; not overwritten (use --force)"
        in result.output
    )
    assert "Альпы!" in target.read_text(encoding="utf-8")
    result = build(built, "--force")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Альпы!" not in text and "Новые вагоны" in text


def test_pages_no_longer_published_are_removed(built: Path) -> None:
    edit(built / "publish.yaml", "publish_threshold: 60", "publish_threshold: 85")
    result = build(built)
    assert result.exit_code == 0, result.output
    assert not (built / "site" / "ar").exists()
    assert "2 removed" in result.output
    assert "العربية" not in (built / "site" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="ar"' not in page(built, "en")


def test_no_derivatives_without_permission_publishes_no_translation(built: Path) -> None:
    text = (built / SOURCE).read_text(encoding="utf-8")
    text = re.sub(r"permission:\n(?:  .*\n)+", "", text)
    (built / SOURCE).write_text(text, encoding="utf-8")
    result = build(built)
    assert result.exit_code == 0, result.output
    assert (
        f"skipped site/ru/{SLUG}/index.html: not published: its licence (CC BY-ND 4.0) forbids "
        "derivative works and the front matter records no permission to translate"
    ) in result.output
    assert not (built / "site" / "ru" / SLUG).exists()
    assert (built / "site" / "en" / SLUG / "index.html").is_file()


def test_a_broken_original_url_refuses_the_article(small: Path) -> None:
    edit(
        small / SOURCE,
        "https://news.example.com/2024/03/night-trains",
        "https://news.example.com/2024/03/night- trains",
    )
    result = build(small)
    assert result.exit_code == 1
    line = next(
        number
        for number, text in enumerate((small / SOURCE).read_text("utf-8").split("\n"), 1)
        if text.startswith("original_url:")
    )
    assert f"{SOURCE}:{line}: error: not built: `original_url` contains a space" in result.output
    assert not (small / "site" / "en" / SLUG).exists()
    # `publish check` says so before anyone builds.
    checked = run(["check"], small)
    assert checked.exit_code == 1
    assert f"{SOURCE}:{line}: error: source-attribution: publish build will refuse" in (
        checked.output
    )


def test_a_template_that_drops_the_notice_fails_verification(small: Path) -> None:
    (small / "templates").mkdir()
    original = (Path(__file__).parent.parent / "src/publish/templates/article.html").read_text(
        encoding="utf-8"
    )
    without = re.sub(r'<dd><p class="notice".*?</p></dd>\n', "", original)
    assert without != original
    (small / "templates" / "article.html").write_text(without, encoding="utf-8")
    result = build(small)
    assert result.exit_code == 1
    for lang in ("en", "ru", "ar"):
        assert (
            f"site/{lang}/{SLUG}/index.html: error: not written: the page lacks the copyright notice, "
            'verbatim in an element with lang="en"'
        ) in result.output
        assert not (small / "site" / lang / SLUG / "index.html").exists()
    assert "3 failed" in result.output.splitlines()[-1]


def test_project_templates_override_the_package_ones(small: Path) -> None:
    (small / "templates").mkdir()
    base = (Path(__file__).parent.parent / "src/publish/templates/base.html").read_text(
        encoding="utf-8"
    )
    (small / "templates" / "base.html").write_text(
        base.replace("</main>", '</main>\n<p class="house">{{ "<Newsroom & Co>" }}</p>'),
        encoding="utf-8",
    )
    result = build(small)
    assert result.exit_code == 0, result.output
    assert '<p class="house">&lt;Newsroom &amp; Co&gt;</p>' in page(small, "ru")


def test_a_hostile_translation_is_rendered_harmless(small: Path) -> None:
    edit(
        small / RU_PO,
        'msgstr "Новые спальные вагоны"',
        'msgstr "<script>alert(1)</script> [x](javascript:alert(1))"',
    )
    result = build(small)
    assert result.exit_code == 0, result.output
    ru = page(small, "ru")
    assert ru.count("<script") == 1  # the JSON-LD
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))" in ru
    assert 'href="javascript' not in ru


def test_language_arguments_rebuild_only_those_languages(built: Path) -> None:
    edit(built / RU_PO, "Новые спальные вагоны", "Новые вагоны")
    edit(built / f"locale/ar/LC_MESSAGES/{SLUG}.po", "عربات نوم جديدة", "عربات نوم")
    result = build(built, "ar")
    assert result.exit_code == 0, result.output
    assert "عربات نوم<" in page(built, "ar")
    assert "Новые спальные вагоны" in page(built, "ru")
    result = build(built, "xx")
    assert result.exit_code == 2
    assert "language 'xx' is not configured" in result.output


def test_a_broken_catalog_is_reported_with_its_line(small: Path) -> None:
    edit(small / RU_PO, 'msgstr "Новые спальные вагоны"', 'msgstr "Новые спальные вагоны')
    result = build(small)
    assert result.exit_code == 2  # bad input
    assert re.search(rf"{re.escape(RU_PO)}:\d+: error: ", result.output), result.output
    assert "Traceback" not in result.output
    assert (
        f"skipped site/ru/{SLUG}/index.html: not published: its catalog could not be read"
        in result.output
    )
    assert (small / "site" / "ar" / SLUG / "index.html").is_file()


def test_the_readers_warnings_are_printed_by_the_build(small: Path) -> None:
    """A Russian catalog saved as UTF-8 under `charset=ISO-8859-5`: the page would be
    garbled, so the build says so (the page is still built, as msgfmt would)."""
    path = small / RU_PO
    path.write_bytes(path.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-5"))
    result = build(small)
    assert re.search(rf"{re.escape(RU_PO)}:\d+: warning: the header says charset=ISO-8859-5", (
        result.output
    )), result.output


def test_no_progress_bar_when_not_on_a_terminal(built: Path) -> None:
    result = build(built, "--force")
    assert "rendering" not in result.output


def test_two_outputs_at_one_path_are_refused() -> None:
    with pytest.raises(BuildError) as info:
        refuse_collisions([StaticFile("ru/a/index.html", b""), StaticFile("RU/a/index.html", b"")])
    assert "two outputs at one path: ru/a/index.html and RU/a/index.html" in str(info.value)
    refuse_collisions([StaticFile("a", b""), StaticFile("b", b"")])


def test_a_tampered_manifest_cannot_delete_files_outside_the_site(built: Path) -> None:
    manifest = built / "site" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    source_hash = hashlib.sha256((built / SOURCE).read_bytes()).hexdigest()
    for name in (f"../{SOURCE}", str(built / SOURCE), f"ru/../../{SOURCE}"):
        data["files"][name] = {"key": "x", "sha256": source_hash}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = build(built)
    assert result.exit_code == 0, result.output
    assert (built / SOURCE).is_file()
    assert "removed" not in result.output


def test_an_empty_project_builds_an_empty_site(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    assert sorted(site_files(root)) == ["index.html", "sitemap.xml", "style.css"]


def test_fuzzy_show_in_publish_yaml_works_like_use_fuzzy(built: Path) -> None:
    edit(built / "publish.yaml", "fuzzy: fallback", "fuzzy: show")
    result = build(built)
    assert result.exit_code == 0, result.output
    assert '<small class="outdated-mark">(возможно, устарело)</small>' in page(built, "ru")
