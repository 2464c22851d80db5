"""``publish pseudo``: write pseudo-locale catalogs and build them into their own folder.

A pseudo-locale is named ``<lang>@pseudo`` (``en@pseudo``, ``ar@pseudo``) and
written in that language's direction, so ``ar@pseudo`` lays the site out right to
left with the Arabic interface strings and dates. Its catalogs live where real
ones do (``locale/<code>/LC_MESSAGES/<slug>.po``) so that Poedit and ``msgfmt -c``
can read them, are marked with the header field
``X-Publish-Pseudo: yes`` and are regenerated from the sources on every run.

They are never published by ``publish build`` unless the code is listed under
``languages:`` in publish.yaml: ``publish pseudo`` builds the source language and
every pseudo-locale made so far (each remade from the current sources) into a
separate folder, ``site-pseudo/``. Deleting ``locale/<code>/`` drops one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel.dates import get_month_names

from ..catalog.new_catalog import new_catalog
from ..config import CONFIG_NAME, ProjectConfig
from ..errors import ConflictError, LanguageError, PublishError
from ..extract import build_template, creation_date, same_apart_from_date
from ..fsio import MAX_CATALOG_BYTES, atomic_write, decode_utf8, digest, read_bytes
from ..langcode import LANGUAGE_CODE, LanguageInfo, to_bcp47, validate_code
from ..po.model import Catalog, format_header
from ..po.reader import read_catalog
from ..po.writer import write_catalog
from ..relpath import display_path
from ..site.build import BuildOptions, BuildReport, build_site
from ..source.markdown import markdown_parser
from ..source.model import Article
from ..workspace import catalog_path, load_articles
from . import OUTPUT
from .text import normalize_label, pseudo_text

MODIFIER = "pseudo"
MARKER = "X-Publish-Pseudo"
TRANSLATOR = "publish pseudo-locale"


def pseudo_code(config: ProjectConfig, code: str | None) -> str:
    """The pseudo-locale for LANG: ``ru`` → ``ru@pseudo``; none given: the source language's."""
    if code is None:
        code = config.source_language.code.partition("@")[0]
    match = LANGUAGE_CODE.match(validate_code(code))
    assert match is not None
    modifier = match["modifier"]
    if modifier is None:
        return f"{code}@{MODIFIER}"
    if modifier != MODIFIER:
        raise LanguageError(
            f"{code!r} is not a pseudo-locale code",
            hint=f"name a language (en, ar) or a code ending in @{MODIFIER} (en@{MODIFIER})",
        )
    return code


@dataclass(frozen=True)
class PseudoLanguage(LanguageInfo):
    """A pseudo-locale; its HTML ``lang`` is a private-use tag (``en-x-pseudo``).

    ``to_bcp47`` drops the ``@pseudo`` modifier, which would make the pseudo-locale's
    pages look like source-language pages (``lang="en"``) to the renderer.
    """

    @property
    def bcp47(self) -> str:
        """``en@pseudo`` → ``en-x-pseudo``, ``sr_Latn@pseudo`` → ``sr-Latn-x-pseudo``."""
        return f"{to_bcp47(self.code.partition('@')[0])}-x-{MODIFIER}"


def pseudo_language(config: ProjectConfig, code: str) -> PseudoLanguage:
    """What the site needs to know about a pseudo-locale (from its base language)."""
    configured = [info for info in config.languages if info.code == code]
    if configured:
        info = configured[0]
        name, english_name = info.name, info.english_name
    else:
        base = code.partition("@")[0]
        if base == config.source_language.code:
            info = config.source_language
        else:
            info = config.language_or_adhoc(base)
        name, english_name = f"{info.name} (pseudo)", f"{info.english_name} (pseudo)"
    return PseudoLanguage(
        code=code,
        name=name,
        english_name=english_name,
        plural_forms=info.plural_forms,
        direction=info.direction,
        babel_locale=info.babel_locale,
    )


def reference_labels(article: Article) -> frozenset[str]:
    """The reference-link labels the article's body defines (normalized)."""
    env: dict[str, Any] = {}
    markdown_parser().parse(article.body, env)
    return frozenset(normalize_label(str(label)) for label in env.get("references", {}))


def month_names(babel_locale: str | None) -> frozenset[str]:
    """The source language's month names (wide and abbreviated), kept as written."""
    if babel_locale is None:
        return frozenset()
    names: set[str] = set()
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            names.update(get_month_names(width, context, locale=babel_locale).values())
    return frozenset(name.rstrip(".") for name in names)


