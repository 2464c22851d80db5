"""`publish init` and `publish update`: the catalog lifecycle on disk.

``update`` works one language at a time, in two passes over the articles, so
that it never holds more than one catalog per process plus the language's
translation memory (compact suggestions and a word index):

1. every catalog is read once; its translations go into the memory, and a
   catalog whose messages all have an exact or typography-only match is
   merged and written right away (the memory cannot change its result);
2. the other catalogs are read again and merged with the full memory.

With ``jobs`` > 1 the articles of each pass are shared among processes; the
memory reaches the workers of pass 2 by ``fork`` (pickled where there is no
``fork``). Results do not depend on the number of processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.merge import (
    MergeReport,
    Suggestion,
    TranslationMemory,
    memory_items,
    merge,
    needs_memory,
)
from ..catalog.new_catalog import new_catalog
from ..catalog.parallel import run_chunks
from ..config import ProjectConfig
from ..errors import ConflictError, LanguageError, Problem, PublishError
from ..fsio import MAX_CATALOG_BYTES, atomic_write, digest, read_bytes
from ..langcode import LanguageInfo
from ..po.model import Catalog
from ..po.reader import read_catalog
from ..po.writer import write_catalog
from ..relpath import display_path
from ..workspace import catalog_path
from .extracting import ArticleTemplate, article_templates, extract


@dataclass
class CatalogResult:
    """What happened to one catalog."""

    path: str
    status: str  # "created", "updated", "unchanged", "exists", "conflict"
    report: MergeReport | None = None
    message: str = ""


@dataclass
class LifecycleReport:
    """Results for every catalog, and the problems that did not stop the run."""

    results: list[CatalogResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    templates_written: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        """How many catalogs were left alone because they changed meanwhile."""
        return sum(1 for r in self.results if r.status == "conflict")


def _read(path: Path) -> tuple[Catalog, str]:
    data = read_bytes(path, max_bytes=MAX_CATALOG_BYTES)
    return read_catalog(data, display_path(path)), digest(data)


def init_languages(config: ProjectConfig, codes: list[str], *, jobs: int = 1) -> LifecycleReport:
    """Create a catalog per article for each language; existing ones are kept."""
    report = LifecycleReport()
    languages = [config.language_or_adhoc(code) for code in codes]
    prepared = article_templates(config, jobs=jobs)
    if not prepared:
        raise PublishError(
            "no articles yet",
            path=display_path(config.source_dir),
            hint="import one first: publish import FILE",
        )
    extracted = extract(config, prepared=prepared)
    report.templates_written = extracted.written
    for language in languages:
        for item in prepared:
            path = catalog_path(config, language.code, item.slug)
            shown = display_path(path)
            if path.exists():
                report.results.append(CatalogResult(shown, "exists", message="kept as it is"))
                continue
            catalog = new_catalog(item.template, language, item.title)
            atomic_write(path, write_catalog(catalog).encode("utf-8"))
            report.results.append(CatalogResult(shown, "created"))
    return report


@dataclass(frozen=True)
class _Task:
    """One catalog to bring up to date (what a worker needs; picklable)."""

    slug: str
    path: Path
    title: str
    template: Catalog


@dataclass(frozen=True)
class _Outcome:
    """What a worker did with one catalog."""

    slug: str
    result: CatalogResult | None  # None: pass 1 left it for pass 2
    problems: tuple[Problem, ...] = ()
    memory: tuple[Suggestion, ...] = ()  # pass 1: what the catalog offers the memory


@dataclass(frozen=True)
class _Settings:
    """Per-language settings shared by every task of a pass."""

    language: LanguageInfo
    check_only: bool


def _finish(
    task: _Task,
    settings: _Settings,
    old: Catalog | None,
    old_digest: str,
    memory: TranslationMemory | None,
) -> CatalogResult:
    """Merge (or create), then write when the bytes change."""
    shown = display_path(task.path)
    if old is not None:
        merged, merge_report = merge(task.template, old, memory, origin=task.slug)
        status = "updated"
    else:
        merged = new_catalog(task.template, settings.language, task.title)
        merge_report, status = MergeReport(new=len(task.template.entries)), "created"
    text = write_catalog(merged).encode("utf-8")
    if old_digest and digest(text) == old_digest:
        return CatalogResult(shown, "unchanged", merge_report)
    if settings.check_only:
        return CatalogResult(shown, "out of date", merge_report)
    try:
        atomic_write(task.path, text, expected_digest=old_digest or None)
    except ConflictError as exc:
        return CatalogResult(shown, "conflict", merge_report, str(exc))
    return CatalogResult(shown, status, merge_report)


class _FirstPass:
    """Pass 1 over a chunk of tasks (picklable, runs in a worker with ``--jobs``)."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings

    def __call__(self, tasks: Sequence[_Task]) -> list[_Outcome]:
        out: list[_Outcome] = []
        for task in tasks:
            if not task.path.exists():
                out.append(_Outcome(task.slug, _finish(task, self.settings, None, "", None)))
                continue
            try:
                old, old_digest = _read(task.path)
            except PublishError as exc:  # unreadable: reported, left untouched
                out.append(_Outcome(task.slug, None, problems=tuple(exc.problems)))
                continue
            offered = tuple(memory_items(old, task.slug))
            if needs_memory(task.template, old):
                out.append(_Outcome(task.slug, None, memory=offered))
            else:
                result = _finish(task, self.settings, old, old_digest, None)
                out.append(_Outcome(task.slug, result, memory=offered))
        return out


