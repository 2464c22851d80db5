"""Write a catalog exactly as GNU gettext 0.21 (msgcat, msgmerge) writes it.

Byte-identical output keeps git diffs to real changes and lets Poedit,
Weblate and msgmerge leave our files alone. String fields are wrapped by
:mod:`publish.po.wrapping`; comment and reference layout follows write-po.c.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from .model import Catalog, Entry
from .wrapping import field_text

PAGE_WIDTH = 79
# gettext's order of format languages (format.c); flags it knows come first.
_FORMAT_LANGUAGES = (
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
)


def _flag_rank(flag: str) -> tuple[int, int]:
    """gettext writes fuzzy, format flags, range, no-wrap; unknown flags last.

    msgcat drops flags it does not know; publish keeps them (nothing a
    translator wrote is lost), after the known ones.
    """
    if flag == "fuzzy":
        return (0, 0)
    for prefix in ("no-", "possible-", "impossible-", ""):
        if flag.startswith(prefix) and flag.endswith("-format"):
            language = flag[len(prefix) : -len("-format")]
            if language in _FORMAT_LANGUAGES:
                return (1, _FORMAT_LANGUAGES.index(language))
    if flag.startswith("range:"):
        return (2, 0)
    if flag in ("wrap", "no-wrap"):
        return (3, 0)
    return (4, 0)


_CHARSET = re.compile(r"^(Content-Type:[^\n]*charset=)([^\s;\n]+)", re.MULTILINE | re.IGNORECASE)


def write_catalog(catalog: Catalog) -> str:
    """The full text of ``catalog`` (with its newline convention).

    The text is meant to be saved as UTF-8, so a header declaring another
    charset is rewritten to declare UTF-8 (as ``msgconv`` would).
    """
    if catalog.header is not None:
        match = _CHARSET.search(catalog.header.msgstr)
        if match is not None and match.group(2).upper() != "UTF-8":
            header = copy.copy(catalog.header)
            header.msgstr = _CHARSET.sub(r"\g<1>UTF-8", header.msgstr, count=1)
            catalog = copy.copy(catalog)
            catalog.header = header
    text = "".join(_iter_catalog(catalog))
    if catalog.newline != "\n":
        text = text.replace("\n", catalog.newline)
    return text


def _iter_catalog(catalog: Catalog) -> Iterator[str]:
    first = True
    entries = ([catalog.header] if catalog.header is not None else []) + [
        e for e in catalog.entries if not e.obsolete
    ]
    for entry in entries:
        if not first:
            yield "\n"
        first = False
        yield _entry_text(entry, "", "#| ")
    for entry in catalog.entries:
        if entry.obsolete:
            if not first:
                yield "\n"
            first = False
            yield _entry_text(entry, "#~ ", "#~| ")
    for comment in catalog.trailing_comments:
        if not first:
            yield "\n"
        first = False
        # gettext joins a line ending in a backslash with the next one.
        yield comment + (" \n" if comment.endswith("\\") else "\n")


def _comment_lines(prefix: str, lines: list[str]) -> Iterator[str]:
    for line in lines:
        # gettext joins a line ending in a backslash with the next one.
        if line.endswith("\\"):
            line += " "
        yield (f"{prefix} {line}" if line else prefix) + "\n"


def _reference_lines(references: list[str]) -> Iterator[str]:
    if not references:
        return
    out = "#:"
    column = 2
    for ref in references:
        while ref.startswith("./"):  # as write-po.c does
            ref = ref[2:]
        length = len(ref) + 1
        if column > 2 and column + length > PAGE_WIDTH:
            yield out + "\n"
            out, column = "#:", 2
        out += " " + ref
        column += length
    yield out + "\n"


def _flag_line(entry: Entry) -> Iterator[str]:
    flags = list(dict.fromkeys(entry.flags))
    if "fuzzy" in flags and not _first_msgstr(entry):
        flags.remove("fuzzy")  # gettext writes no fuzzy flag on an empty translation
    if not flags:
        return
    ordered = sorted(flags, key=_flag_rank)
    yield "#, " + ", ".join(ordered) + "\n"


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return entry.msgstr_plural.get(0, "")
    is_header = entry.msgid == "" and entry.msgctxt is None
    return "header" if is_header else entry.msgstr


# The source side of a message (msgid, msgctxt, msgid_plural, and the previous ones)
# is laid out alike in every language of an article: the last few are kept.
_SOURCE_KEYWORDS = frozenset(("msgid", "msgctxt", "msgid_plural"))
_LAID_OUT: dict[tuple[str, str, str, bool], str] = {}
LAID_OUT_SIZE = 1024  # fields; emptied when full


def _field(keyword: str, value: str, prefix: str, wrap: bool) -> str:
    """The lines of ``keyword "value"``, each ending in a newline."""
    if keyword not in _SOURCE_KEYWORDS:
        return field_text(keyword, value, line_prefix=prefix, wrap=wrap)
    key = (keyword, value, prefix, wrap)
    text = _LAID_OUT.get(key)
    if text is None:
        text = field_text(keyword, value, line_prefix=prefix, wrap=wrap)
        if len(_LAID_OUT) >= LAID_OUT_SIZE:
            _LAID_OUT.clear()
        _LAID_OUT[key] = text
    return text


def _fields(entry: Entry, prefix: str, previous_prefix: str) -> Iterator[str]:
    wrap = "no-wrap" not in entry.flags
    if entry.previous_msgctxt is not None:
        yield _field("msgctxt", entry.previous_msgctxt, previous_prefix, wrap)
    if entry.previous_msgid is not None:
        yield _field("msgid", entry.previous_msgid, previous_prefix, wrap)
    if entry.previous_msgid_plural is not None:
        yield _field("msgid_plural", entry.previous_msgid_plural, previous_prefix, wrap)
    if entry.msgctxt is not None:
        yield _field("msgctxt", entry.msgctxt, prefix, wrap)
    yield _field("msgid", entry.msgid, prefix, wrap)
    if entry.msgid_plural is not None:
        yield _field("msgid_plural", entry.msgid_plural, prefix, wrap)
        for index in sorted(entry.msgstr_plural):
            yield _field(f"msgstr[{index}]", entry.msgstr_plural[index], prefix, wrap)
    else:
        yield _field("msgstr", entry.msgstr, prefix, wrap)


def _entry_text(entry: Entry, prefix: str, previous_prefix: str) -> str:
    parts: list[str] = []
    if entry.translator_comments:
        parts += _comment_lines("#", entry.translator_comments)
    if entry.extracted_comments:
        parts += _comment_lines("#.", entry.extracted_comments)
    if entry.references:
        parts += _reference_lines(entry.references)
    if entry.flags:
        parts += _flag_line(entry)
    parts += _fields(entry, prefix, previous_prefix)
    return "".join(parts)
