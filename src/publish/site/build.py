"""``publish build``: read the project, plan, render in parallel, verify, write what changed.

The I/O edge of the site package. Rendering is deterministic and each output
depends only on its job, so ``--jobs N`` gives the same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..config import ProjectConfig
from ..errors import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, Problem, PublishError
from ..fsio import MAX_CATALOG_BYTES, atomic_write, digest, read_bytes
from ..po.model import Catalog
from ..po.reader import read_catalog
from ..relpath import display_path
from ..workspace import catalog_path, load_articles
from .manifest import Record, load_manifest, save_manifest
from .model import ArticlePage, Job, LanguageIndex, job_key
from .pages import render
from .plan import Skipped, plan_site
from .verify import Expected, verify_page, verify_safety

PACKAGE = Path(__file__).resolve().parent.parent
STATIC = PACKAGE / "static"
RENDERER_VERSION = "1"


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for."""

    jobs: int = 1
    use_fuzzy: bool = False
    force: bool = False
    languages: tuple[str, ...] = ()  # empty: all


@dataclass
class BuildReport:
    """What happened, for the one-line summary."""

    output_dir: str = ""
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # failures: the build exits non-zero
    exit_code: int = EXIT_OK

    @property
    def failed(self) -> bool:
        """True when some page could not be published."""
        return bool(self.problems)

    def fail(self, problems: list[Problem], exit_code: int) -> None:
        """Record problems; the exit code is the most serious one seen."""
        self.problems.extend(problems)
        self.exit_code = max(self.exit_code, exit_code)


@dataclass(frozen=True)
class _Work:
    job: Job
    templates: str | None
    expected: Expected | None


@dataclass(frozen=True)
class _Result:
    data: bytes
    problems: tuple[str, ...]


def _render_and_verify(work: _Work) -> _Result:
    """Render one job and check it (runs in a worker process)."""
    data = render(work.job, work.templates)
    if work.expected is not None:
        problems = verify_page(data.decode("utf-8"), work.expected)
    elif work.job.output.endswith(".html"):
        problems = verify_safety(data.decode("utf-8"))
    else:
        problems = []
    return _Result(data, tuple(problems))


def load_catalogs(
    config: ProjectConfig, slugs: list[str], report: BuildReport
) -> dict[tuple[str, str], Catalog | None]:
    """Every target language's catalog of every article (None when there is none).

    A catalog that cannot be read is reported and left out of the mapping.
    """
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    for language in config.languages:
        for slug in slugs:
            path = catalog_path(config, language.code, slug)
            if not path.is_file():
                catalogs[(language.code, slug)] = None
                continue
            try:
                data = read_bytes(path, max_bytes=MAX_CATALOG_BYTES)
                catalogs[(language.code, slug)] = read_catalog(data, display_path(path))
            except PublishError as exc:
                report.fail(exc.problems, exc.exit_code)
    return catalogs


def _files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file())


def renderer_fingerprint(templates: Path | None) -> str:
    """A hash of what renders every page: publish itself (code, templates, UI catalogs,
    stylesheet) and the project's ``templates/`` folder. Any change re-renders every page;
    only pages whose bytes change are written.
    """
    sha = hashlib.sha256(f"publish {__version__} renderer {RENDERER_VERSION}\n".encode())
    folders = [PACKAGE] if templates is None else [PACKAGE, templates]
    for number, folder in enumerate(folders):
        for path in _files(folder):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            sha.update(f"{number}:{path.relative_to(folder).as_posix()}\n".encode())
            sha.update(digest(path.read_bytes()).encode())
    return sha.hexdigest()


def _stylesheet(config: ProjectConfig) -> bytes:
    override = config.root / "templates" / "style.css"
    path = override if override.is_file() else STATIC / "style.css"
    return read_bytes(path, max_bytes=1024 * 1024)


def _selected(job: Job, languages: tuple[str, ...]) -> bool:
    if not languages:
        return True
    if isinstance(job, (ArticlePage, LanguageIndex)):
        return job.language.code in languages
    return True


