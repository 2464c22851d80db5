"""Render jobs to bytes with Jinja2 (autoescape always on) and the site's UI catalogs."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup, escape

from .. import __version__
from .jsonld import dumps_for_script, news_article
from .model import (
    ROOT_INDEX,
    STYLESHEET,
    ArticlePage,
    Job,
    Lang,
    LanguageIndex,
    RootIndex,
    Sitemap,
    StaticFile,
    absolute_url,
    article_output,
    relative_href,
)
from .render_markdown import Languages, render_body
from .sitemap import render_sitemap
from .uitext import ui_translations

_MARKER = "\ue000{}\ue001"
_SYNTAX: dict[str, bool] = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


@lru_cache(maxsize=1)
def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs in Jinja2's per-user cache folder (in the
    system's temporary folder), so a build of one page does not compile every template.

    Jinja2 checks each entry against the template's source and the Python version; the
    file names carry publish's version and the syntax options, which change the code.
    Without a usable folder, templates are compiled in memory as before.
    """
    options = hashlib.sha256(repr(sorted(_SYNTAX.items())).encode()).hexdigest()[:12]
    try:
        return FileSystemBytecodeCache(pattern=f"__publish_{__version__}_{options}_%s.cache")
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=64)
def environment(templates: str | None, ui_language: str) -> Environment:
    """A Jinja2 environment for one UI language.

    Autoescaping is on for every template whatever its name; a project's
    ``templates/`` folder (``templates``) overrides the package's templates.
    """
    loaders: list[BaseLoader] = []
    if templates is not None:
        loaders.append(FileSystemLoader(templates))
    loaders.append(PackageLoader("publish", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        auto_reload=True,  # a long-running preview sees edited project templates
        bytecode_cache=_bytecode_cache(),
        trim_blocks=_SYNTAX["trim_blocks"],
        lstrip_blocks=_SYNTAX["lstrip_blocks"],
        keep_trailing_newline=_SYNTAX["keep_trailing_newline"],
    )
    env.install_gettext_translations(ui_translations(ui_language), newstyle=True)  # type: ignore[attr-defined]
    return env


def format_day(day: dt.date, language: Lang) -> str:
    """A date the way the language writes it (Babel, long format), else ISO 8601."""
    if language.babel_locale is None:
        return day.isoformat()
    return str(format_date(day, format="long", locale=language.babel_locale))


def language_name(language: Lang, in_language: Lang) -> str:
    """``language``'s name in ``in_language`` (e.g. "английский"), else its own name."""
    if language.babel_locale is not None and in_language.babel_locale is not None:
        name = Locale.parse(language.babel_locale).get_display_name(in_language.babel_locale)
        if name:
            return str(name)
    return language.name


def isolated_list(names: tuple[str, ...], language: Lang, css_class: str = "") -> Markup:
    """Names joined the language's way ("A, B и C"), each isolated in its own ``<bdi>``."""
    if not names:
        return Markup("")
    markers = [_MARKER.format(index) for index in range(len(names))]
    joined = (
        format_list(markers, locale=language.babel_locale)
        if language.babel_locale is not None
        else ", ".join(markers)
    )
    html = str(escape(joined))
    attribute = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    for marker, name in zip(markers, names, strict=True):
        html = html.replace(marker, str(Markup("<bdi{}>{}</bdi>").format(attribute, name)))
    return Markup(html)


def _head(job: ArticlePage | LanguageIndex, title: str, x_default: str) -> dict[str, Any]:
    """What ``base.html`` needs: lang, dir, canonical, alternates, links."""
    site = job.site
    outputs = [(version, _output_of(job, version.code)) for version in job.versions]
    return {
        "lang": job.language.bcp47,
        "dir": job.language.direction,
        "title": title,
        "site_title": site.title,
        "canonical": absolute_url(site, job.output),
        "alternates": [
            {"hreflang": version.bcp47, "href": absolute_url(site, output)}
            for version, output in outputs
        ]
        + [{"hreflang": "x-default", "href": absolute_url(site, x_default)}],
        "stylesheet": relative_href(job.output, STYLESHEET),
        "home": relative_href(job.output, f"{job.language.code}/index.html"),
        "root": relative_href(job.output, ROOT_INDEX),
        "switcher": [
            {
                "name": version.name,
                "lang": version.bcp47,
                "dir": version.direction,
                "href": relative_href(job.output, output),
                "current": version.code == job.language.code,
            }
            for version, output in outputs
        ],
    }


def _output_of(job: ArticlePage | LanguageIndex, code: str) -> str:
    if isinstance(job, ArticlePage):
        return article_output(code, job.slug)
    return f"{code}/index.html"


def article_context(job: ArticlePage) -> dict[str, Any]:
    """The template variables of an article page."""
    language, source = job.language, job.site.source
    attribution = job.attribution
    translated = language.code != source.code
    gettext = ui_translations(language.code).gettext
    body = render_body(
        job.body,
        job.article_path,
        job.body_line,
        frozenset(job.excluded_lines),
        job.translation.lookup(),
        Languages(language.bcp47, source.bcp47, source.direction),
        fuzzy_mark=gettext("may be outdated"),
    )
    title = job.translation.title.text
    page = job.output
    data = news_article(
        attribution,
        headline=title,
        language=language.bcp47,
        source_language=source.bcp47,
        url=absolute_url(job.site, page),
        translators=job.credits if translated else (),
    )
    return {
        "page": _head(job, title, article_output(source.code, job.slug)),
        "jsonld": Markup(dumps_for_script(data)),
        "title": title,
        "authors": isolated_list(attribution.authors, language, "author"),
        "author_count": len(attribution.authors),
        "date_iso": attribution.date.isoformat(),
        "date_text": format_day(attribution.date, language),
        "body": Markup(body),
        "fallback_count": job.translation.coverage.fallback_blocks if translated else 0,
        "fuzzy_count": job.translation.coverage.fuzzy_blocks if translated else 0,
        "translated": translated,
        "source": {
            "lang": source.bcp47,
            "dir": source.direction,
            "name": language_name(source, language),
        },
        "original": attribution,
        "credits": isolated_list(tuple(c.name for c in job.credits), language, "translator"),
        "has_credits": bool(job.credits) and translated,
        "permission": attribution.permission if translated else None,
        "permission_name": isolated_list(
            (attribution.permission.granted_by,) if attribution.permission else (), language
        ),
    }


def index_context(job: LanguageIndex) -> dict[str, Any]:
    """The template variables of a language index."""
    gettext = ui_translations(job.language.code).gettext
    items = sorted(job.items, key=lambda item: (-item.date.toordinal(), item.slug))
    return {
        "page": _head(job, gettext("Articles"), ROOT_INDEX),
        "items": [
            {
                "title": item.title,
                "href": relative_href(job.output, article_output(job.language.code, item.slug)),
                "date_iso": item.date.isoformat(),
                "date_text": format_day(item.date, job.language),
            }
            for item in items
        ],
    }


def root_context(job: RootIndex) -> dict[str, Any]:
    """The template variables of the root index."""
    site = job.site
    return {
        "page": {
            "lang": site.source.bcp47,
            "dir": site.source.direction,
            "title": site.title,
            "site_title": site.title,
            "canonical": absolute_url(site, job.output),
            "alternates": [],
            "stylesheet": relative_href(job.output, STYLESHEET),
            "home": relative_href(job.output, ROOT_INDEX),
            "root": relative_href(job.output, ROOT_INDEX),
            "switcher": [],
        },
        "languages": [
            {
                "name": language.name,
                "lang": language.bcp47,
                "dir": language.direction,
                "href": relative_href(job.output, f"{language.code}/index.html"),
            }
            for language in job.languages
        ],
    }


def render(job: Job, templates: str | None) -> bytes:
    """The bytes of one output."""
    if isinstance(job, StaticFile):
        return job.data
    if isinstance(job, Sitemap):
        return render_sitemap(job).encode("utf-8")
    if isinstance(job, ArticlePage):
        name, ui, context = "article.html", job.language.code, article_context(job)
    elif isinstance(job, LanguageIndex):
        name, ui, context = "language_index.html", job.language.code, index_context(job)
    else:
        name, ui, context = "root_index.html", job.site.source.code, root_context(job)
    html = environment(templates, ui).get_template(name).render(context)
    return html.encode("utf-8")
