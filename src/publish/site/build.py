"""``publish build``: find what changed, build those articles, then the site-wide pages.

The I/O edge of the site package. Each article's pages depend only on the
article's own inputs (source, catalogs) and on what every page shares
(configuration, renderer); the manifest records a hash of those inputs per
article, so a rebuild hashes every input but reads, plans and renders only the
articles whose hash changed, one at a time (memory is bounded by the largest
article, not by the site). Rendering is deterministic, so ``--jobs N`` gives
the same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import hashlib
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..config import ProjectConfig
from ..fsio import digest, read_bytes
from ..relpath import display_path
from ..workspace import article_paths
from .article_build import (
    ArticleResult,
    ArticleTask,
    article_key,
    build_article,
    context_key,
    input_digests,
    render_checked,
)
from .digests import DigestCache, load_stamps, save_stamps
from .manifest import (
    MANIFEST_NAME,
    ArticleRecord,
    Manifest,
    Record,
    load_manifest,
    save_manifest,
)
from .model import ROOT_INDEX, SITEMAP, STYLESHEET, Job, LanguageIndex, article_output
from .plan import (
    UNREADABLE_CATALOG,
    ArticleSummary,
    PublishedVersion,
    SiteContext,
    Skipped,
    refuse_output_collisions,
    site_context,
    site_jobs,
)
from .writing import BuildReport, Rendered, apply_rendered, intact, remove_stale

__all__ = ["BuildOptions", "BuildReport", "build_site", "renderer_fingerprint"]

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


@dataclass
class _Build:
    """The state of one build: the last manifest, the new one, the summaries so far."""

    config: ProjectConfig
    options: BuildOptions
    report: BuildReport
    old: Manifest
    digests: DigestCache
    files: dict[str, Record] = field(default_factory=dict)
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    summaries: dict[str, ArticleSummary] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)  # outputs kept from the last build as they are
    article_skips: dict[str, tuple[Skipped, ...]] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)  # articles whose records are settled

    @property
    def output_dir(self) -> Path:
        return self.config.output_dir

    def selected(self, output: str) -> bool:
        """The output belongs to a language the user asked for (or all were asked for)."""
        return not self.options.languages or output.split("/")[0] in self.options.languages

    def reuse(self, slug: str, cached: ArticleRecord) -> None:
        """An article whose inputs are as the last build saw them: nothing to do."""
        self.summaries[slug] = cached.summary
        self.articles[slug] = cached
        self.article_skips[slug] = cached.summary.skipped
        for output in cached.summary.outputs:
            self.files[output] = self.old.files[output]
            if self.selected(output):
                self.report.unchanged.append(output)
        self.done.add(slug)

    def apply(self, result: ArticleResult) -> None:
        """Write what one article's build rendered and record it."""
        slug = result.slug
        self.digests.new.update(result.stamps)
        for problems, exit_code in result.failures:
            self.report.fail(problems, exit_code)
        self.report.warnings += result.warnings
        if result.summary is None:
            cached = self.old.articles.get(slug)
            if result.keep_previous:
                self._keep_previous(slug, cached)
            self.done.add(slug)
            return
        summary = self._keep_unreadable(slug, result.summary, result.basis)
        self.summaries[slug] = summary
        self.article_skips[slug] = summary.skipped
        complete = not result.failures and bool(result.key)
        for page in result.pages:
            record = self.old.files.get(page.output)
            if not page.selected:
                complete = False
                if record is not None:
                    self.files[page.output] = record
            elif page.data is None and record is not None:
                self.files[page.output] = record
                self.report.unchanged.append(page.output)
            else:
                assert page.data is not None  # a page without a record is always rendered
                rendered = Rendered(page.output, page.key, page.data, page.problems)
                complete &= apply_rendered(
                    self.output_dir,
                    rendered,
                    record,
                    self.files,
                    self.report,
                    force=self.options.force,
                )
        if complete:
            self.articles[slug] = ArticleRecord(result.key, summary, result.basis)
        self.done.add(slug)

    def _keep_unreadable(self, slug: str, summary: ArticleSummary, basis: str) -> ArticleSummary:
        """A language whose catalog cannot be read now keeps the page the last build made
        (a typo in a .po must not take a published translation off the site), as long as
        the source, configuration and renderer are as they were for that page; the error
        is reported and the article is read again next time."""
        cached = self.old.articles.get(slug)
        if cached is None or not basis or cached.basis != basis:
            return summary
        before = {version.code: version for version in cached.summary.versions}
        kept: list[PublishedVersion] = []
        skipped: list[Skipped] = []
        for skip in summary.skipped:
            code = skip.output.split("/")[0]
            record = self.old.files.get(skip.output)
            if (
                skip.kind != UNREADABLE_CATALOG
                or code not in before
                or record is None
                or not intact(self.output_dir, skip.output, record, self.digests)
            ):
                skipped.append(skip)
                continue
            kept.append(before[code])
            self.files[skip.output] = record
            self.kept.add(skip.output)
            if self.selected(skip.output):
                self.report.unchanged.append(skip.output)
        if not kept:
            return summary
        order = {self.config.source_language.code: 0}
        order.update((language.code, n + 1) for n, language in enumerate(self.config.languages))
        versions = sorted((*summary.versions, *kept), key=lambda version: order[version.code])
        merged = replace(summary, versions=tuple(versions), skipped=tuple(skipped))
        # Recorded with a key that never matches: the article is built again next time
        # (the other languages' pages were made without the kept one), and the record
        # names the kept page while the catalog stays broken.
        self.articles[slug] = ArticleRecord("", merged, basis)
        return merged

    def _keep_previous(self, slug: str, cached: ArticleRecord | None) -> None:
        """The source cannot be read now: its pages stay as the last build made them."""
        if cached is not None:
            self.summaries[slug] = cached.summary
            self.articles[slug] = cached
        for output, record in self.old.files.items():
            parts = output.split("/")
            if len(parts) == 3 and parts[1] == slug and parts[2] == "index.html":
                self.files[output] = record
                self.kept.add(output)


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
    build = _Build(
        config,
        options,
        BuildReport(output_dir=display_path(output_dir)),
        Manifest({}, {}),
        DigestCache(config.root, {}),
    )
    context = site_context(config, use_fuzzy=options.use_fuzzy)
    paths = article_paths(config)
    refuse_output_collisions(_possible_outputs(context, [path.stem for path in paths]))
    templates = _templates(config)
    fingerprint = renderer_fingerprint(templates)
    shared_key = context_key(config, fingerprint, options.use_fuzzy)
    build.old = load_manifest(output_dir)
    build.digests = DigestCache(config.root, load_stamps(output_dir))
    changed = [path for path in paths if not _reused(build, path, shared_key)]
    per_article = len(context.languages)
    if on_plan is not None:
        on_plan(len(changed) * per_article)
    tasks = (
        ArticleTask(
            config=config,
            context=context,
            path=path,
            context_key=shared_key,
            templates=None if templates is None else str(templates),
            output_dir=output_dir,
            records=_records_of(build.old, context, path.stem),
            languages=options.languages,
        )
        for path in changed
    )
    results = _run(tasks, options.jobs if len(changed) > 1 else 1)
    try:
        for result in results:
            build.apply(result)
            if progress is not None:
                progress(per_article)
        summaries = [build.summaries[p.stem] for p in paths if p.stem in build.summaries]
        stylesheet = _stylesheet(config)
        jobs = site_jobs(context, summaries, stylesheet=stylesheet)
        _build_site_pages(build, jobs, _site_inputs_key(shared_key, summaries, stylesheet))
        build.report.skipped[:0] = [
            skip
            for path in paths
            for skip in build.article_skips.get(path.stem, ())
            if build.selected(skip.output)
        ]
        if not options.languages:
            planned = {output for summary in summaries for output in summary.outputs}
            planned |= {job.output for job in jobs} | build.kept
            stale = set(build.old.files) - planned
            remove_stale(output_dir, stale, build.old.files, build.files, build.report)
    finally:
        results.close()  # after Ctrl-C or an error: stop the worker processes now
        # Also after an interruption: what was written is recorded, the rest keeps its old record.
        for output, record in build.old.files.items():
            if output not in build.files and (output_dir / output).is_file():
                build.files[output] = record
        existing = {path.stem for path in paths}
        for slug, cached in build.old.articles.items():
            if slug not in build.done and slug in existing:
                build.articles[slug] = cached
        manifest = Manifest(build.files, build.articles)
        if manifest != build.old or not (output_dir / MANIFEST_NAME).is_file():
            save_manifest(output_dir, manifest)
        save_stamps(output_dir, build.digests.new, build.digests.old)
    return build.report


