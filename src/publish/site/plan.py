"""Decide what the site contains: which pages, in which languages, and why not.

Pure: takes the configuration, the articles and their catalogs, returns the
jobs (one per output file), what each article page must show (for
verification), and the reasons for every page that is not published.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..config import ProjectConfig
from ..errors import BuildError, Problem
from ..langcode import LanguageInfo
from ..po.model import Catalog
from ..source.model import Article
from .model import (
    STYLESHEET,
    ArticlePage,
    IndexItem,
    Job,
    Lang,
    LanguageIndex,
    RootIndex,
    Site,
    Sitemap,
    SitemapUrl,
    StaticFile,
    absolute_url,
    article_output,
)
from .policy import Credit, article_problem, licence_problem, translator_credit
from .translate import Translation, apply_catalog, source_translation, threshold_problem
from .verify import Expected


def lang_of(info: LanguageInfo) -> Lang:
    """The site's view of a configured language."""
    return Lang(info.code, info.bcp47, info.name, info.direction, info.babel_locale)


@dataclass(frozen=True)
class Skipped:
    """A page that is not published, and why."""

    output: str
    reason: str
    kind: str  # a short label for the summary line, e.g. "below threshold"


@dataclass
class Plan:
    """Everything the build will produce."""

    jobs: list[Job] = field(default_factory=list)
    expected: dict[str, Expected] = field(default_factory=dict)  # article pages only
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # articles refused outright


def plan_site(
    config: ProjectConfig,
    articles: list[Article],
    catalogs: Mapping[tuple[str, str], Catalog | None],
    *,
    stylesheet: bytes,
    use_fuzzy: bool = False,
) -> Plan:
    """The plan for ``articles``; ``catalogs[(lang, slug)]`` is None when there is none."""
    source = lang_of(config.source_language)
    site = Site(config.title, config.base_url, source)
    targets = [lang_of(info) for info in config.languages]
    names = {info.code: (info.code, info.name, info.english_name) for info in config.languages}
    use_fuzzy = use_fuzzy or config.fuzzy == "show"
    plan = Plan()
    pages: list[ArticlePage] = []
    for article in articles:
        refused = _refusal(article, source)
        if refused is not None:
            plan.problems.append(refused)
            continue
        versions: list[tuple[Lang, Translation, tuple[Credit, ...]]] = [
            (source, source_translation(article), ())
        ]
        for language in targets:
            catalog = catalogs.get((language.code, article.slug))
            translation = apply_catalog(article, language.code, catalog, use_fuzzy=use_fuzzy)
            kind, reason = _not_published(
                article, language, catalogs, translation, config.publish_threshold
            )
            if reason is not None:
                output = article_output(language.code, article.slug)
                plan.skipped.append(Skipped(output, f"not published: {reason}", kind))
                continue
            credits = translator_credit(catalog, names[language.code])
            versions.append((language, translation, credits))
        published = tuple(language for language, _t, _c in versions)
        for language, translation, credits in versions:
            page = ArticlePage(
                site=site,
                slug=article.slug,
                article_path=article.path,
                language=language,
                attribution=article.attribution,
                body=article.body,
                body_line=article.body_line,
                excluded_lines=tuple(sorted(article.excluded_lines)),
                translation=translation,
                credits=credits,
                versions=published,
            )
            pages.append(page)
            plan.expected[page.output] = Expected(
                attribution=article.attribution,
                lang=language.bcp47,
                direction=language.direction,
                source_lang=source.bcp47,
                headline=translation.title.text,
                translators=tuple(credit.name for credit in credits) if language != source else (),
            )
    plan.jobs.extend(pages)
    indexes = _indexes(site, [source, *targets], pages)
    plan.jobs.extend(indexes)
    plan.jobs.append(RootIndex(site, tuple(index.language for index in indexes)))
    plan.jobs.append(_sitemap(site, pages, indexes))
    plan.jobs.append(StaticFile(STYLESHEET, stylesheet))
    refuse_collisions(plan.jobs)
    return plan


def _not_published(
    article: Article,
    language: Lang,
    catalogs: Mapping[tuple[str, str], Catalog | None],
    translation: Translation,
    threshold: float,
) -> tuple[str, str | None]:
    """(kind, reason) why a language version is not published; reason None: it is."""
    reason = licence_problem(article, language.code)
    if reason is not None:
        return "licence", reason
    key = (language.code, article.slug)
    if key not in catalogs:
        return "unreadable catalog", "its catalog could not be read (see the error above)"
    if catalogs[key] is None:
        return "no catalog", f"no catalog yet (publish init {language.code})"
    reason = threshold_problem(translation.coverage, threshold)
    if reason is None:
        return "", None
    title = not translation.coverage.title_translated
    return ("title not translated" if title else "below threshold"), reason


def _refusal(article: Article, source: Lang) -> Problem | None:
    problem = article_problem(article)
    if problem is None and article.attribution.language != source.code:
        problem = (
            f"the article is in {article.attribution.language!r} but publish.yaml says the "
            f"source language is {source.code!r}"
        )
    if problem is None:
        return None
    return Problem(f"not built: {problem}", article.path, hint="fix the front matter")


def _indexes(site: Site, languages: list[Lang], pages: list[ArticlePage]) -> list[LanguageIndex]:
    items: dict[str, list[IndexItem]] = {language.code: [] for language in languages}
    for page in pages:
        items[page.language.code].append(
            IndexItem(page.slug, page.translation.title.text, page.attribution.date)
        )
    with_pages = tuple(language for language in languages if items[language.code])
    return [
        LanguageIndex(site, language, tuple(items[language.code]), with_pages)
        for language in with_pages
    ]


def _sitemap(site: Site, pages: list[ArticlePage], indexes: list[LanguageIndex]) -> Sitemap:
    urls: list[SitemapUrl] = []
    for page in pages:
        alternates = [
            (version.bcp47, absolute_url(site, article_output(version.code, page.slug)))
            for version in page.versions
        ]
        alternates.append(
            ("x-default", absolute_url(site, article_output(site.source.code, page.slug)))
        )
        urls.append(SitemapUrl(absolute_url(site, page.output), tuple(alternates)))
    for index in indexes:
        alternates = [(other.language.bcp47, absolute_url(site, other.output)) for other in indexes]
        alternates.append(("x-default", absolute_url(site, "index.html")))
        urls.append(SitemapUrl(absolute_url(site, index.output), tuple(alternates)))
    urls.append(SitemapUrl(absolute_url(site, "index.html"), ()))
    return Sitemap(tuple(urls))


def refuse_collisions(jobs: list[Job]) -> None:
    """Two outputs at one path (also ignoring case and Unicode form) are refused."""
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for job in jobs:
        folded = unicodedata.normalize("NFC", job.output).casefold()
        if folded in seen:
            problems.append(
                Problem(
                    f"two outputs at one path: {seen[folded]} and {job.output}",
                    hint="rename one of the articles or languages",
                )
            )
        else:
            seen[folded] = job.output
    if problems:
        raise BuildError(problems[0].message, problems=problems)
