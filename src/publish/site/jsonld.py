"""schema.org ``NewsArticle`` JSON-LD for a page, and its safe serialisation."""

from __future__ import annotations

import json
from typing import Any

from ..source.model import Attribution
from .policy import Credit

CONTEXT = "https://schema.org"


def _person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def _organization(name: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name}


def _authors(attribution: Attribution) -> list[dict[str, str]]:
    """Each author as a Person, or as an Organization when the front matter says so."""
    return [
        _organization(name) if name in attribution.organizations else _person(name)
        for name in attribution.authors
    ]


def news_article(
    attribution: Attribution,
    *,
    headline: str,
    language: str,
    source_language: str,
    url: str,
    translators: tuple[Credit, ...] = (),
) -> dict[str, Any]:
    """The JSON-LD object of one page (``language`` and ``source_language`` in BCP 47).

    A translated page points at the original with ``translationOfWork`` (and
    ``isBasedOn``); the source-language page, a reprint, with ``isBasedOn``.
    """
    original: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": attribution.original_url,
        "url": attribution.original_url,
        "headline": attribution.title,
        "inLanguage": source_language,
        "datePublished": attribution.date.isoformat(),
        "author": _authors(attribution),
    }
    if attribution.publisher:
        original["publisher"] = _organization(attribution.publisher)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "url": url,
        "mainEntityOfPage": url,
        "headline": headline,
        "inLanguage": language,
        "author": _authors(attribution),
        "datePublished": attribution.date.isoformat(),
    }
    if language != source_language:
        data["translationOfWork"] = original
        if translators:
            data["translator"] = [{"@type": c.kind, "name": c.name} for c in translators]
    data["isBasedOn"] = attribution.original_url
    holder = attribution.copyright_holder or attribution.publisher
    if holder:
        data["copyrightHolder"] = _organization(holder)
    data["copyrightNotice"] = attribution.notice
    if attribution.license:
        data["license"] = attribution.license
    return data


def dumps_for_script(data: dict[str, Any]) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no text in the data can
    close the script element or open a comment; the output is deterministic.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