def _possible_outputs(context: SiteContext, slugs: list[str]) -> Iterator[str]:
    """Every path the build may write (checked for collisions before anything is written)."""
    for slug in slugs:
        for language in context.languages:
            yield article_output(language.code, slug)
    for language in context.languages:
        yield f"{language.code}/index.html"
    yield from (ROOT_INDEX, SITEMAP, STYLESHEET)


def _reused(build: _Build, path: Path, shared_key: str) -> bool:
    """True when the article's inputs hash as recorded and its pages are intact (then the
    article is recorded as it was, without reading more of it)."""
    cached = build.old.articles.get(path.stem)
    if cached is None:
        return False
    digests = input_digests(build.config, path, build.digests)
    if digests is None or article_key(shared_key, path.stem, *digests) != cached.key:
        return False
    output_dir = build.output_dir
    if not all(
        intact(output_dir, output, build.old.files.get(output), build.digests)
        for output in cached.summary.outputs
    ):
        return False
    build.reuse(path.stem, cached)
    return True


def _records_of(manifest: Manifest, context: SiteContext, slug: str) -> dict[str, Record]:
    records: dict[str, Record] = {}
    for language in context.languages:
        output = article_output(language.code, slug)
        if output in manifest.files:
            records[output] = manifest.files[output]
    return records


