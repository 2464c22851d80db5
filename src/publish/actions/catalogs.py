"""`publish init` and `publish update`: the catalog lifecycle on disk.

``update`` works one language at a time, in two passes over the articles, so
that its memory is the language's translation memory (compact suggestions and
a word index), the templates (compressed) and a bounded number of catalogs:

1. every catalog is read once; its translations go into the memory, and a
   catalog whose messages all have an exact or typography-only match is
   merged and written right away (the memory cannot change its result);
2. the other catalogs are merged with the full memory: kept from pass 1 when
   both passes run in this process, up to KEEP_BYTES of catalog files, read
   again otherwise.

With ``jobs`` > 1 the articles of each pass are shared among processes. The
templates and the memory reach the workers once, through the pool's
initializer (inherited on ``fork``, pickled once per worker elsewhere); a task
travels as a number and comes back as a small outcome. Results do not depend
on the number of processes.
"""

from __future__ import annotations

import dataclasses
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
from ..fsio import MAX_CATALOG_BYTES, atomic_write, digest, read_bytes, write_batch
from ..langcode import LanguageInfo
from ..po.model import Catalog
from ..po.reader import read_catalog
from ..po.writer import write_catalog
from ..relpath import display_path
from ..workspace import catalog_path
from .extracting import ArticleTemplate, article_templates, extract, unpack_catalog


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
    with write_batch():
        _init(config, languages, prepared, report)
    return report


def _init(
    config: ProjectConfig,
    languages: list[LanguageInfo],
    prepared: list[ArticleTemplate],
    report: LifecycleReport,
) -> None:
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


@dataclass(frozen=True)
class _Task:
    """One catalog to bring up to date (what a worker needs; picklable)."""

    slug: str
    path: Path
    title: str
    packed: bytes  # the template, see ArticleTemplate

    @property
    def template(self) -> Catalog:
        """The template catalog (unpacked anew on each access)."""
        return unpack_catalog(self.packed)


