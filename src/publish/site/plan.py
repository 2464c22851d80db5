"""Decide what the site contains: which pages, in which languages, and why not.

Pure: takes the configuration, the articles and their catalogs, returns the
jobs (one per output file), what each article page must show (for
verification), and the reasons for every page that is not published.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
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
from .policy import Credit, article_problem_field, licence_problem, translator_credit
from .translate import Translation, apply_catalog, source_translation, threshold_problem
from .verify import Expected


def lang_of(info: LanguageInfo) -> Lang:
    """The site's view of a configured language."""
    return Lang(info.code, info.bcp47, info.name, info.direction, info.babel_locale)


@dataclass(frozen=True, slots=True)  # one per file or page of the site
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


@dataclass(frozen=True)
class SiteContext:
    """What every page of the site shares, derived from the configuration once."""

    site: Site
    source: Lang
    targets: tuple[Lang, ...]
    names: Mapping[str, tuple[str, str, str]]  # code -> (code, native name, English name)
    threshold: float
    use_fuzzy: bool

    @property
    def languages(self) -> tuple[Lang, ...]:
        """The source language first, then the targets in configured order."""
        return (self.source, *self.targets)


def site_context(config: ProjectConfig, *, use_fuzzy: bool = False) -> SiteContext:
    """The shared context of a build."""
    source = lang_of(config.source_language)
    return SiteContext(
        site=Site(config.title, config.base_url, source),
        source=source,
        targets=tuple(lang_of(info) for info in config.languages),
        names={info.code: (info.code, info.name, info.english_name) for info in config.languages},
        threshold=config.publish_threshold,
        use_fuzzy=use_fuzzy or config.fuzzy == "show",
    )


UNREADABLE_CATALOG = "unreadable catalog"  # the kind of a Skipped whose catalog is broken


@dataclass(frozen=True, slots=True)  # one per file or page of the site
class PublishedVersion:
    """One published language version of an article, as the indexes and sitemap need it."""

    code: str
    title: str


@dataclass(frozen=True, slots=True)  # one per file or page of the site
class ArticleSummary:
    """What the site-wide pages need to know of one article (kept between builds)."""

    slug: str
    date: dt.date
    versions: tuple[PublishedVersion, ...]  # source first
    skipped: tuple[Skipped, ...]

    @property
    def outputs(self) -> tuple[str, ...]:
        """The article's published pages."""
        return tuple(article_output(version.code, self.slug) for version in self.versions)


@dataclass
class ArticlePlan:
    """The pages of one article, or why it is not built."""

    pages: list[ArticlePage] = field(default_factory=list)
    expected: dict[str, Expected] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    problem: Problem | None = None  # the article is refused outright

    def summary(self, article: Article) -> ArticleSummary:
        """The article as the site-wide pages see it."""
        versions = tuple(
            PublishedVersion(page.language.code, page.translation.title.text) for page in self.pages
        )
        return ArticleSummary(article.slug, article.attribution.date, versions, tuple(self.skipped))


