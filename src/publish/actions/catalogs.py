"""`publish init` and `publish update`: the catalog lifecycle on disk.

``update`` reads each catalog once and holds at most one article's catalogs,
plus a few numbers per catalog and per suggestion: what it needs again later
goes to a private temporary folder (:mod:`publish.catalog.spill`). Two passes
over the articles, each article in every language at once:

1. every catalog is read; its translations are offered to its language's
   translation memory (:class:`~publish.catalog.memory.SpilledMemory`, on
   disk), and a catalog whose messages all have an exact or typography-only
   match is merged and written right away (the memory cannot change its
   result). Another is put aside, parsed, with the questions its merge will
   ask the memory;
2. each language's memory answers all those questions in one sweep, then
   the catalogs put aside are merged with their answers and written, an
   article at a time (so a template's messages are laid out once for all its
   languages).

With ``jobs`` > 1 the articles of each pass are shared among processes. The
templates reach the workers once, through the pool's initializer (inherited on
``fork``, pickled once per worker elsewhere); a task travels as a number and
comes back as a small outcome. Results do not depend on the number of
processes. Each worker's writes are durable before it answers
(:func:`~publish.fsio.write_batch`); every write of the run is durable before
the run reports anything.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..catalog.memory import KnownAnswers, Offered, SpilledMemory
from ..catalog.merge import Memory, MergeReport, memory_items, memory_queries, merge
from ..catalog.new_catalog import new_catalog
from ..catalog.parallel import run_chunks
from ..catalog.spill import Ref, Spill, spill
from ..config import ProjectConfig
from ..errors import ConflictError, LanguageError, Problem, PublishError
from ..fsio import MAX_CATALOG_BYTES, WriteBatch, atomic_write, digest, read_bytes, write_batch
from ..langcode import LanguageInfo, require_plural_forms
from ..po.model import Catalog
from ..po.reader import read_catalog
from ..po.writer import write_catalog
from ..relpath import display_path
from ..workspace import article_paths, catalog_path
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
    languages_added: list[str] = field(default_factory=list)  # to publish.yaml by init
    languages_to_add: list[str] = field(default_factory=list)  # ... that the editor must add

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
    for language in languages:
        require_plural_forms(language)  # before anything is written
    prepared = article_templates(config, jobs=jobs)
    if not prepared:
        raise PublishError(
            "no articles yet",
            path=display_path(config.source_dir),
            hint="import one first: publish import FILE",
        )
    with write_batch():
        _init(config, languages, prepared, report)
    configured = {info.code for info in config.languages}
    missing = [code for code in dict.fromkeys(codes) if code not in configured]
    if missing:
        if _enable_languages(config, missing):
            report.languages_added = missing
        else:
            report.languages_to_add = missing
    return report


def _enable_languages(config: ProjectConfig, codes: list[str]) -> bool:
    """Add ``codes`` to ``languages:`` in publish.yaml when its list has a shape that can be
    edited without touching anything else, and the edited file still loads; True if done."""
    from ..config import CONFIG_NAME, parse_config
    from ..config_edit import add_languages
    from ..yamlload import MAX_YAML_BYTES

    path = config.root / CONFIG_NAME
    try:
        data = read_bytes(path, max_bytes=MAX_YAML_BYTES)
        edited = add_languages(data.decode("utf-8"), codes)
        if edited is None:
            return False
        checked = parse_config(edited, config.root, display_path(path))
    except (PublishError, UnicodeDecodeError):
        return False  # ConfigError included: the edit would break the file
    # Nothing but the languages may differ: the edit added exactly these, at the end.
    before = [info.code for info in config.languages]
    if [info.code for info in checked.languages] != [*before, *codes] or replace(
        checked, languages=config.languages
    ) != config:
        return False
    try:
        atomic_write(path, edited.encode("utf-8"), expected_digest=digest(data))
    except PublishError:
        return False  # saved meanwhile (theirs stands), or not writable: say what to add
    return True


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
    """One article to bring up to date in every language (what a worker needs; picklable)."""

    slug: str
    title: str
    packed: Ref  # the template (see ArticleTemplate), in the run's spill
    paths: tuple[Path, ...]  # its catalog in each language of _Settings.languages

    def template(self, store: Spill) -> Catalog:
        """The template catalog (unpacked anew on each call)."""
        return unpack_catalog(store.get(self.packed))


@dataclass(frozen=True)
class _Settings:
    """Settings shared by every task of a run."""

    languages: tuple[LanguageInfo, ...]
    check_only: bool
    single: bool = False  # one article: no other catalog can suggest anything


@dataclass(frozen=True)
class _Found:
    """What pass 1 did with one catalog."""

    result: CatalogResult | None = None  # None: left for pass 2 (unless there are problems)
    problems: tuple[Problem, ...] = ()
    memory: bytes = b""  # what the catalog offers its language's memory (Offered), pickled
    kept: bytes = b""  # for pass 2: (the catalog as read, its digest), pickled
    questions: tuple[str, ...] = ()  # ... and what its merge asks the memory


@dataclass(frozen=True)
class _Outcome:
    """What pass 1 did with one article: a finding per language."""

    number: int
    found: tuple[_Found, ...]


def _finish(
    path: Path,
    title: str,
    template: Catalog,
    language: LanguageInfo,
    check_only: bool,
    old: Catalog | None,
    old_digest: str,
    memory: Memory | None,
    origin: str,
) -> CatalogResult:
    """Merge (or create), then write when the bytes change."""
    shown = display_path(path)
    if old is not None:
        merged, merge_report = merge(template, old, memory, origin=origin)
        status = "updated"
    else:
        merged = new_catalog(template, language, title)
        merge_report, status = MergeReport(new=len(template.entries)), "created"
    text = write_catalog(merged).encode("utf-8")
    if old_digest and digest(text) == old_digest:
        return CatalogResult(shown, "unchanged", merge_report)
    if check_only:
        return CatalogResult(shown, "out of date", merge_report)
    try:
        atomic_write(path, text, expected_digest=old_digest or None)
    except ConflictError as exc:
        return CatalogResult(shown, "conflict", merge_report, str(exc))
    return CatalogResult(shown, status, merge_report)


# What the workers of one pass share. Set by _share() before the pass (in the
# workers through the pool's initializer: inherited on fork, never pickled per
# task), so a task travels as a number.
_SHARED: dict[str, object] = {}
# Pass 2's work: article number -> (language number, kept, answers) per catalog.
_Pending = dict[int, list[tuple[int, Ref, Ref]]]


def _share(tasks: list[_Task], settings: _Settings, store: Spill, pending: _Pending) -> None:
    _SHARED.update(tasks=tasks, settings=settings, store=store, pending=pending)


def _shared() -> tuple[list[_Task], _Settings, Spill, _Pending]:
    tasks, settings = _SHARED["tasks"], _SHARED["settings"]
    store, pending = _SHARED["store"], _SHARED["pending"]
    assert isinstance(tasks, list) and isinstance(settings, _Settings)
    assert isinstance(store, Spill) and isinstance(pending, dict)
    return tasks, settings, store, pending


def _first_pass(numbers: Sequence[int]) -> list[_Outcome]:
    """Pass 1 over some articles: read each catalog once; finish those the memory cannot change."""
    # (In a worker process, its writes are made and durable before it answers.)
    with write_batch() as batch:
        out = _first_articles(numbers)
    _conflicts([f.result for o in out for f in o.found if f.result is not None], batch)
    return out


def _first_articles(numbers: Sequence[int]) -> list[_Outcome]:
    tasks, settings, store, _ = _shared()
    out: list[_Outcome] = []
    for number in numbers:
        task = tasks[number]
        template = task.template(store)  # (merge and new_catalog leave it unchanged)
        found = tuple(
            _first(task, template, settings, language)
            for language in range(len(settings.languages))
        )
        out.append(_Outcome(number, found))
    return out


def _first(task: _Task, template: Catalog, settings: _Settings, language: int) -> _Found:
    path = task.paths[language]
    info = settings.languages[language]
    if not path.exists():
        return _Found(
            _finish(path, task.title, template, info, settings.check_only, None, "", None, "")
        )
    try:
        old, old_digest = _read(path)
    except PublishError as exc:  # unreadable: reported, left untouched
        return _Found(problems=tuple(exc.problems))
    if settings.single:  # no other catalog: the memory is empty
        return _Found(
            _finish(
                path, task.title, template, info, settings.check_only, old, old_digest, None, ""
            )
        )
    offered = _offered(old, task.slug)
    questions = memory_queries(template, old)
    if not questions:
        result = _finish(
            path, task.title, template, info, settings.check_only, old, old_digest, None, ""
        )
        return _Found(result, memory=offered)
    # Changed on disk before pass 2 writes it? Then the write reports a conflict.
    kept = pickle.dumps((old, old_digest), pickle.HIGHEST_PROTOCOL)
    return _Found(memory=offered, kept=kept, questions=tuple(questions))


def _offered(old: Catalog, slug: str) -> bytes:
    """What ``old`` offers its language's memory (Offered), pickled; empty for nothing."""
    offered: Offered = [
        (s.msgid, s.msgctxt, s.msgstr, s.translator_comments) for s in memory_items(old, slug)
    ]
    return pickle.dumps(offered, pickle.HIGHEST_PROTOCOL) if offered else b""


