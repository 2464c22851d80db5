"""Which charset a PO file is in, before it is decoded.

The charset comes from the header's ``Content-Type`` only (never guessed from
the text). gettext's portable names are accepted under any name Python knows
for the same codec; names gettext calls non-portable are accepted with a
warning (see :mod:`publish.po.reader`).
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from .escapes import lenient_unescape
from .model import parse_header
from .problems import shorten

__all__ = [
    "Charset",
    "charset_label",
    "codec_for",
    "is_portable",
    "prescan_header",
    "standard_name",
    "unknown_charset",
]

_CHARSET_IN_CONTENT_TYPE = re.compile(r"charset=([^ \t\n;]*)", re.IGNORECASE)

# Finds the charset before decoding: the header, when it is the first entry
# (only comments before it). Bytes level, ASCII only; linear (every repetition
# needs a '#' or a quote, so there is no catastrophic backtracking).
_WSB = rb"[ \t\f\v\r\n]*"
_HEADER_PRESCAN = re.compile(
    # "S" stands for optional whitespace, newlines included.
    rb'(?:S#(?![~|])[^\n]*\n)*S(msgid)S""(?:S"")*SmsgstrS((?:"(?:[^"\\\n]|\\.)*"S)+)'.replace(
        b"S", _WSB
    )
)
_PRESCAN_STRING = re.compile(rb'"((?:[^"\\\n]|\\.)*)"')
# Charsets gettext calls portable (po-charset.c); those Python has a codec for
# are accepted, under any name Python knows for the same codec.
_GETTEXT_CHARSETS = (
    "ASCII", "ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4", "ISO-8859-5",
    "ISO-8859-6", "ISO-8859-7", "ISO-8859-8", "ISO-8859-9", "ISO-8859-13", "ISO-8859-14",
    "ISO-8859-15", "KOI8-R", "KOI8-U", "KOI8-T", "CP850", "CP866", "CP874", "CP932", "CP949",
    "CP950", "CP1250", "CP1251", "CP1252", "CP1253", "CP1254", "CP1255", "CP1256", "CP1257",
    "CP1258", "GB2312", "EUC-JP", "EUC-KR", "EUC-TW", "BIG5", "BIG5-HKSCS", "GBK", "GB18030",
    "SHIFT_JIS", "JOHAB", "TIS-620", "VISCII", "GEORGIAN-PS", "UTF-8",
)  # fmt: skip


def _known_codecs() -> frozenset[str]:
    names = set()
    for name in _GETTEXT_CHARSETS:
        try:
            names.add(codecs.lookup(name).name)
        except LookupError:
            continue
    return frozenset(names)


# Every allowed codec is ASCII-compatible and stateless, and a LF byte is
# always a character of its own in it: the reader relies on that to decode a
# file in pieces cut after a LF (tests/test_reader_perf.py checks it).
ALLOWED_CODECS = _known_codecs()
# The names gettext knows (po-charset.c's standard_charsets, compared without
# case); any other name makes msgfmt warn "not a portable encoding name".
_PORTABLE_NAMES = frozenset(
    name.upper()
    for name in (
        *(name for name in _GETTEXT_CHARSETS if name != "CP1258"),
        "ANSI_X3.4-1968", "US-ASCII",
        *(f"ISO_8859-{part}" for part in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15)),
    )
)  # fmt: skip


def _standard_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name in _GETTEXT_CHARSETS:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if name.upper() in _PORTABLE_NAMES:
            names.setdefault(codec, name)
    return names


_STANDARD_NAMES = _standard_names()  # Python codec → the name gettext knows


class Charset(NamedTuple):
    label: str  # as written in the header (for messages)
    codec: str  # Python codec name


class Prescan(NamedTuple):
    line: int | None  # the header's msgid line, when the header was found
    label: str | None  # its charset= value, when it has one


def prescan_header(data: bytes, start: int) -> Prescan:
    """The charset declared by a header that is the first entry of ``data[start:]``."""
    match = _HEADER_PRESCAN.match(data, start)
    if match is None:
        return Prescan(None, None)
    line = data.count(b"\n", start, match.start(1)) + 1
    pieces = _PRESCAN_STRING.findall(match.group(2))
    msgstr = lenient_unescape(b"".join(pieces).decode("latin-1"))
    return Prescan(line, charset_label(msgstr))


def charset_label(msgstr: str) -> str | None:
    """The charset= of the header's Content-Type, or None when there is none."""
    content_type = parse_header(msgstr).get("Content-Type")
    if content_type is None:
        return None
    match = _CHARSET_IN_CONTENT_TYPE.search(content_type)
    if match is None or not match.group(1):
        return None
    return match.group(1)


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label; ``CHARSET`` (template) means UTF-8."""
    if label.upper() == "CHARSET":
        return "utf-8"
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return name if name in ALLOWED_CODECS else None


def is_portable(label: str) -> bool:
    """A name GNU gettext knows (msgfmt does not warn about it)."""
    return label.upper() in _PORTABLE_NAMES


def standard_name(label: str) -> str:
    """The gettext name of an accepted charset label's codec (the label when none)."""
    return _STANDARD_NAMES.get(codecs.lookup(label).name, label)


def unknown_charset(label: str) -> tuple[str, str]:
    return (
        f'unknown charset "{shorten(label)}" in the header\'s Content-Type',
        "use charset=UTF-8 (and save the file as UTF-8)",
    )
