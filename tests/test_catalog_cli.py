"""`init` and `update` as translators and editors use them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from publish.fsio import project_lock
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

from helpers import (
    DATA,
    SEED_REVISION,
    SEED_SLUG,
    msgcat_bytes,
    msgfmt_check,
    run,
    seed_project,
    tree_snapshot,
)


def po_path(root: Path, lang: str = "ru") -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / f"{SEED_SLUG}.po"


def translate_all(root: Path, lang: str = "ru") -> None:
    """Fill a catalog from the shipped translations, as a translator would."""
    path = po_path(root, lang)
    catalog = read_catalog(path.read_bytes(), str(path))
    table = json.loads((DATA / "translations" / f"{lang}.json").read_text())
    for entry in catalog.entries:
        entry.msgstr = table.get(entry.msgid, "")
    path.write_text(write_catalog(catalog))


def test_init_writes_header_from_babel(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    result = run(["init", "ru"], root)
    assert result.exit_code == 0, result.output
    text = po_path(root).read_text()
    assert '"Language: ru\\n"' in text
    # Whatever Babel's table says for Russian (its wording changed in 2.19).
    plural = get_plural("ru")
    header = read_catalog(po_path(root).read_bytes(), "ru.po").header_fields()
    assert header["Plural-Forms"] == f"nplurals=3; plural={plural.plural_expr};"
    assert "Russian (русский) translation of" in text
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert text.count('msgstr ""') == 26
    assert msgfmt_check(po_path(root)).returncode == 0
    assert msgcat_bytes(po_path(root)) == po_path(root).read_bytes()


def test_init_never_overwrites(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    translate_all(root)
    before = po_path(root).read_bytes()
    result = run(["init", "ru"], root)
    assert result.exit_code == 0
    assert "exists" in result.output
    assert po_path(root).read_bytes() == before


@pytest.mark.parametrize("code", ["../x", "ru/../x", "en_US.UTF-8", "", "RU"])
def test_init_rejects_bad_codes_before_building_paths(tmp_path: Path, code: str) -> None:
    root = seed_project(tmp_path)
    before = tree_snapshot(root)
    result = run(["init", code], root)
    assert result.exit_code == 2
    assert "invalid language code" in result.output
    assert tree_snapshot(root) == before


@pytest.mark.parametrize("code", ["pt_BR", "sr@latin", "zh_Hant_TW"])
def test_init_keeps_codes_as_written(tmp_path: Path, code: str) -> None:
    root = seed_project(tmp_path)
    assert run(["init", code], root).exit_code == 0
    assert po_path(root, code).is_file()
    assert f'"Language: {code}\\n"' in po_path(root, code).read_text()


def test_language_outside_cldr_needs_configuration(tmp_path: Path) -> None:
    # Kalmyk (xal) is in no CLDR release so far.
    root = seed_project(tmp_path)
    result = run(["init", "xal"], root)
    assert result.exit_code == 2
    assert "not in Babel's locale data" in result.output
    assert "name, plural_forms, direction" in result.output
    config = (root / "publish.yaml").read_text().replace(
        "languages: []",
        'languages:\n  - code: xal\n    name: Хальмг келн\n    plural_forms: "nplurals=1; plural=0;"\n'
        "    direction: ltr",
    )
    (root / "publish.yaml").write_text(config)
    result = run(["init", "xal"], root)
    assert result.exit_code == 0, result.output
    text = po_path(root, "xal").read_text()
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text and "Хальмг келн" in text
    assert msgfmt_check(po_path(root, "xal")).returncode == 0


@pytest.mark.parametrize("code", ["bua", "tyv"])
def test_language_without_plural_rules_needs_plural_forms(tmp_path: Path, code: str) -> None:
    # Babel 2.19 (CLDR 49) knows Buryat and Tuvan (name, direction) but has no
    # plural rules for them; its get_plural would silently answer nplurals=2.
    from publish.langcode import babel_locale

    if babel_locale(code) is None:
        pytest.skip(f"this Babel has no locale data for {code}")
    root = seed_project(tmp_path)
    result = run(["init", code], root)
    assert result.exit_code == 2
    assert "has no plural rules" in result.output and "plural_forms" in result.output
    assert not po_path(root, code).exists()
    # Listed without plural_forms, the project still loads (as with Babel 2.18, which knew
    # Tuvan); only making a catalog needs the rule.
    listed = (root / "publish.yaml").read_text().replace("languages: []", f"languages: [{code}]")
    (root / "publish.yaml").write_text(listed)
    assert run(["stats"], root).exit_code == 0
    result = run(["update"], root)
    assert result.exit_code == 2 and "has no plural rules" in result.output
    assert not po_path(root, code).exists()
    config = (root / "publish.yaml").read_text().replace(
        f"languages: [{code}]",
        f'languages:\n  - code: {code}\n    plural_forms: "nplurals=1; plural=0;"',
    )
    (root / "publish.yaml").write_text(config)
    result = run(["init", code], root)
    assert result.exit_code == 0, result.output
    header = read_catalog(po_path(root, code).read_bytes(), "x.po").header_fields()
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert header["Language"] == code


def test_revision_story_keeps_every_translation(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    translate_all(root)
    run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    result = run(["update"], root)
    assert result.exit_code == 0, result.output
    assert "24 kept, 1 carried, 1 fuzzy, 0 new, 0 obsolete" in result.output
    path = po_path(root)
    catalog = read_catalog(path.read_bytes(), str(path))
    active = catalog.active()
    assert len(active) == 26
    assert sum(1 for e in active if e.ships) == 25
    carried = next(e for e in active if "Earlier…they" in e.msgid)
    assert carried.ships
    inserted = next(e for e in active if e.msgid.startswith("He arrived without"))
    assert inserted.fuzzy and inserted.previous_msgid is not None
    table = json.loads((DATA / "translations" / "ru.json").read_text())
    present = {e.msgstr for e in catalog.entries}
    assert set(table.values()) <= present
    checked = msgfmt_check(path)
    assert checked.returncode == 0, checked.stderr
    assert msgcat_bytes(path) == path.read_bytes()
    mtime = path.stat().st_mtime_ns
    again = run(["update"], root)
    assert "unchanged" in again.output
    assert path.stat().st_mtime_ns == mtime
    assert run(["update", "--check"], root).exit_code == 0


def test_update_check_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    before = tree_snapshot(root)
    result = run(["update", "--check"], root)
    assert result.exit_code == 1
    assert tree_snapshot(root) == before


def test_malformed_catalog_is_reported_and_untouched(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    path = po_path(root)
    broken = path.read_text() + '\n<<<<<<< HEAD\nmsgid "x"\nmsgstr "y"\n'
    path.write_text(broken)
    result = run(["update"], root)
    assert result.exit_code == 2
    assert f"{SEED_SLUG}.po:" in result.output and "conflict" in result.output
    assert path.read_text() == broken


def test_crlf_catalog_stays_crlf(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    translate_all(root)
    path = po_path(root)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    assert run(["update"], root).exit_code == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")


def test_second_run_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    with project_lock(root):
        result = run(["update"], root)
    assert result.exit_code == 3
    assert "another publish command" in result.output


def test_update_without_languages_says_what_to_do(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    result = run(["update"], root)
    assert result.exit_code == 2
    assert "no target languages" in result.output


def test_catalog_mode_is_preserved(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    os.chmod(po_path(root), 0o600)
    run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    run(["update"], root)
    assert po_path(root).stat().st_mode & 0o777 == 0o600


def test_update_later_with_unchanged_source_changes_nothing(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    run(["init", "ru"], root)
    before = tree_snapshot(root)
    os.environ["SOURCE_DATE_EPOCH"] = "2000000000"  # a later clock
    try:
        result = run(["update"], root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.exit_code == 0, result.output
    assert tree_snapshot(root) == before
