"""`publish init LANG` adds LANG to publish.yaml, keeping everything else as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from publish.config_edit import add_languages

from helpers import run, seed_project


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("title: T\nlanguages: []\nfuzzy: show\n", "title: T\nlanguages: [ru]\nfuzzy: show\n"),
        ("languages: [uk, de]  # targets\n", "languages: [uk, de, ru]  # targets\n"),
        (
            "languages:\n  - uk\n  # German next\n  - code: bua\n    plural_forms: x\n\nfuzzy: show\n",
            "languages:\n  - uk\n  # German next\n  - code: bua\n    plural_forms: x\n  - ru\n"
            "\nfuzzy: show\n",
        ),
        ("languages:\n- uk\n", "languages:\n- uk\n- ru\n"),
        # A file saved with CRLF keeps them; what an item says is left as written.
        ("languages: []\r\nfuzzy: show\r\n", "languages: [ru]\r\nfuzzy: show\r\n"),
        ("languages:\r\n  - uk\r\n", "languages:\r\n  - uk\r\n  - ru\r\n"),
        (
            'languages: [uk, {code: sr, name: "a,b"}]\n',
            'languages: [uk, {code: sr, name: "a,b"}, ru]\n',
        ),
    ],
)
def test_add_languages_keeps_the_rest_of_the_file(before: str, after: str) -> None:
    edited = add_languages(before, ["ru"])
    assert edited == after
    codes = yaml.safe_load(edited)["languages"]
    assert codes[-1] == "ru"


def test_a_code_yaml_would_read_as_something_else_is_quoted() -> None:
    edited = add_languages("languages: [uk]\n", ["no"])  # Norwegian, not false
    assert edited == 'languages: [uk, "no"]\n'
    assert yaml.safe_load(edited)["languages"] == ["uk", "no"]


@pytest.mark.parametrize(
    "text",
    [
        "title: T\n",  # no languages: at all
        "languages:\n",  # nothing under it
        "languages: [uk,\n  de]\n",  # a flow list over two lines
        "languages: &l [uk]\n",  # an anchor
    ],
)
def test_shapes_it_cannot_edit_safely_are_left_alone(text: str) -> None:
    assert add_languages(text, ["ru"]) is None


def test_init_adds_the_language_to_the_configuration(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    config = root / "publish.yaml"
    before = config.read_text()
    result = run(["init", "ru"], root)
    assert result.exit_code == 0, result.output
    assert "added ru to `languages:` in publish.yaml" in result.output
    after = config.read_text()
    assert after == before.replace("languages: []", "languages: [ru]")
    result = run(["check", "ru"], root)
    assert "not configured" not in result.output
    result = run(["init", "ru"], root)  # already there: the file is not touched again
    assert "added" not in result.output and config.read_text() == after


def test_init_says_what_to_add_when_the_list_cannot_be_edited(tmp_path: Path) -> None:
    root = seed_project(tmp_path)
    config = root / "publish.yaml"
    text = config.read_text().replace("languages: []", "languages: [\n  ]")
    config.write_text(text)
    result = run(["init", "ru"], root)
    assert "note: add ru to `languages:` in publish.yaml" in result.output
    assert config.read_text() == text
