"""Scratch space on disk, so that a run's memory does not grow with the archive.

``update`` puts aside what it needs again later in the run (the catalogs it
parsed in its first pass, the translation memory's texts) in a file of a
private temporary folder, and keeps only where each record is. The process
that made the :class:`Spill` writes it; the processes it starts afterwards
(``--jobs`` workers) can read it. The folder is removed when the run ends (see
:func:`spill`).

When the temporary folder cannot take more (a full disk), records are kept in
memory instead: the run goes on as it would have before there was a spill.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Where a record is: (offset, length); a negative offset is the number of a record
# kept in memory (-1 the first).
Ref = tuple[int, int]


class Spill:
    """Records appended to one file in ``folder`` (or kept in memory, see above)."""

    def __init__(self, folder: str | None) -> None:
        self.path = os.path.join(folder or "", "spill")
        self._owner = os.getpid()  # the process that writes
        self._write_fd = -1
        self._size = 0
        self._read_fd = -1  # (a descriptor inherited from a fork works too)
        self._kept: list[bytes] = []  # records the file could not take
        self._full = folder is None

    def __getstate__(self) -> dict[str, object]:
        # For a worker started without fork: it reads the file on its own.
        return {"path": self.path, "kept": self._kept}

    def __setstate__(self, state: dict[str, object]) -> None:
        path, kept = state["path"], state["kept"]
        assert isinstance(path, str) and isinstance(kept, list)
        self.__init__(os.path.dirname(path) or None)  # type: ignore[misc]
        self._owner = -1  # reads only
        self._kept = kept

    def put(self, data: bytes) -> Ref:
        """Store ``data``; where it is, for :meth:`get` (here or in a worker started later)."""
        assert os.getpid() == self._owner, "only the process that made a spill writes to it"
        if not self._full:
            try:
                if self._write_fd < 0:
                    self._write_fd = os.open(
                        self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600
                    )
                view = memoryview(data)
                while view:
                    view = view[os.write(self._write_fd, view) :]
            except OSError:
                # A full disk (or a file size limit): keep this and later records in
                # memory. What the file holds from a part of this record is never read.
                self._full = True
            else:
                offset = self._size
                self._size += len(data)
                return (offset, len(data))
        self._kept.append(data)
        return (-len(self._kept), len(data))

    def get(self, ref: Ref, start: int = 0, length: int | None = None) -> bytes:
        """The data stored at ``ref`` (``length`` bytes of it from ``start``: all by default)."""
        offset, size = ref
        if length is None:
            length = size - start
        assert start >= 0 and start + length <= size
        if offset < 0:
            return self._kept[-offset - 1][start : start + length]
        offset += start
        if self._read_fd < 0:
            self._read_fd = os.open(self.path, os.O_RDONLY)
        data = os.pread(self._read_fd, length, offset)
        if len(data) != length:  # pragma: no cover - only if the folder was tampered with
            raise OSError(f"{self.path}: temporary data was cut short")
        return data

    def close(self) -> None:
        """Close the files (in the process that made the spill)."""
        for fd in (self._write_fd, self._read_fd):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._write_fd = self._read_fd = -1


@contextlib.contextmanager
def spill() -> Iterator[Spill]:
    """A :class:`Spill` in a new private temporary folder, removed afterwards.

    When no temporary folder can be made, the records are kept in memory.
    """
    folder: str | None
    try:
        folder = tempfile.mkdtemp(prefix="publish-")
    except OSError:
        folder = None
    store = Spill(folder)
    try:
        yield store
    finally:
        store.close()
        if folder is not None:
            shutil.rmtree(Path(folder), ignore_errors=True)
