"""Byte-exact emulation of how GNU gettext 0.21 writes a PO string field.

``msgcat``, ``msgmerge``, ``msguniq`` & co. format every ``msgid``/``msgstr``
(and ``msgctxt``, ``msgid_plural``, ``msgstr[N]``, previous ``#| msgid`` ...)
with the function ``wrap()`` of gettext's ``write-po.c``.  This module
reproduces that function for UTF-8 PO files, the default page width (79) and
the default, non-indented output style:

* the value is cut into portions after every ``\\n``;
* each portion is C-escaped (``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"``; all other
  characters, including other control characters, are written raw);
* the escaped portion is broken into lines with libunistring 1.0's
  ``ulc_width_linebreaks_v2``: UAX #14 break opportunities (pair table,
  combining marks, ZWJ, regional indicators, Hebrew + hyphen) and
  ``uc_width`` column widths, breaking at the last opportunity before a piece
  would overflow the line;
* escape sequences are never split, and there is no break right before the
  ``\\n`` that ends a portion;
* if the field would need more than one line, the first line is written as
  ``keyword ""`` and the text starts on the next line.

The Unicode data (line break classes, widths and the pair table) live in the
generated module :mod:`publish.po._linebreak_data`, extracted from the very
libunistring build that gettext uses (see ``tools/gen_linebreak_data.py``),
so no native library is needed at run time.

Speed: most portions (text in Latin, Cyrillic, Greek, CJK... scripts without
combining marks, emoji sequences, Hebrew or line separators) are laid out by
:mod:`publish.po._linebreak_fast`, which looks at a few characters per line;
the others by :func:`_reference_break_points`, which emulates libunistring
one character at a time (about 1 us each) and is the reference that the
tests hold the fast path to.

Not emulated: gettext's refusal to break inside format directives of entries
flagged ``c-format``/``python-format``/..., the ``--indent`` and
``--escape`` styles, and encodings other than UTF-8.  U+0004 is written raw
like other control characters, although gettext's PO reader rejects it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publish.po import _linebreak_data as _data
from publish.po import _linebreak_fast as _fast

__all__ = ["field_text", "format_field"]

_INT_MAX = 2**31 - 1

# Break values of libunistring (UC_BREAK_*).
_PROHIBITED = 1
_POSSIBLE = 2
_MANDATORY = 3

# Line break classes used explicitly by the algorithm.
_BA = _data.BA
_HY = _data.HY
_AL = _data.AL
_HL = _data.HL
_RI = _data.RI
_ZWJ = _data.ZWJ
_BK = _data.BK
_CM = _data.CM
_ZW = _data.ZW
_SP = _data.SP
# Pseudo class: the previous character was a hyphen or break-after character
# preceded by a Hebrew letter (rule LB21a).
_HL_BA = 100

# Pair table as tuples of ints; 1 = direct break, 2 = indirect, 3 = prohibited.
_PAIR = _fast.PAIR
_FIRST_NON_TABLE_CLASS = len(_PAIR)

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)  # (slow: see _escape)
_TO_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_PORTION_RE = re.compile(r"[^\n]*\n|[^\n]+")
_ASCII_PRINTABLE_RE = re.compile(r"[ -~]*")


_lookup = _fast.lookup  # (line break class, width) of a character
# Per-character cache: character -> (line break class, column width).
_INFO: dict[str, tuple[int, int]] = {chr(cp): _lookup(chr(cp)) for cp in range(128)}


def _char_info(char: str) -> tuple[int, int]:
    info = _INFO.get(char)
    if info is None:
        info = _INFO[char] = _lookup(char)
    return info


# Classes whose characters, when repeated, never allow a break between them
# and leave the state of the break algorithm unchanged (pair-table entry for
# (c, c) is "indirect" or "prohibited").  ZWJ and RI have rules of their own,
# and the class of the backslash is excluded because backslashes start escape
# sequences, whose overrides the fast path would skip.
_RUN_CLASSES = frozenset(
    c
    for c in range(_FIRST_NON_TABLE_CLASS)
    if _PAIR[c][c] != 1 and c not in (_ZWJ, _RI, _INFO["\\"][0])
)


def _fits(text: str, start_column: int, width: int) -> bool:
    """Cheap sufficient condition for ``text`` needing no line break."""
    if start_column + len(text) > width:
        return False  # (then neither condition below holds)
    if text.isascii() and _ASCII_PRINTABLE_RE.fullmatch(text):
        return start_column + len(text) <= width
    # No character is wider than 2 columns.
    return start_column + 2 * len(text) <= width


def _reference_break_points(
    text: str, start_column: int, width: int, ends_with_newline: bool
) -> list[int]:
    """Indices of ``text`` (an escaped portion) before which gettext breaks the line.

    Emulates ``ulc_width_linebreaks_v2(text, width, start_column, 0, overrides,
    "UTF-8")`` as called by ``wrap()``, where the overrides prohibit breaks
    inside escape sequences and before the escaped newline that ends a portion.
    The possible-break state machine (``u8_possible_linebreaks_loop``) and the
    width-fitting loop (``u8_width_linebreaks_internal``) are fused into a
    single pass, which is valid because the former only ever decides the
    break value of the current character.  Runs of characters of one class
    whose repetition changes nothing (letters, digits...) take a shortcut.

    This is the general algorithm; :func:`_break_points` gives the same
    result faster for most texts.
    """
    if _fits(text, start_column, width):
        return []

    # Local copies of module constants, for speed.
    pair = _PAIR
    info_cache = _INFO
    char_info = _char_info
    run_classes = _RUN_CLASSES
    first_non_table = _FIRST_NON_TABLE_CLASS
    c_ba, c_hy, c_al, c_hl, c_ri, c_zwj = _BA, _HY, _AL, _HL, _RI, _ZWJ
    c_bk, c_cm, c_zw, c_sp, c_hl_ba = _BK, _CM, _ZW, _SP, _HL_BA

    # State of u8_possible_linebreaks_loop.
    last_prop = c_bk  # class of the last character, ignoring SP, CM, ZWJ
    prev_prop = c_bk  # class of the previous character
    seen_space = False
    ri_count = 0
    # Class for which the fast path applies to the next character, or -1.
    run_class = -1
    # State of u8_width_linebreaks_internal.
    last_p = -1
    last_column = start_column
    piece_width = 0
    breaks: list[int] = []
    # Overrides: the second character of an escape sequence, and the
    # backslash of a final "\n", must not be preceded by a break.
    in_escape = False
    final_backslash = len(text) - 2 if ends_with_newline else -1

    for i, ch in enumerate(text):
        info = info_cache.get(ch)
        if info is None:
            info = char_info(ch)
        prop, w = info
        if prop == run_class:
            # Same outcome as below: no break, state unchanged.
            piece_width += w
            continue

        # --- u8_possible_linebreaks_loop ---
        if prop < first_non_table and prop != c_zwj:
            if last_prop == c_bk:
                brk = _PROHIBITED
            elif last_prop == c_zw:
                brk = _POSSIBLE
            elif prev_prop == c_zwj:
                brk = _PROHIBITED
            elif last_prop == c_ri and prop == c_ri:
                brk = _POSSIBLE if seen_space or ri_count % 2 == 0 else _PROHIBITED
            elif prev_prop == c_hl_ba:
                brk = _PROHIBITED
            else:
                rule = pair[last_prop][prop]
                brk = _POSSIBLE if rule == 1 or (rule == 2 and seen_space) else _PROHIBITED
            if prev_prop == c_hl and prop in (c_hy, c_ba):
                prev_prop = c_hl_ba
                run_class = -1
            else:
                prev_prop = prop
                run_class = prop if prop in run_classes else -1
            last_prop = prop
            seen_space = False
        elif prop == c_sp:
            brk = _PROHIBITED
            seen_space = True
            prev_prop = prop
            run_class = -1
        elif prop in (c_cm, c_zwj):
            if last_prop == c_bk:
                brk = _PROHIBITED
                last_prop = c_al
                seen_space = False
            elif last_prop == c_zw or seen_space:
                brk = _POSSIBLE
                last_prop = c_al
                seen_space = False
            else:
                brk = _PROHIBITED
            prev_prop = prop
            run_class = -1
        elif prop == c_zw:
            brk = _PROHIBITED
            last_prop = c_zw
            seen_space = False
            prev_prop = prop
            run_class = -1
        else:  # BK, CR, LF: mandatory break
            brk = _MANDATORY
            last_prop = c_bk
            seen_space = False
            prev_prop = prop
            run_class = -1
        ri_count = ri_count + 1 if prop == c_ri else 0

        # --- overrides from write-po.c ---
        if in_escape:
            in_escape = False
            brk = _PROHIBITED
        elif ch == "\\":
            in_escape = True
            run_class = -1
            if i == final_backslash:
                brk = _PROHIBITED

        # --- u8_width_linebreaks_internal ---
        if brk == _PROHIBITED:
            piece_width += w
        else:
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
                last_column = 0
            if brk == _POSSIBLE:
                last_p = i
                last_column += piece_width
                piece_width = w
            else:
                last_p = -1
                last_column = 0
                piece_width = 0

    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return breaks


class _Portion:
    """An escaped portion, with the analysis of its characters kept for reuse.

    wrap() may lay a portion out twice: at the keyword's column, and then
    again on a line of its own.
    """

    __slots__ = ("_layout", "ends_with_newline", "text")

    def __init__(self, text: str, ends_with_newline: bool) -> None:
        self.text = text
        self.ends_with_newline = ends_with_newline
        self._layout: _fast.Layout | None = None

    def breaks(self, start_column: int, width: int, first_only: bool = False) -> list[int]:
        """Indices of the text before which gettext breaks the line
        (with ``first_only``, possibly just the first of them)."""
        text = self.text
        if _fits(text, start_column, width):
            return []
        if self._layout is None:
            self._layout = _fast.layout(text, self.ends_with_newline)
        if self._layout is not None:
            return self._layout.breaks(start_column, width, first_only)
        # Some character is not simple: the general algorithm.
        return _reference_break_points(text, start_column, width, self.ends_with_newline)


def _break_points(text: str, start_column: int, width: int, ends_with_newline: bool) -> list[int]:
    """Indices of ``text`` (an escaped portion) before which gettext breaks the line.

    Same result as :func:`_reference_break_points`, faster.
    """
    return _Portion(text, ends_with_newline).breaks(start_column, width)


def _escape(portion: str) -> str:
    """``portion`` with the C escapes of wrap() (most strings have none).

    Not ``str.translate``, which costs 0.1 us per character; and ``in``, nine
    times, is faster than one search with a regular expression.
    """
    if not (
        '"' in portion
        or "\\" in portion
        or "\n" in portion
        or "\t" in portion
        or "\r" in portion
        or "\a" in portion
        or "\b" in portion
        or "\f" in portion
        or "\v" in portion
    ):
        return portion
    return _TO_ESCAPE_RE.sub(lambda match: _ESCAPES[match.group()], portion)


def _portions(value: str) -> Iterator[str]:
    """The ``\\n``-terminated portions of ``value`` (one empty portion if empty)."""
    if not value:
        yield ""
        return
    for match in _PORTION_RE.finditer(value):
        yield match.group()


def _check_value(value: str) -> None:
    if "\0" in value:
        raise ValueError("PO strings cannot contain NUL characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"PO strings must be encodable as UTF-8: {exc}") from None


def format_field(
    keyword: str,
    value: str,
    *,
    line_prefix: str = "",
    wrap: bool = True,
    page_width: int = 79,
) -> list[str]:
    """Lines (no trailing newlines) that gettext writes for `keyword "value"`.

    keyword is e.g. "msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[0]";
    line_prefix is "" for active entries, "#~ " for obsolete, "#| " for previous strings,
    "#~| " for previous strings of obsolete entries.
    wrap=False emulates the `no-wrap` flag (lines still split after each \\n).

    The result matches, byte for byte, GNU gettext 0.21's ``msgcat`` output for
    a UTF-8 PO file in the default style; ``page_width`` has the meaning of
    ``msgcat --width`` (0 means unlimited, values below 20 count as 20).
    Raises ``ValueError`` if ``value`` contains NUL or unpaired surrogates,
    which cannot occur in a PO file.
    """
    _check_value(value)
    if page_width < 0:
        raise ValueError("page_width must not be negative")
    # msgcat --width: 0 means unlimited, values below 20 are raised to 20
    # (message_page_width_set in gettext's write-catalog.c).
    if page_width == 0:
        page_width = _INT_MAX
    elif page_width < 20:
        page_width = 20
    prefix_len = len(line_prefix.encode("utf-8"))
    keyword_len = len(keyword.encode("utf-8"))

    # Arithmetic of write-po.c's wrap() for the non-indented style: columns
    # are counted relative to the opening quote of continuation lines.
    startcol_after_break = prefix_len + 1
    width = (page_width if wrap else _INT_MAX) - 1 - startcol_after_break
    first_startcol = keyword_len + 1

    lines: list[str] = []
    first_line = True
    portions = list(_portions(value)) if "\n" in value else [value]
    last_index = len(portions) - 1
    for index, portion in enumerate(portions):
        escaped = _escape(portion)
        laid_out = _Portion(escaped, portion.endswith("\n"))
        startcol = first_startcol if first_line else 0
        # On the first line, it only matters whether there is a break.
        breaks = laid_out.breaks(startcol, width, first_only=first_line)
        if first_line and escaped and (index < last_index or startcol > width or breaks):
            # The field would wrap: use an empty first line and restart.
            lines.append(f'{line_prefix}{keyword} ""')
            first_line = False
            breaks = laid_out.breaks(0, width)

        head = f"{line_prefix}{keyword} " if first_line else line_prefix
        first_line = False
        start = 0
        for stop in breaks:
            lines.append(f'{head}"{escaped[start:stop]}"')
            head = line_prefix
            start = stop
        lines.append(f'{head}"{escaped[start:]}"')
    return lines


def field_text(keyword: str, value: str, *, line_prefix: str = "", wrap: bool = True) -> str:
    """The lines of :func:`format_field` (page width 79) as one text, each ending in a
    newline; the same, with less work for a value without a newline."""
    if "\n" in value or not wrap:
        lines = format_field(keyword, value, line_prefix=line_prefix, wrap=wrap)
        return "\n".join(lines) + "\n"
    _check_value(value)
    escaped = _escape(value)
    head = f"{line_prefix}{keyword} "
    if not escaped:
        return f'{head}""\n'
    # format_field's arithmetic, for one portion that does not end in a newline.
    width = 79 - 1 - (len(line_prefix.encode("utf-8")) + 1)
    startcol = len(keyword.encode("utf-8")) + 1
    laid_out = _Portion(escaped, False)
    if startcol <= width and not laid_out.breaks(startcol, width, first_only=True):
        return f'{head}"{escaped}"\n'
    parts = [f'{head}""\n']
    start = 0
    for stop in laid_out.breaks(0, width):
        parts.append(f'{line_prefix}"{escaped[start:stop]}"\n')
        start = stop
    parts.append(f'{line_prefix}"{escaped[start:]}"\n')
    return "".join(parts)
