"""Content hashes of files, remembered with their ``stat`` so unchanged files are not re-read.

The build is keyed on content hashes; reading and hashing every source, catalog
and page of a large site on every build would cost more than the build of one
changed article. Like git's index, the manifest keeps each file's size, times
and inode next to its hash, and a file whose ``stat`` is unchanged keeps its
hash. A file changed within the same clock tick as it was hashed could keep its
stat, so only *settled* files are remembered: those last changed well before
they were read (any later change moves their ctime, which nobody can set back).

The stamps live in ``site/.publish-stamps.json``, apart from the manifest: they
hold inode numbers and times, which differ between two checkouts of one
project, while the manifest is the same wherever the site is built.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PublishError
from ..fsio import atomic_write, digest, read_bytes

STAMPS_NAME = ".publish-stamps.json"
FORMAT = 1
SETTLED_NS = 3 * 1_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)


@dataclass(frozen=True, slots=True)  # one per file or page of the site
class Stamp:
    """A file's hash and the ``stat`` it had when it was hashed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha256: str

    def matches(self, status: os.stat_result) -> bool:
        """The file has not changed since it was hashed."""
        return (
            status.st_size == self.size
            and status.st_mtime_ns == self.mtime_ns
            and status.st_ctime_ns == self.ctime_ns
            and status.st_ino == self.inode
        )


@dataclass
class DigestCache:
    """Hashes of files below ``root``, from the last build's stamps where still true."""

    root: Path
    old: Mapping[str, Stamp]
    new: dict[str, Stamp] = field(default_factory=dict)
    # how long ago a file must have changed to be remembered (read when created)
    settle_ns: int = field(default_factory=lambda: SETTLED_NS)

    def digest(self, path: Path | str, *, max_bytes: int) -> str:
        """The hash of the file's bytes (read only when its stat changed).

        Raises :class:`publish.errors.PublishError` when it cannot be read.
        """
        found = self.digest_if_exists(path, max_bytes=max_bytes)
        if found is None:
            return digest(read_bytes(Path(path), max_bytes=max_bytes))  # raises: no such file
        return found

    def digest_if_exists(self, path: Path | str, *, max_bytes: int) -> str | None:
        """:meth:`digest`, or None when there is no such file."""
        name = self._name(path)
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return None
        except OSError:
            status = None
        if status is not None:
            stamp = self.old.get(name)
            if stamp is not None and stamp.matches(status):
                self.new[name] = stamp
                return stamp.sha256
        return self.read(path, max_bytes=max_bytes)[1]

    def read(self, path: Path | str, *, max_bytes: int) -> tuple[bytes, str]:
        """Read a file and hash it, remembering its stamp when it is settled.

        Raises :class:`publish.errors.PublishError` when it cannot be read.
        """
        try:
            status: os.stat_result | None = os.stat(path)
        except OSError:
            status = None
        now = time.time_ns()
        data = read_bytes(Path(path), max_bytes=max_bytes)
        sha256 = digest(data)
        if (
            status is not None
            and max(status.st_mtime_ns, status.st_ctime_ns) < now - self.settle_ns
        ):
            self.new[self._name(path)] = Stamp(
                status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, sha256
            )
        return data, sha256

    def _name(self, path: Path | str) -> str:
        text, root = str(path), str(self.root) + os.sep
        # Plain string work: this runs for every file of the site on every build.
        name = text[len(root) :] if text.startswith(root) else text
        return name.replace(os.sep, "/")


def load_stamps(output_dir: Path) -> dict[str, Stamp]:
    """The stamps the last build left; any that is not as written is dropped (re-hashed)."""
    try:
        data = json.loads(read_bytes(output_dir / STAMPS_NAME, max_bytes=256 * 1024 * 1024))
    except (ValueError, OSError, PublishError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    stamps: dict[str, Stamp] = {}
    raw = data.get("stamps")
    for name, value in raw.items() if isinstance(raw, dict) else ():
        if (
            isinstance(value, list)
            and len(value) == 5
            and all(type(number) is int for number in value[:4])
            and isinstance(value[4], str)
        ):
            stamps[name] = Stamp(*value)
    return stamps


def save_stamps(output_dir: Path, stamps: Mapping[str, Stamp], old: Mapping[str, Stamp]) -> None:
    """Remember the stamps for the next build (when they changed)."""
    path = output_dir / STAMPS_NAME
    if stamps == old and (path.is_file() or not stamps):
        return
    rows = {
        name: [stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.inode, stamp.sha256]
        for name, stamp in sorted(stamps.items())
    }
    text = json.dumps({"format": FORMAT, "stamps": rows}, separators=(",", ":"))
    atomic_write(path, text.encode("utf-8") + b"\n")
