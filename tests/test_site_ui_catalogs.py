"""The site's own strings: the template is in sync, every catalog is complete and well-formed."""

from __future__ import annotations

import re
import shutil
from gettext import c2py
from pathlib import Path

import pytest
from jinja2.ext import babel_extract

from publish.po.model import Catalog
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog
from site_fixtures import SMALL, SMALL_SLUG, build, copy_project

from helpers import msgfmt_check

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "publish"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("ru", "uk", "de", "fr", "es", "ar")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def read(path: Path) -> Catalog:
    return read_catalog(path.read_bytes(), str(path))


def used_messages() -> set[tuple[str, str | None]]:
    """(msgid, msgid_plural) of every message the templates and the code use."""
    found: set[tuple[str, str | None]] = set()
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    for template in sorted((PACKAGE / "templates").glob("*.html")):
        with template.open("rb") as handle:
            for _line, function, message, _comments in babel_extract(
                handle, ["_", "gettext", "ngettext"], [], options
            ):
                strings = [
                    m
                    for m in (message if isinstance(message, tuple) else (message,))
                    if isinstance(m, str)
                ]
                found.add((strings[0], strings[1] if function == "ngettext" else None))
    code = (PACKAGE / "site" / "pages.py").read_text(encoding="utf-8")
    found.update((m, None) for m in re.findall(r'gettext\("([^"]+)"\)', code))
    return found


def test_template_lists_exactly_the_messages_in_use() -> None:
    pot = read(LOCALE / "site.pot")
    assert {(e.msgid, e.msgid_plural) for e in pot.active()} == used_messages()


def assert_same_plural_classes(plural_forms: str, language: str) -> None:
    """The catalog's formula sorts the counts 0..1100 as CLDR's rules do.

    The exact expression is not compared with Babel's: Babel 2.19 rewrote its
    table from CLDR (French gained a form for millions), and a shipped catalog
    keeps the forms it was translated with. What matters is that the forms it
    has fall on the same numbers as CLDR's categories, in any order.
    """
    from babel import Locale

    expression = plural_forms.split("plural=", 1)[1].rstrip().rstrip(";")
    formula = c2py(expression)
    rule = Locale.parse(language).plural_form
    pairs = {(formula(n), rule(n)) for n in range(1101)}
    assert len({form for form, _ in pairs}) == len(pairs) == len({cat for _, cat in pairs}), (
        language,
        sorted(pairs),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_consistent(language: str) -> None:
    pot = read(LOCALE / "site.pot")
    catalog = read(LOCALE / language / "LC_MESSAGES" / "site.po")
    header = catalog.header_fields()
    assert header["Language"] == language
    nplurals = int(re.search(r"nplurals=(\d)", header["Plural-Forms"]).group(1))  # type: ignore[union-attr]
    assert_same_plural_classes(header["Plural-Forms"], language)
    entries = {(e.msgid, e.msgid_plural): e for e in catalog.active()}
    assert set(entries) == {(e.msgid, e.msgid_plural) for e in pot.active()}
    for key, entry in entries.items():
        assert entry.ships, f"{language}: {key[0]!r} is not translated (or fuzzy)"
        wanted = set(_PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural is None:
            assert set(_PLACEHOLDER.findall(entry.msgstr)) == wanted, (language, entry.msgid)
            continue
        assert sorted(entry.msgstr_plural) == list(range(nplurals)), (language, entry.msgid)
        for form in entry.msgstr_plural.values():
            # A form for exactly one number (one, two, zero) may spell the number out.
            assert (
                set(_PLACEHOLDER.findall(form)) | {"num"}
                >= wanted | {"num"}
                >= set(_PLACEHOLDER.findall(form))
            ), (language, form)


@pytest.mark.parametrize(
    "name", ["site.pot", *(f"{lang}/LC_MESSAGES/site.po" for lang in LANGUAGES)]
)
def test_catalogs_are_written_as_gettext_writes_them(name: str) -> None:
    path = LOCALE / name
    assert write_catalog(read(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalog(language: str) -> None:
    result = msgfmt_check(LOCALE / language / "LC_MESSAGES" / "site.po")
    assert result.returncode == 0, result.stderr


def test_every_ui_language_renders_and_verifies(tmp_path: Path) -> None:
    """A page in each UI language passes verification (format strings and plurals work)."""
    root = copy_project(SMALL, tmp_path)
    config = root / "publish.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace("languages: [ru, ar, de, fr, es]", f"languages: [{', '.join(LANGUAGES)}]")
        .replace("publish_threshold: 60", "publish_threshold: 0"),
        encoding="utf-8",
    )
    source = root / "source" / f"{SMALL_SLUG}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("languages: [ru, ar, de]", "languages: []"),
        encoding="utf-8",
    )
    ru = root / "locale" / "ru" / "LC_MESSAGES" / f"{SMALL_SLUG}.po"
    for language in ("uk", "es", "fr"):
        target = root / "locale" / language / "LC_MESSAGES" / f"{SMALL_SLUG}.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ru, target)
    result = build(root)
    assert result.exit_code == 0, result.output
    for language in LANGUAGES:
        html = (root / "site" / language / SMALL_SLUG / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html
    assert "Traducido del inglés por" in (
        root / "site" / "es" / SMALL_SLUG / "index.html"
    ).read_text(encoding="utf-8")
    assert "Langue originale\u00a0: anglais." in (
        root / "site" / "fr" / SMALL_SLUG / "index.html"
    ).read_text(encoding="utf-8")
    assert "Мова оригіналу: англійська." in (
        root / "site" / "uk" / SMALL_SLUG / "index.html"
    ).read_text(encoding="utf-8")
    assert "Originalsprache: Englisch." in (
        root / "site" / "de" / SMALL_SLUG / "index.html"
    ).read_text(encoding="utf-8")