def build_site(
    config: ProjectConfig,
    options: BuildOptions,
    progress: Callable[[int], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BuildReport:
    """Build ``site/``; nothing is printed (the report says what happened)."""
    for code in options.languages:
        config.language(code)
    output_dir = config.output_dir
    report = BuildReport(output_dir=display_path(output_dir))
    articles = load_articles(config)
    catalogs = load_catalogs(config, [a.slug for a in articles], report)
    plan = plan_site(
        config, articles, catalogs, stylesheet=_stylesheet(config), use_fuzzy=options.use_fuzzy
    )
    if plan.problems:
        report.fail(plan.problems, EXIT_FINDINGS)
    report.skipped.extend(
        skip
        for skip in plan.skipped
        if not options.languages or skip.output.split("/")[0] in options.languages
    )
    templates_dir = config.root / "templates"
    templates = templates_dir if templates_dir.is_dir() else None
    fingerprint = renderer_fingerprint(templates)
    manifest = load_manifest(output_dir)
    new_manifest: dict[str, Record] = {}
    pending: list[tuple[Job, str, bytes | None]] = []
    for job in plan.jobs:
        if not _selected(job, options.languages):
            if job.output in manifest:
                new_manifest[job.output] = manifest[job.output]
            continue
        key = job_key(job, fingerprint)
        current = _read_existing(output_dir / job.output)
        record = manifest.get(job.output)
        if (
            record is not None
            and record.key == key
            and current is not None
            and digest(current) == record.sha256
        ):
            report.unchanged.append(job.output)
            new_manifest[job.output] = record
            continue
        pending.append((job, key, current))
    if on_plan is not None:
        on_plan(len(pending))
    works = [
        _Work(job, None if templates is None else str(templates), plan.expected.get(job.output))
        for job, _key, _current in pending
    ]
    results = _run(works, options.jobs, progress)
    try:
        for (job, key, current), result in zip(pending, results, strict=True):
            _apply(output_dir, job, key, current, result, manifest, new_manifest, options, report)
        if not options.languages:
            planned = {job.output for job in plan.jobs}
            _remove_stale(output_dir, manifest, new_manifest, planned, report)
    finally:
        results.close()  # after Ctrl-C or an error: stop the worker processes now
        # Also after an interruption: what was written is recorded, the rest keeps its old record.
        for output, record in manifest.items():
            if output not in new_manifest and (output_dir / output).is_file():
                new_manifest[output] = record
        save_manifest(output_dir, new_manifest)
    return report


def _read_existing(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as exc:
        raise PublishError(f"cannot read: {exc.strerror}", path=display_path(path)) from None


def _ignore_interrupts() -> None:
    """In a worker process: Ctrl-C is the parent's to handle (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(
    works: list[_Work], jobs: int, progress: Callable[[int], None] | None
) -> Generator[_Result, None, None]:
    if jobs <= 1 or len(works) <= 1:
        for work in works:
            yield _render_and_verify(work)
            if progress is not None:
                progress(1)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        try:
            chunksize = max(1, len(works) // (jobs * 8))
            for result in pool.map(_render_and_verify, works, chunksize=chunksize):
                yield result
                if progress is not None:
                    progress(1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _apply(
    output_dir: Path,
    job: Job,
    key: str,
    current: bytes | None,
    result: _Result,
    manifest: dict[str, Record],
    new_manifest: dict[str, Record],
    options: BuildOptions,
    report: BuildReport,
) -> None:
    shown = f"{report.output_dir}/{job.output}"
    if result.problems:
        problem = Problem(
            "not written: the page " + "; ".join(result.problems),
            shown,
            hint="every page must show the front matter's attribution exactly; "
            "if the project has templates/, check them",
        )
        report.fail([problem], EXIT_FINDINGS)
        if job.output in manifest:
            new_manifest[job.output] = manifest[job.output]
        return
    record = manifest.get(job.output)
    new_record = Record(key, digest(result.data))
    if current == result.data:
        report.unchanged.append(job.output)
        new_manifest[job.output] = new_record
        return
    if (
        current is not None
        and not options.force
        and (record is None or digest(current) != record.sha256)
    ):
        reason = "changed by hand since the last build; not overwritten (use --force)"
        report.skipped.append(Skipped(job.output, reason, "edited by hand"))
        if record is not None:
            new_manifest[job.output] = record
        return
    if not _inside(output_dir, output_dir / job.output):
        report.fail([_outside_problem(shown)], EXIT_BAD_INPUT)
        if record is not None:
            new_manifest[job.output] = record
        return
    atomic_write(output_dir / job.output, result.data)
    report.written.append(job.output)
    new_manifest[job.output] = new_record


def _inside(output_dir: Path, path: Path) -> bool:
    """True when ``path``'s folder, links followed, is the site folder or below it."""
    site = output_dir.resolve()
    folder = path.parent.resolve()
    return folder == site or site in folder.parents


def _outside_problem(shown: str) -> Problem:
    return Problem(
        "not written: its folder is a link to a place outside the site folder",
        shown,
        hint="remove the link from the site folder; publish writes only inside it",
    )


def _remove_stale(
    output_dir: Path,
    manifest: dict[str, Record],
    new_manifest: dict[str, Record],
    planned: set[str],
    report: BuildReport,
) -> None:
    """Delete what an earlier build wrote and this one no longer produces (unless edited)."""
    for output in sorted(set(manifest) - planned):
        path = output_dir / output
        current = _read_existing(path)
        if current is None:
            continue
        if not _inside(output_dir, path):
            report.fail([_outside_problem(f"{report.output_dir}/{output}")], EXIT_BAD_INPUT)
            continue
        if digest(current) != manifest[output].sha256:
            reason = "no longer built, but changed by hand; left in place"
            report.skipped.append(Skipped(output, reason, "edited by hand"))
            new_manifest[output] = manifest[output]
            continue
        path.unlink()
        report.removed.append(output)
        folder = path.parent
        while folder != output_dir and folder.is_dir():
            with contextlib.suppress(OSError):
                folder.rmdir()
            if folder.exists():
                break
            folder = folder.parent
