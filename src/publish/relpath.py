"""Paths shown to users: relative to the working folder when possible."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | Path) -> str:
    """The path as a user should read it: relative to the cwd if below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