def _site_inputs_key(shared_key: str, summaries: list[ArticleSummary], stylesheet: bytes) -> str:
    """A hash of everything the site-wide pages are made of: the articles' summaries (titles,
    dates, published languages), the configuration and renderer, and the stylesheet."""
    text = f"{shared_key}\n{summaries!r}\n{digest(stylesheet)}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _build_site_pages(build: _Build, jobs: Iterable[Job], inputs_key: str) -> None:
    """The indexes, sitemap and stylesheet: small, rendered when their inputs changed."""
    for job in jobs:
        record = build.old.files.get(job.output)
        if isinstance(job, LanguageIndex) and not build.selected(job.output):
            if record is not None:
                build.files[job.output] = record
            continue
        key = hashlib.sha256(f"{inputs_key}\n{job.output}\n".encode()).hexdigest()
        if (
            record is not None
            and record.key == key
            and intact(build.output_dir, job.output, record, build.digests)
        ):
            build.files[job.output] = record
            build.report.unchanged.append(job.output)
            continue
        templates = _templates(build.config)
        data, problems = render_checked(job, None if templates is None else str(templates), None)
        apply_rendered(
            build.output_dir,
            Rendered(job.output, key, data, problems),
            record,
            build.files,
            build.report,
            force=build.options.force,
        )


def _templates(config: ProjectConfig) -> Path | None:
    folder = config.root / "templates"
    return folder if folder.is_dir() else None


def _ignore_interrupts() -> None:
    """In a worker process: Ctrl-C is the parent's to handle (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(tasks: Iterator[ArticleTask], jobs: int) -> Generator[ArticleResult, None, None]:
    """Build the articles in order, in this process or in ``jobs`` worker processes; at
    most a few articles per worker are in flight (memory stays bounded)."""
    if jobs <= 1:
        for task in tasks:
            yield build_article(task)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
        pending: deque[Future[ArticleResult]] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(build_article, task))
                if len(pending) >= jobs * 4:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