def _second_pass(numbers: Sequence[int]) -> list[tuple[int, int, CatalogResult]]:
    """Pass 2 over some articles: merge the catalogs put aside with their memory's answers."""
    with write_batch() as batch:
        out = _second_articles(numbers)
    _conflicts([result for _, _, result in out], batch)
    return out


def _second_articles(numbers: Sequence[int]) -> list[tuple[int, int, CatalogResult]]:
    tasks, settings, store, pending = _shared()
    out: list[tuple[int, int, CatalogResult]] = []
    for number in numbers:
        task = tasks[number]
        template = task.template(store)
        for language, kept, answers in pending[number]:
            old, old_digest = pickle.loads(store.get(kept))
            memory = KnownAnswers(pickle.loads(store.get(answers)))
            result = _finish(
                task.paths[language],
                task.title,
                template,
                settings.languages[language],
                settings.check_only,
                old,
                old_digest,
                memory,
                task.slug,
            )
            out.append((language, number, result))
    return out


def _update(
    config: ProjectConfig,
    languages: list[LanguageInfo],
    prepared: list[ArticleTemplate],
    report: LifecycleReport,
    store: Spill,
    *,
    check_only: bool,
    jobs: int,
) -> None:
    """Bring every catalog of ``languages`` up to date; ``prepared`` is emptied (its
    templates are in ``store``, the run's spill)."""
    settings = _Settings(tuple(languages), check_only, single=len(prepared) == 1)
    results: list[dict[int, CatalogResult]] = [{} for _ in languages]
    problems: list[list[Problem]] = [[] for _ in languages]
    pending: _Pending = {}
    try:
        tasks = [
            _Task(
                item.slug,
                item.title,
                _spilled(item),
                tuple(catalog_path(config, language.code, item.slug) for language in languages),
            )
            for item in prepared
        ]
        prepared.clear()
        # What each catalog offers its language's memory, put aside: the memory is
        # made only for a language with a catalog that needs it.
        offers: list[tuple[int, int, Ref]] = []  # (article, language, offer)
        waiting: list[list[tuple[int, Ref, Ref]]] = [[] for _ in languages]
        for outcome in run_chunks(
            _first_pass,
            range(len(tasks)),
            jobs,
            initializer=_share,
            initargs=(tasks, settings, store, pending),
        ):
            number = outcome.number
            for language, found in enumerate(outcome.found):
                problems[language] += found.problems
                if found.memory:
                    offers.append((number, language, store.put(found.memory)))
                if found.result is not None:
                    results[language][number] = found.result
                elif found.kept:
                    kept = store.put(found.kept)
                    asked = store.put(pickle.dumps(found.questions, pickle.HIGHEST_PROTOCOL))
                    waiting[language].append((number, kept, asked))
        # (An article at a time: its messages are tokenized once for all languages.)
        memories = {n: SpilledMemory(store) for n in range(len(languages)) if waiting[n]}
        for number, language, ref in offers:
            if language in memories:
                memories[language].add(number, tasks[number].slug, pickle.loads(store.get(ref)))
        del offers
        for language in sorted(memories):
            memory = memories.pop(language)
            put_aside = {number: ref for number, ref, _ in waiting[language]}
            questions = (
                (number, pickle.loads(store.get(ref))) for number, _, ref in waiting[language]
            )
            for number, answers in memory.answer(questions):
                ref = store.put(pickle.dumps(answers, pickle.HIGHEST_PROTOCOL))
                pending.setdefault(number, []).append((language, put_aside[number], ref))
            del memory  # answered: let go
        if pending:
            for language, number, result in run_chunks(
                _second_pass,
                sorted(pending),
                jobs,
                initializer=_share,
                initargs=(tasks, settings, store, pending),
            ):
                results[language][number] = result
    finally:
        _SHARED.clear()
    for language in range(len(languages)):
        report.problems += problems[language]
        report.results += [results[language][n] for n in sorted(results[language])]


