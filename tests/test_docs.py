"""The docs name every command, and the README gives the two commands CI runs."""

from __future__ import annotations

from pathlib import Path

from publish.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "commands.md").read_text()
    missing = [name for name in cli.commands if f"## publish {name}\n" not in text]
    assert not missing, f"commands missing from docs/commands.md: {missing}"


def test_readme_gives_the_ci_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = "pip install -e '.[test]' && python -m pytest"
    assert command in readme
    assert command in ci
    assert "pip install -e . && publish build" in readme


def test_docs_mentioned_in_readme_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    for line in readme.splitlines():
        if line.startswith("- `docs/"):
            for name in line.split("`")[1::2]:
                if name.startswith("docs/"):
                    assert (ROOT / name).exists(), name