@dataclass(frozen=True)
class _Outcome:
    """What a worker did with one catalog."""

    slug: str
    result: CatalogResult | None  # None: pass 1 left it for pass 2
    problems: tuple[Problem, ...] = ()
    # pass 1: what the catalog offers the memory, as (msgid, msgctxt, msgstr, comments)
    memory: tuple[tuple[str, str | None, str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class _Settings:
    """Per-language settings shared by every task of a pass."""

    language: LanguageInfo
    check_only: bool
    single: bool = False  # one article: no other catalog can suggest anything
    keep_bytes: int = 0  # pass 1 may keep parsed catalogs of this many bytes for pass 2


def _finish(
    task: _Task,
    template: Catalog,
    settings: _Settings,
    old: Catalog | None,
    old_digest: str,
    memory: TranslationMemory | None,
) -> CatalogResult:
    """Merge (or create), then write when the bytes change."""
    shown = display_path(task.path)
    if old is not None:
        merged, merge_report = merge(template, old, memory, origin=task.slug)
        status = "updated"
    else:
        merged = new_catalog(template, settings.language, task.title)
        merge_report, status = MergeReport(new=len(template.entries)), "created"
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


# What the workers of one pass share. Set by _share() before the pass (in the
# workers through the pool's initializer: inherited on fork, never pickled per
# task), so a task travels as a number.
_SHARED: dict[str, object] = {}
# Catalogs parsed in pass 1 and kept for pass 2 when both run in this process
# (``jobs`` 1), up to KEEP_BYTES of catalog files: the rest is read again.
_KEPT: dict[int, tuple[Catalog, str]] = {}
_KEPT_BYTES = [0]
KEEP_BYTES = 32 * 1024 * 1024


def _share(tasks: list[_Task], settings: _Settings, memory: TranslationMemory | None) -> None:
    _SHARED.update(tasks=tasks, settings=settings, memory=memory)


def _shared() -> tuple[list[_Task], _Settings, TranslationMemory | None]:
    tasks, settings, memory = _SHARED["tasks"], _SHARED["settings"], _SHARED["memory"]
    assert isinstance(tasks, list) and isinstance(settings, _Settings)
    assert memory is None or isinstance(memory, TranslationMemory)
    return tasks, settings, memory


def _first_pass(numbers: Sequence[int]) -> list[_Outcome]:
    """Pass 1 over some tasks: read each catalog once; finish those the memory cannot change."""
    with write_batch():  # (in a worker process: its writes are durable before it answers)
        return _first_pass_batch(numbers)


def _first_pass_batch(numbers: Sequence[int]) -> list[_Outcome]:
    tasks, settings, _ = _shared()
    out: list[_Outcome] = []
    for number in numbers:
        task = tasks[number]
        template = task.template
        if not task.path.exists():
            out.append(_Outcome(task.slug, _finish(task, template, settings, None, "", None)))
            continue
        try:
            old, old_digest = _read(task.path)
        except PublishError as exc:  # unreadable: reported, left untouched
            out.append(_Outcome(task.slug, None, problems=tuple(exc.problems)))
            continue
        offered = () if settings.single else _offered(old, task.slug)
        if needs_memory(template, old):
            size = task.path.stat().st_size
            if _KEPT_BYTES[0] + size <= settings.keep_bytes:
                _KEPT[number] = (old, old_digest)
                _KEPT_BYTES[0] += size
            out.append(_Outcome(task.slug, None, memory=offered))
        else:
            result = _finish(task, template, settings, old, old_digest, None)
            out.append(_Outcome(task.slug, result, memory=offered))
    return out


def _offered(old: Catalog, slug: str) -> tuple[tuple[str, str | None, str, tuple[str, ...]], ...]:
    return tuple(
        (s.msgid, s.msgctxt, s.msgstr, s.translator_comments) for s in memory_items(old, slug)
    )


def _second_pass(numbers: Sequence[int]) -> list[_Outcome]:
    """Pass 2 over some tasks: read each catalog again and merge with the full memory."""
    with write_batch():
        return _second_pass_batch(numbers)


def _second_pass_batch(numbers: Sequence[int]) -> list[_Outcome]:
    tasks, settings, memory = _shared()
    out: list[_Outcome] = []
    for number in numbers:
        task = tasks[number]
        kept = _KEPT.pop(number, None)
        if kept is not None:
            # Changed on disk since pass 1? Then the write below reports a conflict.
            old, old_digest = kept
        else:
            try:
                old, old_digest = _read(task.path)
            except PublishError as exc:  # it broke since pass 1: reported, left untouched
                out.append(_Outcome(task.slug, None, problems=tuple(exc.problems)))
                continue
        result = _finish(task, task.template, settings, old, old_digest, memory)
        out.append(_Outcome(task.slug, result))
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
    settings = _Settings(
        language, check_only, single=len(prepared) == 1, keep_bytes=KEEP_BYTES if jobs == 1 else 0
    )
    tasks = [
        _Task(item.slug, catalog_path(config, language.code, item.slug), item.title, item.packed)
        for item in prepared
    ]
    results: dict[str, CatalogResult] = {}
    memory = TranslationMemory()
    second: list[int] = []
    numbers = list(range(len(tasks)))
    try:
        for number, outcome in zip(
            numbers,
            run_chunks(
                _first_pass, numbers, jobs, initializer=_share, initargs=(tasks, settings, None)
            ),
            strict=True,
        ):
            report.problems += outcome.problems
            memory.extend(
                Suggestion(msgid, msgctxt, msgstr, comments, outcome.slug)
                for msgid, msgctxt, msgstr, comments in outcome.memory
            )
            if outcome.result is not None:
                results[outcome.slug] = outcome.result
            elif not outcome.problems:
                second.append(number)
        if second:
            for outcome in run_chunks(
                _second_pass, second, jobs, initializer=_share, initargs=(tasks, settings, memory)
            ):
                report.problems += outcome.problems
                if outcome.result is not None:
                    results[outcome.slug] = outcome.result
    finally:
        _SHARED.clear()
        _KEPT.clear()
        _KEPT_BYTES[0] = 0
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
    # Every rename of the run is durable when the batch ends, before anything is reported.
    with write_batch():
        extracted = extract(config, check_only=check_only, prepared=prepared)
        report.templates_written = extracted.written
        prepared = [dataclasses.replace(item, text=None) for item in prepared]  # written: let go
        for language in languages:
            _update_language(config, language, prepared, report, check_only=check_only, jobs=jobs)
    return report
