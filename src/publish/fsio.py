"""The edge where publish touches the disk: bounded reads and atomic writes.

Writes go to a temporary file in the same folder, are fsynced and renamed over
the target, so every file is always either its complete old or its complete new
version. A file is only replaced when its bytes change (same bytes, same
mtime), and a caller that read a file can insist that it is unchanged on disk
just before the rename (a translator may have saved it meanwhile). A
temporary file left behind by a killed process (``.NAME.PID.RANDOM.tmp``) is
deleted by the next write of the same file.

Durability: the temporary file is fsynced before the rename, so whichever name
survives a crash points at complete data; the folder is fsynced after the
rename, so the rename itself survives a power loss.

Inside :func:`write_batch` (``update`` runs in one) the same steps happen in
the same order for every file, but:

- the folder fsync is made once per folder when the batch ends, and the folder
  is scanned for orphaned temporary files once, on its first write;
- the fsync of the temporary file runs in a thread of the batch while the
  caller goes on (prepares its next file: the fsync no longer stalls the
  work); the next write, or the end of the block, waits for it, then makes
  the last look at the target and the rename. :func:`atomic_write` still
  writes the data and reports a conflict it can see, or a full disk, before
  it returns; the renames are made in the order of the writes, with one
  temporary file at a time, as before. A conflict found at the last look is
  listed in the batch's ``conflicts``; another failure is raised by the next
  write, or when the block ends.

So a crash before the end of a batch can lose some of its renames (those files
are then their complete old version, and a rerun writes them again), never
expose a half-written file, and whoever reports a batch's writes as done does
so after the block has ended: every rename made, and made durable, by then.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConflictError, PublishError
from .relpath import display_path

MAX_SOURCE_BYTES = 8 * 1024 * 1024
MAX_CATALOG_BYTES = 64 * 1024 * 1024


def digest(data: bytes) -> str:
    """A content hash used to detect changes on disk."""
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """Read a file, refusing it before reading when it is over ``max_bytes``."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PublishError("no such file", path=shown, hint="check the path") from None
    except OSError as exc:
        raise PublishError(
            f"cannot read: {exc.strerror}", path=shown, hint="check the path and its permissions"
        ) from None
    if path.is_dir():
        raise PublishError("is a folder, not a file", path=shown, hint="name a file")
    if size > max_bytes:
        raise PublishError(
            f"file is {size:,} bytes, over the limit of {max_bytes:,}",
            path=shown,
            hint="split it, or check that this is the right file",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PublishError(
            f"cannot read: {exc.strerror}", path=shown, hint="check the path and its permissions"
        ) from None


def decode_utf8(data: bytes, path: str) -> str:
    """Decode UTF-8 strictly; a bad byte is reported with its line and column.

    A leading BOM is removed. Line endings are left as they are.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PublishError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at column {column})",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None


def read_text(path: Path, *, max_bytes: int = MAX_SOURCE_BYTES) -> str:
    """Read a UTF-8 text file with a size limit; CRLF and CR become LF."""
    text = decode_utf8(read_bytes(path, max_bytes=max_bytes), display_path(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def atomic_write(path: Path, data: bytes, *, expected_digest: str | None = None) -> bool:
    """Write ``data`` to ``path`` atomically; return False when nothing changed.

    ``expected_digest`` is the hash of the bytes the caller read; when the file
    on disk no longer has it, nothing is written and :class:`ConflictError` is
    raised. The file mode of an existing target is kept.

    Inside :func:`write_batch`, True means the data is written to the temporary
    file and the rename is handed over (see the module documentation): a
    conflict found just before that rename is in the batch's ``conflicts``.
    """
    shown = display_path(path)
    batch = _current_batch()
    if batch is not None:
        # The rename handed over last is made first (so there is one temporary file
        # at a time), and its failure, if any, is raised here.
        batch.wait()
        batch.check()
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise PublishError(
            f"cannot read: {exc.strerror}", path=shown, hint="check the path and its permissions"
        ) from None
    if expected_digest is not None and (current is None or digest(current) != expected_digest):
        raise ConflictError(
            "changed on disk since publish read it; left as it is",
            path=shown,
            hint="run the command again to include the new edits",
        )
    if batch is None:
        _remove_orphans(path)
    else:
        batch.remove_orphans(path)
    if current == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise _write_error(exc, shown) from None
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    rename = _Rename(fd, tmp_name, path, expected_digest, shown)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.chmod(tmp_name, mode if mode is not None else 0o644)
    except BaseException as exc:
        rename.discard()
        if isinstance(exc, OSError):
            raise _write_error(exc, shown) from None
        raise
    if batch is None:
        rename.finish()
        _fsync_dir(path.parent)
    else:
        batch.defer(rename)
    return True


@dataclass
class _Rename:
    """A temporary file written for ``path``, to be fsynced and renamed over it."""

    fd: int  # open on the temporary file
    tmp_name: str
    path: Path
    expected_digest: str | None
    shown: str

    def finish(self) -> None:
        """Fsync, look at the target a last time, rename (or discard and raise)."""
        try:
            os.fsync(self.fd)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise _write_error(exc, self.shown) from None
            raise
        self.complete()

    def complete(self) -> None:
        """After the fsync: look at the target a last time, rename (or discard and raise)."""
        try:
            os.close(self.fd)
            self.fd = -1
            # Last look right before the rename: the window left is the rename itself.
            if self.expected_digest is not None and (
                digest(self.path.read_bytes()) != self.expected_digest
            ):
                raise ConflictError(
                    "changed on disk while publish was writing it; left as it is",
                    path=self.shown,
                    hint="run the command again to include the new edits",
                )
            os.replace(self.tmp_name, self.path)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise _write_error(exc, self.shown) from None
            raise

    def discard(self) -> None:
        """Close and delete the temporary file; the target stays as it is."""
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        with contextlib.suppress(OSError):
            os.unlink(self.tmp_name)


@dataclass
class _Batch:
    """Writes of one :func:`write_batch` block, in the process and thread that opened it."""

    pid: int
    thread: int
    renamed_in: set[Path] = field(default_factory=set)  # folders to fsync at the end
    # folder -> target name -> temporary files for it found by the one scan of the folder
    orphans: dict[Path, dict[str, list[str]]] = field(default_factory=dict)
    # Found at the last look before a rename (the file was left as it is).
    conflicts: list[tuple[Path, ConflictError]] = field(default_factory=list)
    # The failure of a rename after its atomic_write returned: raised by the next one.
    error: BaseException | None = None
    _pending: _Rename | None = None  # handed over: its fsync runs in _syncing
    _syncing: Future[None] | None = None
    _fsyncs: ThreadPoolExecutor | None = None

    def remove_orphans(self, path: Path) -> None:
        """:func:`_remove_orphans`, from one scan of the folder per batch."""
        found = self.orphans.get(path.parent)
        if found is None:
            found = self.orphans[path.parent] = _scan_orphans(path.parent)
        for name in found.pop(path.name, ()):
            _remove_orphan(name, path.parent)

    def check(self) -> None:
        """Raise the failure of an earlier rename of this batch (as a synchronous write
        would have raised it before this one)."""
        if self.error is not None:
            raise self.error

    def defer(self, rename: _Rename) -> None:
        """Start the fsync of ``rename`` in the batch's thread; :meth:`wait` renames."""
        assert self._pending is None
        if self._fsyncs is None:
            self._fsyncs = ThreadPoolExecutor(1, thread_name_prefix="publish-fsync")
        self._pending = rename
        self._syncing = self._fsyncs.submit(os.fsync, rename.fd)

    def wait(self) -> None:
        """Make the rename handed over last (or discard it): after its fsync, the last
        look at the target and the rename, in this thread."""
        rename, syncing = self._pending, self._syncing
        if rename is None or syncing is None:
            return
        try:
            syncing.result()  # (an interrupted wait is taken up again by the next one)
        except BaseException as exc:
            if not isinstance(exc, OSError):
                raise
            self._pending = self._syncing = None
            rename.discard()
            self.error = _write_error(exc, rename.shown)
            return
        self._pending = self._syncing = None
        try:
            rename.complete()
        except ConflictError as exc:
            self.conflicts.append((rename.path, exc))
        except PublishError as exc:
            self.error = exc
        else:
            self.renamed_in.add(rename.path.parent)

    def settle(self) -> None:
        """Make the rename handed over last; stop the batch's thread."""
        try:
            self.wait()
        finally:
            if self._fsyncs is not None:
                self._fsyncs.shutdown()
                self._fsyncs = None


_BATCHES: list[_Batch] = []


def _current_batch() -> _Batch | None:
    # A process forked inside a batch inherits this list, not the batch (and another
    # thread has its own): their writes are made durable one by one unless they open
    # a batch of their own.
    pid, thread = os.getpid(), threading.get_ident()
    for batch in reversed(_BATCHES):
        if batch.pid == pid and batch.thread == thread:
            return batch
    return None


def settle_writes() -> None:
    """Make the rename the current batch handed over last and stop its thread (before
    a fork: the new process then starts with this one thread only)."""
    batch = _current_batch()
    if batch is not None:
        batch.settle()


class WriteBatch:
    """What :func:`write_batch` yields: the conflicts its writes met so far."""

    def __init__(self, batch: _Batch) -> None:
        self._batch = batch

    @property
    def conflicts(self) -> list[tuple[Path, ConflictError]]:
        """(target, conflict) for each write whose target changed before its rename.

        Complete once the outermost block has ended (a nested block sees those
        found so far)."""
        return list(self._batch.conflicts)


@contextlib.contextmanager
def write_batch() -> Iterator[WriteBatch]:
    """Let the :func:`atomic_write` calls of this block share the folder fsyncs, and
    leave their fsyncs and renames to a thread (see the module documentation).

    When the block ends (also with an exception) every rename handed over is made,
    unless an earlier one failed, and each folder written to is fsynced once: the
    writes are durable once it returns; report them as done only then. A conflict
    found at the last look before a rename is in ``conflicts`` (the file was left
    as it is), as :func:`atomic_write` would have raised it; another failure is
    raised. Nested blocks belong to the outermost one.
    """
    batch = _current_batch()
    if batch is not None:
        yield WriteBatch(batch)
        return
    batch = _Batch(os.getpid(), threading.get_ident())
    _BATCHES.append(batch)
    try:
        yield WriteBatch(batch)
    finally:
        try:
            batch.settle()
        finally:
            _BATCHES.remove(batch)
            for folder in sorted(batch.renamed_in):
                _fsync_dir(folder)
    batch.check()


def _write_error(exc: OSError, shown: str) -> PublishError:
    """A failed write as a located error (the target was not touched)."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason, hint = "the disk is full", "free some space, then run the command again"
    else:
        reason, hint = exc.strerror or str(exc), "check the folder's permissions, then run again"
    return PublishError(
        f"cannot write: {reason}; the file was left as it was", path=shown, hint=hint
    )


_ORPHAN = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]+\.tmp$")


def _remove_orphans(path: Path) -> None:
    """Delete temporary files for ``path`` left by a publish process that was killed.

    A temporary file is named ``.NAME.PID.RANDOM.tmp``; it is an orphan when no
    process ``PID`` runs any more (a running writer's file is never touched).
    """
    for name in _scan_orphans(path.parent).get(path.name, ()):
        _remove_orphan(name, path.parent)


def _scan_orphans(folder: Path) -> dict[str, list[str]]:
    """The temporary files in ``folder`` (``.NAME.PID.RANDOM.tmp``) by target ``NAME``."""
    found: dict[str, list[str]] = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.endswith(".tmp"):
                continue
            match = _ORPHAN.match(entry.name)
            if match is not None and entry.is_file(follow_symlinks=False):
                found.setdefault(match["name"], []).append(entry.name)
    return found


def _remove_orphan(name: str, folder: Path) -> None:
    """Delete the temporary file ``name`` when the process that made it is gone."""
    match = _ORPHAN.match(name)
    if match is not None and not _process_exists(int(match["pid"])):
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


def _process_exists(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a name that is not a pid: keep it
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the project so two runs cannot interleave."""
    lock_path = root / ".publish.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishError(
            f"cannot create the lock file: {exc.strerror}",
            path=display_path(lock_path),
            hint="publish needs to write in the project folder; check its permissions",
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ConflictError(
                "another publish command is working on this project",
                path=display_path(lock_path),
                hint="wait for it to finish, then run this one again",
            ) from None
        yield
    finally:
        os.close(fd)