def plan_article(
    context: SiteContext,
    article: Article,
    catalogs: Mapping[tuple[str, str], Catalog | None],
) -> ArticlePlan:
    """The pages of one article; ``catalogs[(lang, slug)]`` is None when there is none
    and missing when it could not be read."""
    plan = ArticlePlan()
    source = context.source
    refused = _refusal(article, source)
    if refused is not None:
        plan.problem = refused
        return plan
    versions: list[tuple[Lang, Translation, tuple[Credit, ...]]] = [
        (source, source_translation(article), ())
    ]
    for language in context.targets:
        catalog = catalogs.get((language.code, article.slug))
        translation = apply_catalog(article, language.code, catalog, use_fuzzy=context.use_fuzzy)
        kind, reason = _not_published(article, language, catalogs, translation, context.threshold)
        if reason is not None:
            output = article_output(language.code, article.slug)
            plan.skipped.append(Skipped(output, f"not published: {reason}", kind))
            continue
        credits = translator_credit(catalog, context.names[language.code])
        versions.append((language, translation, credits))
    published = tuple(language for language, _t, _c in versions)
    for language, translation, credits in versions:
        page = ArticlePage(
            site=context.site,
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
        plan.pages.append(page)
        plan.expected[page.output] = Expected(
            attribution=article.attribution,
            lang=language.bcp47,
            direction=language.direction,
            source_lang=source.bcp47,
            headline=translation.title.text,
            translators=tuple(credit.name for credit in credits) if language != source else (),
        )
    return plan


def site_jobs(
    context: SiteContext, summaries: list[ArticleSummary], *, stylesheet: bytes
) -> list[Job]:
    """The site-wide outputs: language indexes, the root index, the sitemap, the stylesheet."""
    indexes = _indexes(context, summaries)
    return [
        *indexes,
        RootIndex(context.site, tuple(index.language for index in indexes)),
        _sitemap(context, summaries, indexes),
        StaticFile(STYLESHEET, stylesheet),
    ]


def plan_site(
    config: ProjectConfig,
    articles: list[Article],
    catalogs: Mapping[tuple[str, str], Catalog | None],
    *,
    stylesheet: bytes,
    use_fuzzy: bool = False,
) -> Plan:
    """The plan for ``articles``; ``catalogs[(lang, slug)]`` is None when there is none."""
    context = site_context(config, use_fuzzy=use_fuzzy)
    plan = Plan()
    summaries: list[ArticleSummary] = []
    for article in articles:
        planned = plan_article(context, article, catalogs)
        if planned.problem is not None:
            plan.problems.append(planned.problem)
            continue
        plan.jobs.extend(planned.pages)
        plan.expected.update(planned.expected)
        plan.skipped.extend(planned.skipped)
        summaries.append(planned.summary(article))
    plan.jobs.extend(site_jobs(context, summaries, stylesheet=stylesheet))
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
        return UNREADABLE_CATALOG, "its catalog could not be read (see the error above)"
    if catalogs[key] is None:
        return "no catalog", f"no catalog yet (publish init {language.code})"
    reason = threshold_problem(translation.coverage, threshold)
    if reason is None:
        return "", None
    title = not translation.coverage.title_translated
    return ("title not translated" if title else "below threshold"), reason


def _refusal(article: Article, source: Lang) -> Problem | None:
    found = article_problem_field(article)
    if found is None and article.attribution.language != source.code:
        found = (
            "language",
            f"the article is in {article.attribution.language!r} but publish.yaml says the "
            f"source language is {source.code!r}",
        )
    if found is None:
        return None
    key, problem = found
    return Problem(
        f"not built: {problem}", article.path, article.line_of(key), hint="fix the front matter"
    )


def _indexes(context: SiteContext, summaries: list[ArticleSummary]) -> list[LanguageIndex]:
    languages = context.languages
    items: dict[str, list[IndexItem]] = {language.code: [] for language in languages}
    for summary in summaries:
        for version in summary.versions:
            items[version.code].append(IndexItem(summary.slug, version.title, summary.date))
    with_pages = tuple(language for language in languages if items[language.code])
    return [
        LanguageIndex(context.site, language, tuple(items[language.code]), with_pages)
        for language in with_pages
    ]


def _sitemap(
    context: SiteContext, summaries: list[ArticleSummary], indexes: list[LanguageIndex]
) -> Sitemap:
    site = context.site
    bcp47 = {language.code: language.bcp47 for language in context.languages}
    urls: list[SitemapUrl] = []
    for summary in summaries:
        alternates = [
            (bcp47[version.code], absolute_url(site, article_output(version.code, summary.slug)))
            for version in summary.versions
        ]
        alternates.append(
            ("x-default", absolute_url(site, article_output(site.source.code, summary.slug)))
        )
        for version in summary.versions:
            output = article_output(version.code, summary.slug)
            urls.append(SitemapUrl(absolute_url(site, output), tuple(alternates)))
    for index in indexes:
        alternates = [(other.language.bcp47, absolute_url(site, other.output)) for other in indexes]
        alternates.append(("x-default", absolute_url(site, "index.html")))
        urls.append(SitemapUrl(absolute_url(site, index.output), tuple(alternates)))
    urls.append(SitemapUrl(absolute_url(site, "index.html"), ()))
    return Sitemap(tuple(urls))


def refuse_collisions(jobs: list[Job]) -> None:
    """Two outputs at one path (also ignoring case and Unicode form) are refused."""
    refuse_output_collisions(job.output for job in jobs)


def refuse_output_collisions(outputs: Iterable[str]) -> None:
    """Two paths that are one (also ignoring case and Unicode form) are refused."""
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for output in outputs:
        folded = unicodedata.normalize("NFC", output).casefold()
        if folded in seen:
            problems.append(
                Problem(
                    f"two outputs at one path: {seen[folded]} and {output}",
                    hint="rename one of the articles or languages",
                )
            )
        else:
            seen[folded] = output
    if problems:
        raise BuildError(problems[0].message, problems=problems)
