"""Ruff and mypy are part of the test suite, so CI keeps the code clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(tool, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_clean() -> None:
    if shutil.which("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    folders = [name for name in ("src", "tests", "benchmarks", "tools") if (ROOT / name).is_dir()]
    result = _run(["ruff", "check", *folders])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    pytest.importorskip("mypy")
    result = _run([sys.executable, "-m", "mypy", "--cache-dir", "/dev/null"])
    assert result.returncode == 0, result.stdout + result.stderr
