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
rename, so the rename itself survives a power loss. Inside :func:`write_batch`
the folder fsync is made once per folder when the batch ends (and the folder is
scanned for orphaned temporary files once, on its first write) instead of once
per file: a crash before the end of the batch can lose some of its renames
(those files are then their complete old version, and a rerun writes them
again), never expose a half-written file. Whoever reports a batch's writes as
done does so after the batch has ended, when every rename is durable.
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
    """
    shown = display_path(path)
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
    batch = _current_batch()
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
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode if mode is not None else 0o644)
        # Last look right before the rename: the window left is the rename itself.
        if expected_digest is not None and digest(path.read_bytes()) != expected_digest:
            raise ConflictError(
                "changed on disk while publish was writing it; left as it is",
                path=shown,
                hint="run the command again to include the new edits",
            )
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _write_error(exc, shown) from None
        raise
    if batch is None:
        _fsync_dir(path.parent)
    else:
        batch.renamed_in.add(path.parent)
    return True


@dataclass
class _Batch:
    """Writes of one :func:`write_batch` block, in the process that opened it."""

    pid: int
    thread: int
    renamed_in: set[Path] = field(default_factory=set)  # folders to fsync at the end
    # folder -> target name -> temporary files for it found by the one scan of the folder
    orphans: dict[Path, dict[str, list[str]]] = field(default_factory=dict)

    def remove_orphans(self, path: Path) -> None:
        """:func:`_remove_orphans`, from one scan of the folder per batch."""
        found = self.orphans.get(path.parent)
        if found is None:
            found = self.orphans[path.parent] = _scan_orphans(path.parent)
        for name in found.pop(path.name, ()):
            _remove_orphan(name, path.parent)


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


@contextlib.contextmanager
def write_batch() -> Iterator[None]:
    """Let the :func:`atomic_write` calls of this block share the folder fsyncs.

    Each folder written to is fsynced once when the block ends (also when it
    ends with an exception), so every rename made in the block is durable once
    it returns; report the writes as done only then. Each folder is scanned for
    orphaned temporary files once. Every file is still written to a fsynced
    temporary file and renamed, so it is always its complete old or complete
    new version. Nested blocks belong to the outermost one.
    """
    if _current_batch() is not None:
        yield
        return
    batch = _Batch(os.getpid(), threading.get_ident())
    _BATCHES.append(batch)
    try:
        yield
    finally:
        _BATCHES.remove(batch)
        for folder in sorted(batch.renamed_in):
            _fsync_dir(folder)


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
