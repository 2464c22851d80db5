"""Hostile source articles (see hostile.source_cases): refused with file and line, or bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.harness import LINKED, Case, fresh_project, run_case
from hostile.source_cases import SOURCE_CASES


@pytest.mark.parametrize("case", [case.param() for case in SOURCE_CASES])
def test_hostile_source(
    case: Case, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = fresh_project(case.base, tmp_path, tmp_path_factory)
    assert case.base == LINKED
    run_case(case, root)
