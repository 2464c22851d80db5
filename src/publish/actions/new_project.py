"""`publish new DIR`: an empty project, like `mkdocs new`."""

from __future__ import annotations

from pathlib import Path

from ..config import CONFIG_NAME, DEFAULT_CONFIG
from ..errors import PublishError
from ..fsio import atomic_write
from ..relpath import display_path


def create_project(directory: Path) -> list[str]:
    """Create publish.yaml, source/ and locale/ in ``directory``; refuse to overwrite."""
    config = directory / CONFIG_NAME
    if config.exists():
        raise PublishError(
            "a project exists here already",
            path=display_path(config),
            hint="choose another folder",
        )
    if directory.exists() and not directory.is_dir():
        raise PublishError("exists and is not a folder", path=display_path(directory))
    created: list[str] = []
    for folder in (directory, directory / "source", directory / "locale"):
        if not folder.exists():
            folder.mkdir(parents=True)
            created.append(display_path(folder) + "/")
    atomic_write(config, DEFAULT_CONFIG.encode("utf-8"))
    created.append(display_path(config))
    return created
