"""Strict, linear-time reader for PO/POT files.

GNU gettext (``po-lex.c``, ``po-gram.y``, ``read-catalog-abstract.c``) is the
reference for what a valid file is: whatever msgcat/msgfmt reject is rejected
here with a located :class:`~publish.errors.CatalogSyntaxError`, and whatever
they accept is read to the same strings. The reader never drops text a
translator wrote: unknown flags, ``#|``/``#~|`` previous strings, ``msgctxt ""``
and comments at the end of the file are all kept.

A few inputs that gettext 0.21 accepts are rejected on purpose because gettext
itself mangles them or :class:`~publish.po.model.Catalog` cannot represent them:
NUL characters (gettext truncates the string), a line ending in a backslash
(gettext silently joins it with the next line, even in comments; the last line
of a file without a final newline too, because the writer ends it with one), a
lone CR inside a line, ``domain`` directives, and more than 100 plural forms.
``#=`` flag lines (gettext >= 0.26) are read as flags.

What the reader accepts but a person should hear about is put in
:attr:`Catalog.warnings <publish.po.model.Catalog.warnings>` (each a
:class:`~publish.po.model.CatalogWarning` with the ``publish check`` code it
is reported under): a UTF-8 byte order mark, which is dropped (GNU gettext
0.21 calls it a syntax error), and a charset name gettext calls non-portable:
``charset=CHARSET`` (the template placeholder, read as UTF-8) or an alias such
as ``utf8`` or ``latin1``.

Reading streams, in time and memory linear in the file: the bytes are decoded
a piece at a time (:mod:`publish.po.text`), the lexer (:mod:`publish.po.lexer`)
makes tokens only when the parser (:mod:`publish.po.parser`) asks, and takes
an entry in the common layout whole. So a large catalog costs about its own
model in memory, not a list of its lines and tokens.
"""

from __future__ import annotations

import codecs
import functools

from .charset import (
    Charset,
    charset_label,
    codec_for,
    is_portable,
    prescan_header,
    standard_name,
    unknown_charset,
)
from .lexer import Lexer, has_conflict_marker
from .model import Catalog
from .nogc import paused_gc
from .parser import MAX_PLURAL_INDEX, Parser
from .problems import MAX_PROBLEMS, POST, PRE, Problems, shorten
from .text import CatalogText, DecodeFailed

__all__ = ["MAX_PLURAL_INDEX", "MAX_PROBLEMS", "read_catalog"]

_BOM = b"\xef\xbb\xbf"


def read_catalog(data: bytes, path: str) -> Catalog:
    """Parse the bytes of a PO/POT file into a :class:`Catalog`.

    ``path`` is only used in messages. Raises :class:`CatalogSyntaxError`
    listing every problem found (each with ``path`` and a line) when the file
    is not a valid catalog; no other exception escapes for any input.
    """
    with paused_gc():
        return _Reader(data, path).read()


@functools.lru_cache(maxsize=32)
def _single_byte(codec: str) -> bool:
    """Every byte is one character in ``codec`` (an 8-bit charset)."""
    try:
        return len(bytes(range(256)).decode(codec, errors="replace")) == 256
    except LookupError:
        return False


