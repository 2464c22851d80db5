"""The shipped content, and the revision story told on a copy of it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from publish.po.reader import read_catalog

from helpers import SEED_REVISION, SEED_SLUG, msgcat_bytes, need_gettext, run

REPO = Path(__file__).resolve().parent.parent


def shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "shipped"
    root.mkdir()
    shutil.copy(REPO / "publish.yaml", root / "publish.yaml")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale")
    return root


def catalog(root: Path, lang: str) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / f"{SEED_SLUG}.po"


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_shipped_translations_are_complete(lang: str) -> None:
    need_gettext()
    path = catalog(REPO, lang)
    result = subprocess.run(
        ["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "25 translated messages." in result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr
    assert msgcat_bytes(path) == path.read_bytes()


def test_shipped_catalogs_pass_check(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    result = run(["check", "--min-severity", "error"], root)
    assert result.exit_code == 0, result.output


def test_shipped_project_is_up_to_date(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    assert run(["update", "--check"], root).exit_code == 0


def test_revision_keeps_ru_and_uk_translations(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    before = {
        lang: {e.msgstr for e in read_catalog(catalog(root, lang).read_bytes(), lang).entries}
        for lang in ("ru", "uk")
    }
    imported = run(["import", str(SEED_REVISION), "--into", SEED_SLUG], root)
    assert imported.exit_code == 0, imported.output
    assert "nearly duplicates paragraph" in imported.output
    assert "unbalanced quotation marks" in imported.output
    result = run(["update"], root)
    assert result.exit_code == 0, result.output
    for lang in ("ru", "uk"):
        assert f"updated locale/{lang}/LC_MESSAGES/{SEED_SLUG}.po: 24 kept, 1 carried" in result.output
        after = read_catalog(catalog(root, lang).read_bytes(), lang)
        assert before[lang] <= {e.msgstr for e in after.entries}
        carried = next(e for e in after.active() if "Earlier…they" in e.msgid)
        assert carried.ships
        inserted = next(e for e in after.active() if e.msgid.startswith("He arrived without"))
        assert inserted.fuzzy or not inserted.msgstr
    assert run(["build"], root).exit_code == 0
