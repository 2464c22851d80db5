"""The PO lexer: tokens on demand, a line at a time.

gettext's grammar is token based, but a token never spans lines once
backslash-newline joins are refused, so the lexer works a line at a time and
only when the parser asks (:meth:`Lexer.lex_line`), mirroring gettext's tokens
(``po-lex.c``): keywords, ``[``, numbers, ``]``, strings and comments, with
``#~`` (obsolete) and ``#|`` (previous) prefixes.

Where the next line starts an entry in the layout gettext and publish write,
:meth:`Lexer.fast_entry` hands the parser the whole entry instead, read by
:mod:`publish.po.layout` without tokens; :meth:`Lexer.fast_comments` takes a
run of comment lines at once. Either way each line is read once, from the
piece of decoded text (:mod:`publish.po.text`) it is in.
"""

from __future__ import annotations

import re

from publish.errors import Problem

from .escapes import ESCAPE, SIMPLE_ESCAPES
from .layout import COMMENT_LINES, read_entry
from .model import Entry
from .problems import LEX, Problems, shorten
from .text import CatalogText, Piece

__all__ = ["HINT_SYNTAX", "Lexer", "Token"]

# ---------------------------------------------------------------------------
# Token kinds. Tokens are plain tuples (kind, value, line, obsolete, first)
# rather than objects: tuple creation is the cheapest way to carry them.
COMMENT = 0  # value: the text after '#'
STRING = 1  # value: the decoded string
PSTRING = 2  # a string after #| (previous)
KW_MSGCTXT = 3
KW_MSGID = 4
KW_MSGID_PLURAL = 5
KW_MSGSTR = 6
KW_DOMAIN = 7
PKW_MSGCTXT = 8  # #| msgctxt
PKW_MSGID = 9
PKW_MSGID_PLURAL = 10
NAME = 11  # an identifier that is not a keyword; value: the word
LBRACKET = 12
RBRACKET = 13
NUMBER = 14  # value: the digits
ERROR = 15  # value: index into Lexer.deferred, or "" when already reported

Token = tuple[int, str, int, bool, bool]

KEYWORDS = {
    "msgctxt": KW_MSGCTXT,
    "msgid": KW_MSGID,
    "msgid_plural": KW_MSGID_PLURAL,
    "msgstr": KW_MSGSTR,
    "domain": KW_DOMAIN,
}
# Inside #| only these are keywords (gettext's keyword_p).
PREV_KEYWORDS = {
    "msgctxt": PKW_MSGCTXT,
    "msgid": PKW_MSGID,
    "msgid_plural": PKW_MSGID_PLURAL,
}

# A whole line in the common shapes: optional #~ / #~| / #| prefix, optional
# keyword (msgstr[N] included), one complete string. The string body is the
# "unrolled loop" form (no alternation per character).
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
_CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")

HINT_SYNTAX = (
    "a PO line is a comment (#...), a keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[N]) "
    'followed by a "string", or a "string" continuing the previous one'
)
_HINT_ESCAPE = (
    'PO strings allow the escapes \\n \\t \\r \\a \\b \\f \\v \\\\ \\" and octal or hex '
    "bytes (\\101, \\x41); write a literal backslash as \\\\"
)


def has_conflict_marker(data: bytes, start: int) -> bool:
    """Does a line of ``data[start:]`` start with a merge conflict marker?

    Looked for in the undecoded file: the markers are ASCII, every accepted
    charset is ASCII-compatible, and a LF byte always ends a character.
    """
    for marker in _CONFLICT_MARKERS:
        encoded = marker.encode("ascii")
        if data.startswith(encoded, start) or data.find(b"\n" + encoded, start) >= 0:
            return True
    return False


