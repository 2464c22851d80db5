"""Faults while publish writes: full disk, kill -9, Ctrl-C, a translator saving, two runs.

After each fault every file is either its complete old or its complete new
version (the new one being what a run without the fault writes), every catalog
still parses, no temporary file is left once a rerun is done, and the rerun
finishes the job. Faults are injected in a subprocess (``publish`` started with
``sys.executable -c``): RLIMIT_FSIZE with SIGXFSZ ignored stands in for a full
disk, SIGKILL and SIGINT are sent from inside ``os.replace`` or from outside.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.harness import LINKED, RU_PAGE, SMALL_PO, changed_files, fresh_project, translate
from publish.po.reader import read_catalog

from helpers import new_project, run, tree_snapshot

ARTICLES = 40
MANIFEST = "site/.publish-manifest.json"
EPOCH = "1700000000"  # SOURCE_DATE_EPOCH: every run writes the same bytes


def story(number: int, *, revised: bool = False) -> str:
    """Article ``number``; the revision edits one paragraph and adds one."""
    second = f"The second paragraph of story {number} describes the sleeper cars."
    paragraphs = [
        f"The first paragraph of story {number} tells how the train left Vienna.",
        second.replace("sleeper cars", "rebuilt sleeper cars") if revised else second,
        f"The third paragraph of story {number} quotes the operator on prices.",
    ]
    if revised:
        paragraphs.append(f"A new fourth paragraph of story {number} about the return trip.")
    return (
        "---\n"
        f"title: Story {number} about night trains\n"
        "authors:\n- Maria Keller\n"
        "date: 2024-03-05\n"
        f"original_url: https://news.example.com/{number}\n"
        "notice: © 2024 Example Wire. Reprinted with permission.\n"
        "---\n\n" + "\n\n".join(paragraphs) + "\n"
    )


def slug(number: int) -> str:
    """The file name of article ``number``."""
    return f"story-{number:02d}"


@pytest.fixture(scope="module")
def many_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """40 translated articles whose sources were just revised: `update` must rewrite
    all 40 templates and all 40 Russian catalogs."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        root = new_project(tmp_path_factory.mktemp("many"), ["ru"])
        for number in range(ARTICLES):
            (root / "source" / f"{slug(number)}.md").write_text(story(number), encoding="utf-8")
        result = run(["init", "ru"], root)
        assert result.exit_code == 0, result.output
        for number in range(ARTICLES):
            po = f"locale/ru/LC_MESSAGES/{slug(number)}.po"
            catalog = read_catalog((root / po).read_bytes(), po)
            translate(root, {e.msgid: f"Перевод: {e.msgid}" for e in catalog.entries}, po)
            (root / "source" / f"{slug(number)}.md").write_text(
                story(number, revised=True), encoding="utf-8"
            )
        yield root
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture
def many(many_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the 40-article project (SOURCE_DATE_EPOCH set for in-process runs)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = tmp_path / "many"
    shutil.copytree(many_template, root)
    return root


def reference(root: Path, *commands: list[str]) -> dict[str, bytes]:
    """The tree a run of ``commands`` without any fault leaves (on a copy of ``root``)."""
    copy = root.parent / f"{root.name}-reference"
    shutil.copytree(root, copy)
    for command in commands:
        result = run(command, copy)
        assert result.exit_code == 0, result.output
    return tree_snapshot(copy)


def publish_process(
    root: Path, args: list[str], setup: str = "", **popen: object
) -> subprocess.Popen[bytes]:
    """Start ``publish ARGS`` in ``root`` in a new Python process, after ``setup`` code."""
    script = (
        "import sys\n"
        + textwrap.dedent(setup)
        + "\nfrom publish.cli import main\nsys.argv = ['publish', *sys.argv[1:]]\nmain()\n"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", script, *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait for a process; its exit status and combined output (never a traceback)."""
    out, err = process.communicate(timeout=120)
    output = out.decode() + err.decode()
    assert "Traceback" not in output, output
    return process.returncode, output


def temporaries(root: Path) -> list[str]:
    """Temporary files publish left in the project."""
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*.tmp"))


def assert_each_file_old_or_new(
    root: Path, old: dict[str, bytes], new: dict[str, bytes]
) -> dict[str, bytes]:
    """Every file is its complete old or complete new version; every catalog parses."""
    now = {path: data for path, data in tree_snapshot(root).items() if not path.endswith(".tmp")}
    for path, data in now.items():
        if path == MANIFEST:  # a record of what is written so far: complete, and true
            for output, record in json.loads(data)["files"].items():
                page = now.get(f"site/{output}")
                assert page is not None and hashlib.sha256(page).hexdigest() == record["sha256"]
            continue
        assert data in (old.get(path), new.get(path)), f"{path} is neither old nor new"
        if path.endswith((".po", ".pot")):
            read_catalog(data, path)
    for path in old.keys() - now.keys():
        assert path not in new, f"{path} disappeared"
    return now


def rerun_finishes(root: Path, command: list[str], new: dict[str, bytes]) -> None:
    """Running the command again (no fault) leaves exactly the reference tree."""
    result = run(command, root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert changed_files(tree_snapshot(root), new) == []
    assert temporaries(root) == []


DISK_FULL = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
"""


def test_disk_full_during_update(many: Path) -> None:
    old = tree_snapshot(many)
    new = reference(many, ["update"])
    templates = [len(data) for path, data in new.items() if path.endswith(".pot")]
    catalogs = [len(data) for path, data in new.items() if path.endswith(".po")]
    limit = max(templates) + 1  # every template fits, no catalog does
    assert limit < min(catalogs)
    code, output = finish(publish_process(many, ["update"], DISK_FULL.format(limit=limit)))
    assert code == 2, output
    assert "error: cannot write: the disk is full; the file was left as it was; " in output
    now = assert_each_file_old_or_new(many, old, new)
    assert all(now[path] == old[path] for path in now if path.endswith(".po"))
    assert temporaries(many) == []
    rerun_finishes(many, ["update"], new)


def test_disk_full_during_build(many: Path) -> None:
    assert run(["update"], many).exit_code == 0
    old = tree_snapshot(many)
    new = reference(many, ["build"])
    code, output = finish(publish_process(many, ["build"], DISK_FULL.format(limit=3000)))
    assert code == 2, output
    assert "cannot write: the disk is full" in output
    assert_each_file_old_or_new(many, old, new)
    assert temporaries(many) == []
    rerun_finishes(many, ["build"], new)


def test_disk_full_during_import(many: Path) -> None:
    from helpers import SEED_CAPTURE

    old = tree_snapshot(many)
    code, output = finish(
        publish_process(many, ["import", str(SEED_CAPTURE)], DISK_FULL.format(limit=1000))
    )
    assert code == 2, output
    assert "source/" in output and "cannot write: the disk is full" in output
    assert changed_files(old, tree_snapshot(many)) == []
    assert temporaries(many) == []


KILL_ON_RENAME = """
import os, signal
import publish.fsio as fsio
_real_replace = os.replace
_renames = [0]
def _replace(source, target):
    _renames[0] += 1
    if _renames[0] == {nth}:
        os.kill(os.getpid(), signal.SIGKILL)  # between the temporary file and the rename
    return _real_replace(source, target)
fsio.os.replace = _replace
"""


@pytest.mark.parametrize("nth", [1, 45, 79], ids=["first", "middle", "last"])
def test_kill_between_temporary_file_and_rename(many: Path, nth: int) -> None:
    """kill -9 during the nth rename of 80 (40 templates, then 40 catalogs)."""
    old = tree_snapshot(many)
    new = reference(many, ["update"])
    process = publish_process(many, ["update"], KILL_ON_RENAME.format(nth=nth))
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    now = assert_each_file_old_or_new(many, old, new)
    assert sum(now[path] != old[path] for path in now) == nth - 1
    assert len(temporaries(many)) == 1  # the file being renamed: complete, but never renamed
    rerun_finishes(many, ["update"], new)


SLOW_RENAMES = """
import os, time
import publish.fsio as fsio
_real_replace = os.replace
_renames = [0]
def _replace(source, target):
    result = _real_replace(source, target)
    _renames[0] += 1
    print("renamed", _renames[0], file=sys.stderr, flush=True)
    time.sleep(0.02)
    return result
fsio.os.replace = _replace
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_the_middle_of_updating_many_catalogs(many: Path, jobs: str) -> None:
    old = tree_snapshot(many)
    new = reference(many, ["update"])
    process = publish_process(
        many, ["update", "--jobs", jobs], SLOW_RENAMES, start_new_session=True
    )
    assert process.stderr is not None
    seen = 0
    while seen < 50:  # all 40 templates and 10 catalogs are renamed (in any process)
        line = process.stderr.readline().decode()
        assert line, "publish ended before it could be interrupted"
        seen += line.count("renamed ")
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    code, output = finish(process)
    assert code == 130, output
    assert "publish: interrupted; files already written are complete, rerun to finish" in output
    now = assert_each_file_old_or_new(many, old, new)
    written = [path for path in now if path.endswith(".po") and now[path] != old[path]]
    assert 10 <= len(written) < ARTICLES
    rerun_finishes(many, ["update"], new)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_the_middle_of_a_build(many: Path, jobs: str) -> None:
    """Pages written before Ctrl-C are recorded, so the rerun does not take them for
    hand edits; the rerun writes exactly what an uninterrupted build writes."""
    assert run(["update"], many).exit_code == 0
    old = tree_snapshot(many)
    new = reference(many, ["build"])
    process = publish_process(many, ["build", "--jobs", jobs], SLOW_RENAMES, start_new_session=True)
    assert process.stderr is not None
    seen = 0
    while seen < 20:
        line = process.stderr.readline().decode()
        assert line, "publish ended before it could be interrupted"
        seen += line.count("renamed ")
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    code, output = finish(process)
    assert code == 130, output
    assert_each_file_old_or_new(many, old, new)
    result = run(["build"], many)
    assert result.exit_code == 0, result.output
    assert "changed by hand" not in result.output
    assert changed_files(tree_snapshot(many), new) == []
    assert temporaries(many) == []


IDLE_WORKERS_THEN_CTRL_C = """
import os, signal, time, concurrent.futures
import {module} as target
def _ctrl_c_once_idle():
    time.sleep(1.0)  # every worker is done and waits for work
    os.killpg(0, signal.SIGINT)  # Ctrl-C: the whole process group
    time.sleep(1.0)
class _Pool(concurrent.futures.ProcessPoolExecutor):
    submitted = 0
    def map(self, *args, **kwargs):
        results = super().map(*args, **kwargs)
        def slowly():
            for number, result in enumerate(results):
                if number == 0:
                    _ctrl_c_once_idle()
                yield result
        return slowly()
    def submit(self, *args, **kwargs):
        _Pool.submitted += 1
        if _Pool.submitted == 3:  # two articles handed out, both done by now
            _ctrl_c_once_idle()
        return super().submit(*args, **kwargs)
target.ProcessPoolExecutor = _Pool
"""


@pytest.mark.parametrize(
    ("command", "module"),
    [
        ("update", "publish.catalog.parallel"),
        ("build", "publish.site.build"),
    ],
)
def test_ctrl_c_with_idle_worker_processes_shows_no_traceback(
    many: Path, command: str, module: str
) -> None:
    if command == "build":
        assert run(["update"], many).exit_code == 0
    old = tree_snapshot(many)
    new = reference(many, [command])
    process = publish_process(
        many,
        [command, "--jobs", "2"],
        IDLE_WORKERS_THEN_CTRL_C.format(module=module),
        start_new_session=True,
    )
    out, err = process.communicate(timeout=120)
    output = out.decode() + err.decode()
    assert process.returncode == 130, output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert_each_file_old_or_new(many, old, new)
    rerun_finishes(many, [command], new)


def test_translator_saves_while_update_runs(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved between publish's read and its write: the save wins, exit 3, rerun merges it."""
    import publish.actions.catalogs as catalogs

    target = many / f"locale/ru/LC_MESSAGES/{slug(7)}.po"
    real = catalogs.atomic_write
    edit = "Перевод, поправленный переводчиком"

    def translator_saves_first(path: Path, data: bytes, **kwargs: object) -> bool:
        if path == target:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("Перевод: The third", edit, 1), encoding="utf-8")
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalogs, "atomic_write", translator_saves_first)
    result = run(["update"], many)
    saved = target.read_bytes()
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert f"conflict {target.relative_to(many)}" in result.output
    assert "changed on disk since publish read it; left as it is; run the command again" in (
        result.output
    )
    assert edit.encode() in saved and temporaries(many) == []
    monkeypatch.setattr(catalogs, "atomic_write", real)
    result = run(["update"], many)
    assert result.exit_code == 0, result.output
    merged = read_catalog(target.read_bytes(), "x.po")
    assert any(entry.msgstr.startswith(edit) for entry in merged.entries)


def test_translator_saves_while_the_temporary_file_is_written(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved after publish wrote its temporary file, before the rename: still not lost."""
    import publish.fsio as fsio

    target = many / f"locale/ru/LC_MESSAGES/{slug(3)}.po"
    real_chmod = os.chmod
    edit = "Сохранено в последний момент"

    def save_then_chmod(path: str, mode: int) -> None:
        if Path(path).name.startswith(f".{target.name}."):
            text = target.read_text(encoding="utf-8")
            target.write_text(text.replace("Перевод: The first", edit, 1), encoding="utf-8")
        real_chmod(path, mode)

    monkeypatch.setattr(fsio.os, "chmod", save_then_chmod)
    result = run(["update"], many)
    monkeypatch.setattr(fsio.os, "chmod", real_chmod)
    assert result.exit_code == 3, result.output
    assert "changed on disk while publish was writing it; left as it is" in result.output
    assert edit in target.read_text(encoding="utf-8") and temporaries(many) == []
    assert run(["update"], many).exit_code == 0
    assert edit in target.read_text(encoding="utf-8")


HOLD_LOCK = """
from pathlib import Path
from publish.fsio import project_lock
with project_lock(Path(".")):
    print("locked", flush=True)
    sys.stdin.readline()
raise SystemExit(0)
"""


def test_a_second_update_waits_for_nobody_and_changes_nothing(many: Path) -> None:
    new = reference(many, ["update"])
    holder = publish_process(many, [], HOLD_LOCK, stdin=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().decode().strip() == "locked"
        before = tree_snapshot(many)
        result = run(["update"], many)
        assert result.exit_code == 3, result.output
        assert ".publish.lock: error: another publish command is working on this project; " in (
            result.output
        )
        assert changed_files(before, tree_snapshot(many)) == []
    finally:
        holder.stdin.write(b"\n")
        holder.stdin.close()
        holder.wait(timeout=60)
        assert holder.stdout is not None and holder.stderr is not None
        holder.stdout.close()
        holder.stderr.close()
    rerun_finishes(many, ["update"], new)


def test_two_updates_started_together(many: Path) -> None:
    old = tree_snapshot(many)
    new = reference(many, ["update"])
    first = publish_process(many, ["update"])
    second = publish_process(many, ["update"])
    results = [finish(first), finish(second)]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3]), results
    for code, output in results:
        if code == 3:
            assert "another publish command is working on this project" in output
    assert_each_file_old_or_new(many, old, new)
    rerun_finishes(many, ["update"], new)


def test_a_page_edited_by_hand_is_kept_until_force(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = fresh_project(LINKED, tmp_path, tmp_path_factory)
    assert run(["build"], root).exit_code == 0
    page = root / RU_PAGE
    edited = page.read_bytes().replace(b"</main>", b"<p>Correction by the editor</p></main>")
    page.write_bytes(edited)
    translate(root, {"What changed": "Что же изменилось"})
    for _ in range(2):  # and again: a hand edit is never overwritten by a plain build
        result = run(["build"], root)
        assert result.exit_code == 0, result.output
        assert (
            f"skipped {RU_PAGE}: changed by hand since the last build; "
            "not overwritten (use --force)" in result.output
        )
        assert page.read_bytes() == edited
    result = run(["build", "--force"], root)
    assert result.exit_code == 0, result.output
    assert b"Correction by the editor" not in page.read_bytes()
    assert "Что же изменилось" in page.read_text(encoding="utf-8")
    assert run(["build"], root).output.startswith("site: 0 written")


def test_a_hand_edited_page_that_is_no_longer_built_stays(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = fresh_project(LINKED, tmp_path, tmp_path_factory)
    assert run(["build"], root).exit_code == 0
    page = root / RU_PAGE
    page.write_bytes(page.read_bytes() + b"<!-- kept -->\n")
    (root / SMALL_PO).unlink()  # the Russian page is no longer built
    result = run(["build"], root)
    assert result.exit_code == 0, result.output
    assert "no longer built, but changed by hand; left in place" in result.output
    assert page.read_bytes().endswith(b"<!-- kept -->\n")
