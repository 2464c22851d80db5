"""`publish check`: read the project's catalogs and run the checks on every entry.

The file-system edge of :mod:`publish.checks`: loads the configuration, the
articles (for ``source-quotes``), ``glossary.yaml`` and each catalog, then
collects the findings. A catalog that cannot be read does not stop the others;
its located problems are returned for the caller to print (exit 2). What the
reader accepted with a warning (a byte order mark, charset=CHARSET) becomes a
``po-bom`` / ``po-charset`` finding, and the header's ``nplurals`` is handed to
the ``plural-forms`` check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks import CheckContext, Finding, Glossary, check_entry, parse_glossary
from ..checks.plurals import header_nplurals, missing_nplurals
from ..checks.registry import CODES, finding
from ..config import ProjectConfig
from ..errors import ConfigError, Problem, PublishError
from ..fsio import MAX_CATALOG_BYTES, read_bytes, read_text
from ..langcode import LanguageInfo
from ..po.model import Catalog, CatalogWarning
from ..po.reader import read_catalog
from ..quotes import unbalanced_quotes
from ..relpath import display_path
from ..source.model import Article
from ..workspace import catalog_path, load_articles
from ..yamlload import MAX_YAML_BYTES, YamlProblem, load_mapping

GLOSSARY_NAME = "glossary.yaml"


@dataclass
class CheckReport:
    """Findings in file order, and the catalogs that could not be read."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    catalogs: int = 0  # catalogs checked

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for finding in self.findings if finding.severity == severity)


def target_languages(config: ProjectConfig, codes: list[str] | None) -> list[LanguageInfo]:
    """The named languages (each must be configured), or every configured one."""
    if not codes:
        return list(config.languages)
    return [config.language(code) for code in dict.fromkeys(codes)]


def load_glossary(config: ProjectConfig) -> Glossary:
    """The project's glossary.yaml, or an empty glossary when there is none."""
    path = config.root / GLOSSARY_NAME
    shown = display_path(path)
    if not path.is_file():
        return Glossary(path=shown)
    try:
        doc = load_mapping(read_text(path, max_bytes=MAX_YAML_BYTES), shown)
    except YamlProblem as exc:
        raise ConfigError(exc.problem.message, problems=[exc.problem]) from None
    return parse_glossary(doc, shown)


def read_catalog_file(config: ProjectConfig, language: str, slug: str) -> Catalog | None:
    """The catalog of an article in a language, None when it does not exist yet.

    Raises :class:`PublishError` (with located problems) when it cannot be read.
    """
    path = catalog_path(config, language, slug)
    if not path.exists():
        return None
    return read_catalog(read_bytes(path, max_bytes=MAX_CATALOG_BYTES), display_path(path))


def source_findings(config: ProjectConfig, articles: list[Article]) -> list[Finding]:
    """Problems of the source segments themselves, reported once for all languages."""
    from ..site.policy import article_problem_field

    findings = []
    for article in articles:
        refused = article_problem_field(article)
        if refused is not None:
            key, why = refused
            findings.append(
                Finding(
                    "source-attribution",
                    CODES["source-attribution"].severity,
                    f"publish build will refuse this article: {why}; fix the front matter",
                    display_path(config.root / article.path),
                    article.line_of(key) or 1,
                )
            )
        seen: set[str] = set()
        for segment in article.segments:
            if segment.text in seen:
                continue
            seen.add(segment.text)
            problems = unbalanced_quotes(segment.text)
            if problems:
                findings.append(
                    Finding(
                        "source-quotes",
                        CODES["source-quotes"].severity,
                        f"the source {segment.role} has unbalanced quotation marks "
                        f"({'; '.join(problems)}); fix the source (its translations are "
                        "not checked for quotation marks meanwhile)",
                        display_path(config.root / article.path),
                        segment.line,
                    )
                )
    return findings


def check_catalog(
    catalog: Catalog,
    language: LanguageInfo,
    path: str,
    config: ProjectConfig,
    glossary: Glossary,
) -> list[Finding]:
    """Every finding in one catalog, in file order."""
    findings = reader_findings(catalog, language)
    check_fuzzy = config.fuzzy == "show"
    plural_forms = catalog.header_fields().get("Plural-Forms")
    nplurals = header_nplurals(plural_forms)
    if nplurals is None and any(
        entry.msgid_plural is not None and entry.translated and (check_fuzzy or not entry.fuzzy)
        for entry in catalog.active()
    ):
        header_line = catalog.header.line if catalog.header is not None else None
        context = CheckContext(path=path, line=header_line)
        findings.append(
            finding(missing_nplurals(plural_forms, language.plural_forms), context, language.code)
        )
    for entry in catalog.active():
        context = CheckContext(
            path=path,
            line=entry.line,
            source_language=config.source_language,
            glossary=glossary,
            nplurals=nplurals,
        )
        findings += check_entry(entry, language, context, check_fuzzy=check_fuzzy)
    return findings


def reader_findings(catalog: Catalog, language: LanguageInfo) -> list[Finding]:
    """What the reader accepted but reported (``catalog.warnings``), as findings."""
    findings = []
    for problem in catalog.warnings:
        # The reader makes CatalogWarnings (po-bom, po-charset); any other Problem
        # put there has no code of its own and is shown under a generic one.
        code = problem.code if isinstance(problem, CatalogWarning) else "po-warning"
        message = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
        findings.append(
            Finding(code, problem.severity, message, problem.path, problem.line, language.code)
        )
    return findings


def check_project(config: ProjectConfig, codes: list[str] | None = None) -> CheckReport:
    """Check every catalog of the named languages (default: all configured ones)."""
    languages = target_languages(config, codes)
    articles = load_articles(config)
    glossary = load_glossary(config)
    report = CheckReport(findings=source_findings(config, articles))
    for language in languages:
        for article in articles:
            shown = display_path(catalog_path(config, language.code, article.slug))
            try:
                catalog = read_catalog_file(config, language.code, article.slug)
            except PublishError as exc:
                report.problems += exc.problems
                continue
            if catalog is None:
                report.findings.append(
                    Finding(
                        "untranslated",
                        CODES["untranslated"].severity,
                        f"no catalog yet; create it with: publish init {language.code}",
                        shown,
                        None,
                        language.code,
                    )
                )
                continue
            report.catalogs += 1
            report.findings += check_catalog(catalog, language, shown, config, glossary)
    return report
