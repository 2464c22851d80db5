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


def test_a_batch_fsyncs_each_folder_once_when_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publish.fsio as fsio

    synced: list[Path] = []
    monkeypatch.setattr(fsio, "_fsync_dir", synced.append)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with fsio.write_batch():
        for number in range(5):
            assert atomic_write(tmp_path / "a" / f"{number}.po", b"new")
            assert atomic_write(tmp_path / "b" / f"{number}.po", b"new")
        assert atomic_write(tmp_path / "a" / "0.po", b"new") is False
        with fsio.write_batch():  # nested: part of the outer batch
            atomic_write(tmp_path / "a" / "5.po", b"new")
        assert synced == []  # nothing reported yet: the renames are made durable below
    assert sorted(synced) == [tmp_path / "a", tmp_path / "b"]
    synced.clear()
    atomic_write(tmp_path / "a" / "6.po", b"new")  # outside a batch: right away
    assert synced == [tmp_path / "a"]


def test_a_batch_fsyncs_its_folders_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publish.fsio as fsio

    synced: list[Path] = []
    monkeypatch.setattr(fsio, "_fsync_dir", synced.append)
    with pytest.raises(KeyboardInterrupt), fsio.write_batch():
        atomic_write(tmp_path / "a.po", b"new")
        raise KeyboardInterrupt
    assert synced == [tmp_path]


def test_another_thread_is_not_part_of_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import publish.fsio as fsio

    synced: list[Path] = []
    monkeypatch.setattr(fsio, "_fsync_dir", synced.append)
    with fsio.write_batch():
        thread = threading.Thread(target=atomic_write, args=(tmp_path / "a.po", b"new"))
        thread.start()
        thread.join()
        assert synced == [tmp_path]  # its write was made durable before it returned


def _orphan(folder: Path, name: str, pid: int) -> Path:
    path = folder / f".{name}.{pid}.abc123.tmp"
    path.write_bytes(b"half")
    return path


@pytest.mark.parametrize("batched", [False, True])
def test_orphaned_temporary_files_go_with_the_next_write_of_their_file(
    tmp_path: Path, batched: bool
) -> None:
    import contextlib
    import os

    import publish.fsio as fsio

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    gone = int(dead.stdout)
    mine = _orphan(tmp_path, "a.po", gone)
    other = _orphan(tmp_path, "b.po", gone)
    alive = _orphan(tmp_path, "a.po", os.getppid())  # a running process: never touched
    with fsio.write_batch() if batched else contextlib.nullcontext():
        atomic_write(tmp_path / "a.po", b"new")
        assert not mine.exists() and other.exists() and alive.exists()
        atomic_write(tmp_path / "c.po", b"new")
        assert other.exists()
        atomic_write(tmp_path / "b.po", b"new")
        assert not other.exists() and alive.exists()


def test_a_batch_renames_in_order_with_one_temporary_file_at_a_time(tmp_path: Path) -> None:
    import publish.fsio as fsio

    seen: list[list[str]] = []
    real_replace = fsio.os.replace

    def replace(source: str, target: str) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")))
        real_replace(source, target)

    fsio.os.replace = replace
    try:
        with fsio.write_batch() as batch:
            for number in range(6):
                assert atomic_write(tmp_path / f"{number}.po", b"new %d" % number)
    finally:
        fsio.os.replace = real_replace
    assert batch.conflicts == []
    assert [len(names) for names in seen] == [1] * 6
    assert [names[0].split(".")[1] for names in seen] == [str(n) for n in range(6)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.po" for n in range(6)]
    assert all((tmp_path / f"{n}.po").read_bytes() == b"new %d" % n for n in range(6))


def test_a_conflict_at_the_last_look_is_listed_by_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publish.fsio as fsio

    path = tmp_path / "a.po"
    path.write_bytes(b"read by publish")
    seen = digest(path.read_bytes())
    real_chmod = fsio.os.chmod

    def translator_saves(name: str, mode: int) -> None:
        path.write_bytes(b"saved meanwhile")
        real_chmod(name, mode)

    monkeypatch.setattr(fsio.os, "chmod", translator_saves)
    with fsio.write_batch() as batch:
        assert atomic_write(path, b"merged", expected_digest=seen)  # (handed over)
    assert [target for target, _ in batch.conflicts] == [path]
    assert "changed on disk while publish was writing it" in str(batch.conflicts[0][1])
    assert path.read_bytes() == b"saved meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_a_failed_rename_stops_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import publish.fsio as fsio

    real_replace = fsio.os.replace

    def fails_for_b(source: str, target: str) -> None:
        if str(target).endswith("b.po"):
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(fsio.os, "replace", fails_for_b)
    failed = pytest.raises(PublishError, match="cannot write: Input/output error")
    with failed, fsio.write_batch():
        atomic_write(tmp_path / "a.po", b"a")
        atomic_write(tmp_path / "b.po", b"b")  # fails after it returned...
        atomic_write(tmp_path / "c.po", b"c")  # ...so this one raises it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]
    failed = pytest.raises(PublishError, match="cannot write: Input/output error")
    with failed, fsio.write_batch():
        atomic_write(tmp_path / "b.po", b"b")  # raised when the block ends
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_a_batch_ended_by_an_exception_still_makes_its_last_rename(tmp_path: Path) -> None:
    import publish.fsio as fsio

    with pytest.raises(KeyboardInterrupt), fsio.write_batch():
        atomic_write(tmp_path / "a.po", b"new")
        raise KeyboardInterrupt
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]
    assert (tmp_path / "a.po").read_bytes() == b"new"