class _Reader:
    def __init__(self, data: bytes, path: str) -> None:
        self._data = data
        self._problems = Problems(path)
        self._add = self._problems.adder(PRE)

    def read(self) -> Catalog:
        data = self._data
        problems = self._problems
        bom = 3 if data.startswith(_BOM) else 0
        self._check_nul(bom)
        problems.fail_if_any()
        header_line, charset = self._prescan_charset(bom)
        if charset is None:  # unknown charset, reported: nothing can be decoded
            problems.fail_if_any()
            return Catalog()  # not reached
        if bom and charset.codec != "utf-8":
            self._add(
                1,
                "the file starts with a UTF-8 byte order mark but the header declares "
                f"charset={charset.label}",
                "save the file as UTF-8 (and say charset=UTF-8) or remove the byte order mark",
            )
        elif bom:
            problems.warn(
                "po-bom",
                1,
                "the file starts with a UTF-8 byte order mark (BOM), which publish drops "
                "but GNU gettext 0.21 reports as a syntax error",
                "save the file as UTF-8 without a BOM (publish update writes it without one)",
            )
        if header_line is not None:
            self._check_portable(header_line, charset.label)
            self._check_saved_as_utf8(header_line, charset.label, charset.codec, bom)
        if problems.count():
            self._report_undecodable(bom, charset)
            problems.fail_if_any()
        text = CatalogText(data, bom, charset.codec, problems)
        lexer = Lexer(text, problems, charset.codec, charset.label)
        parser = Parser(lexer, problems, conflict=lambda: has_conflict_marker(data, bom))
        try:
            catalog = parser.parse()
        except DecodeFailed:
            # Report the bytes as if the file had been decoded before reading.
            problems.clear()
            self._report_undecodable(bom, charset)
            problems.fail_if_any()
            raise  # not reached: decoding failed, so there are problems
        catalog.newline = text.newline
        self._check_header_charset(catalog, header_line, charset)
        problems.fail_if_any()
        catalog.warnings = problems.warnings
        return catalog

    def _check_portable(self, line: int, label: str) -> None:
        """Warn about an accepted charset name that GNU gettext does not know."""
        hint = "write charset=UTF-8 in the Content-Type header field (publish update does)"
        if label.upper() == "CHARSET":
            self._problems.warn(
                "po-charset",
                line,
                "the header says charset=CHARSET, the placeholder of a template, so the file "
                "was read as UTF-8",
                hint,
            )
        elif not is_portable(label):
            standard = standard_name(label)
            self._problems.warn(
                "po-charset",
                line,
                f"the header says charset={shorten(label)}, a name GNU gettext warns about "
                f'("not a portable encoding name"); the file was read as {standard}',
                hint
                if standard == "UTF-8"
                else f"write charset={standard} (or let publish update save the file as UTF-8)"
                if standard != label
                else "save the file as UTF-8 with charset=UTF-8 (publish update does)",
            )

    def _check_saved_as_utf8(self, line: int, label: str, codec: str, bom: int) -> None:
        """Warn when a file declared in an 8-bit charset is valid UTF-8 with non-ASCII text:
        an editor saved it as UTF-8 and left the header, and every letter will be garbled
        (GNU msgfmt accepts it just the same). Text in an 8-bit charset is almost never
        valid UTF-8 by chance."""
        if codec.replace("_", "-").lower() in ("utf-8", "ascii", "us-ascii"):
            return
        if not _single_byte(codec):
            return  # (GBK, Big5, Shift_JIS: two-byte characters can look like UTF-8)
        data = self._data
        if data.isascii():
            return
        # Validated a slice at a time: the text itself is not needed.
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for start in range(bom, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return
        self._problems.warn(
            "po-charset",
            line,
            f"the header says charset={shorten(label)}, but the file is valid UTF-8 with "
            "non-ASCII text: read as the header says, its letters come out garbled",
            "if the file was saved as UTF-8, write charset=UTF-8 in the Content-Type header",
        )

    def _check_nul(self, bom: int) -> None:
        data = self._data
        if data.find(b"\0", bom) < 0:
            return
        start = bom
        reported_line = 0
        while True:
            pos = data.find(b"\0", start)
            if pos < 0 or self._problems.count() >= MAX_PROBLEMS:
                break
            line = data.count(b"\n", bom, pos) + 1
            if line != reported_line:
                column = (
                    pos - max(bom, data.rfind(b"\n", bom, pos) + 1) + 1 + (bom if line == 1 else 0)
                )
                self._add(
                    line,
                    f"NUL byte at column {column}",
                    "PO files are text and cannot contain NUL bytes; remove them "
                    "(a file saved as UTF-16 must be saved as UTF-8 instead)",
                )
                reported_line = line
            start = pos + 1

    # -- charset --------------------------------------------------------------

    def _prescan_charset(self, bom: int) -> tuple[int | None, Charset | None]:
        """The charset declared by a header that is the first entry (default UTF-8)."""
        line, label = prescan_header(self._data, bom)
        if label is None:
            return line, Charset("UTF-8", "utf-8")
        assert line is not None
        codec = codec_for(label)
        if codec is None:
            self._add(line, *unknown_charset(label))
            return line, None
        return line, Charset(label, codec)

    def _check_header_charset(
        self, catalog: Catalog, prescan_line: int | None, charset: Charset
    ) -> None:
        """A header that was not found by the prescan must not need another charset."""
        header = catalog.header
        if header is None or prescan_line is not None:
            return
        label = charset_label(header.msgstr)
        if label is None:
            return
        codec = codec_for(label)
        add = self._problems.adder(POST)
        if codec is None:
            add(header.line, *unknown_charset(label))
        elif codec == charset.codec:
            self._check_portable(header.line, label)
        else:
            add(
                header.line,
                f"the header declares charset={label} but is not the first entry, so the "
                f"file before it was read as {charset.label}",
                'move the header entry (msgid "") to the top of the file',
            )

    def _report_undecodable(self, bom: int, charset: Charset) -> None:
        """Report up to five places where the file is not valid in ``charset``."""
        body = self._data[bom:] if bom else self._data
        try:
            body.decode(charset.codec)
            return
        except UnicodeDecodeError as exc:
            error: UnicodeDecodeError | None = exc
        offset = 0
        found = 0
        # Each retry decodes the rest of the file.
        while error is not None and found < 5:
            pos = offset + error.start
            line = body.count(b"\n", 0, pos) + 1
            line_start = body.rfind(b"\n", 0, pos) + 1
            column = pos - line_start + 1 + (bom if line == 1 else 0)
            self._add(
                line,
                f"bytes not valid in {charset.label} at column {column} (byte 0x{body[pos]:02x})",
                f"save the file as {charset.label}, or correct charset= in the header "
                "(without a header, UTF-8 is assumed)",
            )
            found += 1
            offset = pos + max(1, error.end - error.start)
            nxt = body.find(b"\n", offset)
            if nxt < 0:
                break
            offset = nxt  # resume at the next line
            try:
                body[offset:].decode(charset.codec)
                error = None
            except UnicodeDecodeError as exc:
                error = exc