def _spilled(item: ArticleTemplate) -> Ref:
    """Where ``update`` put the article's packed template (article_templates, given the spill)."""
    assert item.packed_ref is not None, "update puts every template in the run's spill"
    return item.packed_ref


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
            hint="start a language with `publish init LANG` (it is added to `languages:` in "
            "publish.yaml), or list the languages there yourself",
        )
    # A catalog to create needs a Plural-Forms header; say so before anything is written.
    unknown = [language for language in languages if language.plural_forms is None]
    slugs = [path.stem for path in article_paths(config)] if unknown else []
    for language in unknown:
        if any(not catalog_path(config, language.code, slug).exists() for slug in slugs):
            require_plural_forms(language)
    # The run's scratch file: the templates go there as they are made, then what the
    # merge puts aside (the memory of an archive's update does not grow with it).
    with spill() as store:
        prepared = article_templates(config, jobs=jobs, store=store)
        # Every rename of the run is durable when the batch ends, before anything is reported.
        with write_batch() as batch:
            extracted = extract(config, check_only=check_only, prepared=prepared, store=store)
            report.templates_written = extracted.written
            _update(config, languages, prepared, report, store, check_only=check_only, jobs=jobs)
    _conflicts(report.results, batch)
    return report


def _conflicts(results: list[CatalogResult], batch: WriteBatch) -> None:
    """Mark the results of the writes that met a conflict just before their rename."""
    if not batch.conflicts:
        return
    found = {display_path(path): str(exc) for path, exc in batch.conflicts}
    for result in results:
        if result.path in found:
            result.status, result.message = "conflict", found[result.path]
