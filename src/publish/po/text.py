"""The decoded text of a PO file, a piece at a time, with the line checks.

A catalog is decoded in pieces of about a megabyte, each cut after a line
feed, so reading never holds a second copy of the whole file. That is exact
for every charset the reader accepts (all are ASCII-compatible and stateless,
and a LF byte is always a character of its own). Each piece gets the checks
that concern whole lines: a backslash at the end of a line, a carriage return
inside one; CRLF line ends become LF.
"""

from __future__ import annotations

from typing import NamedTuple

from .problems import BACKSLASH, CR, LAST_LINE, Problems

__all__ = ["PIECE_BYTES", "CatalogText", "DecodeFailed", "Piece"]

PIECE_BYTES = 1 << 20

# The start of a line that can never continue an entry: a comment, a #|
# line, msgid or msgctxt. A piece is cut, when it can be, before one of them
# that follows a blank line.
_SAFE_STARTS = (b"# ", b"#.", b"#:", b"#,", b"#|", b"#\n", b"msgid ", b"msgctxt ")


class DecodeFailed(Exception):
    """A piece of the file is not valid in its charset."""


class Piece(NamedTuple):
    """Decoded whole lines of the file.

    ``ends_entries``: the file ends here, or what follows starts with a line
    that cannot continue an entry (so a match may treat the end as the end).
    """

    text: str
    ends_entries: bool


class CatalogText:
    """Hands out the decoded text of ``data[start:]`` piece by piece."""

    def __init__(
        self, data: bytes, start: int, codec: str, problems: Problems, piece_bytes: int = 0
    ) -> None:
        self._data = data
        self._start = start
        self._codec = codec
        self._piece_bytes = max(1, piece_bytes or PIECE_BYTES)
        self._lf = 0  # line feeds in the pieces with a CR
        self._crlf = 0
        self._lf_alone = False  # a piece without any CR has a line feed
        self.spliced: set[int] = set()  # lines ending in a backslash (already reported)
        self._backslash = problems.adder(BACKSLASH)
        self._last_line = problems.adder(LAST_LINE)
        self._cr = problems.adder(CR)

    @property
    def newline(self) -> str:
        """``\\r\\n`` when every line of the file ends so (known at the end)."""
        crlf_only = self._crlf == self._lf and not self._lf_alone
        return "\r\n" if self._crlf and crlf_only else "\n"

    def next_piece(self, first_line: int) -> Piece | None:
        """The next piece, which starts at line ``first_line``; None at the end of the
        file. Raises :class:`DecodeFailed` when it is not valid in the charset."""
        start = self._start
        data = self._data
        if start >= len(data):
            return None
        end, ends_entries = self._cut(start)
        self._start = end
        try:
            text = data[start:end].decode(self._codec)
        except UnicodeDecodeError as exc:
            raise DecodeFailed from exc
        if "\\\n" in text:
            self._report_backslash_newlines(text, first_line)
        if end == len(data) and text.endswith("\\"):
            # No final newline: the writer will add one, and then gettext (and
            # this reader) would join the line with the next; refuse it now.
            last = first_line + text.count("\n")
            self.spliced.add(last)
            self._last_line(
                last,
                "the last line ends with a backslash (the file has no final newline): once "
                "a newline ends it, as publish writes every line, GNU gettext reads the "
                'backslash as "continued on the next line"',
                "remove the trailing backslash, or add a character after it "
                '(to end a string with a backslash, write "...\\\\")',
            )
        if "\r" in text:
            self._lf += text.count("\n")
            self._crlf += text.count("\r\n")
            text = text.replace("\r\n", "\n")
            if "\r" in text:
                self._report_carriage_returns(text, first_line)
        elif not self._lf_alone and "\n" in text:
            self._lf_alone = True
        return Piece(text, ends_entries)

    def _cut(self, start: int) -> tuple[int, bool]:
        """Where the piece from ``start`` ends, and whether it ends entries."""
        data = self._data
        size = self._piece_bytes
        if len(data) - start <= size + size // 2:
            return len(data), True
        target = start + size
        limit = target + size // 2
        blank = data.find(b"\n\n", target, limit)
        while blank >= 0:
            after = blank + 2
            if data.startswith(_SAFE_STARTS, after):
                return after, True
            blank = data.find(b"\n\n", blank + 1, limit)
        newline = data.find(b"\n", target)
        if newline < 0:
            return len(data), True
        return newline + 1, False

    def _report_backslash_newlines(self, text: str, first_line: int) -> None:
        line = first_line
        pos = 0
        while True:
            found = text.find("\\\n", pos)
            if found < 0:
                break
            line += text.count("\n", pos, found)
            self.spliced.add(line)
            self._backslash(
                line,
                "line ends with a backslash, which GNU gettext reads as "
                '"continued on the next line" and joins the two lines',
                "remove the trailing backslash, or add a character after it "
                '(to end a string with a backslash, write "...\\\\")',
            )
            pos = found + 1

    def _report_carriage_returns(self, text: str, first_line: int) -> None:
        line = first_line
        pos = 0  # start of a line
        while True:
            found = text.find("\r", pos)
            if found < 0:
                break
            line += text.count("\n", pos, found)
            line_start = text.rfind("\n", 0, found) + 1
            self._cr(
                line,
                f"carriage return (CR) inside the line at column {found - line_start + 1}",
                "use LF or CRLF line ends only; inside a string write a CR as \\r",
            )
            newline = text.find("\n", found)
            if newline < 0:
                break
            line += 1
            pos = newline + 1
