"""Who is credited and what may be published: translator credit and the licence gate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..po.model import Catalog
from ..source.article_file import NO_DERIVATIVES, url_problem
from ..source.model import Article

# Header values that `xgettext`/`msginit` leave as placeholders.
_PLACEHOLDERS = ("FULL NAME", "LANGUAGE", "EMAIL@ADDRESS", "LL@li.org")
_ANGLE = re.compile(r"<[^<>]*>")
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
_OPT_OUT = ("no", "false", "off", "0", "none")
# Licence names that forbid derivative works, beyond the short `ND` forms.
_NO_DERIVATIVES_EXTRA = re.compile(r"(?i)no\s+derivatives?|noderivs|keine\s+bearbeitung")


def _clean_name(value: str) -> str:
    """A header value without e-mail addresses, URLs and placeholder text."""
    if any(token in value for token in _PLACEHOLDERS):
        return ""
    value = _ANGLE.sub(" ", value)
    value = _URL.sub(" ", value)
    value = _EMAIL.sub(" ", value)
    value = " ".join(value.split()).strip(" ,;")
    return value


@dataclass(frozen=True)
class Credit:
    """A translator or translation team to credit (schema.org ``Person``/``Organization``)."""

    name: str
    kind: str


def translator_credit(
    catalog: Catalog | None, language_names: tuple[str, ...] = ()
) -> tuple[Credit, ...]:
    """Whom to credit, from ``Last-Translator`` and ``Language-Team`` (never e-mail addresses).

    Empty when the header holds only template placeholders, or when the
    translator opted out with ``X-Publish-Credit: no``. A team named only by
    its language (``Russian <ru@li.org>``, as ``msginit`` writes it) is no credit.
    """
    if catalog is None:
        return ()
    fields = catalog.header_fields()
    if fields.get("X-Publish-Credit", "").strip().lower() in _OPT_OUT:
        return ()
    credits: list[Credit] = []
    ignored = {name.casefold() for name in language_names}
    for key, kind in (("Last-Translator", "Person"), ("Language-Team", "Organization")):
        name = _clean_name(fields.get(key, ""))
        if kind == "Organization" and name.casefold() in ignored:
            continue
        if name and name.casefold() not in {c.name.casefold() for c in credits}:
            credits.append(Credit(name, kind))
    return tuple(credits)


def forbids_derivatives(license_text: str) -> bool:
    """True when a licence name or URL forbids derivative works (e.g. CC BY-ND 4.0)."""
    if not license_text:
        return False
    return bool(NO_DERIVATIVES.search(license_text) or _NO_DERIVATIVES_EXTRA.search(license_text))


def licence_problem(article: Article, language: str) -> str | None:
    """Why ``article`` may not be published in ``language``, or None.

    A work whose licence forbids derivatives is published in translation only
    with a recorded permission that covers the language.
    """
    attribution = article.attribution
    if not forbids_derivatives(attribution.license):
        return None
    permission = attribution.permission
    if permission is None:
        return (
            f"its licence ({attribution.license}) forbids derivative works and the front matter "
            "records no permission to translate"
        )
    if permission.languages and language not in permission.languages:
        return (
            f"its licence ({attribution.license}) forbids derivative works and the permission "
            f"from {permission.granted_by} covers only {', '.join(permission.languages)}"
        )
    return None


def article_problem(article: Article) -> str | None:
    """Why no page of ``article`` can be built at all, or None."""
    found = article_problem_field(article)
    return None if found is None else found[1]


def article_problem_field(article: Article) -> tuple[str, str] | None:
    """(front matter key, why) no page of ``article`` can be built at all, or None."""
    problem = url_problem(article.attribution.original_url)
    if problem is not None:
        return (
            "original_url",
            f"`original_url` {problem}; the link to the original must work on every page",
        )
    if not article.attribution.authors:
        return "authors", "the front matter names no authors"
    return None
