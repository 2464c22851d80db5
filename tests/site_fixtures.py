"""Fixtures for the site tests: the golden projects, building them, reading the output."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import Result

from helpers import run

GOLDEN = Path(__file__).parent / "golden" / "site"
SMALL = "small"  # a short article: heading, list, quote, links, skip; ru, ar (RTL), de, fr, es
SEED = "seed"  # the seed article with a full Russian and a partial Arabic catalog
SMALL_SLUG = "night-trains"
SEED_SLUG = "in-russias-poorest-regions-mothers-and-wives"
MANIFEST = ".publish-manifest.json"
STAMPS = ".publish-stamps.json"


def copy_project(case: str, tmp_path: Path) -> Path:
    """A fresh copy of a golden case's input project."""
    root = tmp_path / case
    shutil.copytree(GOLDEN / case / "project", root)
    return root


def build(root: Path, *args: str) -> Result:
    """``publish build ARGS`` in ``root``."""
    return run(["build", *args], root)


def site_files(root: Path, *, manifest: bool = False) -> dict[str, bytes]:
    """Every file of ``site/`` with its bytes (the manifest only when asked)."""
    site = root / "site"
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and (manifest or path.name != MANIFEST)
        and path.name != STAMPS  # a cache of inode numbers and times
    }


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of the site's files: an atomic rewrite changes both."""
    site = root / "site"
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }
