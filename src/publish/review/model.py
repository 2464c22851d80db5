"""The proof of one article in one language, as data.

Pure: takes the article, the catalog (or None), the language and the project's
settings, returns a :class:`Review`: one row per segment in page order, with
its status, the ``.po`` line, the word diff of a fuzzy entry and the check
findings, and a summary that says whether the language version is published.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..actions.statistics import StatsRow
from ..checks import CheckContext, Finding, Glossary, check_entry
from ..checks.base import ERROR, INFO, WARNING
from ..langcode import LanguageInfo
from ..po.model import Catalog, Entry
from ..quotes import unbalanced_quotes
from ..site.policy import Credit, licence_problem, translator_credit
from ..site.translate import count_words, entry_map
from ..source.model import Article, Attribution, Segment
from .diff import DiffPart, word_diff

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"
# Entry-level information the status column already shows.
_SHOWN_AS_STATUS = frozenset({"untranslated", "fuzzy"})


@dataclass(frozen=True)
class Row:
    """One segment of the article and its translation."""

    number: int  # 1-based position on the page
    role: str  # "title", "paragraph 3", "heading", "list item", "block quote"
    note: str  # the source's note for translators
    source: str  # Markdown inline text
    source_line: int
    translation: str  # "" when untranslated
    status: str  # TRANSLATED / FUZZY / UNTRANSLATED
    po_line: int | None  # None: the catalog has no entry for this segment
    previous: str | None  # a fuzzy entry's #| msgid
    diff: tuple[DiffPart, ...]  # previous → current source, for fuzzy entries
    findings: tuple[Finding, ...]  # of the translation
    source_findings: tuple[str, ...]  # problems of the source segment itself
    comments: tuple[str, ...]  # the translator's comments (# lines)
    words: int
    same_as: int | None  # the row with the same text (identical segments share an entry)


@dataclass(frozen=True)
class Summary:
    """Counts for the top of the page and the publish decision."""

    segments: int
    translated: int
    fuzzy: int
    untranslated: int
    words: int
    translated_words: int
    fuzzy_words: int
    untranslated_words: int
    shipping_words: int
    percent: float
    threshold: float
    fuzzy_policy: str  # "fallback" or "show"
    publishable: bool
    reason: str  # why not ("" when it is)
    errors: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class Review:
    """Everything the proof page shows."""

    site_title: str
    slug: str
    article_path: str
    catalog_path: str
    catalog_exists: bool
    source: LanguageInfo
    language: LanguageInfo
    attribution: Attribution
    credits: tuple[Credit, ...]
    revision_date: str  # PO-Revision-Date ("" when unset)
    rows: tuple[Row, ...]
    summary: Summary
    stale_entries: tuple[tuple[int, str], ...]  # (line, msgid) no longer in the article


def _status(entry: Entry | None) -> str:
    if entry is None or not entry.translated:
        return UNTRANSLATED
    return FUZZY if entry.fuzzy else TRANSLATED


def _findings(
    entry: Entry | None, language: LanguageInfo, context: CheckContext
) -> tuple[Finding, ...]:
    if entry is None:
        return ()
    found = check_entry(entry, language, context, check_fuzzy=True)
    return tuple(f for f in found if f.code not in _SHOWN_AS_STATUS)


def _row(
    number: int,
    segment: Segment,
    entries: dict[str, Entry],
    language: LanguageInfo,
    context: CheckContext,
    first_seen: dict[str, int],
) -> Row:
    entry = entries.get(segment.text)
    status = _status(entry)
    previous = entry.previous_msgid if entry is not None and status == FUZZY else None
    line = None if entry is None else entry.line
    return Row(
        number=number,
        role=segment.role,
        note=segment.note,
        source=segment.text,
        source_line=segment.line,
        translation=entry.msgstr if entry is not None and status != UNTRANSLATED else "",
        status=status,
        po_line=line,
        previous=previous,
        diff=tuple(word_diff(previous, segment.text)) if previous is not None else (),
        findings=_findings(entry, language, replace(context, line=line)),
        source_findings=tuple(unbalanced_quotes(segment.text)),
        comments=tuple(entry.translator_comments) if entry is not None else (),
        words=count_words(segment.text),
        same_as=first_seen.get(segment.text),
    )


def build_review(
    *,
    site_title: str,
    article: Article,
    catalog: Catalog | None,
    catalog_path: str,
    source: LanguageInfo,
    language: LanguageInfo,
    stats: StatsRow,
    fuzzy_policy: str,
    glossary: Glossary | None = None,
    configured: bool = True,
) -> Review:
    """The proof of ``article`` in ``language``; ``stats`` is the row ``publish stats`` prints.

    ``configured`` False: the language is not listed in publish.yaml, so it is not built.
    """
    entries = entry_map(catalog)
    context = CheckContext(path=catalog_path, source_language=source, glossary=glossary)
    rows: list[Row] = []
    first_seen: dict[str, int] = {}
    for index, segment in enumerate(article.segments):
        rows.append(_row(index + 1, segment, entries, language, context, first_seen))
        first_seen.setdefault(segment.text, index + 1)
    texts = {segment.text for segment in article.segments}
    stale = tuple(
        (entry.line, entry.msgid)
        for entry in (catalog.active() if catalog is not None else [])
        if entry.msgctxt is None and entry.msgid_plural is None and entry.msgid not in texts
    )
    reason = licence_problem(article, language.code) or stats.reason
    if not configured:
        reason = f"{language.code} is not listed under `languages:` in publish.yaml"
    findings = [finding for row in rows if row.same_as is None for finding in row.findings]
    names = (language.code, language.name, language.english_name)
    fields = catalog.header_fields() if catalog is not None else {}
    revision = fields.get("PO-Revision-Date", "")
    summary = Summary(
        segments=len(rows),
        translated=sum(row.status == TRANSLATED for row in rows),
        fuzzy=sum(row.status == FUZZY for row in rows),
        untranslated=sum(row.status == UNTRANSLATED for row in rows),
        words=stats.words,
        translated_words=stats.translated_words,
        fuzzy_words=stats.fuzzy_words,
        untranslated_words=stats.untranslated_words,
        shipping_words=stats.shipping_words,
        percent=stats.percent,
        threshold=stats.threshold,
        fuzzy_policy=fuzzy_policy,
        publishable=not reason,
        reason=reason,
        errors=sum(f.severity == ERROR for f in findings),
        warnings=sum(f.severity == WARNING for f in findings),
        infos=sum(f.severity == INFO for f in findings),
    )
    return Review(
        site_title=site_title,
        slug=article.slug,
        article_path=article.path,
        catalog_path=catalog_path,
        catalog_exists=catalog is not None,
        source=source,
        language=language,
        attribution=article.attribution,
        credits=translator_credit(catalog, names),
        revision_date="" if "YEAR" in revision else revision,
        rows=tuple(rows),
        summary=summary,
        stale_entries=stale,
    )
