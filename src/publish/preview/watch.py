"""What the preview watches, and whether it changed: a snapshot of modification times.

Polling (rather than inotify) keeps it to the standard library and works on
every file system; the project's few hundred files are cheap to stat.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # project-relative path → (mtime in ns, size)

_TOP_FILES = ("publish.yaml", "glossary.yaml")
# (folder, suffixes; empty: every file)
_FOLDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("source", (".md",)),
    ("locale", (".po",)),
    ("templates", ()),
)


def _candidates(root: Path) -> Iterator[Path]:
    for name in _TOP_FILES:
        yield root / name
    for folder, suffixes in _FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if any(part.startswith(".") for part in path.relative_to(base).parts):
                continue  # editor swap files, publish's own temporary files
            if suffixes and path.suffix not in suffixes:
                continue
            yield path


def snapshot(root: Path) -> Snapshot:
    """Every watched file below ``root`` with its mtime and size."""
    result: Snapshot = {}
    for path in _candidates(root):
        try:
            stat = path.stat()
        except OSError:  # vanished meanwhile, or unreadable: its absence is the change
            continue
        if path.is_file():
            result[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return result


def changes(old: Snapshot, new: Snapshot) -> list[str]:
    """The paths added, removed or modified between two snapshots, sorted."""
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))
