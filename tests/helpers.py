"""Shared test helpers: running the CLI in a project folder, gettext oracles."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from publish.cli import cli

DATA = Path(__file__).parent / "data"
SEED_CAPTURE = DATA / "000_760c513f13e5c23f.txt"
SEED_REVISION = DATA / "001_6e0fe0b33ec0c33a.txt"
SEED_SLUG = "in-russias-poorest-regions-mothers-and-wives"


@contextmanager
def working_dir(path: Path) -> Iterator[None]:
    """Run a block with ``path`` as the current folder."""
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run(args: list[str], cwd: Path) -> Result:
    """Invoke the CLI in ``cwd`` the way a user would."""
    with working_dir(cwd):
        return CliRunner().invoke(cli, args, prog_name="publish", catch_exceptions=False)


def new_project(tmp_path: Path, languages: list[str] | None = None) -> Path:
    """A fresh project in tmp_path/proj, optionally with target languages."""
    result = run(["new", "proj"], tmp_path)
    assert result.exit_code == 0, result.output
    root = tmp_path / "proj"
    if languages:
        config = (root / "publish.yaml").read_text()
        config = config.replace("languages: []", "languages: [" + ", ".join(languages) + "]")
        (root / "publish.yaml").write_text(config)
    return root


def seed_project(tmp_path: Path, languages: list[str] | None = None) -> Path:
    """A project with the seed article imported (URL repaired) and extracted."""
    root = new_project(tmp_path, languages)
    result = run(["import", str(SEED_CAPTURE), "--accept-repairs"], root)
    assert result.exit_code == 0, result.output
    result = run(["extract"], root)
    assert result.exit_code == 0, result.output
    return root


def need_gettext() -> None:
    """Skip when GNU gettext is missing (CI installs it)."""
    if shutil.which("msgcat") is None or shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgcat, msgfmt) is not installed")


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """``msgfmt -c`` on a file; returns the completed process."""
    need_gettext()
    return subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )


def msgcat_bytes(path: Path) -> bytes:
    """What ``msgcat`` writes for a file."""
    need_gettext()
    return subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout


# Not content: the lock, and the build's cache of file stamps (inode numbers and times).
NOT_CONTENT = (".publish.lock", ".publish-stamps.json")


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes (to prove nothing was written)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in NOT_CONTENT
    }
