"""The site's own strings ("Translated from … by …") as gettext translations.

Catalogs are package data, ``publish/locale/<lang>/LC_MESSAGES/site.po``. They
are read with publish's strict PO reader and compiled in memory into a GNU
``.mo`` image, which Python's :mod:`gettext` loads (plural forms included). A
language without a catalog falls back to the English msgids.
"""

from __future__ import annotations

import gettext
import io
import struct
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from ..langcode import LANGUAGE_CODE
from ..po.model import Catalog
from ..po.reader import read_catalog

DOMAIN = "site"
_MO_MAGIC = 0x950412DE


def compile_mo(catalog: Catalog) -> bytes:
    """A GNU ``.mo`` image of the catalog's shippable messages (header included).

    Fuzzy, untranslated and obsolete entries are left out, as ``msgfmt`` does.
    """
    messages: dict[bytes, bytes] = {}
    if catalog.header is not None:
        messages[b""] = catalog.header.msgstr.encode("utf-8")
    for entry in catalog.entries:
        if not entry.ships:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            key += "\x00" + entry.msgid_plural
            count = max(entry.msgstr_plural) + 1
            value = "\x00".join(entry.msgstr_plural.get(i, "") for i in range(count))
        else:
            value = entry.msgstr
        messages[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(messages)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    tables = io.BytesIO()
    strings = io.BytesIO()
    offsets: list[tuple[int, int]] = []
    for blob in [*keys, *(messages[k] for k in keys)]:
        offsets.append((len(blob), data_at + strings.tell()))
        strings.write(blob + b"\x00")
    for length, offset in offsets:
        tables.write(struct.pack("<II", length, offset))
    header = struct.pack("<7I", _MO_MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    return header + tables.getvalue() + strings.getvalue()


def translations_from_po(data: bytes, path: str) -> gettext.GNUTranslations:
    """Gettext translations from the bytes of a ``.po`` file (strictly parsed)."""
    return gettext.GNUTranslations(io.BytesIO(compile_mo(read_catalog(data, path))))


def _catalog_file(code: str) -> Traversable | None:
    match = LANGUAGE_CODE.match(code)
    if match is None:
        return None
    base = resources.files("publish") / "locale"
    for candidate in dict.fromkeys((code, match["lang"])):
        path = base / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


def ui_catalog_bytes(code: str) -> bytes:
    """The bytes of the package catalog used for ``code`` (empty when English is used)."""
    path = _catalog_file(code)
    return b"" if path is None else path.read_bytes()


@lru_cache(maxsize=64)
def ui_translations(code: str) -> gettext.NullTranslations:
    """Translations of the site's strings for a language code (``pt_BR`` falls back to ``pt``)."""
    path = _catalog_file(code)
    if path is None:
        return gettext.NullTranslations()
    return translations_from_po(path.read_bytes(), f"publish/locale/{code}/LC_MESSAGES/site.po")
