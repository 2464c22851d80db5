"""`publish stats`: what will actually ship, per language and article.

Message counts follow ``msgfmt --statistics`` exactly (see
:func:`message_counts`), so the two never disagree on the same file. Words are
the source words of the article's segments, counted the way the build counts
them (:func:`publish.site.translate.count_words`, every occurrence), and the
publish decision is the build's own (:func:`publish.site.translate.threshold_problem`):
``publish stats`` says "publishable" exactly when ``publish build`` publishes.
A fuzzy translation does not ship (and does not count) unless publish.yaml
says ``fuzzy: show``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from ..config import ProjectConfig
from ..errors import Problem, PublishError
from ..po.model import Catalog, Entry
from ..relpath import display_path
from ..site.translate import apply_catalog, count_words, entry_map, threshold_problem
from ..source.model import Article
from ..workspace import catalog_path, load_articles
from .checking import read_catalog_file, target_languages


@dataclass(frozen=True)
class StatsRow:
    """One article in one language. Keys are stable (JSON and CSV use them)."""

    language: str
    article: str
    path: str
    catalog: bool  # False: no catalog yet
    translated: int  # messages, as msgfmt --statistics counts them
    fuzzy: int
    untranslated: int
    words: int  # source words of the article
    translated_words: int  # words of segments with a reviewed (non-fuzzy) translation
    fuzzy_words: int
    untranslated_words: int
    shipping_words: int  # words shown translated on the page
    percent: float  # shipping_words / words, rounded down to 0.1
    title_translated: bool
    threshold: float
    publishable: bool
    reason: str  # why not publishable ("" when it is)

    def as_dict(self) -> dict[str, object]:
        """The row as a dict with the field names as keys, in order."""
        return asdict(self)


@dataclass
class StatsReport:
    """Rows in language, article order, and the catalogs that could not be read."""

    rows: list[StatsRow]
    problems: list[Problem]


def message_counts(catalog: Catalog) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) exactly as ``msgfmt --statistics`` counts.

    msgfmt skips obsolete entries; an entry whose first msgstr is empty is
    untranslated (even when fuzzy); a fuzzy one otherwise is fuzzy; the rest,
    except the header, is translated (a plural entry with msgstr[0] filled in
    counts as translated even when a later form is empty).
    """
    translated = fuzzy = untranslated = 0
    entries: list[Entry] = list(catalog.entries)
    if catalog.header is not None:
        entries.insert(0, catalog.header)
    for entry in entries:
        if entry.obsolete:
            continue
        is_header = entry is catalog.header or (entry.msgid == "" and entry.msgctxt is None)
        first = entry.msgstr if entry.msgid_plural is None else entry.msgstr_plural.get(0, "")
        if first == "":
            untranslated += 1
        elif entry.fuzzy and not is_header:
            fuzzy += 1
        elif not is_header:
            translated += 1
    return translated, fuzzy, untranslated


def _floor(percent: float) -> float:
    """Rounded down to one decimal, so 79.96 never reads as 80."""
    return math.floor(percent * 10 + 1e-9) / 10


def article_stats(
    config: ProjectConfig, article: Article, language: str, catalog: Catalog | None
) -> StatsRow:
    """The row for one article in one language (``catalog`` None: none yet)."""
    shown = display_path(catalog_path(config, language, article.slug))
    entries = entry_map(catalog)
    translated_words = fuzzy_words = words = 0
    for segment in article.segments:
        count = count_words(segment.text)
        words += count
        entry = entries.get(segment.text)
        if entry is None or not entry.translated:
            continue
        if entry.fuzzy:
            fuzzy_words += count
        else:
            translated_words += count
    use_fuzzy = config.fuzzy == "show"
    coverage = apply_catalog(article, language, catalog, use_fuzzy=use_fuzzy).coverage
    reason = threshold_problem(coverage, config.publish_threshold)
    if catalog is None:
        reason = f"no catalog yet (publish init {language})"
    counts = message_counts(catalog) if catalog is not None else (0, 0, 0)
    return StatsRow(
        language=language,
        article=article.slug,
        path=shown,
        catalog=catalog is not None,
        translated=counts[0],
        fuzzy=counts[1],
        untranslated=counts[2],
        words=words,
        translated_words=translated_words,
        fuzzy_words=fuzzy_words,
        untranslated_words=words - translated_words - fuzzy_words,
        shipping_words=coverage.shown_words,
        percent=_floor(coverage.percent),
        title_translated=coverage.title_translated,
        threshold=config.publish_threshold,
        publishable=reason is None,
        reason=reason or "",
    )


def project_stats(config: ProjectConfig, codes: list[str] | None = None) -> StatsReport:
    """Rows for every article in the named languages (default: all configured ones)."""
    languages = target_languages(config, codes)
    articles = load_articles(config)
    rows: list[StatsRow] = []
    problems: list[Problem] = []
    for language in languages:
        for article in articles:
            try:
                catalog = read_catalog_file(config, language.code, article.slug)
            except PublishError as exc:
                problems += exc.problems
                continue
            rows.append(article_stats(config, article, language.code, catalog))
    return StatsReport(rows, problems)
