"""Hostile configuration (see hostile.config_cases): refused with the line of the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.config_cases import CONFIG_CASES
from hostile.harness import LINKED, Case, fresh_project, run_case

from helpers import run


@pytest.mark.parametrize("case", [case.param() for case in CONFIG_CASES])
def test_hostile_configuration(
    case: Case, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = fresh_project(case.base, tmp_path, tmp_path_factory)
    run_case(case, root)
    outside = root.parent / "outside-site"
    assert not outside.exists() or list(outside.iterdir()) == []


def test_a_link_inside_the_site_folder_is_not_followed_out_of_it(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A committed `site/ru -> elsewhere` link cannot make the build write elsewhere."""
    root = fresh_project(LINKED, tmp_path, tmp_path_factory)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "site").mkdir()
    (root / "site" / "ru").symlink_to(outside)
    result = run(["build"], root)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (
        "site/ru/night-trains/index.html: error: not written: its folder is a link to a place "
        "outside the site folder" in result.output
    )
    assert list(outside.iterdir()) == []
    assert (root / "site/en/night-trains/index.html").is_file()
