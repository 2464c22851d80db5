"""Scratch space on disk, so that a run's memory does not grow with the archive.

``update`` puts aside what it needs again later in the run (the catalogs it
parsed in its first pass, the translation memory's texts) in a temporary file
and keeps only where each record is. The process that made the :class:`Spill`
writes it; the processes it starts afterwards (``--jobs`` workers) can read it.

Where processes are forked (Linux), the file has no name: the workers inherit
its descriptor, and nothing is left behind whatever ends the run, even
``kill -9``. Elsewhere it is a file in a private temporary folder that workers
open by name, removed when the run ends (see :func:`spill`).

When the temporary folder cannot take more (a full disk), records are kept in
memory instead: the run goes on as it would have before there was a spill.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator

# Where a record is: (offset, length); a negative offset is the number of a record
# kept in memory (-1 the first).
Ref = tuple[int, int]


class Spill:
    """Records appended to a temporary file (or kept in memory, see above).

    ``fd`` is the file, open for reading and writing; ``path`` its name, for
    workers that do not inherit ``fd`` (None: it has none). Without ``fd``,
    every record is kept in memory.
    """

    def __init__(self, fd: int = -1, path: str | None = None) -> None:
        self.path = path
        self._fd = fd
        self._owner = os.getpid()  # the process that writes
        self._size = 0
        self._kept: list[bytes] = []  # records the file could not take
        self._full = fd < 0

    def __getstate__(self) -> dict[str, object]:
        # For a worker started without fork: it opens the file by its name.
        if self.path is None and not self._full:
            raise TypeError("a spill without a name reaches workers only through fork")
        return {"path": self.path, "kept": self._kept}

    def __setstate__(self, state: dict[str, object]) -> None:
        path, kept = state["path"], state["kept"]
        assert (path is None or isinstance(path, str)) and isinstance(kept, list)
        fd = -1 if path is None else os.open(path, os.O_RDONLY)
        self.__init__(fd, path)  # type: ignore[misc]
        self._owner = -1  # reads only
        self._kept = kept

    def put(self, data: bytes) -> Ref:
        """Store ``data``; where it is, for :meth:`get` (here or in a worker started later)."""
        assert os.getpid() == self._owner, "only the process that made a spill writes to it"
        if not self._full:
            try:
                view = memoryview(data)
                offset = self._size
                while view:
                    written = os.pwrite(self._fd, view, offset)
                    view, offset = view[written:], offset + written
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
        data = os.pread(self._fd, length, offset + start)
        if len(data) != length:  # pragma: no cover - only if the file was tampered with
            raise OSError(f"{self.path or 'spill'}: temporary data was cut short")
        return data

    def close(self) -> None:
        """Close the file (in this process)."""
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1
        self._full = True


@contextlib.contextmanager
def spill() -> Iterator[Spill]:
    """A :class:`Spill` in a new temporary file, gone afterwards.

    When no temporary file can be made, the records are kept in memory.
    """
    folder: str | None = None
    fd = -1
    path = None
    try:
        if "fork" in multiprocessing.get_all_start_methods():
            fd, name = tempfile.mkstemp(prefix="publish-", suffix=".spill")
            os.unlink(name)  # (the descriptor keeps it; nothing is left behind)
        else:
            folder = tempfile.mkdtemp(prefix="publish-")
            path = os.path.join(folder, "spill")
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        fd, path = -1, None
    store = Spill(fd, path)
    try:
        yield store
    finally:
        store.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
