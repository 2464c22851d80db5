"""Render a :class:`~publish.review.model.Review` to one self-contained HTML page.

Both columns go through the site's Markdown renderer (CommonMark, raw HTML off,
only http, https, mailto and relative links), everything else through Jinja2
with autoescaping on, so nothing a translator wrote can put markup or a script
into the proof. The page is checked with the site's safety checks before it
is returned.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..errors import BuildError
from ..langcode import LanguageInfo
from ..site.links import link_allowed
from ..site.render_markdown import safe_markdown
from ..site.verify import verify_safety
from .model import Review, Row

TEMPLATE = "review.html"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja2 with autoescaping on for every template, whatever its name."""
    return Environment(
        loader=PackageLoader("publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def inline_html(text: str) -> Markup:
    """One segment (CommonMark inline text) as safe HTML."""
    env: dict[str, Any] = {}
    return Markup(safe_markdown().renderInline(text, env))


def language_label(language: LanguageInfo) -> str:
    """``русский (Russian)``, or just the name when both are the same."""
    if language.name == language.english_name:
        return language.name
    return f"{language.name} ({language.english_name})"


def language_markup(language: LanguageInfo) -> Markup:
    """:func:`language_label` with the native name isolated in its language and direction."""
    name = Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(
        language.bcp47, language.direction, language.name
    )
    if language.name == language.english_name:
        return name
    return Markup("{} ({})").format(name, language.english_name)


def _row(row: Row) -> dict[str, Any]:
    return {
        "number": row.number,
        "role": row.role,
        "note": row.note,
        "status": row.status,
        "source_line": row.source_line,
        "po_line": row.po_line,
        "source_html": inline_html(row.source),
        "translation_html": inline_html(row.translation) if row.translation else None,
        "diff": row.diff,
        "findings": row.findings,
        "source_findings": row.source_findings,
        "comments": row.comments,
        "words": row.words,
        "same_as": row.same_as,
    }


def review_context(review: Review) -> dict[str, Any]:
    """The template variables of the proof page."""
    attribution = review.attribution
    url = attribution.original_url
    return {
        "site_title": review.site_title,
        "slug": review.slug,
        "article_path": review.article_path,
        "catalog_path": review.catalog_path,
        "catalog_exists": review.catalog_exists,
        "source": {
            "lang": review.source.bcp47,
            "dir": review.source.direction,
            "label": language_markup(review.source),
            "text": language_label(review.source),
        },
        "target": {
            "code": review.language.code,
            "lang": review.language.bcp47,
            "dir": review.language.direction,
            "label": language_markup(review.language),
            "text": language_label(review.language),
        },
        "original": attribution,
        "original_href": url if link_allowed(url) else None,
        "date_iso": attribution.date.isoformat(),
        "date_text": format_date(attribution.date, format="long", locale="en"),
        "credits": [credit.name for credit in review.credits],
        "revision_date": review.revision_date,
        "summary": review.summary,
        "percent": f"{review.summary.percent:g}",
        "threshold": f"{review.summary.threshold:g}",
        "rows": [_row(row) for row in review.rows],
        "stale_entries": review.stale_entries,
    }


def render_review(review: Review) -> str:
    """The HTML of the proof page (refused if it fails the site's safety checks)."""
    html = environment().get_template(TEMPLATE).render(review_context(review))
    problems = verify_safety(html)
    if problems:
        raise BuildError(
            "the review page " + "; ".join(problems),
            path=review.catalog_path,
            hint="this is a bug in publish; please report it",
        )
    return html
