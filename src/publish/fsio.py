"""The edge where publish touches the disk: bounded reads and atomic writes.

Writes go to a temporary file in the same folder, are fsynced and renamed over
the target, so every file is always either its complete old or its complete new
version. A file is only replaced when its bytes change (same bytes, same
mtime), and a caller that read a file can insist that it is unchanged on disk
just before the rename (a translator may have saved it meanwhile). A
temporary file left behind by a killed process (``.NAME.PID.RANDOM.tmp``) is
deleted by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
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
    _remove_orphans(path)
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
    _fsync_dir(path.parent)
    return True


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
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            match = _ORPHAN.match(entry.name)
            if (
                match is None
                or match["name"] != path.name
                or not entry.is_file(follow_symlinks=False)
            ):
                continue
            if not _process_exists(int(match["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


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
