"""`publish extract`: write each article's template when its content changed."""

from __future__ import annotations

import dataclasses
import operator
import pickle
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.parallel import run_chunks
from ..config import ProjectConfig
from ..errors import Problem, SourceError
from ..extract import build_template, creation_date, same_apart_from_date
from ..fsio import atomic_write, write_batch
from ..po.model import Catalog, Entry
from ..po.writer import write_catalog
from ..relpath import display_path
from ..source.model import Article
from ..workspace import article_paths, load_article, template_path

if TYPE_CHECKING:
    from ..catalog.spill import Ref, Spill


@dataclass
class ExtractReport:
    """Which templates were written and which were already current."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ArticleTemplate:
    """One article's template, ready to be written and merged into its catalogs.

    The catalog is kept compressed (``packed``): a project's templates together
    are as large as its sources, and ``update`` holds them all while it works.
    ``packed`` is empty when :func:`article_templates` was asked not to keep it.
    """

    slug: str
    title: str
    packed: bytes
    text: str | None  # what to write to the template file; None when it is already current
    messages: int  # distinct segments
    warnings: tuple[str, ...]
    # Where ``packed`` and ``text`` are when they were put in a spill (they are then
    # empty here): ``update`` of a large archive keeps none of its templates in memory.
    packed_ref: Ref | None = None
    text_ref: Ref | None = None

    @property
    def changed(self) -> bool:
        """The template file is to be written."""
        return self.text is not None or self.text_ref is not None

    def text_from(self, store: Spill | None) -> str:
        """What to write to the template file (from ``store`` when it was put there)."""
        if self.text is not None:
            return self.text
        assert store is not None and self.text_ref is not None
        return store.get(self.text_ref).decode("utf-8")

    @property
    def template(self) -> Catalog:
        """The template catalog (a fresh copy each time)."""
        assert self.packed_ref is None, "this template is in a spill: unpack it from there"
        return unpack_catalog(self.packed)


# An entry as a tuple of its fields in order: pickled much faster than the object.
_ENTRY_FIELDS = operator.attrgetter(*(item.name for item in dataclasses.fields(Entry)))


def pack_catalog(catalog: Catalog) -> bytes:
    """``catalog`` as compact bytes, for :func:`unpack_catalog` in this program only."""
    header = None if catalog.header is None else _ENTRY_FIELDS(catalog.header)
    rows = [_ENTRY_FIELDS(entry) for entry in catalog.entries]
    state = (header, rows, catalog.newline, catalog.trailing_comments, catalog.warnings)
    return zlib.compress(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_catalog(packed: bytes) -> Catalog:
    """The catalog :func:`pack_catalog` packed (never given bytes from a file)."""
    header, rows, newline, trailing_comments, warnings = pickle.loads(zlib.decompress(packed))
    return Catalog(
        header=None if header is None else Entry(*header),
        entries=[Entry(*row) for row in rows],
        newline=newline,
        trailing_comments=trailing_comments,
        warnings=warnings,
    )


def template_text(article: Article, old: str | None) -> str:
    """The template for ``article``; the old creation date is kept when nothing else changed."""
    return _template(article, old)[1]


def _template(article: Article, old: str | None) -> tuple[Catalog, str]:
    template = build_template(article, creation_date())
    text = write_catalog(template)
    if old is not None and same_apart_from_date(old, text):
        # Merges must see the date on disk, or every catalog would change with the clock.
        found = _POT_DATE.search(old)
        if found is not None and template.header is not None:
            template.header.msgstr = _HEADER_DATE.sub(
                lambda m: m.group(1) + found.group(1), template.header.msgstr, count=1
            )
        return template, old
    return template, text


_POT_DATE = re.compile(r'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.MULTILINE)
_HEADER_DATE = re.compile(r"^(POT-Creation-Date: )[^\n]*", re.MULTILINE)


def _prepare(
    config: ProjectConfig, paths: Sequence[Path], pack: bool
) -> list[ArticleTemplate | Problem]:
    """Parse articles and build their templates (runs in a worker process with ``--jobs``)."""
    out: list[ArticleTemplate | Problem] = []
    for path in paths:
        try:
            article = load_article(config, path)
        except SourceError as exc:
            out.extend(exc.problems)
            continue
        old = _read_existing(template_path(config, article.slug))
        template, text = _template(article, old)
        out.append(
            ArticleTemplate(
                slug=article.slug,
                title=article.attribution.title,
                packed=pack_catalog(template) if pack else b"",
                text=None if text == old else text,
                messages=len({s.text for s in article.segments}),
                warnings=article.warnings,
            )
        )
    return out


class _Prepare:
    """A picklable ``_prepare`` bound to one project."""

    def __init__(self, config: ProjectConfig, pack: bool) -> None:
        self.config = config
        self.pack = pack

    def __call__(self, paths: Sequence[Path]) -> list[ArticleTemplate | Problem]:
        return _prepare(self.config, paths, self.pack)


def article_templates(
    config: ProjectConfig, *, jobs: int = 1, pack: bool = True, store: Spill | None = None
) -> list[ArticleTemplate]:
    """Every article's template, in file-name order; all source problems are reported at once.

    ``pack``: keep each template catalog (:attr:`ArticleTemplate.template`); only
    its text is needed to write it. ``store``: put the packed catalogs and texts
    there as they are made, so that memory does not grow with the archive.
    """
    paths = article_paths(config)
    prepared: list[ArticleTemplate] = []
    problems: list[Problem] = []
    for item in run_chunks(_Prepare(config, pack), paths, jobs):
        if isinstance(item, Problem):
            problems.append(item)
        elif store is not None:
            prepared.append(
                dataclasses.replace(
                    item,
                    packed=b"",
                    text=None,
                    packed_ref=store.put(item.packed) if pack else None,
                    text_ref=None if item.text is None else store.put(item.text.encode("utf-8")),
                )
            )
        else:
            prepared.append(item)
    if problems:
        raise SourceError(problems[0].message, problems=problems)
    return prepared


def extract(
    config: ProjectConfig,
    *,
    check_only: bool = False,
    jobs: int = 1,
    prepared: list[ArticleTemplate] | None = None,
    store: Spill | None = None,
) -> ExtractReport:
    """Extract every article's template; with ``check_only`` nothing is written.

    ``prepared`` (from :func:`article_templates`, with the ``store`` it was given)
    saves parsing the articles again.
    Nothing is written unless every article could be read; with ``jobs`` > 1 the
    templates are written by several processes (each write is fsynced).
    """
    report = ExtractReport()
    if prepared is None:
        prepared = article_templates(config, jobs=jobs, pack=False)
    writes: list[tuple[Path, ArticleTemplate]] = []
    for item in prepared:
        report.warnings += item.warnings
        path = template_path(config, item.slug)
        shown = display_path(path)
        report.messages[shown] = item.messages
        if not item.changed:
            report.unchanged.append(shown)
        else:
            writes.append((path, item))
            report.written.append(shown)
    if not check_only:
        # One folder fsync for the writes made in this process (each worker
        # process batches its own chunk), before the report says they are done.
        try:
            with write_batch():
                for _ in run_chunks(
                    _write,
                    range(len(writes)),
                    jobs,
                    initializer=_set_writes,
                    initargs=(writes, store),
                ):
                    pass
        finally:
            _WRITES.clear()
            _STORE.clear()
    return report


_WRITES: list[tuple[Path, ArticleTemplate]] = []  # what _write writes (set in each worker)
_STORE: list[Spill] = []  # where their texts are, when in a spill


def _set_writes(writes: list[tuple[Path, ArticleTemplate]], store: Spill | None) -> None:
    _WRITES[:] = writes
    _STORE[:] = [] if store is None else [store]


def _write(numbers: Sequence[int]) -> list[None]:
    """Write some of the templates in ``_WRITES`` (runs in a worker with ``--jobs``).

    The folder is fsynced once for them all, before this returns.
    """
    with write_batch():
        for number in numbers:
            path, item = _WRITES[number]
            atomic_write(path, item.text_from(_STORE[0] if _STORE else None).encode("utf-8"))
    return []


def _read_existing(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
