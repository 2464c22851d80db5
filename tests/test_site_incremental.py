"""Incremental builds: a rebuild reads only the articles whose inputs changed.

The manifest records, per article, a hash of its inputs; these tests check that
an unchanged article is not read at all, that a changed one rebuilds only its
own pages, and that every way a record can go stale leads to a rebuild rather
than to a stale page.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import publish.site.article_build as article_build
from site_fixtures import (
    MANIFEST,
    SMALL,
    SMALL_SLUG,
    STAMPS,
    build,
    copy_project,
    site_files,
    stamps,
)

OTHER = "day-trains"
LANGS = ("ru", "ar", "de", "fr")


def _copy_article(root: Path, slug: str) -> None:
    shutil.copy(root / f"source/{SMALL_SLUG}.md", root / f"source/{slug}.md")
    for lang in LANGS:
        po = root / f"locale/{lang}/LC_MESSAGES/{SMALL_SLUG}.po"
        if po.is_file():
            shutil.copy(po, po.with_name(f"{slug}.po"))


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """The small project with a second article (a copy under another name), built once."""
    root = copy_project(SMALL, tmp_path)
    _copy_article(root, OTHER)
    result = build(root)
    assert result.exit_code == 0, result.output
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(name for name in after if after[name] != before.get(name))


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the articles the build reads and plans."""
    seen: list[str] = []
    real = article_build.build_article

    def counting(task: article_build.ArticleTask) -> article_build.ArticleResult:
        seen.append(task.path.stem)
        return real(task)

    monkeypatch.setattr("publish.site.build.build_article", counting)
    return seen