def pseudo_catalog(
    article: Article, language: LanguageInfo, date: str, keep: frozenset[str] = frozenset()
) -> Catalog:
    """A fully pseudo-translated catalog of ``article`` (pure); ``keep``: words left as written."""
    template = build_template(article, date)
    catalog = new_catalog(template, language, article.attribution.title)
    assert catalog.header is not None
    fields = catalog.header_fields()
    fields["Last-Translator"] = TRANSLATOR
    fields[MARKER] = "yes"
    catalog.header.msgstr = format_header(fields)
    catalog.header.translator_comments = [
        f"Pseudo-translation ({language.code}) of: {article.attribution.title}",
        "Made by `publish pseudo` for testing layouts; regenerated on every run,",
        "so do not translate here.",
    ]
    labels = reference_labels(article)
    for entry in catalog.entries:
        entry.msgstr = pseudo_text(entry.msgid, labels, keep)
    return catalog


@dataclass
class PseudoReport:
    """The catalogs written or left unchanged, and the build of ``site-pseudo/``."""

    language: str  # the pseudo-locale asked for
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    build: BuildReport | None = None


def _existing(config: ProjectConfig, code: str, slug: str) -> tuple[str, str] | None:
    """The text of an existing pseudo catalog; a catalog publish did not make is refused."""
    path = catalog_path(config, code, slug)
    if not path.exists():
        return None
    shown = display_path(path)
    data = read_bytes(path, max_bytes=MAX_CATALOG_BYTES)
    catalog = read_catalog(data, shown)
    if catalog.header_fields().get(MARKER, "").lower() != "yes":
        raise ConflictError(
            f"was not made by `publish pseudo` (no `{MARKER}: yes` header); left as it is",
            path=shown,
            hint="move it away, or choose another pseudo-locale code",
        )
    return decode_utf8(data, shown), digest(data)


def existing_codes(config: ProjectConfig) -> list[str]:
    """Pseudo-locales that already have a folder in ``locale/``, sorted."""
    folder = config.locale_dir
    if not folder.is_dir():
        return []
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.is_dir() and path.name.endswith(f"@{MODIFIER}") and LANGUAGE_CODE.match(path.name)
    )


def write_pseudo_catalogs(
    config: ProjectConfig, languages: list[PseudoLanguage], report: PseudoReport
) -> None:
    """Write ``locale/<code>/LC_MESSAGES/<slug>.po`` for every article and pseudo-locale.

    Every existing file is checked before the first one is written, so a refusal
    leaves all of them as they were. Only files whose text changes are written.
    """
    articles = load_articles(config)
    if not articles:
        raise PublishError(
            "no articles yet",
            path=display_path(config.source_dir),
            hint="import one first: publish import FILE",
        )
    date = creation_date()
    keep = month_names(config.source_language.babel_locale)
    pending: list[tuple[Path, str, str | None]] = []
    for language in languages:
        for article in articles:
            path = catalog_path(config, language.code, article.slug)
            old = _existing(config, language.code, article.slug)
            text = write_catalog(pseudo_catalog(article, language, date, keep))
            if old is not None and same_apart_from_date(old[0], text):
                report.unchanged.append(display_path(path))
            else:
                pending.append((path, text, None if old is None else old[1]))
    for path, text, expected in pending:
        atomic_write(path, text.encode("utf-8"), expected_digest=expected)
        report.written.append(display_path(path))


def pseudo_site_config(config: ProjectConfig, languages: list[PseudoLanguage]) -> ProjectConfig:
    """The project as ``site-pseudo/`` is built: the source language and the pseudo-locales."""
    if config.output == OUTPUT:
        raise PublishError(
            f"the site's `output` folder is {OUTPUT}/, where the pseudo-locales would be built",
            path=display_path(config.root / CONFIG_NAME),
            hint="choose another `output` folder",
        )
    return replace(config, languages=tuple(languages), output=OUTPUT)


def make_pseudo(config: ProjectConfig, code: str | None, *, build: bool = True) -> PseudoReport:
    """Write the catalogs of ``code`` and of every pseudo-locale made before, then
    (``build``) build them all with the source language into ``site-pseudo/``."""
    requested = pseudo_code(config, code)
    codes = sorted({requested, *existing_codes(config)})
    languages = [pseudo_language(config, item) for item in codes]
    site_config = pseudo_site_config(config, languages) if build else None
    report = PseudoReport(requested)
    write_pseudo_catalogs(config, languages, report)
    if site_config is not None:
        report.build = build_site(site_config, BuildOptions())
    return report
