"""``site/.publish-manifest.json``: for each output, the key of its inputs and its hash.

With it a rebuild renders only pages whose inputs changed, and notices a page
that was edited by hand in ``site/`` (its bytes no longer have the recorded hash).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublishError
from ..fsio import atomic_write, read_bytes

MANIFEST_NAME = ".publish-manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Record:
    """What the last build wrote at one path."""

    key: str  # hash of the job's inputs and the renderer
    sha256: str  # hash of the bytes written


def load_manifest(output_dir: Path) -> dict[str, Record]:
    """The manifest of the last build; empty when missing or unreadable (everything re-renders)."""
    path = output_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(read_bytes(path, max_bytes=64 * 1024 * 1024))
    except (ValueError, OSError, PublishError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    records: dict[str, Record] = {}
    for output, record in files.items():
        if not safe_output_path(output):
            continue  # never let a manifest point publish outside the site folder
        if (
            isinstance(record, dict)
            and isinstance(record.get("key"), str)
            and isinstance(record.get("sha256"), str)
        ):
            records[output] = Record(record["key"], record["sha256"])
    return records


def safe_output_path(output: str) -> bool:
    """A relative path below the site folder, in normal form (no ``..``, no backslash)."""
    return (
        bool(output)
        and "\\" not in output
        and "\x00" not in output
        and not output.startswith("/")
        and posixpath.normpath(output) == output
        and ".." not in output.split("/")
    )


def manifest_bytes(records: dict[str, Record]) -> bytes:
    """Deterministic JSON (sorted paths)."""
    files = {
        output: {"key": records[output].key, "sha256": records[output].sha256}
        for output in sorted(records)
    }
    text = json.dumps({"format": FORMAT, "files": files}, indent=1, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def save_manifest(output_dir: Path, records: dict[str, Record]) -> bool:
    """Write the manifest when it changed; True when written."""
    return atomic_write(output_dir / MANIFEST_NAME, manifest_bytes(records))
