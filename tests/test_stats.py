"""`publish stats`: counts that agree with msgfmt --statistics, and the build's publish decision."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from publish.actions.statistics import message_counts
from publish.po.model import Catalog
from publish.po.reader import read_catalog
from test_check_cli import catalog_file, edit_catalog, plant_faults, translated_seed

from helpers import SEED_SLUG, need_gettext, run, seed_project


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) from `msgfmt --statistics`."""
    need_gettext()
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    counts = []
    for kind in ("translated message", "fuzzy translation", "untranslated message"):
        match = re.search(rf"(\d+) {kind}", result.stderr)
        counts.append(int(match.group(1)) if match else 0)
    return counts[0], counts[1], counts[2]


def stats_json(root: Path, *args: str) -> list[dict[str, object]]:
    result = run(["stats", "--format", "json", *args], root)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_seed_scenario_matches_msgfmt_statistics(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)
    edit_catalog(root, plant_faults)
    (row,) = stats_json(root)
    expected = msgfmt_statistics(catalog_file(root))
    assert expected == (23, 1, 1)
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == expected
    assert row["language"] == "ru" and row["article"] == SEED_SLUG
    assert row["catalog"] is True
    # Fuzzy words do not ship: the percent counts only reviewed translations.
    assert row["shipping_words"] == row["translated_words"]
    assert row["words"] == row["translated_words"] + row["fuzzy_words"] + row["untranslated_words"]
    assert int(row["fuzzy_words"]) > 0 and int(row["untranslated_words"]) > 0  # type: ignore[call-overload]
    percent = 100 * int(row["shipping_words"]) / int(row["words"])  # type: ignore[call-overload]
    assert row["percent"] == pytest.approx(percent, abs=0.1)
    assert row["title_translated"] is True and row["publishable"] is True


def test_untranslated_catalog_matches_msgfmt_and_is_not_published(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    assert run(["init", "ru"], root).exit_code == 0
    (row,) = stats_json(root)
    assert (row["translated"], row["fuzzy"], row["untranslated"]) == msgfmt_statistics(
        catalog_file(root)
    )
    assert row["publishable"] is False and row["reason"] == "the title is not translated"


def test_the_title_is_required_whatever_the_percent(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)

    def drop_title(catalog: Catalog) -> None:
        catalog.entries[0].msgstr = ""

    edit_catalog(root, drop_title)
    (row,) = stats_json(root)
    assert float(row["percent"]) > 95  # type: ignore[arg-type]
    assert (row["title_translated"], row["publishable"]) == (False, False)


def test_a_fuzzy_title_does_not_count_as_translated(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)
    edit_catalog(root, lambda catalog: catalog.entries[0].set_fuzzy(True))
    (row,) = stats_json(root)
    assert (row["title_translated"], row["publishable"]) == (False, False)


def test_below_the_threshold_is_not_published(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)

    def keep_half(catalog: Catalog) -> None:
        for entry in catalog.entries[1:14]:
            entry.set_fuzzy(True)  # fuzzy does not ship

    edit_catalog(root, keep_half)
    (row,) = stats_json(root)
    assert float(row["percent"]) < 80  # type: ignore[arg-type]
    assert row["publishable"] is False
    assert "below the 80% threshold" in str(row["reason"])
    assert row["fuzzy"] == 13


def test_fuzzy_show_policy_counts_fuzzy_words_as_the_build_does(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)
    edit_catalog(root, lambda catalog: [e.set_fuzzy(True) for e in catalog.entries[1:14]])
    config = root / "publish.yaml"
    config.write_text(config.read_text().replace("fuzzy: fallback", "fuzzy: show"))
    (row,) = stats_json(root)
    assert row["shipping_words"] == int(row["translated_words"]) + int(row["fuzzy_words"])  # type: ignore[call-overload]
    assert row["publishable"] is True


def test_no_catalog_yet(tmp_path: Path) -> None:
    root = seed_project(tmp_path, ["ru"])
    (row,) = stats_json(root)
    assert (row["catalog"], row["translated"], row["publishable"]) == (False, 0, False)
    assert row["reason"] == "no catalog yet (publish init ru)"


def test_csv_and_table(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)
    edit_catalog(root, plant_faults)
    result = run(["stats", "--format", "csv"], root)
    assert result.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["translated"], row["fuzzy"], row["untranslated"], row["publishable"]) == (
        "23",
        "1",
        "1",
        "yes",
    )
    table = run(["stats"], root).stdout.splitlines()
    assert table[0].split() == [
        "lang",
        "article",
        "translated",
        "fuzzy",
        "untranslated",
        "words",
        "shipping",
        "%",
        "title",
        "published",
    ]
    assert table[1].split()[:5] == ["ru", SEED_SLUG, "23", "1", "1"]
    assert table[1].split()[-2:] == ["yes", "yes"]


def test_a_malformed_catalog_is_bad_input(tmp_path: Path) -> None:
    root = translated_seed(tmp_path)
    catalog_file(root).write_text('msgid "a"\nmsgstr "b', encoding="utf-8")
    result = run(["stats"], root)
    assert result.exit_code == 2
    assert f"{SEED_SLUG}.po:2: error:" in result.stderr


EDGE_CASES = {
    "fuzzy header, fuzzy and empty, obsolete": """\
# translator comment
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "a"
msgstr "а"

#, fuzzy
msgid "b"
msgstr ""

#, fuzzy
#| msgid "c old"
msgid "c"
msgstr "в"

msgctxt "title"
msgid "a"
msgstr ""

#~ msgid "old"
#~ msgstr "старое"

#, fuzzy
#~ msgid "older"
#~ msgstr "древнее"
""",
    "plural forms, one of them empty": """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "one soldier"
msgid_plural "%d soldiers"
msgstr[0] "%d солдат"
msgstr[1] ""
msgstr[2] "%d солдат"

msgid "one day"
msgid_plural "%d days"
msgstr[0] ""
msgstr[1] "%d дня"
msgstr[2] "%d дней"

#, fuzzy
msgid "one year"
msgid_plural "%d years"
msgstr[0] "%d год"
msgstr[1] "%d года"
msgstr[2] "%d лет"
""",
    "empty header": """\
msgid ""
msgstr ""

msgid "a"
msgstr "b"
""",
}


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_message_counts_agree_with_msgfmt(tmp_path: Path, name: str) -> None:
    path = tmp_path / "edge.po"
    path.write_text(EDGE_CASES[name], encoding="utf-8")
    catalog = read_catalog(path.read_bytes(), str(path))
    assert message_counts(catalog) == msgfmt_statistics(path)
