"""One article's part of a build: read its inputs, plan its pages, render what changed.

Runs in the build's own process or in a worker process (``--jobs N``). It
reads and never writes: the caller writes the pages it returns. Everything an
article's pages depend on is hashed into the article's key, so a later build
can tell from the key alone that nothing of the article needs to be read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ProjectConfig
from ..errors import EXIT_FINDINGS, Problem, PublishError
from ..fsio import MAX_CATALOG_BYTES, decode_utf8, digest
from ..relpath import display_path
from ..workspace import MAX_ARTICLE_BYTES, catalog_file, catalog_path, rel
from .digests import DigestCache, Stamp
from .manifest import Record
from .plan import ArticleSummary, SiteContext, Skipped, plan_article

if TYPE_CHECKING:
    from ..po.model import Catalog
    from .model import Job
    from .verify import Expected

_LIBRARIES = ("babel", "jinja2", "markdown-it-py", "markupsafe")
ABSENT = "-"  # the key's stand-in for a catalog that does not exist
UNREADABLE = "!"  # ... and for one that could not be read (never matches a recorded key)


def context_key(config: ProjectConfig, fingerprint: str, use_fuzzy: bool) -> str:
    """A hash of what every article's pages share: the configuration, the renderer,
    the libraries that shape the text (dates and names from Babel's CLDR data)."""
    versions = " ".join(f"{name} {version(name)}" for name in _LIBRARIES)
    settings = repr(replace(config, root=Path(".")))
    text = f"{fingerprint}\n{versions}\n{settings}\nuse_fuzzy={use_fuzzy}\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(context: str, slug: str, source: str, catalogs: Mapping[str, str]) -> str:
    """A hash of every input of one article's pages (hashes of the files, in a fixed order)."""
    text = f"{context}\n{slug}\n{source}\n"
    text += "".join(f"{code}={catalogs[code]}\n" for code in sorted(catalogs))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def input_digests(
    config: ProjectConfig, path: Path, cache: DigestCache
) -> tuple[str, dict[str, str]] | None:
    """The hashes of an article's source and catalogs as they are now; None when one of
    them cannot be read (the article is then built, and the problem reported)."""
    locale_dir, slug = str(config.locale_dir), path.stem
    try:
        source = cache.digest(path, max_bytes=MAX_ARTICLE_BYTES)
        catalogs: dict[str, str] = {}
        for language in config.languages:
            po = catalog_file(locale_dir, language.code, slug)
            found = cache.digest_if_exists(po, max_bytes=MAX_CATALOG_BYTES)
            catalogs[language.code] = ABSENT if found is None else found
    except PublishError:
        return None
    return source, catalogs


@dataclass(frozen=True)
class ArticleTask:
    """Everything a worker needs to build one article's pages."""

    config: ProjectConfig
    context: SiteContext
    path: Path  # the source file
    context_key: str
    templates: str | None  # the project's templates/ folder
    output_dir: Path
    records: Mapping[str, Record]  # what the last build wrote for this article's pages
    languages: tuple[str, ...]  # languages to build; empty: all


@dataclass(frozen=True)
class PageResult:
    """One page of the article."""

    output: str
    key: str
    data: bytes | None  # None: not rendered (unchanged, or not selected)
    problems: tuple[str, ...] = ()
    selected: bool = True


@dataclass
class ArticleResult:
    """What building one article produced."""

    slug: str
    key: str  # the hash of the inputs as they were read; "" when one could not be read
    summary: ArticleSummary | None  # None: the article is not on the site
    keep_previous: bool = False  # the source could not be read: keep its last pages
    basis: str = ""  # the hash of its source and the shared inputs (see ArticleRecord)
    pages: list[PageResult] = field(default_factory=list)
    failures: list[tuple[list[Problem], int]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what the reader said of catalogs
    stamps: dict[str, Stamp] = field(default_factory=dict)  # of the inputs it read

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """Language versions not published, and why."""
        return () if self.summary is None else self.summary.skipped


def build_article(task: ArticleTask) -> ArticleResult:
    """Read, plan and render one article (pages whose key and file are unchanged are not
    rendered again)."""
    # Imported here: a build that finds nothing changed never needs them.
    from ..po.reader import read_catalog
    from ..source.article_file import parse_article

    config, slug = task.config, task.path.stem
    files = DigestCache(config.root, {})
    try:
        source, source_digest = files.read(task.path, max_bytes=MAX_ARTICLE_BYTES)
    except PublishError as exc:
        return ArticleResult(slug, "", None, True, failures=[(exc.problems, exc.exit_code)])
    result = ArticleResult(slug, "", None, stamps=files.new)
    data_of: dict[str, bytes | None] = {}
    digests: dict[str, str] = {}
    for language in config.languages:
        path = catalog_path(config, language.code, slug)
        if not path.is_file():
            data_of[language.code], digests[language.code] = None, ABSENT
            continue
        try:
            data_of[language.code], digests[language.code] = files.read(
                path, max_bytes=MAX_CATALOG_BYTES
            )
        except PublishError as exc:
            result.failures.append((exc.problems, exc.exit_code))
            digests[language.code] = UNREADABLE
    result.key = article_key(task.context_key, slug, source_digest, digests)
    result.basis = article_key(task.context_key, slug, source_digest, {})
    try:
        text = decode_utf8(source, display_path(task.path))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        article = parse_article(text, rel(config, task.path), slug, config.source_language.code)
    except PublishError as exc:
        result.failures.append((exc.problems, exc.exit_code))
        result.keep_previous = True
        return result
    catalogs: dict[tuple[str, str], Catalog | None] = {}
    for code, catalog_data in data_of.items():
        if catalog_data is None:
            catalogs[(code, slug)] = None
            continue
        try:
            shown = display_path(catalog_path(config, code, slug))
            catalogs[(code, slug)] = catalog = read_catalog(catalog_data, shown)
            result.warnings += catalog.warnings
        except PublishError as exc:
            result.failures.append((exc.problems, exc.exit_code))
    plan = plan_article(task.context, article, catalogs)
    if plan.problem is not None:
        result.failures.append(([plan.problem], EXIT_FINDINGS))
        return result
    result.summary = plan.summary(article)
    for page in plan.pages:
        if task.languages and page.language.code not in task.languages:
            result.pages.append(PageResult(page.output, "", None, selected=False))
            continue
        key = page_key(result.key, page.output)
        if _unchanged(task.output_dir / page.output, task.records.get(page.output), key):
            result.pages.append(PageResult(page.output, key, None))
            continue
        data, problems = render_checked(page, task.templates, plan.expected.get(page.output))
        result.pages.append(PageResult(page.output, key, data, problems))
    return result


def page_key(article: str, output: str) -> str:
    """An article page's key: it depends on nothing but its article's inputs (the article
    key covers the configuration and the renderer too)."""
    return hashlib.sha256(f"{article}\n{output}\n".encode()).hexdigest()


def _unchanged(path: Path, record: Record | None, key: str) -> bool:
    """The page was built from these very inputs and nobody has changed the file since."""
    if record is None or record.key != key:
        return False
    try:
        return digest(path.read_bytes()) == record.sha256
    except OSError:
        return False


def render_checked(
    job: Job, templates: str | None, expected: Expected | None
) -> tuple[bytes, tuple[str, ...]]:
    """Render one output and check it: the attribution of an article page, the safety of
    any HTML page. Returns the bytes and what is wrong with them."""
    from .pages import render
    from .verify import verify_page, verify_safety

    data = render(job, templates)
    if expected is not None:
        problems = verify_page(data.decode("utf-8"), expected)
    elif job.output.endswith(".html"):
        problems = verify_safety(data.decode("utf-8"))
    else:
        problems = []
    return data, tuple(problems)
