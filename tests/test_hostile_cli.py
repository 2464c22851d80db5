"""The error boundary: exit codes as documented, a traceback only with ``--debug``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.harness import (
    LINKED,
    SMALL_FRONT_MATTER,
    SMALL_PO,
    SMALL_SOURCE,
    article,
    fresh_project,
)
from hostile.po_cases import MALFORMED
from publish import errors
from publish.cli import app

from helpers import run

DOCS = Path(__file__).resolve().parent.parent / "docs" / "exit-codes.md"
CLI = [
    sys.executable,
    "-c",
    "import sys; from publish.cli import main; sys.argv[0] = 'publish'; main()",
]


@pytest.fixture
def linked(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A translated project with a link (see hostile.harness)."""
    return fresh_project(LINKED, tmp_path, tmp_path_factory)


def test_bad_input_never_shows_a_traceback_unless_debug(linked: Path) -> None:
    (linked / SMALL_SOURCE).write_text(article(SMALL_FRONT_MATTER + "title: Again\n"))
    plain = run(["extract"], linked)
    debug = run(["--debug", "extract"], linked)
    assert plain.exit_code == debug.exit_code == 2
    assert "Traceback" not in plain.output
    assert "Traceback (most recent call last)" in debug.output
    assert "SourceError" in debug.output
    message = f"{SMALL_SOURCE}:11: error: duplicate key 'title' (first at line 2)"
    assert message in plain.output and message in debug.output


def test_collected_catalog_errors_are_located_with_and_without_debug(linked: Path) -> None:
    """`update` collects unreadable catalogs instead of raising: the same located lines."""
    (linked / SMALL_PO).write_bytes(MALFORMED[0].data)
    plain = run(["update"], linked)
    debug = run(["--debug", "update"], linked)
    assert plain.exit_code == debug.exit_code == 2
    assert plain.output == debug.output
    assert f"{SMALL_PO}:8: error: unterminated string" in plain.output


def test_a_bug_is_reported_briefly_with_exit_70(
    linked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("publish.site.article_build.plan_article", broken)
    plain = run(["build"], linked)
    assert plain.exit_code == errors.EXIT_INTERNAL == 70
    assert plain.output.strip() == (
        "publish: internal error: RuntimeError: simulated bug "
        "(this is a bug in publish; rerun with --debug and report it)"
    )
    debug = run(["--debug", "build"], linked)
    assert debug.exit_code == 70
    assert "Traceback (most recent call last)" in debug.output and "simulated bug" in debug.output


@pytest.mark.parametrize(
    "args",
    [["no-such-command"], ["build", "--no-such-option"], ["init"], ["build", "--jobs", "0"]],
    ids=" ".join,
)
def test_usage_errors_exit_2_without_a_traceback(linked: Path, args: list[str]) -> None:
    result = run(args, linked)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "Error:" in result.output


def test_outside_a_project_exit_2(tmp_path: Path) -> None:
    result = run(["build"], tmp_path)
    assert result.exit_code == 2
    assert "error: no publish.yaml in this folder or any folder above it; " in result.output


def test_closed_output_pipe_is_not_a_bug(linked: Path) -> None:
    """`publish check --format json | head -c1` must not end in an internal error."""
    (linked / SMALL_PO).write_text(
        (linked / SMALL_PO).read_text(encoding="utf-8").replace("Что изменилось", "Что 1 2 3"),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [*CLI, "check", "--format", "json"],
        cwd=linked,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    code = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert code == app.EXIT_BROKEN_PIPE == 141, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert "BrokenPipe" not in stderr


def test_every_exit_code_is_documented() -> None:
    table = DOCS.read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    used = {
        value
        for module in (errors, app)
        for name, value in vars(module).items()
        if name.startswith("EXIT_") and isinstance(value, int)
    }
    assert used | {130} <= documented, sorted(used - documented)
    assert "--debug" in table