def test_a_build_with_nothing_changed_reads_no_article(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _count_builds(monkeypatch)
    before = stamps(two)
    result = build(two)
    assert result.exit_code == 0, result.output
    assert seen == []
    assert stamps(two) == before
    assert "0 written" in result.output


def test_a_changed_catalog_rebuilds_only_its_article(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _count_builds(monkeypatch)
    before = stamps(two)
    _edit(two / f"locale/ru/LC_MESSAGES/{OTHER}.po", "Новые спальные вагоны", "Новые вагоны")
    result = build(two)
    assert result.exit_code == 0, result.output
    assert seen == [OTHER]
    assert _changed(before, stamps(two)) == [MANIFEST, f"ru/{OTHER}/index.html"]


def test_skipped_languages_are_reported_on_every_build(two: Path) -> None:
    first = build(two).output
    (two / f"source/{OTHER}.md").touch()  # same bytes: still nothing to rebuild
    assert build(two).output == first


def test_the_same_site_whether_built_at_once_or_step_by_step(tmp_path: Path) -> None:
    at_once = copy_project(SMALL, tmp_path / "a")
    _copy_article(at_once, OTHER)
    steps = copy_project(SMALL, tmp_path / "b")
    assert build(steps).exit_code == 0
    _copy_article(steps, OTHER)
    assert build(steps, "ru").exit_code == 0  # one language first: the others stay behind
    assert build(steps).exit_code == 0
    assert build(at_once).exit_code == 0
    assert site_files(steps, manifest=True) == site_files(at_once, manifest=True)


def test_a_page_restored_by_hand_after_a_language_build_is_rebuilt(tmp_path: Path) -> None:
    """`build ru` leaves the other languages' pages of a changed article behind; the next
    full build must render them even though their files are as last written."""
    root = copy_project(SMALL, tmp_path)
    assert build(root).exit_code == 0
    arabic = root / f"site/ar/{SMALL_SLUG}/index.html"
    old = arabic.read_bytes()
    _edit(root / f"source/{SMALL_SLUG}.md", "date: 2024-03-05", "date: 2024-03-06")
    assert build(root, "ru").exit_code == 0
    assert arabic.read_bytes() == old
    result = build(root)
    assert result.exit_code == 0, result.output
    assert arabic.read_bytes() != old


def test_a_broken_source_keeps_its_pages_and_the_rest_is_built(two: Path) -> None:
    source = two / f"source/{OTHER}.md"
    _edit(source, "---\n", "---\ntitle: Twice\n")
    _edit(two / f"locale/ru/LC_MESSAGES/{SMALL_SLUG}.po", "Новые спальные вагоны", "Новые вагоны")
    pages_before = {k: v for k, v in site_files(two).items() if f"/{OTHER}/" in k}
    result = build(two)
    assert result.exit_code == 2, result.output
    assert f"source/{OTHER}.md:" in result.output and "duplicate key 'title'" in result.output
    assert "Новые вагоны" in (two / f"site/ru/{SMALL_SLUG}/index.html").read_text("utf-8")
    after = site_files(two)
    assert {k: v for k, v in after.items() if f"/{OTHER}/" in k} == pages_before
    assert f'href="{OTHER}/index.html"' in after["ru/index.html"].decode("utf-8")  # still listed
    # Mended, the article is built again from its new text.
    _edit(source, "---\ntitle: Twice\n", "---\n")
    result = build(two)
    assert result.exit_code == 0, result.output


def test_a_broken_catalog_keeps_its_published_page(two: Path) -> None:
    """A typo in a .po after the page was published: the page, its place in the index
    and in the sitemap stay as the last build made them; the error is reported."""
    po = two / f"locale/ru/LC_MESSAGES/{OTHER}.po"
    page = f"ru/{OTHER}/index.html"
    before = site_files(two)
    _edit(po, 'msgstr "Новые спальные вагоны"', 'msgstr "Новые спальные вагоны')
    result = build(two)
    assert result.exit_code == 2, result.output
    assert f"locale/ru/LC_MESSAGES/{OTHER}.po:" in result.output
    assert "removed" not in result.output
    assert f"skipped site/ru/{OTHER}" not in result.output
    after = site_files(two)
    assert after[page] == before[page]
    assert after["ru/index.html"] == before["ru/index.html"]
    assert after["sitemap.xml"] == before["sitemap.xml"]
    # Still broken: still kept, still reported.
    result = build(two)
    assert result.exit_code == 2 and site_files(two)[page] == before[page]
    # Mended with a change, the page is built from the catalog again.
    _edit(po, 'msgstr "Новые спальные вагоны', 'msgstr "Новые вагоны"')
    result = build(two)
    assert result.exit_code == 0, result.output
    assert "Новые вагоны" in (two / "site" / page).read_text("utf-8")


def test_a_catalog_restored_to_its_old_bytes_gives_the_site_it_gave(two: Path) -> None:
    """While the catalog is broken the other pages are made without its language; undone
    (git checkout, an editor's undo), every page is as it was before."""
    po = two / f"locale/ru/LC_MESSAGES/{OTHER}.po"
    good = po.read_bytes()
    before = site_files(two)
    _edit(po, 'msgstr "Новые спальные вагоны"', 'msgstr "Новые спальные вагоны')
    assert build(two).exit_code == 2
    po.write_bytes(good)
    result = build(two)
    assert result.exit_code == 0, result.output
    assert site_files(two) == before


def test_a_broken_catalog_does_not_keep_a_page_whose_source_changed(two: Path) -> None:
    po = two / f"locale/ru/LC_MESSAGES/{OTHER}.po"
    _edit(po, 'msgstr "Новые спальные вагоны"', 'msgstr "Новые спальные вагоны')
    source = two / f"source/{OTHER}.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("\n\n", "\n\nAn added paragraph.\n\n", 1), "utf-8")
    result = build(two)
    assert result.exit_code == 2
    assert f"skipped site/ru/{OTHER}/index.html: not published" in result.output
    assert not (two / f"site/ru/{OTHER}/index.html").exists()


def test_a_broken_catalog_of_a_page_never_built_is_skipped(two: Path) -> None:
    po = two / f"locale/ru/LC_MESSAGES/{OTHER}.po"
    _edit(po, 'msgstr "Новые спальные вагоны"', 'msgstr "Новые спальные вагоны')
    shutil.rmtree(two / "site")
    result = build(two)
    assert result.exit_code == 2
    assert f"skipped site/ru/{OTHER}/index.html: not published" in result.output
    assert not (two / f"site/ru/{OTHER}/index.html").exists()


def test_an_old_manifest_without_article_records_is_still_trusted(two: Path) -> None:
    """A site built by a publish that wrote format 1: no page is taken for a hand edit."""
    path = two / "site" / MANIFEST
    data = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({"format": 1, "files": data["files"]}), encoding="utf-8")
    result = build(two)
    assert result.exit_code == 0, result.output
    assert "by hand" not in result.output
    assert "0 written" in result.output


@pytest.mark.parametrize(
    "damage",
    [
        lambda record: record.update(key="0" * 64),
        lambda record: record.update(versions=[["ru"]]),
        lambda record: record.update(date="yesterday"),
        lambda record: record.update(versions=[["../../etc", "x"]]),
        lambda record: record.pop("skipped"),
    ],
    ids=["key", "versions", "date", "outside", "missing"],
)
def test_a_damaged_article_record_means_a_rebuild(
    two: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    path = two / "site" / MANIFEST
    data = json.loads(path.read_text("utf-8"))
    damage(data["articles"][OTHER])  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = site_files(two)
    seen = _count_builds(monkeypatch)
    result = build(two)
    assert result.exit_code == 0, result.output
    assert seen == [OTHER]
    assert site_files(two) == expected


def test_a_page_deleted_from_the_site_is_rebuilt(two: Path) -> None:
    (two / f"site/ar/{OTHER}/index.html").unlink()
    result = build(two)
    assert result.exit_code == 0, result.output
    assert (two / f"site/ar/{OTHER}/index.html").is_file()


def test_a_page_edited_by_hand_is_still_noticed(two: Path) -> None:
    page = two / f"site/ar/{OTHER}/index.html"
    page.write_text(page.read_text("utf-8") + "<!-- edited -->", encoding="utf-8")
    for _ in range(2):
        result = build(two)
        assert f"skipped site/ar/{OTHER}/index.html: changed by hand" in result.output


def test_parallel_incremental_build_matches(two: Path, tmp_path: Path) -> None:
    other = tmp_path / "copy"
    shutil.copytree(two, other)
    for root in (two, other):
        _edit(root / f"locale/ar/LC_MESSAGES/{OTHER}.po", "عودة قطارات", "عودةُ قطارات")
    assert build(two).exit_code == 0
    assert build(other, "--jobs", "2").exit_code == 0
    assert site_files(two, manifest=True) == site_files(other, manifest=True)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the digest cache reads."""
    import publish.site.digests as digests

    seen: list[str] = []
    real = digests.read_bytes  # type: ignore[attr-defined]

    def counting(path: Path, *, max_bytes: int) -> bytes:
        if path.name != STAMPS:
            seen.append(path.name)
        return real(path, max_bytes=max_bytes)

    monkeypatch.setattr(digests, "read_bytes", counting)
    return seen


def test_a_file_whose_stat_is_unchanged_keeps_its_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from publish.site.digests import DigestCache

    path = tmp_path / "a.po"
    path.write_bytes(b"one")
    first = DigestCache(tmp_path, {}, settle_ns=0)
    sha = first.digest(path, max_bytes=100)
    reads = _reads(monkeypatch)
    again = DigestCache(tmp_path, first.new, settle_ns=0)
    assert again.digest(path, max_bytes=100) == sha
    assert reads == []
    assert again.new == first.new


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(tmp_path: Path) -> None:
    """Restoring the mtime (cp -p, touch -r, an editor) cannot hide a change: ctime moves."""
    from publish.site.digests import DigestCache

    path = tmp_path / "a.po"
    path.write_bytes(b"one")
    status = path.stat()
    first = DigestCache(tmp_path, {}, settle_ns=0)
    sha = first.digest(path, max_bytes=100)
    path.write_bytes(b"two")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    again = DigestCache(tmp_path, first.new, settle_ns=0)
    assert again.digest(path, max_bytes=100) != sha


def test_a_file_changed_just_before_it_was_read_is_not_remembered(tmp_path: Path) -> None:
    from publish.site.digests import DigestCache

    path = tmp_path / "a.po"
    path.write_bytes(b"one")
    cache = DigestCache(tmp_path, {})  # the default: changed less than 3 s ago
    cache.digest(path, max_bytes=100)
    assert cache.new == {}


def test_a_rebuild_reads_only_what_changed(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the files settled, a build after one catalog changed reads that catalog and the
    pages it rewrote (written by the build before), nothing else."""
    import publish.site.digests as digests

    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    assert build(two).exit_code == 0  # everything hashed once, now with stamps
    reads = _reads(monkeypatch)
    assert build(two).exit_code == 0
    assert reads == []
    edited = two / f"locale/ru/LC_MESSAGES/{OTHER}.po"
    _edit(edited, "Новые спальные вагоны", "Новые вагоны")
    result = build(two)
    assert result.exit_code == 0, result.output
    assert "1 written" in result.output
    # The edited catalog to see that it changed; then its article's source and catalogs
    # to build it. Nothing of the other article, no page.
    assert reads[0] == f"{OTHER}.po"
    assert sorted(set(reads)) == [f"{OTHER}.md", f"{OTHER}.po"]
    stamps = json.loads((two / "site" / STAMPS).read_text("utf-8"))["stamps"]
    assert f"locale/ru/LC_MESSAGES/{OTHER}.po" in stamps


def test_damaged_stamps_mean_hashing_again(two: Path) -> None:
    (two / "site" / STAMPS).write_text('{"format": 1, "stamps": {"x": [1, 2]}}', "utf-8")
    result = build(two)
    assert result.exit_code == 0 and "0 written" in result.output


def test_a_first_build_remembers_the_inputs_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publish.site.digests as digests

    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    root = copy_project(SMALL, tmp_path)
    assert build(root, "--jobs", "2").exit_code == 0
    stamps = json.loads((root / "site" / STAMPS).read_text("utf-8"))["stamps"]
    assert f"source/{SMALL_SLUG}.md" in stamps
    assert f"locale/ru/LC_MESSAGES/{SMALL_SLUG}.po" in stamps
    reads = _reads(monkeypatch)
    assert build(root).exit_code == 0
    assert all(
        name.endswith(".html") or name.endswith(".css") or name.endswith(".xml") for name in reads
    ), reads  # only the pages just written are read again
