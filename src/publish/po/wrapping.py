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

Not emulated: gettext's refusal to break inside format directives of entries
flagged ``c-format``/``python-format``/..., the ``--indent`` and
``--escape`` styles, and encodings other than UTF-8.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from publish.po import _linebreak_data as _data

__all__ = ["format_field"]

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
_CR = _data.CR
_LF = _data.LF
_CM = _data.CM
_ZW = _data.ZW
_SP = _data.SP
# Pseudo class: the previous character was a hyphen or break-after character
# preceded by a Hebrew letter (rule LB21a).
_HL_BA = 100

# Pair table as tuples of ints; 1 = direct break, 2 = indirect, 3 = prohibited.
_PAIR: tuple[tuple[int, ...], ...] = tuple(
    tuple(int(digit) for digit in row) for row in _data.PAIR_TABLE
)
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
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_PORTION_RE = re.compile(r"[^\n]*\n|[^\n]+")
_ASCII_PRINTABLE_RE = re.compile(r"[ -~]*")


def _lookup(char: str) -> tuple[int, int]:
    value = _data.RANGE_VALUES[bisect_right(_data.RANGE_STARTS, ord(char)) - 1]
    return divmod(value, 3)


# Per-character cache: character -> (line break class, column width).
_INFO: dict[str, tuple[int, int]] = {chr(cp): _lookup(chr(cp)) for cp in range(128)}


def _char_info(char: str) -> tuple[int, int]:
    info = _INFO.get(char)
    if info is None:
        info = _INFO[char] = _lookup(char)
    return info


def _text_width(text: str) -> int:
    """Sum of the ``uc_width`` column widths of ``text``."""
    if text.isascii() and _ASCII_PRINTABLE_RE.fullmatch(text):
        return len(text)
    return sum(_char_info(ch)[1] for ch in text)


def _break_points(text: str, start_column: int, width: int, ends_with_newline: bool) -> list[int]:
    """Indices of ``text`` (an escaped portion) before which gettext breaks the line.

    Emulates ``ulc_width_linebreaks_v2(text, width, start_column, 0, overrides,
    "UTF-8")`` as called by ``wrap()``, where the overrides prohibit breaks
    inside escape sequences and before the escaped newline that ends a portion.
    The possible-break state machine (``u8_possible_linebreaks_loop``) and the
    width-fitting loop (``u8_width_linebreaks_internal``) are fused into a
    single pass, which is valid because the former never revisits an earlier
    position in a way the latter can observe.
    """
    if start_column + _text_width(text) <= width:
        return []

    pair = _PAIR
    info_cache = _INFO
    first_non_table = _FIRST_NON_TABLE_CLASS

    # State of u8_possible_linebreaks_loop.
    last_prop = _BK  # class of the last character, ignoring SP, CM, ZWJ
    prev_prop = _BK  # class of the previous character
    seen_space = False
    ri_count = 0
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
            info = _char_info(ch)
        prop, w = info

        # --- u8_possible_linebreaks_loop ---
        if prop < first_non_table and prop != _ZWJ:
            if last_prop == _BK:
                brk = _PROHIBITED
            elif last_prop == _ZW:
                brk = _POSSIBLE
            elif prev_prop == _ZWJ:
                brk = _PROHIBITED
            elif last_prop == _RI and prop == _RI:
                brk = _POSSIBLE if seen_space or ri_count % 2 == 0 else _PROHIBITED
            elif prev_prop == _HL_BA:
                brk = _PROHIBITED
            else:
                rule = pair[last_prop][prop]
                if rule == 1:
                    brk = _POSSIBLE
                elif rule == 2:
                    brk = _POSSIBLE if seen_space else _PROHIBITED
                else:
                    brk = _PROHIBITED
            last_prop = prop
            seen_space = False
            prev_prop = _HL_BA if prev_prop == _HL and (prop == _HY or prop == _BA) else prop
        elif prop == _SP:
            brk = _PROHIBITED
            seen_space = True
            prev_prop = prop
        elif prop == _CM or prop == _ZWJ:
            if last_prop == _BK:
                brk = _PROHIBITED
                last_prop = _AL
                seen_space = False
            elif last_prop == _ZW or seen_space:
                brk = _POSSIBLE
                last_prop = _AL
                seen_space = False
            else:
                brk = _PROHIBITED
            prev_prop = prop
        elif prop == _ZW:
            brk = _PROHIBITED
            last_prop = _ZW
            seen_space = False
            prev_prop = prop
        else:  # BK, CR, LF: mandatory break
            brk = _MANDATORY
            last_prop = _BK
            seen_space = False
            prev_prop = prop
        ri_count = ri_count + 1 if prop == _RI else 0

        # --- overrides from write-po.c ---
        if in_escape:
            in_escape = False
            brk = _PROHIBITED
        elif ch == "\\":
            in_escape = True
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
    a UTF-8 PO file (default style, ``page_width`` as given by ``--width``).
    Raises ``ValueError`` if ``value`` contains NUL or unpaired surrogates,
    which cannot occur in a PO file.
    """
    _check_value(value)
    prefix_len = len(line_prefix.encode("utf-8"))
    keyword_len = len(keyword.encode("utf-8"))

    # Arithmetic of write-po.c's wrap() for the non-indented style: columns
    # are counted relative to the opening quote of continuation lines.
    startcol_after_break = prefix_len + 1
    width = (page_width if wrap else _INT_MAX) - 1 - startcol_after_break
    first_startcol = keyword_len + 1

    lines: list[str] = []
    first_line = True
    portions = list(_portions(value))
    last_index = len(portions) - 1
    for index, portion in enumerate(portions):
        escaped = portion.translate(_ESCAPE_TABLE)
        ends_with_newline = portion.endswith("\n")
        startcol = first_startcol if first_line else 0
        breaks = _break_points(escaped, startcol, width, ends_with_newline)
        if first_line and escaped and (index < last_index or startcol > width or breaks):
            # The field would wrap: use an empty first line and restart.
            lines.append(f'{line_prefix}{keyword} ""')
            first_line = False
            breaks = _break_points(escaped, 0, width, ends_with_newline)

        head = f"{line_prefix}{keyword} " if first_line else line_prefix
        first_line = False
        start = 0
        for stop in breaks:
            lines.append(f'{head}"{escaped[start:stop]}"')
            head = line_prefix
            start = stop
        lines.append(f'{head}"{escaped[start:]}"')
    return lines
