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

The lexer works line by line (gettext's grammar is token based, but a token
never spans lines once backslash-newline joins are refused) and mirrors
gettext's tokens: keywords, ``[``, numbers, ``]``, strings and comments, with
``#~`` (obsolete) and ``#|`` (previous) prefixes. A small recursive-descent
parser then builds the entries and recovers at the next line that starts an
entry, so one run reports many independent problems.
"""

from __future__ import annotations

import codecs
import difflib
import re
from typing import NamedTuple

from publish.errors import CatalogSyntaxError, Problem

from .model import Catalog, CatalogWarning, Entry, parse_header

__all__ = ["MAX_PLURAL_INDEX", "MAX_PROBLEMS", "read_catalog"]

MAX_PLURAL_INDEX = 100  # msgstr[N] with N above this is refused (no language has that many)
MAX_PROBLEMS = 100  # stop collecting after this many problems

# ---------------------------------------------------------------------------
# Token kinds. Tokens are plain tuples (kind, value, line, obsolete, first)
# rather than objects: a 400,000-line catalog makes about as many tokens, and
# tuple creation is the cheapest way to carry them.
_COMMENT = 0  # value: the text after '#'
_STRING = 1  # value: the decoded string
_PSTRING = 2  # a string after #| (previous)
_KW_MSGCTXT = 3
_KW_MSGID = 4
_KW_MSGID_PLURAL = 5
_KW_MSGSTR = 6
_KW_DOMAIN = 7
_PKW_MSGCTXT = 8  # #| msgctxt
_PKW_MSGID = 9
_PKW_MSGID_PLURAL = 10
_NAME = 11  # an identifier that is not a keyword; value: the word
_LBRACKET = 12
_RBRACKET = 13
_NUMBER = 14  # value: the digits
_ERROR = 15  # value: index into _Reader._deferred, or "" when already reported

Token = tuple[int, str, int, bool, bool]

_KEYWORDS = {
    "msgctxt": _KW_MSGCTXT,
    "msgid": _KW_MSGID,
    "msgid_plural": _KW_MSGID_PLURAL,
    "msgstr": _KW_MSGSTR,
    "domain": _KW_DOMAIN,
}
# Inside #| only these are keywords (gettext's keyword_p).
_PREV_KEYWORDS = {
    "msgctxt": _PKW_MSGCTXT,
    "msgid": _PKW_MSGID,
    "msgid_plural": _PKW_MSGID_PLURAL,
}
_KIND_NAMES = {
    _COMMENT: "comment",
    _STRING: "string",
    _PSTRING: "#| string",
    _KW_MSGCTXT: "msgctxt",
    _KW_MSGID: "msgid",
    _KW_MSGID_PLURAL: "msgid_plural",
    _KW_MSGSTR: "msgstr",
    _KW_DOMAIN: "domain",
    _PKW_MSGCTXT: "#| msgctxt",
    _PKW_MSGID: "#| msgid",
    _PKW_MSGID_PLURAL: "#| msgid_plural",
    _LBRACKET: '"["',
    _RBRACKET: '"]"',
    _NUMBER: "number",
}
# Tokens that may start an entry; error recovery resumes at the first of these
# that begins a line.
_SYNC = frozenset({_COMMENT, _KW_MSGCTXT, _KW_MSGID, _PKW_MSGCTXT, _PKW_MSGID})
_ENTRY_START = frozenset({_KW_MSGCTXT, _KW_MSGID, _PKW_MSGCTXT, _PKW_MSGID})
# What may follow each part of an entry (for reporting comments inside one).
_AFTER_PREVIOUS = frozenset({_KW_MSGCTXT, _KW_MSGID})
_AFTER_MSGCTXT = frozenset({_KW_MSGID})
_AFTER_MSGID = frozenset({_KW_MSGSTR, _KW_MSGID_PLURAL})
_AFTER_PLURAL = frozenset({_KW_MSGSTR})

# A whole line in the common shapes: optional #~ / #~| / #| prefix, optional
# keyword (msgstr[N] included), one complete string. Matching this one regex
# per line is the fast path that keeps large catalogs quick; anything else goes
# through the general lexer. The string body is the "unrolled loop" form
# (no alternation per character).
_FAST_LINE = re.compile(
    r"(#~\|?|#\|)?[ \t]*"
    r"(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?)?"
    r'[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*\Z'
)
_WS = re.compile(r"[ \t\f\v\r]*")  # gettext's whitespace between tokens
_STRING_BODY = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_DIGITS = re.compile(r"[0-9]+")
_IDENT_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")

# The escapes of po-lex.c's control_sequence(): \n \t \b \r \f \v \a \\ \",
# up to three octal digits, \x followed by any number of hex digits (the
# value is truncated to a byte). Everything else, \u, \? and \' included,
# is "invalid control sequence".
_ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))', re.DOTALL)
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "b": "\b",
    "r": "\r",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    "\\": "\\",
    '"': '"',
}
# Flags are separated by commas and whitespace (po_parse_comment_special).
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")
# References are separated by spaces and tabs; a file name between U+2068 and
# U+2069 (gettext >= 0.22 writes names with spaces that way) may contain them.
_REFERENCE = re.compile("(?:[^ \t\u2068]|\u2068[^\u2069]*(?:\u2069|\\Z))+")
_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")
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


_ALLOWED_CODECS = _known_codecs()
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
_HINT_SYNTAX = (
    "a PO line is a comment (#...), a keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[N]) "
    'followed by a "string", or a "string" continuing the previous one'
)
_HINT_ESCAPE = (
    'PO strings allow the escapes \\n \\t \\r \\a \\b \\f \\v \\\\ \\" and octal or hex '
    "bytes (\\101, \\x41); write a literal backslash as \\\\"
)


class _Charset(NamedTuple):
    label: str  # as written in the header (for messages)
    codec: str  # Python codec name


def read_catalog(data: bytes, path: str) -> Catalog:
    """Parse the bytes of a PO/POT file into a :class:`Catalog`.

    ``path`` is only used in messages. Raises :class:`CatalogSyntaxError`
    listing every problem found (each with ``path`` and a line) when the file
    is not a valid catalog; no other exception escapes for any input.
    """
    return _Reader(data, path).read()


class _Reader:
    def __init__(self, data: bytes, path: str) -> None:
        self._data = data
        self._path = path
        self._problems: list[Problem] = []
        self._warnings: list[Problem] = []
        self._deferred: list[Problem] = []  # problems carried by _ERROR tokens
        self._tokens: list[Token] = []
        self._lines: list[str] = []
        self._codec = "utf-8"
        self._charset_label = "UTF-8"
        self._conflict = False
        self._spliced: set[int] = set()  # lines ending in a backslash (already reported)
        self._catalog = Catalog()

    # -- problems -----------------------------------------------------------

    def _add(self, line: int | None, message: str, hint: str | None = None) -> None:
        # Collect more than are shown, so that sorting by line shows the first
        # ones even when the lexer found many before the parser ran.
        if len(self._problems) < 10 * MAX_PROBLEMS:
            self._problems.append(Problem(message, self._path, line, hint))

    def _fail_if_problems(self) -> None:
        if not self._problems:
            return
        problems = sorted(self._problems, key=lambda problem: problem.line or 0)
        if len(problems) > MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS]
            problems.append(
                Problem(
                    f"too many problems; only the first {MAX_PROBLEMS} are shown",
                    self._path,
                    None,
                    "fix these and read the file again",
                )
            )
        raise CatalogSyntaxError(problems[0].message, problems=problems)

    # -- driver ---------------------------------------------------------------

    def read(self) -> Catalog:
        data = self._data
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        body = data[bom:]
        self._check_nul(body, bom)
        self._fail_if_problems()
        header_line, charset = self._prescan_charset(body)
        if charset is None:  # unknown charset, reported: nothing can be decoded
            self._fail_if_problems()
            return self._catalog  # not reached
        self._codec, self._charset_label = charset.codec, charset.label
        if bom and self._codec != "utf-8":
            self._add(
                1,
                "the file starts with a UTF-8 byte order mark but the header declares "
                f"charset={charset.label}",
                "save the file as UTF-8 (and say charset=UTF-8) or remove the byte order mark",
            )
        elif bom:
            self._warn(
                "po-bom",
                1,
                "the file starts with a UTF-8 byte order mark (BOM), which publish drops "
                "but GNU gettext 0.21 reports as a syntax error",
                "save the file as UTF-8 without a BOM (publish update writes it without one)",
            )
        if header_line is not None:
            self._check_portable(header_line, charset.label)
        text = self._decode(body, bom)
        self._fail_if_problems()
        self._split_lines(text)
        self._lex()
        self._parse()
        self._check_header_charset(header_line)
        self._fail_if_problems()
        self._catalog.warnings = self._warnings
        return self._catalog

    def _warn(self, code: str, line: int | None, message: str, hint: str) -> None:
        self._warnings.append(CatalogWarning(message, self._path, line, hint, code=code))

    def _check_portable(self, line: int, label: str) -> None:
        """Warn about an accepted charset name that GNU gettext does not know."""
        hint = "write charset=UTF-8 in the Content-Type header field (publish update does)"
        if label.upper() == "CHARSET":
            self._warn(
                "po-charset",
                line,
                "the header says charset=CHARSET, the placeholder of a template, so the file "
                "was read as UTF-8",
                hint,
            )
        elif label.upper() not in _PORTABLE_NAMES:
            standard = _standard_name(label)
            self._warn(
                "po-charset",
                line,
                f"the header says charset={_shorten(label)}, a name GNU gettext warns about "
                f'("not a portable encoding name"); the file was read as {standard}',
                hint
                if standard == "UTF-8"
                else f"write charset={standard} (or let publish update save the file as UTF-8)"
                if standard != label
                else "save the file as UTF-8 with charset=UTF-8 (publish update does)",
            )

    def _check_nul(self, body: bytes, bom: int) -> None:
        if b"\0" not in body:
            return
        start = 0
        reported_line = 0
        while True:
            pos = body.find(b"\0", start)
            if pos < 0 or len(self._problems) >= MAX_PROBLEMS:
                break
            line = body.count(b"\n", 0, pos) + 1
            if line != reported_line:
                column = pos - (body.rfind(b"\n", 0, pos) + 1) + 1 + (bom if line == 1 else 0)
                self._add(
                    line,
                    f"NUL byte at column {column}",
                    "PO files are text and cannot contain NUL bytes; remove them "
                    "(a file saved as UTF-16 must be saved as UTF-8 instead)",
                )
                reported_line = line
            start = pos + 1

    # -- charset --------------------------------------------------------------

    def _prescan_charset(self, body: bytes) -> tuple[int | None, _Charset | None]:
        """The charset declared by a header that is the first entry (default UTF-8)."""
        match = _HEADER_PRESCAN.match(body)
        if match is None:
            return None, _Charset("UTF-8", "utf-8")
        line = body.count(b"\n", 0, match.start(1)) + 1
        pieces = _PRESCAN_STRING.findall(match.group(2))
        msgstr = _lenient_unescape(b"".join(pieces).decode("latin-1"))
        label = _charset_label(msgstr)
        if label is None:
            return line, _Charset("UTF-8", "utf-8")
        codec = _codec_for(label)
        if codec is None:
            self._add(line, *_unknown_charset(label))
            return line, None
        return line, _Charset(label, codec)

    def _check_header_charset(self, prescan_line: int | None) -> None:
        """A header that was not found by the prescan must not need another charset."""
        header = self._catalog.header
        if header is None or prescan_line is not None:
            return
        label = _charset_label(header.msgstr)
        if label is None:
            return
        codec = _codec_for(label)
        if codec is None:
            self._add(header.line, *_unknown_charset(label))
        elif codec == self._codec:
            self._check_portable(header.line, label)
        else:
            self._add(
                header.line,
                f"the header declares charset={label} but is not the first entry, so the "
                f"file before it was read as {self._charset_label}",
                'move the header entry (msgid "") to the top of the file',
            )

    def _decode(self, body: bytes, bom: int) -> str:
        try:
            return body.decode(self._codec)
        except UnicodeDecodeError as exc:
            error: UnicodeDecodeError | None = exc
        offset = 0
        found = 0
        # Report up to five bad spots; each retry decodes the rest of the file.
        while error is not None and found < 5:
            pos = offset + error.start
            line = body.count(b"\n", 0, pos) + 1
            line_start = body.rfind(b"\n", 0, pos) + 1
            column = pos - line_start + 1 + (bom if line == 1 else 0)
            self._add(
                line,
                f"bytes not valid in {self._charset_label} at column {column} "
                f"(byte 0x{body[pos]:02x})",
                f"save the file as {self._charset_label}, or correct charset= in the header "
                "(without a header, UTF-8 is assumed)",
            )
            found += 1
            offset = pos + max(1, error.end - error.start)
            nxt = body.find(b"\n", offset)
            if nxt < 0:
                break
            offset = nxt  # resume at the next line
            try:
                body[offset:].decode(self._codec)
                error = None
            except UnicodeDecodeError as exc:
                error = exc
        return ""

    # -- lines ------------------------------------------------------------------

    def _split_lines(self, text: str) -> None:
        """Split on LF only (never str.splitlines: U+2028, U+0085 are text)."""
        if "\\\n" in text:
            self._report_backslash_newlines(text)
        if text.endswith("\\"):
            # No final newline: the writer will add one, and then gettext (and
            # this reader) would join the line with the next; refuse it now.
            last = text.count("\n") + 1
            self._spliced.add(last)
            self._add(
                last,
                "the last line ends with a backslash (the file has no final newline): once "
                "a newline ends it, as publish writes every line, GNU gettext reads the "
                'backslash as "continued on the next line"',
                "remove the trailing backslash, or add a character after it "
                '(to end a string with a backslash, write "...\\\\")',
            )
        if "\r" in text:
            lf = text.count("\n")
            crlf = text.count("\r\n")
            if crlf and crlf == lf:
                self._catalog.newline = "\r\n"
            text = text.replace("\r\n", "\n")
        self._lines = text.split("\n")
        if "\r" in text:
            for number, line in enumerate(self._lines, 1):
                column = line.find("\r")
                if column >= 0:
                    self._add(
                        number,
                        f"carriage return (CR) inside the line at column {column + 1}",
                        "use LF or CRLF line ends only; inside a string write a CR as \\r",
                    )

    def _report_backslash_newlines(self, text: str) -> None:
        line = 1
        pos = 0
        while True:
            found = text.find("\\\n", pos)
            if found < 0:
                break
            line += text.count("\n", pos, found)
            self._spliced.add(line)
            self._add(
                line,
                "line ends with a backslash, which GNU gettext reads as "
                '"continued on the next line" and joins the two lines',
                "remove the trailing backslash, or add a character after it "
                '(to end a string with a backslash, write "...\\\\")',
            )
            pos = found + 1

    # -- lexer ----------------------------------------------------------------

    def _lex(self) -> None:
        append = self._tokens.append
        fast = _FAST_LINE.match
        unescape = self._unescape
        spliced = self._spliced
        for number, line in enumerate(self._lines, 1):
            if not line:
                continue
            first_char = line[0]
            if first_char == "#":
                second = line[1:2]
                if second != "~" and second != "|":
                    # The most common comment lines, without the general lexer.
                    append((_COMMENT, line[1:], number, False, True))
                    continue
            elif line.startswith(_CONFLICT_MARKERS):
                self._conflict = True
                self._add(
                    number,
                    f'git merge conflict marker "{line[:7]}"',
                    "resolve the merge conflict: keep the right version of each conflicting "
                    "entry and delete the <<<<<<<, ======= and >>>>>>> lines",
                )
                continue
            match = fast(line)
            if match is not None:
                prefix, keyword, index, raw = match.groups()
                previous = prefix is not None and prefix.endswith("|")
                if not (previous and keyword == "msgstr") and (
                    index is None or keyword == "msgstr"
                ):
                    obsolete = prefix is not None and prefix.startswith("#~")
                    if keyword is not None:
                        kind = (_PREV_KEYWORDS if previous else _KEYWORDS)[keyword]
                        append((kind, keyword, number, obsolete, True))
                        if index is not None:
                            append((_LBRACKET, "[", number, obsolete, False))
                            append((_NUMBER, index, number, obsolete, False))
                            append((_RBRACKET, "]", number, obsolete, False))
                    value = raw if "\\" not in raw else unescape(raw, number, match.start(4) + 1)
                    if "\x04" in value:
                        self._report_eot(number)
                    kind = _PSTRING if previous else _STRING
                    append((kind, value, number, obsolete, keyword is None))
                    continue
            self._lex_line(line, number, number in spliced)

    def _lex_line(self, line: str, number: int, spliced: bool) -> None:
        """The general lexer for one line (gettext's po_gram_lex)."""
        append = self._tokens.append
        end = len(line)
        pos = 0
        obsolete = previous = False
        first = True
        while True:
            match = _WS.match(line, pos)
            pos = match.end() if match else pos
            if pos >= end:
                return
            char = line[pos]
            if char == "#":
                if line.startswith("#~", pos):
                    obsolete = True
                    pos += 2
                    if line.startswith("|", pos):
                        previous = True
                        pos += 1
                    continue
                if line.startswith("#|", pos):
                    previous = True
                    pos += 2
                    continue
                if previous:
                    # gettext keeps reading the following lines as #| lines
                    # (po-lex.c does not reset po_previous after a comment).
                    self._error_token(
                        number,
                        obsolete,
                        first,
                        "a comment after #| on the same line",
                        "put the comment on a line of its own",
                    )
                    return
                append((_COMMENT, line[pos + 1 :], number, obsolete, first))
                return
            if char == '"':
                string = _STRING_BODY.match(line, pos)
                if string is None:
                    if spliced:
                        append((_ERROR, "", number, obsolete, first))
                    else:
                        self._error_token(
                            number,
                            obsolete,
                            first,
                            f"unterminated string (no closing quote after column {pos + 1})",
                            'end the string with " on the same line; write a line break inside '
                            'a string as \\n and continue with a new "..." on the next line',
                        )
                    return
                raw = string.group(1)
                value = raw if "\\" not in raw else self._unescape(raw, number, pos + 2)
                if "\x04" in value:
                    self._report_eot(number)
                append((_PSTRING if previous else _STRING, value, number, obsolete, first))
                pos = string.end()
                if self._stray_quote(line, pos, previous, number, obsolete):
                    return
                first = False
                continue
            if char in _IDENT_START:
                word_match = _IDENT.match(line, pos)
                word = word_match.group() if word_match else char
                table = _PREV_KEYWORDS if previous else _KEYWORDS
                append((table.get(word, _NAME), word, number, obsolete, first))
                pos += len(word)
            elif "0" <= char <= "9":
                digits_match = _DIGITS.match(line, pos)
                digits = digits_match.group() if digits_match else char
                append((_NUMBER, digits, number, obsolete, first))
                pos += len(digits)
            elif char == "[":
                append((_LBRACKET, char, number, obsolete, first))
                pos += 1
            elif char == "]":
                append((_RBRACKET, char, number, obsolete, first))
                pos += 1
            else:
                self._error_token(
                    number,
                    obsolete,
                    first,
                    f"unexpected character {char!r} at column {pos + 1}",
                    _HINT_SYNTAX,
                )
                return
            first = False

    def _stray_quote(
        self, line: str, pos: int, previous: bool, number: int, obsolete: bool
    ) -> bool:
        """After a string: is the rest of the line the tail of a string cut short?"""
        match = _WS.match(line, pos)
        after = match.end() if match else pos
        if after >= len(line) or line[after] in '"#' or '"' not in line[after:]:
            return False
        word = _IDENT.match(line, after)
        if word is not None and word.group() in (_PREV_KEYWORDS if previous else _KEYWORDS):
            return False  # `msgid "a" msgstr "b"` on one line is valid
        shown = _shorten(line[after:])
        self._error_token(
            number,
            obsolete,
            False,
            f"unescaped quote: the string ends at column {pos} but the line goes on with '{shown}'",
            'inside a string write a quote as \\" and a backslash as \\\\',
        )
        return True

    def _error_token(
        self, number: int, obsolete: bool, first: bool, message: str, hint: str
    ) -> None:
        self._deferred.append(Problem(message, self._path, number, hint))
        self._tokens.append((_ERROR, str(len(self._deferred) - 1), number, obsolete, first))

    def _report_eot(self, number: int) -> None:
        self._add(
            number,
            "a string contains the character U+0004 (EOT), which gettext reserves as the "
            "context separator",
            "remove it",
        )

    def _unescape(self, raw: str, number: int, column: int) -> str:
        """Decode the escapes of one string body (``column``: where the body starts)."""
        pieces: list[str] = []
        data: bytearray | None = None  # set once a numeric escape makes a raw byte
        pos = 0
        for match in _ESCAPE.finditer(raw):
            literal = raw[pos : match.start()]
            pos = match.end()
            simple, octal, hexa, other = match.groups()
            if simple is not None:
                text = literal + _SIMPLE_ESCAPES[simple]
                if data is None:
                    pieces.append(text)
                else:
                    data += self._encode(text, number)
                continue
            if other is not None:
                self._add(
                    number,
                    f'invalid escape sequence "\\{other}" at column {column + match.start()}',
                    _HINT_ESCAPE,
                )
                if data is None:
                    pieces.append(literal)
                else:
                    data += self._encode(literal, number)
                continue
            # Numeric escapes give one byte (gettext stores the value in a char).
            byte = int(octal, 8) & 0xFF if octal is not None else int(hexa[-2:], 16)
            if byte == 0:
                self._add(
                    number,
                    f'escape sequence "{match.group()}" at column {column + match.start()} '
                    "makes a NUL character, which gettext truncates the string at",
                    "remove it",
                )
            if data is None:
                data = bytearray(self._encode("".join(pieces), number))
            data += self._encode(literal, number)
            data.append(byte)
        tail = raw[pos:]
        if data is None:
            pieces.append(tail)
            return "".join(pieces)
        data += self._encode(tail, number)
        try:
            return data.decode(self._codec)
        except UnicodeDecodeError:
            self._add(
                number,
                "the octal or hex escapes in this string do not make valid "
                f"{self._charset_label} text",
                f"write the characters themselves, or escape complete {self._charset_label} "
                "byte sequences",
            )
            return data.decode(self._codec, "replace")

    def _encode(self, text: str, number: int) -> bytes:
        try:
            return text.encode(self._codec)
        except UnicodeEncodeError:
            self._add(
                number,
                f"text that cannot be written in {self._charset_label}",
                "save the file as UTF-8 and declare charset=UTF-8",
            )
            return b""

    # -- parser ---------------------------------------------------------------

    def _parse(self) -> None:
        tokens = self._tokens
        count = len(tokens)
        seen: dict[tuple[str | None, str], int] = {}
        comments: list[Token] = []
        index = 0
        while index < count:
            token = tokens[index]
            kind = token[0]
            if kind == _COMMENT:
                comments.append(token)
                index += 1
            elif kind in _ENTRY_START:
                index, entry = self._entry(index, comments)
                comments = []
                if entry is not None:
                    self._add_entry(entry, seen)
            else:
                self._unexpected(token, "at the start of an entry", top=True)
                comments = []
                index = self._recover(index + 1)
        self._catalog.trailing_comments = [self._raw_comment(token) for token in comments]

    def _raw_comment(self, token: Token) -> str:
        if token[4]:
            return self._lines[token[2] - 1]
        return "#" + token[1]

    def _recover(self, index: int) -> int:
        """Skip to the next token that starts a line and can start an entry."""
        tokens = self._tokens
        count = len(tokens)
        while index < count and not (tokens[index][4] and tokens[index][0] in _SYNC):
            index += 1
        return index

    def _unexpected(self, token: Token | None, where: str, *, top: bool = False) -> None:
        """Report ``token`` where it cannot be (``top``: between entries)."""
        if token is None:
            return
        kind, value, number = token[0], token[1], token[2]
        if kind == _ERROR:
            if value:
                problem = self._deferred[int(value)]
                self._add(problem.line, problem.message, problem.hint)
        elif kind == _NAME:
            close = difflib.get_close_matches(value[:20], list(_KEYWORDS), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else _HINT_SYNTAX
            self._add(number, f'unknown keyword "{_shorten(value)}"', hint)
        elif kind == _KW_MSGSTR and top:
            self._add(
                number,
                "msgstr without a msgid before it",
                'add the msgid "..." of this entry above it, or delete the orphaned msgstr',
            )
        elif kind == _KW_MSGID_PLURAL and top:
            self._add(
                number,
                "msgid_plural without a msgid before it",
                "add the msgid of this entry above it",
            )
        elif kind == _KW_DOMAIN:
            self._add(
                number,
                "domain directives are not supported",
                "keep one text domain per PO file",
            )
        elif kind == _STRING:
            self._add(
                number,
                f"a string {where} that belongs to no keyword",
                "put msgid, msgstr, ... before it, or join it to the string it continues",
            )
        else:
            self._add(number, f"unexpected {_KIND_NAMES.get(kind, 'token')} {where}", _HINT_SYNTAX)

    def _entry(self, index: int, comments: list[Token]) -> tuple[int, Entry | None]:
        """Parse one entry starting at ``tokens[index]``; return (next index, entry)."""
        tokens = self._tokens
        count = len(tokens)
        obsolete = tokens[index][3]
        mixed = [False]
        entry = Entry(msgid="", obsolete=obsolete)

        def strings(position: int, kind: int, keyword: Token) -> tuple[int, str | None]:
            # Consecutive strings after a keyword, joined once (linear, not +=).
            parts: list[str] = []
            while position < count and tokens[position][0] == kind:
                token = tokens[position]
                if token[3] != obsolete and not mixed[0]:
                    self._report_mixed(token[2])
                    mixed[0] = True
                parts.append(token[1])
                position += 1
            if not parts:
                what = "#| string" if kind == _PSTRING else "string"
                after = tokens[position] if position < count else None
                if after is not None and after[0] == _ERROR:
                    self._unexpected(after, "")
                else:
                    self._add(
                        keyword[2],
                        f'{_KIND_NAMES[keyword[0]]} must be followed by a {what} ("...")',
                        'write an empty string as ""',
                    )
                return position, None
            return position, "".join(parts)

        def keyword_at(position: int, *kinds: int) -> bool:
            if position < count and tokens[position][0] in kinds:
                token = tokens[position]
                if token[3] != obsolete and not mixed[0]:
                    self._report_mixed(token[2])
                    mixed[0] = True
                return True
            return False

        def skip_inner(position: int, between: str, continues: frozenset[int]) -> int:
            # Comments and #| lines cannot sit inside an entry (gettext: syntax
            # error). When the entry goes on after them, report them once and
            # go on as if they were not there; otherwise leave them to the next
            # entry (the caller then reports what this entry is missing).
            inner: tuple[int, ...] = (_COMMENT, _PSTRING, _PKW_MSGID_PLURAL)
            if continues != _AFTER_PREVIOUS:
                inner += (_PKW_MSGCTXT, _PKW_MSGID)
            end = position
            while end < count and tokens[end][0] in inner:
                end += 1
            if end == position or end >= count or tokens[end][0] not in continues:
                return position
            token = tokens[position]
            what = "a comment line" if token[0] == _COMMENT else "a #| line"
            self._add(
                token[2],
                f"{what} inside an entry ({between})",
                "comments and #| lines go before the entry's msgctxt/msgid",
            )
            return end

        def fail(position: int, where: str) -> tuple[int, None]:
            if position >= count:
                self._add(
                    tokens[-1][2],
                    f"the file ends {where}",
                    "complete the entry or delete its unfinished lines",
                )
                return count, None
            self._unexpected(tokens[position], where)
            return self._recover(position + 1), None

        # Previous strings: #| msgctxt ... #| msgid ... [#| msgid_plural ...]
        if keyword_at(index, _PKW_MSGCTXT):
            index, entry.previous_msgctxt = strings(index + 1, _PSTRING, tokens[index])
            if entry.previous_msgctxt is None:
                return self._recover(index), None
            if not keyword_at(index, _PKW_MSGID):
                self._add(
                    tokens[index - 1][2],
                    "#| msgctxt must be followed by #| msgid",
                    "add the previous msgid, or delete the #| msgctxt line",
                )
                return self._recover(index), None
        if keyword_at(index, _PKW_MSGID):
            index, entry.previous_msgid = strings(index + 1, _PSTRING, tokens[index])
            if entry.previous_msgid is None:
                return self._recover(index), None
            if keyword_at(index, _PKW_MSGID_PLURAL):
                index, entry.previous_msgid_plural = strings(index + 1, _PSTRING, tokens[index])
                if entry.previous_msgid_plural is None:
                    return self._recover(index), None
            index = skip_inner(index, "between #| lines and msgid", _AFTER_PREVIOUS)
            if not keyword_at(index, _KW_MSGCTXT, _KW_MSGID):
                if index < count and tokens[index][0] in (_PKW_MSGCTXT, _PKW_MSGID):
                    self._add(
                        tokens[index][2],
                        "a second set of #| previous strings before one entry",
                        "keep one #| msgctxt/msgid/msgid_plural group per entry",
                    )
                    return self._recover(index + 1), None
                return fail(index, "after the #| previous strings (expected msgid)")

        # msgctxt
        if keyword_at(index, _KW_MSGCTXT):
            index, entry.msgctxt = strings(index + 1, _STRING, tokens[index])
            if entry.msgctxt is None:
                return self._recover(index), None
            index = skip_inner(index, "between msgctxt and msgid", _AFTER_MSGCTXT)
            if not keyword_at(index, _KW_MSGID):
                if index < count and tokens[index][0] == _KW_MSGCTXT:
                    self._add(
                        tokens[index][2],
                        "two msgctxt lines in one entry",
                        "keep one msgctxt per entry",
                    )
                    return self._recover(index + 1), None
                return fail(index, "after msgctxt (expected msgid)")

        # msgid
        msgid_token = tokens[index]
        entry.line = msgid_token[2]
        index, msgid = strings(index + 1, _STRING, msgid_token)
        if msgid is None:
            return self._recover(index), None
        entry.msgid = msgid
        index = skip_inner(index, "between msgid and msgstr", _AFTER_MSGID)

        # msgid_plural + msgstr[N]..., or msgstr
        if keyword_at(index, _KW_MSGID_PLURAL):
            index, entry.msgid_plural = strings(index + 1, _STRING, tokens[index])
            if entry.msgid_plural is None:
                return self._recover(index), None
            index = skip_inner(index, "between msgid_plural and msgstr[0]", _AFTER_PLURAL)
            if keyword_at(index, _KW_MSGSTR) and not self._is_bracket(index + 1):
                self._add(
                    tokens[index][2],
                    "an entry with msgid_plural needs msgstr[0], msgstr[1], ... "
                    "instead of a plain msgstr",
                    'write msgstr[0] "..." and one msgstr[N] per plural form',
                )
                return self._recover(index + 1), None
            if not keyword_at(index, _KW_MSGSTR):
                if index >= count or tokens[index][0] in _ENTRY_START:
                    self._add(
                        entry.line,
                        "entry with msgid_plural has no msgstr[0]",
                        'add msgstr[0] "" (and one msgstr[N] per plural form)',
                    )
                    return index, None
                return fail(index, "after msgid_plural (expected msgstr[0])")
            expected = 0
            while keyword_at(index, _KW_MSGSTR):
                if not self._is_bracket(index + 1):
                    self._add(
                        tokens[index][2],
                        "a plain msgstr after msgstr[N] in a plural entry",
                        "use msgstr[N] for every plural form",
                    )
                    return self._recover(index + 1), None
                msgstr_token = tokens[index]
                index, plural_index = self._plural_index(index, expected)
                if index < 0:
                    return self._recover(-index), None
                index, value = strings(index, _STRING, msgstr_token)
                if value is None:
                    return self._recover(index), None
                if plural_index is not None:
                    entry.msgstr_plural[plural_index] = value
                expected += 1
            return index, self._with_comments(entry, comments)

        if not keyword_at(index, _KW_MSGSTR):
            token = tokens[index] if index < count else None
            if token is None or token[0] in _ENTRY_START:
                self._add(
                    entry.line,
                    "entry has no msgstr",
                    'add msgstr "" after the msgid (empty means untranslated)',
                )
                return index, None
            return fail(index, "after msgid (expected msgstr)")
        if self._is_bracket(index + 1):
            self._add(
                tokens[index][2],
                "msgstr[N] in an entry without msgid_plural",
                "add the msgid_plural line, or use a plain msgstr",
            )
            return self._recover(index + 1), None
        index, msgstr = strings(index + 1, _STRING, tokens[index])
        if msgstr is None:
            return self._recover(index), None
        entry.msgstr = msgstr
        return index, self._with_comments(entry, comments)

    def _is_bracket(self, index: int) -> bool:
        return index < len(self._tokens) and self._tokens[index][0] == _LBRACKET

    def _plural_index(self, index: int, expected: int) -> tuple[int, int | None]:
        """Parse ``msgstr [ N ]`` at ``index``; returns (index after ``]``, N or None).

        A negative first value means "syntax error, recover from -value".
        """
        tokens = self._tokens
        count = len(tokens)
        number = tokens[index][2]
        digits = tokens[index + 2] if index + 2 < count else None
        closing = tokens[index + 3] if index + 3 < count else None
        if digits is None or digits[0] != _NUMBER or closing is None or closing[0] != _RBRACKET:
            shown = _shorten(digits[1]) if digits and digits[0] in (_NAME, _NUMBER) else ""
            self._add(
                number,
                f"msgstr[{shown}...]: a plural form needs a number index, like msgstr[0]",
                "number the plural forms msgstr[0], msgstr[1], ...",
            )
            return -(index + 1), None
        text = digits[1]
        value = int(text) if len(text) <= 6 else MAX_PLURAL_INDEX + 1
        after = index + 4
        if value > MAX_PLURAL_INDEX:
            self._add(
                number,
                f"msgstr[{_shorten(text)}]: more than {MAX_PLURAL_INDEX} plural forms",
                "no language needs that many; check the index",
            )
            return after, None
        if value != expected:
            self._add(
                number,
                f"msgstr[{value}] where msgstr[{expected}] was expected",
                "number the plural forms 0, 1, 2, ... in order, each once",
            )
            return after, None
        return after, value

    def _report_mixed(self, number: int) -> None:
        self._add(
            number,
            "inconsistent use of #~: an entry mixes obsolete (#~) and active lines",
            "prefix every line of an obsolete entry with #~, or remove #~ from all of them",
        )

    def _with_comments(self, entry: Entry, comments: list[Token]) -> Entry:
        for token in comments:
            text = token[1]
            mark = text[:1]
            if mark == ".":
                entry.extracted_comments.append(text[2:] if text[1:2] == " " else text[1:])
            elif mark == ":":
                entry.references.extend(_REFERENCE.findall(text, 1))
            elif mark in (",", "!", "="):
                # "#!" is gettext's old spelling of "#,"; "#=" is gettext >= 0.26.
                entry.flags.extend(flag for flag in _FLAG_SEPARATORS.split(text[1:]) if flag)
            else:
                entry.translator_comments.append(text[1:] if mark == " " else text)
        if len(entry.references) > 1:
            # msgcat drops repeated references too; the order is kept.
            entry.references = list(dict.fromkeys(entry.references))
        return entry

    def _add_entry(self, entry: Entry, seen: dict[tuple[str | None, str], int]) -> None:
        key = entry.key
        first_line = seen.get(key)
        if first_line is not None:
            if not self._conflict:  # after a merge conflict, duplicates are expected noise
                self._report_duplicate(entry, first_line)
            return
        seen[key] = entry.line
        if key == (None, "") and not entry.obsolete and self._catalog.header is None:
            self._catalog.header = entry
        else:
            self._catalog.entries.append(entry)

    def _report_duplicate(self, entry: Entry, first_line: int) -> None:
        if entry.key == (None, ""):
            self._add(
                entry.line,
                f'second header entry (msgid "" without msgctxt); the first is at line '
                f"{first_line}",
                "merge the two headers into one",
            )
            return
        shown = _shorten(entry.msgid)
        context = "" if entry.msgctxt is None else f" with msgctxt {_shorten(entry.msgctxt)!r}"
        self._add(
            entry.line,
            f"duplicate entry: msgid {shown!r}{context} is already defined at line {first_line}",
            "keep one of the two entries (with the right translation) and delete the other; "
            "obsolete #~ entries count too",
        )


def _lenient_unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        simple = match.group(1)
        return _SIMPLE_ESCAPES[simple] if simple is not None else ""

    return _ESCAPE.sub(replace, text)


def _charset_label(msgstr: str) -> str | None:
    """The charset= of the header's Content-Type, or None when there is none."""
    content_type = parse_header(msgstr).get("Content-Type")
    if content_type is None:
        return None
    match = _CHARSET_IN_CONTENT_TYPE.search(content_type)
    if match is None or not match.group(1):
        return None
    return match.group(1)


def _codec_for(label: str) -> str | None:
    """The Python codec for a charset label; ``CHARSET`` (template) means UTF-8."""
    if label.upper() == "CHARSET":
        return "utf-8"
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return name if name in _ALLOWED_CODECS else None


def _standard_name(label: str) -> str:
    """The gettext name of an accepted charset label's codec (the label when none)."""
    return _STANDARD_NAMES.get(codecs.lookup(label).name, label)


def _shorten(text: str, limit: int = 40) -> str:
    """``text`` cut for a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _unknown_charset(label: str) -> tuple[str, str]:
    return (
        f'unknown charset "{_shorten(label)}" in the header\'s Content-Type',
        "use charset=UTF-8 (and save the file as UTF-8)",
    )
