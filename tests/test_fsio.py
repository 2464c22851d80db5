"""Atomic writes: complete old or complete new, never a half-written file."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from publish.errors import ConflictError, PublishError
from publish.fsio import atomic_write, decode_utf8, digest, read_bytes


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    assert atomic_write(path, b"one") is True
    mtime = path.stat().st_mtime_ns
    assert atomic_write(path, b"one") is False
    assert path.stat().st_mtime_ns == mtime


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_bytes(b"read by publish")
    seen = digest(path.read_bytes())
    path.write_bytes(b"saved by the translator meanwhile")
    with pytest.raises(ConflictError):
        atomic_write(path, b"merged", expected_digest=seen)
    assert path.read_bytes() == b"saved by the translator meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    with path.open("wb") as handle:
        handle.truncate(10_000_000)
    with pytest.raises(PublishError, match="over the limit"):
        read_bytes(path, max_bytes=1_000_000)


def test_invalid_utf8_names_line_and_column() -> None:
    with pytest.raises(PublishError) as info:
        decode_utf8(b"ok\nab\xffc\n", "x.md")
    problem = info.value.problems[0]
    assert problem.line == 2 and "column 3" in problem.message


def test_disk_full_leaves_the_old_file_complete(tmp_path: Path) -> None:
    """RLIMIT_FSIZE stands in for a full disk, in a subprocess."""
    path = tmp_path / "catalog.po"
    old = b"old complete content\n" * 100
    path.write_bytes(old)
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        from publish.fsio import atomic_write
        from publish.errors import PublishError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            atomic_write(Path({str(path)!r}), b"new" * 100000)
        except PublishError as exc:
            print(exc)
            sys.exit(2)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "disk is full" in result.stdout
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.po"]


def test_kill_before_rename_leaves_old_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.po"
    path.write_bytes(b"old")
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        import publish.fsio as fsio
        real = os.replace
        def killed(src, dst):
            os.kill(os.getpid(), signal.SIGKILL)
        fsio.os.replace = killed
        fsio.atomic_write(Path({str(path)!r}), b"new")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -signal.SIGKILL
    assert path.read_bytes() == b"old"
    # The orphaned temporary file is hidden and never mistaken for a catalog.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "catalog.po"]
    assert all(name.startswith(".catalog.po.") and name.endswith(".tmp") for name in leftovers)