_MEMORY: list[TranslationMemory] = []  # the pass-2 memory of a worker process


def _set_memory(memory: TranslationMemory) -> None:
    _MEMORY[:] = [memory]


class _SecondPass:
    """Pass 2 over a chunk of tasks: merge with the language's full memory."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings

    def __call__(self, tasks: Sequence[_Task]) -> list[_Outcome]:
        memory = _MEMORY[0]
        out: list[_Outcome] = []
        for task in tasks:
            try:
                old, old_digest = _read(task.path)
            except PublishError as exc:  # it broke since pass 1: reported, left untouched
                out.append(_Outcome(task.slug, None, problems=tuple(exc.problems)))
                continue
            out.append(_Outcome(task.slug, _finish(task, self.settings, old, old_digest, memory)))
        return out


def _update_language(
    config: ProjectConfig,
    language: LanguageInfo,
    prepared: list[ArticleTemplate],
    report: LifecycleReport,
    *,
    check_only: bool,
    jobs: int,
) -> None:
    settings = _Settings(language, check_only)
    tasks = [
        _Task(item.slug, catalog_path(config, language.code, item.slug), item.title, item.template)
        for item in prepared
    ]
    results: dict[str, CatalogResult] = {}
    memory = TranslationMemory()
    second: list[_Task] = []
    by_slug = {task.slug: task for task in tasks}
    for outcome in run_chunks(_FirstPass(settings), tasks, jobs):
        report.problems += outcome.problems
        memory.extend(outcome.memory)
        if outcome.result is not None:
            results[outcome.slug] = outcome.result
        elif not outcome.problems:
            second.append(by_slug[outcome.slug])
    if second:
        for outcome in run_chunks(
            _SecondPass(settings), second, jobs, initializer=_set_memory, initargs=(memory,)
        ):
            report.problems += outcome.problems
            if outcome.result is not None:
                results[outcome.slug] = outcome.result
        _MEMORY.clear()
    report.results += [results[task.slug] for task in tasks if task.slug in results]


def update_catalogs(
    config: ProjectConfig,
    codes: list[str] | None = None,
    *,
    check_only: bool = False,
    jobs: int = 1,
) -> LifecycleReport:
    """Extract, then merge every template into every catalog of the languages."""
    report = LifecycleReport()
    languages = [config.language(code) for code in codes] if codes else list(config.languages)
    if not languages:
        raise LanguageError(
            "no target languages",
            path=display_path(config.root / "publish.yaml"),
            hint="list them under `languages:` in publish.yaml, or name them: publish update ru",
        )
    prepared = article_templates(config, jobs=jobs)
    extracted = extract(config, check_only=check_only, prepared=prepared)
    report.templates_written = extracted.written
    for language in languages:
        _update_language(config, language, prepared, report, check_only=check_only, jobs=jobs)
    return report
