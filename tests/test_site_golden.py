"""Golden sites: each case under tests/golden/site/ is built and compared byte for byte.

A case is a folder with ``project/`` (publish.yaml, source/, locale/) and
``expected/`` (the site, without the build manifest) plus ``build-output.txt``
(what `publish build` printed). After a deliberate change to the output,
regenerate them with::

    PUBLISH_REGENERATE_GOLDEN=1 pytest tests/test_site_golden.py

and review the diff like any other change.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from site_fixtures import GOLDEN, build, copy_project, site_files

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "project").is_dir())
REGENERATE = os.environ.get("PUBLISH_REGENERATE_GOLDEN") == "1"


def expected_files(case: str) -> dict[str, bytes]:
    folder = GOLDEN / case / "expected"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES)
def test_golden_site(case: str, tmp_path: Path) -> None:
    root = copy_project(case, tmp_path)
    result = build(root)
    assert result.exit_code == 0, result.output
    actual = site_files(root)
    if REGENERATE:
        shutil.rmtree(GOLDEN / case / "expected", ignore_errors=True)
        for name, data in actual.items():
            target = GOLDEN / case / "expected" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (GOLDEN / case / "build-output.txt").write_text(result.output, encoding="utf-8")
        return
    expected = expected_files(case)
    assert sorted(actual) == sorted(expected), "the site has other files than the golden one"
    for name in expected:
        assert actual[name].decode("utf-8") == expected[name].decode("utf-8"), (
            f"{case}/{name} differs (PUBLISH_REGENERATE_GOLDEN=1 regenerates after a deliberate change)"
        )
    assert result.output == (GOLDEN / case / "build-output.txt").read_text(encoding="utf-8")


def test_golden_cases_exist() -> None:
    assert {"small", "seed"} <= set(CASES)
    for case in CASES:
        assert (GOLDEN / case / "expected").is_dir() or REGENERATE, case
