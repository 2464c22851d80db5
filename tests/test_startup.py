"""Start-up time: the CLI imports a command's heavy modules only when that command runs.

Every `publish` command is its own process, so what `publish.cli` imports at
module level is paid by every command, `publish --help` included. These tests
run a fresh interpreter and look at ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import publish

from helpers import new_project

SRC = Path(publish.__file__).resolve().parent.parent

# Modules (and packages, with everything below them) that no command needs
# before it runs: the site builder, templates, locale data, Markdown, YAML, the
# actions and the checks.
HEAVY = (
    "jinja2",
    "babel",
    "markdown_it",
    "yaml",
    "publish.site",
    "publish.actions",
    "publish.config",
    "publish.workspace",
    "publish.source",
    "publish.po",
    "publish.catalog",
    "publish.fsio",
    "publish.checks.registry",
    "publish.review",
    "publish.preview.core",
    "publish.preview.http",
    "publish.pseudo.catalogs",
)

# Runs the CLI in a fresh interpreter and prints the loaded module names on exit.
PROBE = """
import json, sys
sys.argv = ["publish", *json.loads(sys.argv[1])]
try:
    from publish.cli import main
    if len(sys.argv) > 1:
        main()
except SystemExit:
    pass
finally:
    sys.stdout.flush()
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def loaded_modules(args: list[str], cwd: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    marker = result.stderr.rfind("\nMODULES ")
    assert marker >= 0, result.stderr
    return set(json.loads(result.stderr[marker + len("\nMODULES ") :]))


def heavy(modules: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    def under(name: str, prefixes: tuple[str, ...]) -> bool:
        return any(name == p or name.startswith(p + ".") for p in prefixes)

    def parent_of_allowed(name: str) -> bool:  # `publish.actions` for `publish.actions.x`
        return any(a.startswith(name + ".") for a in allowed)

    return sorted(
        m for m in modules if under(m, HEAVY) and not under(m, allowed) and not parent_of_allowed(m)
    )


def test_importing_the_cli_loads_no_heavy_module(tmp_path: Path) -> None:
    modules = loaded_modules([], tmp_path)
    assert "publish.cli.app" in modules
    assert "publish.cli.tools_commands" in modules  # every command is registered
    assert heavy(modules) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["build", "--help"],
        ["check", "--help"],
        ["serve", "--help"],
        ["pseudo", "--help"],
        ["update", "--help"],
    ],
    ids=lambda args: " ".join(args),
)
def test_help_loads_no_heavy_module(tmp_path: Path, args: list[str]) -> None:
    assert heavy(loaded_modules(args, tmp_path)) == []


def test_extract_loads_only_what_extracting_needs(tmp_path: Path) -> None:
    root = new_project(tmp_path)
    modules = loaded_modules(["extract"], root)
    assert "publish.actions.extracting" in modules  # the command did run
    needed = (
        "babel",
        "markdown_it",
        "yaml",
        "publish.actions.extracting",
        "publish.config",
        "publish.workspace",
        "publish.source",
        "publish.po",
        "publish.catalog.parallel",
        "publish.fsio",
    )
    assert heavy(modules, allowed=needed) == []


def test_checks_package_still_exports_every_name() -> None:
    import publish.checks as checks

    for name in checks.__all__:
        assert getattr(checks, name) is not None, name
        assert name in dir(checks)
    with pytest.raises(AttributeError):
        _ = checks.no_such_name
