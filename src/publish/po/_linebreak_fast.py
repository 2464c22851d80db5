"""Fast path of :mod:`publish.po.wrapping` for portions of "simple" characters.

A character is *simple* if its line break class is SP or one that
``u8_possible_linebreaks_loop`` handles with the pair table alone: any class
of the table except HL, RI and ZWJ, which have rules of their own (so not CM,
ZW, BK, CR or LF either).  That covers text in Latin, Cyrillic, Greek, CJK,
Hangul... without combining marks, digits, everyday punctuation and the
escape sequences written by ``wrap()``.  For such a portion there are no
mandatory breaks and the state machine reduces to one rule: a break is
possible before a non-space character ``B`` whose nearest preceding
non-space character is ``A`` iff ``PAIR[A][B]`` is 1 (direct break), or is
2 (indirect) and there are spaces between them; except, by the overrides of
``wrap()``, before the second character of an escape sequence and before the
backslash of a final ``\\n``.

So whether a break is possible at an index depends only on the characters
just before it.  Instead of running the state machine over every character
(about 1 us each in Python), :class:`Layout` finds where each line ends by
examining a few characters before the column limit, skipping runs inside
which no break is possible (of letters and digits, of spaces, "-----"...)
with a regular expression.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from publish.po import _linebreak_data as _data

# 1 = direct break, 2 = indirect break (only after spaces), 3 = prohibited.
PAIR: tuple[tuple[int, ...], ...] = tuple(
    tuple(int(digit) for digit in row) for row in _data.PAIR_TABLE
)
_SIMPLE_CLASSES = frozenset(range(len(PAIR))) - {_data.HL, _data.RI, _data.ZWJ}


def lookup(char: str) -> tuple[int, int]:
    """(line break class, column width) of ``char``."""
    value = _data.RANGE_VALUES[bisect_right(_data.RANGE_STARTS, ord(char)) - 1]
    return divmod(value, 3)


class _CharTable(dict[str, int]):
    """``function(char)`` for each character, computed on first use."""

    def __init__(self, function: Callable[[str], int]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, char: str) -> int:
        value = self[char] = self.function(char)
        return value


_CLASS = _CharTable(lambda char: lookup(char)[0])
_WIDTH = _CharTable(lambda char: lookup(char)[1])
_NU = _CLASS["0"]


def _charset(
    classes: Iterable[int], widths: Iterable[int] = (0, 1, 2), below: int = 0x110000
) -> str:
    """Regular expression character set of the characters below ``below``
    whose class is in ``classes`` and width in ``widths``."""
    wanted = set(classes)
    width_set = set(widths)
    starts = _data.RANGE_STARTS
    ranges: list[list[int]] = []
    for i, first in enumerate(starts):
        if first >= below:
            break
        klass, width = divmod(_data.RANGE_VALUES[i], 3)
        if klass in wanted and width in width_set:
            last = min(starts[i + 1] if i + 1 < len(starts) else 0x110000, below) - 1
            if ranges and ranges[-1][1] == first - 1:
                ranges[-1][1] = last  # adjacent: merge
            else:
                ranges.append([first, last])
    # Literal characters: compiling is twice as fast as with \U escapes.
    return "[" + "".join(f"{_literal(first)}-{_literal(last)}" for first, last in ranges) + "]"


def _literal(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\[]^-&~|" else char


# Compiling a character set takes time in proportion to the number of code
# points it lists, so the sets below list few: those that are not simple, and
# for the others (shortcuts only) those below U+3000, where CJK starts.
# (Beyond U+FFFF the engine tests the ranges of a set one by one: too slow
# for every character, so characters beyond are looked up one by one.)
_OTHER_CLASSES = set(range(max(_data.RANGE_VALUES) // 3 + 1)) - _SIMPLE_CLASSES - {_data.SP}
_NOT_SIMPLE_RE = re.compile(_charset(_OTHER_CLASSES, below=0x10000))
_ASTRAL_RE = re.compile("[\\U00010000-\\U0010ffff]")
# Simple and one column wide (the column of an index is then the index).
_NARROW_RE = re.compile(_charset(_SIMPLE_CLASSES | {_data.SP}, widths=(1,), below=0x3000) + "*")
_ESCAPE_RE = re.compile(r"\\.", re.DOTALL)


def _run_classes() -> frozenset[int]:
    """Letters and digits, as far as no two of them make a direct break: a
    break is then never possible inside a run of them."""
    chosen: set[int] = set()
    for klass in (_data.AL, _NU):
        candidate = chosen | {klass}
        if all(PAIR[a][b] != 1 for a in candidate for b in candidate):
            chosen = candidate
    return frozenset(chosen)


def _repeats_without_break(char: str) -> bool:
    """Whether no break is possible between two ``char`` (a simple character)."""
    klass = _CLASS[char]
    return klass == _data.SP or PAIR[klass][klass] != 1


# Runs of letters and digits, or of one character repeated.
_RUN_RE = re.compile(_charset(_run_classes(), below=0x3000) + "+|(.)\\1*", re.DOTALL)
# Runs of letters and digits only.
_LETTERS_RE = re.compile(_charset(_run_classes(), below=0x3000) + "+")
_REPEATS_WITHOUT_BREAK = _CharTable(_repeats_without_break)


def _run_end(text: str, pos: int) -> int:
    """The end of the run of characters from ``pos`` (< len(text)) with no
    break possible before any of them but the first: letters and digits, or
    one character repeated that cannot break from itself (as "  " or "--")."""
    if not _REPEATS_WITHOUT_BREAK[text[pos]]:  # (true of letters and digits)
        return pos + 1
    match = _RUN_RE.match(text, pos)
    assert match is not None  # "(.)" matches any character
    return match.end()


class Layout:
    """Line breaking of an escaped portion made of simple characters."""

    __slots__ = (
        "_columns",
        "_escape_seconds",
        "_final_backslash",
        "_reversed",
        "_scanned",
        "_text",
    )

    def __init__(self, text: str, ends_with_newline: bool, narrow: bool) -> None:
        self._text = text
        self._reversed = ""  # to skip runs backwards (made on first need)
        # Column of each index (None: the index itself).
        self._columns: list[int] | None = None
        if not narrow:
            self._columns = list(accumulate(map(_WIDTH.__getitem__, text), initial=0))
        self._final_backslash = len(text) - 2 if ends_with_newline else -1
        # Indices of the second characters of escape sequences; without an
        # escaped backslash, they are simply those after a backslash.
        self._escape_seconds: frozenset[int] | None = None
        if "\\\\" in text:
            self._escape_seconds = frozenset(m.start() + 1 for m in _ESCAPE_RE.finditer(text))
        # (low, result) of the last call of _first_break.
        self._scanned = (0, 0)

    def _can_break(self, i: int) -> bool:
        """Whether a break is possible before ``text[i]`` (0 < i < len(text))."""
        text = self._text
        char = text[i]
        if char == " " or i == self._final_backslash:
            return False
        if text[i - 1] == "\\":
            seconds = self._escape_seconds
            if seconds is None or i in seconds:
                return False
        j = i - 1
        while text[j] == " ":
            j -= 1
            if j < 0:  # only spaces before: nothing to break from
                return False
        rule = PAIR[_CLASS[text[j]]][_CLASS[char]]
        return rule == 1 or (rule == 2 and j < i - 1)

    def _last_break(self, low: int, high: int) -> int:
        """The last index in (low, high] before which a break is possible, or low.

        Usually it is the first letter of a word after the last space, followed
        by letters and digits up to ``high`` (no break is possible inside such a
        run): a break after spaces, unless the pair table prohibits it (as
        before a comma). :meth:`breaks` has this case inline.
        """
        text = self._text
        space = text.rfind(" ", low, high)
        if space >= 0:
            i = space + 1
            stop = high if text[high] == " " else high + 1
            run = _LETTERS_RE.match(text, i, stop)
            if run is not None and run.end() == stop:
                j = space - 1
                while j >= 0 and text[j] == " ":
                    j -= 1
                if j >= 0 and PAIR[_CLASS[text[j]]][_CLASS[text[i]]] != 3:
                    return i
        return self._last_break_slowly(low, high)

    def _last_break_slowly(self, low: int, high: int) -> int:
        """:meth:`_last_break` in general: looks at every run from ``high`` back."""
        if not self._reversed:
            self._reversed = self._text[::-1]
        end = len(self._text)
        i = high
        while i > low:
            # Only the first character of a run can follow a break.
            pos = end - 1 - i
            i -= _run_end(self._reversed, pos) - pos - 1
            if i > low and self._can_break(i):
                return i
            i -= 1
        return low

    def _first_break(self, low: int) -> int:
        """The first index after low before which a break is possible, or len(text)."""
        scanned_low, found = self._scanned
        if scanned_low <= low < found:  # no break in (scanned_low, found) either
            return found
        end = len(self._text)
        i = low + 1
        while i < end and not self._can_break(i):
            # Only the first character of a run can follow a break.
            i = _run_end(self._text, i)
        found = min(i, end)  # (low may be the end of an empty text)
        self._scanned = (low, found)
        return found

    def breaks(self, start_column: int, width: int, first_only: bool = False) -> list[int]:
        """Indices before which ``u8_width_linebreaks`` breaks the lines
        (only the first one if ``first_only``).

        Its rule: at each break opportunity and at the end of the text, if
        the text since the start of the line overflows ``width``, break at
        the previous opportunity if there is one after the start of the line.
        So a line ends at the last opportunity that fits or, if none does, at
        the first one; and no further break is needed once the end fits.
        """
        text = self._text
        end = len(text)
        columns = self._columns
        breaks: list[int] = []
        start = 0
        limit = width - start_column  # the largest column that fits on the line
        # (_last_break, with its usual case inline)
        rfind, letters, pair, klass = text.rfind, _LETTERS_RE.match, PAIR, _CLASS
        while True:
            # The last index whose column fits.
            last = limit if columns is None else bisect_right(columns, limit) - 1
            if last >= end:
                return breaks
            found = start
            space = rfind(" ", start, last)
            if space >= 0:
                i = space + 1
                stop = last if text[last] == " " else last + 1
                run = letters(text, i, stop)
                if run is not None and run.end() == stop:
                    j = space - 1
                    while j >= 0 and text[j] == " ":
                        j -= 1
                    if j >= 0 and pair[klass[text[j]]][klass[text[i]]] != 3:
                        found = i
            if found == start:
                found = self._last_break_slowly(start, last)
            if found == start:
                found = self._first_break(max(start, last))
                if found == end:
                    return breaks
            breaks.append(found)
            if first_only:
                return breaks
            start = found
            limit = (found if columns is None else columns[found]) + width


def layout(text: str, ends_with_newline: bool) -> Layout | None:
    """The :class:`Layout` of an escaped portion, or None if a character in it is not simple."""
    if _NARROW_RE.fullmatch(text):
        return Layout(text, ends_with_newline, narrow=True)
    if _NOT_SIMPLE_RE.search(text):
        return None
    if any(_CLASS[char] not in _SIMPLE_CLASSES for char in _ASTRAL_RE.findall(text)):
        return None
    return Layout(text, ends_with_newline, narrow=False)
