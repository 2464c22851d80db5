"""The site as data: one job per output file, and the URLs between them.

Jobs are plain frozen dataclasses (picklable), built by :mod:`publish.site.plan`
and rendered by :mod:`publish.site.pages`. A job holds everything its output
depends on; whether it must be rendered again is decided by the hashes of its
inputs (see :mod:`publish.site.build`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from ..source.model import Attribution
from .policy import Credit
from .translate import Translation

STYLESHEET = "style.css"
SITEMAP = "sitemap.xml"
ROOT_INDEX = "index.html"


@dataclass(frozen=True)
class Lang:
    """A language as the site shows it."""

    code: str  # folder name, as configured (pt_BR, sr@latin)
    bcp47: str  # lang / hreflang value
    name: str  # native name
    direction: str  # ltr / rtl
    babel_locale: str | None  # for dates and names; None outside CLDR


@dataclass(frozen=True)
class Site:
    """Site-wide settings."""

    title: str
    base_url: str  # ends with "/"
    source: Lang


@dataclass(frozen=True)
class ArticlePage:
    """``<lang>/<slug>/index.html``."""

    site: Site
    slug: str
    article_path: str
    language: Lang
    attribution: Attribution
    body: str
    body_line: int
    excluded_lines: tuple[int, ...]
    translation: Translation
    credits: tuple[Credit, ...]
    versions: tuple[Lang, ...]  # every published language of this article, source first

    @property
    def output(self) -> str:
        """The path below the site folder."""
        return article_output(self.language.code, self.slug)


@dataclass(frozen=True)
class IndexItem:
    """One article in a language index."""

    slug: str
    title: str
    date: dt.date


@dataclass(frozen=True)
class LanguageIndex:
    """``<lang>/index.html``: the articles published in one language."""

    site: Site
    language: Lang
    items: tuple[IndexItem, ...]
    versions: tuple[Lang, ...]  # languages that have an index

    @property
    def output(self) -> str:
        """The path below the site folder."""
        return f"{self.language.code}/index.html"


@dataclass(frozen=True)
class RootIndex:
    """``index.html``: the languages, by their native names."""

    site: Site
    languages: tuple[Lang, ...]
    output: str = ROOT_INDEX


@dataclass(frozen=True)
class SitemapUrl:
    """One ``<url>`` of the sitemap with its hreflang alternates."""

    loc: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, href)


@dataclass(frozen=True)
class Sitemap:
    """``sitemap.xml``."""

    urls: tuple[SitemapUrl, ...]
    output: str = SITEMAP


@dataclass(frozen=True)
class StaticFile:
    """A file copied as it is (the stylesheet)."""

    output: str
    data: bytes


Job = ArticlePage | LanguageIndex | RootIndex | Sitemap | StaticFile


def article_output(code: str, slug: str) -> str:
    """``ru/my-article/index.html``."""
    return f"{code}/{slug}/index.html"


def absolute_url(site: Site, output: str) -> str:
    """The public address of an output (``…/index.html`` shown as its folder)."""
    path = output.removesuffix("index.html")
    return site.base_url + quote(path, safe="/@-._~")


def relative_href(from_output: str, to_output: str) -> str:
    """A link from one output to another that works on a server and from disk."""
    start = posixpath.dirname(from_output) or "."
    return quote(posixpath.relpath(to_output, start), safe="/@-._~")