class Lexer:
    """Tokens for the parser, appended to :attr:`tokens` one line at a time."""

    def __init__(self, text: CatalogText, problems: Problems, codec: str, label: str) -> None:
        self.tokens: list[Token] = []
        self.deferred: list[Problem] = []  # problems carried by ERROR tokens
        # Comment lines whose first token is a comment but that do not start
        # with '#' (their text as written, for trailing comments).
        self.raw_comments: dict[int, str] = {}
        self._source = text
        self._add = problems.adder(LEX)
        self._path = problems.path
        self._codec = codec
        self._charset_label = label
        self._spliced = text.spliced
        self._text = ""  # the current piece
        self._pos = 0  # where the next line starts in it
        self._line = 1  # that line's number
        self._ends_file = True
        self._at_end = False

    # -- text -----------------------------------------------------------------

    def _more(self) -> bool:
        """Move on to the next piece of text; False at the end of the file."""
        if self._at_end:
            return False
        piece: Piece | None = self._source.next_piece(self._line)
        if piece is None:
            self._at_end = True
            return False
        self._text = piece.text
        self._pos = 0
        self._ends_file = piece.ends_entries
        return True

    def lex_line(self) -> bool:
        """Append the tokens of the next line; False at the end of the file."""
        text = self._text
        pos = self._pos
        if pos >= len(text):
            if not self._more():
                return False
            text = self._text
            pos = 0
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)  # the last line, without a newline
        number = self._line
        self._pos = end + 1
        self._line = number + 1
        if end > pos:
            self._lex(text[pos:end], number)
        return True

    # -- whole entries ----------------------------------------------------------

    def fast_entry(self) -> tuple[Entry, list[str]] | None:
        """The entry at the next line if it is in the common layout, with the text
        after the '#' of each comment line before it; None leaves the text as it is."""
        text = self._text
        pos = self._pos
        if pos >= len(text):
            if not self._more():
                return None
            text = self._text
            pos = 0
        found = read_entry(text, pos, self._ends_file)
        if found is None:
            return None
        entry, comments, msgid_at, end = found
        entry.line = self._line + text.count("\n", pos, msgid_at)
        self._line = entry.line + text.count("\n", msgid_at, end)
        self._pos = end
        return entry, [line[1:] for line in comments.split("\n") if line] if comments else []

    def fast_comments(self) -> bool:
        """Comment and blank lines at the next line, as tokens; False when there are none."""
        text = self._text
        pos = self._pos
        match = COMMENT_LINES.match(text, pos)
        if match is None or match.end() == pos:
            return False
        append = self.tokens.append
        number = self._line
        for line in text[pos : match.end() - 1].split("\n"):
            if line:
                append((COMMENT, line[1:], number, False, True))
            number += 1
        self._pos = match.end()
        self._line = number
        return True

    # -- one line -------------------------------------------------------------------

    def _lex(self, line: str, number: int) -> None:
        append = self.tokens.append
        first_char = line[0]
        if first_char == "#":
            second = line[1:2]
            if second != "~" and second != "|":
                # The most common comment lines, without the general lexer.
                append((COMMENT, line[1:], number, False, True))
                return
        elif line.startswith(_CONFLICT_MARKERS):
            self._add(
                number,
                f'git merge conflict marker "{line[:7]}"',
                "resolve the merge conflict: keep the right version of each conflicting "
                "entry and delete the <<<<<<<, ======= and >>>>>>> lines",
            )
            return
        match = _FAST_LINE.match(line)
        if match is not None:
            prefix, keyword, index, raw = match.groups()
            previous = prefix is not None and prefix.endswith("|")
            if not (previous and keyword == "msgstr") and (index is None or keyword == "msgstr"):
                obsolete = prefix is not None and prefix.startswith("#~")
                if keyword is not None:
                    kind = (PREV_KEYWORDS if previous else KEYWORDS)[keyword]
                    append((kind, keyword, number, obsolete, True))
                    if index is not None:
                        append((LBRACKET, "[", number, obsolete, False))
                        append((NUMBER, index, number, obsolete, False))
                        append((RBRACKET, "]", number, obsolete, False))
                value = raw if "\\" not in raw else self._unescape(raw, number, match.start(4) + 1)
                if "\x04" in value:
                    self._report_eot(number)
                append((PSTRING if previous else STRING, value, number, obsolete, keyword is None))
                return
        self._lex_line(line, number, number in self._spliced)

    def _lex_line(self, line: str, number: int, spliced: bool) -> None:
        """The general lexer for one line (gettext's po_gram_lex)."""
        append = self.tokens.append
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
                if first:
                    self.raw_comments[number] = line
                append((COMMENT, line[pos + 1 :], number, obsolete, first))
                return
            if char == '"':
                string = _STRING_BODY.match(line, pos)
                if string is None:
                    if spliced:
                        append((ERROR, "", number, obsolete, first))
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
                append((PSTRING if previous else STRING, value, number, obsolete, first))
                pos = string.end()
                if self._stray_quote(line, pos, previous, number, obsolete):
                    return
                first = False
                continue
            if char in _IDENT_START:
                word_match = _IDENT.match(line, pos)
                word = word_match.group() if word_match else char
                table = PREV_KEYWORDS if previous else KEYWORDS
                append((table.get(word, NAME), word, number, obsolete, first))
                pos += len(word)
            elif "0" <= char <= "9":
                digits_match = _DIGITS.match(line, pos)
                digits = digits_match.group() if digits_match else char
                append((NUMBER, digits, number, obsolete, first))
                pos += len(digits)
            elif char == "[":
                append((LBRACKET, char, number, obsolete, first))
                pos += 1
            elif char == "]":
                append((RBRACKET, char, number, obsolete, first))
                pos += 1
            else:
                self._error_token(
                    number,
                    obsolete,
                    first,
                    f"unexpected character {char!r} at column {pos + 1}",
                    HINT_SYNTAX,
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
        if word is not None and word.group() in (PREV_KEYWORDS if previous else KEYWORDS):
            return False  # `msgid "a" msgstr "b"` on one line is valid
        shown = shorten(line[after:])
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
        self.deferred.append(Problem(message, self._path, number, hint))
        self.tokens.append((ERROR, str(len(self.deferred) - 1), number, obsolete, first))

    def _report_eot(self, number: int) -> None:
        self._add(
            number,
            "a string contains the character U+0004 (EOT), which gettext reserves as the "
            "context separator",
            "remove it",
        )

    # -- escapes -----------------------------------------------------------------

    def _unescape(self, raw: str, number: int, column: int) -> str:
        """Decode the escapes of one string body (``column``: where the body starts)."""
        pieces: list[str] = []
        data: bytearray | None = None  # set once a numeric escape makes a raw byte
        pos = 0
        for match in ESCAPE.finditer(raw):
            literal = raw[pos : match.start()]
            pos = match.end()
            simple, octal, hexa, other = match.groups()
            if simple is not None:
                text = literal + SIMPLE_ESCAPES[simple]
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
