"""A new translation catalog for one article and language (what `msginit` makes)."""

from __future__ import annotations

import copy

from .. import __version__
from ..langcode import LanguageInfo, require_plural_forms
from ..po.model import Catalog, Entry, format_header, parse_header


def new_catalog(template: Catalog, language: LanguageInfo, title: str) -> Catalog:
    """An untranslated catalog for ``language`` with a header from the locale data."""
    template_fields = parse_header(template.header.msgstr if template.header else "")
    fields = {
        "Project-Id-Version": template_fields.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template_fields.get("POT-Creation-Date", ""),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": f"{language.english_name} <LL@li.org>",
        "Language": language.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": require_plural_forms(language),
        "X-Generator": f"publish {__version__}",
    }
    names = language.english_name
    if language.name != language.english_name:
        names += f" ({language.name})"
    header = Entry(
        msgid="",
        msgstr=format_header(fields),
        translator_comments=[
            f"{names} translation of: {title}",
            "Fill in Last-Translator (and Language-Team) to be credited on the page;",
            "add the header field X-Publish-Credit: no to opt out of the credit.",
        ],
    )
    entries = []
    for entry in template.entries:
        fresh = copy.deepcopy(entry)
        fresh.set_fuzzy(False)
        fresh.msgstr = ""
        entries.append(fresh)
    return Catalog(header=header, entries=entries)
