"""`publish init` and `publish update`: the catalog lifecycle on disk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.merge import MergeReport, TranslationMemory, merge
from ..catalog.new_catalog import new_catalog
from ..config import ProjectConfig
from ..errors import ConflictError, LanguageError, Problem, PublishError
from ..extract import build_template, creation_date
from ..fsio import MAX_CATALOG_BYTES, atomic_write, digest, read_bytes
from ..po.model import Catalog
from ..po.reader import read_catalog
from ..po.writer import write_catalog
from ..relpath import display_path
from ..source.model import Article
from ..workspace import catalog_path, load_articles, template_path
from .extracting import extract


POT_DATE = re.compile(r'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.MULTILINE)


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


def _template_for(config: ProjectConfig, article: Article) -> Catalog:
    """The article's template, dated like the .pot on disk so merges stay byte-stable."""
    try:
        pot = template_path(config, article.slug).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pot = ""
    found = POT_DATE.search(pot)
    return build_template(article, found.group(1) if found else creation_date())


def _read(path: Path) -> tuple[Catalog, str]:
    data = read_bytes(path, max_bytes=MAX_CATALOG_BYTES)
    return read_catalog(data, display_path(path)), digest(data)


def init_languages(config: ProjectConfig, codes: list[str]) -> LifecycleReport:
    """Create a catalog per article for each language; existing ones are kept."""
    report = LifecycleReport()
    languages = [config.language_or_adhoc(code) for code in codes]
    articles = load_articles(config)
    if not articles:
        raise PublishError(
            "no articles yet",
            path=display_path(config.source_dir),
            hint="import one first: publish import FILE",
        )
    extracted = extract(config)
    report.templates_written = extracted.written
    for language in languages:
        for article in articles:
            path = catalog_path(config, language.code, article.slug)
            shown = display_path(path)
            if path.exists():
                report.results.append(CatalogResult(shown, "exists", message="kept as it is"))
                continue
            catalog = new_catalog(_template_for(config, article), language, article.attribution.title)
            atomic_write(path, write_catalog(catalog).encode("utf-8"))
            report.results.append(CatalogResult(shown, "created"))
    return report


def update_catalogs(
    config: ProjectConfig, codes: list[str] | None = None, *, check_only: bool = False
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
    articles = load_articles(config)
    extracted = extract(config, check_only=check_only)
    report.templates_written = extracted.written
    templates = {article.slug: _template_for(config, article) for article in articles}
    for language in languages:
        existing: dict[str, tuple[Catalog, str]] = {}
        for article in articles:
            path = catalog_path(config, language.code, article.slug)
            if path.exists():
                try:
                    existing[article.slug] = _read(path)
                except PublishError as exc:
                    report.problems += exc.problems
        # The memory holds this language's translations from every article.
        memory = TranslationMemory()
        for slug, (catalog, _) in existing.items():
            memory.add_catalog(catalog, origin=slug)
        for article in articles:
            path = catalog_path(config, language.code, article.slug)
            shown = display_path(path)
            template = templates[article.slug]
            if article.slug in existing:
                old, old_digest = existing[article.slug]
                merged, merge_report = merge(template, old, memory, origin=article.slug)
                status = "updated"
            elif path.exists():
                continue  # unreadable: reported above, left untouched
            else:
                merged = new_catalog(template, language, article.attribution.title)
                merge_report, old_digest, status = MergeReport(new=len(template.entries)), "", "created"
            text = write_catalog(merged).encode("utf-8")
            if old_digest and digest(text) == old_digest:
                report.results.append(CatalogResult(shown, "unchanged", merge_report))
                continue
            if check_only:
                report.results.append(CatalogResult(shown, "out of date", merge_report))
                continue
            try:
                atomic_write(path, text, expected_digest=old_digest or None)
            except ConflictError as exc:
                report.results.append(CatalogResult(shown, "conflict", merge_report, str(exc)))
                continue
            report.results.append(CatalogResult(shown, status, merge_report))
    return report
