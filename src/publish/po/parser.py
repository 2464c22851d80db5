"""The PO parser: entries from the lexer's tokens, with error recovery.

A small recursive-descent parser over the tokens of :mod:`publish.po.lexer`
that follows gettext's grammar (``po-gram.y``). It asks the lexer for tokens as
it needs them and forgets them once an entry is done, so it holds only the
tokens of the entry at hand; an entry in the common layout comes from the
lexer whole (:meth:`~publish.po.lexer.Lexer.fast_entry`) and makes no tokens at
all. After a syntax error it recovers at the next line that starts an entry,
so one run reports many independent problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .layout import add_comments
from .lexer import (
    COMMENT,
    ERROR,
    HINT_SYNTAX,
    KEYWORDS,
    KW_DOMAIN,
    KW_MSGCTXT,
    KW_MSGID,
    KW_MSGID_PLURAL,
    KW_MSGSTR,
    LBRACKET,
    NAME,
    NUMBER,
    PKW_MSGCTXT,
    PKW_MSGID,
    PKW_MSGID_PLURAL,
    PSTRING,
    RBRACKET,
    STRING,
    Lexer,
    Token,
)
from .model import Catalog, Entry
from .problems import PARSE, Problems, shorten

__all__ = ["MAX_PLURAL_INDEX", "Parser"]

MAX_PLURAL_INDEX = 100  # msgstr[N] with N above this is refused (no language has that many)

_KIND_NAMES = {
    COMMENT: "comment",
    STRING: "string",
    PSTRING: "#| string",
    KW_MSGCTXT: "msgctxt",
    KW_MSGID: "msgid",
    KW_MSGID_PLURAL: "msgid_plural",
    KW_MSGSTR: "msgstr",
    KW_DOMAIN: "domain",
    PKW_MSGCTXT: "#| msgctxt",
    PKW_MSGID: "#| msgid",
    PKW_MSGID_PLURAL: "#| msgid_plural",
    LBRACKET: '"["',
    RBRACKET: '"]"',
    NUMBER: "number",
}
# Tokens that may start an entry; error recovery resumes at the first of these
# that begins a line.
_SYNC = frozenset({COMMENT, KW_MSGCTXT, KW_MSGID, PKW_MSGCTXT, PKW_MSGID})
_ENTRY_START = frozenset({KW_MSGCTXT, KW_MSGID, PKW_MSGCTXT, PKW_MSGID})
# What may follow each part of an entry (for reporting comments inside one).
_AFTER_PREVIOUS = frozenset({KW_MSGCTXT, KW_MSGID})
_AFTER_MSGCTXT = frozenset({KW_MSGID})
_AFTER_MSGID = frozenset({KW_MSGSTR, KW_MSGID_PLURAL})
_AFTER_PLURAL = frozenset({KW_MSGSTR})
# Tokens a finished entry leaves behind before they are dropped.
_KEEP_TOKENS = 4096


class Parser:
    """Builds a :class:`Catalog` from a :class:`Lexer`."""

    def __init__(self, lexer: Lexer, problems: Problems, *, conflict: Callable[[], bool]) -> None:
        self._lexer = lexer
        self._tokens = lexer.tokens
        self._deferred = lexer.deferred
        self._add = problems.adder(PARSE)
        # Does the file have a merge conflict marker? Asked at the first
        # duplicate: after a merge conflict, duplicates are expected noise.
        self._find_conflict = conflict
        self._conflict: bool | None = None
        self._catalog = Catalog()

    def _has(self, index: int) -> bool:
        """Is there a token at ``index`` (lexing more lines if needed)?"""
        tokens = self._tokens
        while index >= len(tokens):
            if not self._lexer.lex_line():
                return False
        return True

    # -- parser ---------------------------------------------------------------

    def parse(self) -> Catalog:
        """Read every entry (the lexer raises if the text cannot be decoded)."""
        lexer = self._lexer
        tokens = self._tokens
        raw_comments = lexer.raw_comments
        add_entry = self._add_entry
        seen: dict[tuple[str | None, str], int] = {}
        comments: list[Token] = []
        index = 0
        while True:
            if index >= len(tokens):
                # Every token read so far is used: start afresh at a line.
                tokens.clear()
                index = 0
                if raw_comments and not comments:
                    raw_comments.clear()
                found = lexer.fast_entry()
                if found is not None:
                    whole, texts = found
                    if comments:
                        texts = [token[1] for token in comments] + texts
                        comments = []
                    add_entry(add_comments(whole, texts) if texts else whole, seen)
                    continue
                if not lexer.fast_comments() and not lexer.lex_line():
                    break
                continue
            token = tokens[index]
            kind = token[0]
            if kind == COMMENT:
                comments.append(token)
                index += 1
            elif kind in _ENTRY_START:
                index, entry = self._entry(index, comments)
                comments = []
                if entry is not None:
                    add_entry(entry, seen)
            else:
                self._unexpected(token, "at the start of an entry", top=True)
                comments = []
                index = self._recover(index + 1)
            if index > _KEEP_TOKENS:
                del tokens[:index]
                index = 0
        self._catalog.trailing_comments = [self._raw_comment(token) for token in comments]
        return self._catalog

    def _raw_comment(self, token: Token) -> str:
        text = "#" + token[1]
        return self._lexer.raw_comments.get(token[2], text) if token[4] else text

    def _recover(self, index: int) -> int:
        """Skip to the next token that starts a line and can start an entry.

        The tokens skipped are dropped: callers use only the index returned.
        """
        tokens = self._tokens
        while True:
            while index < len(tokens):
                token = tokens[index]
                if token[4] and token[0] in _SYNC:
                    return index
                index += 1
            tokens.clear()
            index = 0
            if not self._lexer.lex_line():
                return 0

    def _unexpected(self, token: Token | None, where: str, *, top: bool = False) -> None:
        """Report ``token`` where it cannot be (``top``: between entries)."""
        if token is None:
            return
        kind, value, number = token[0], token[1], token[2]
        if kind == ERROR:
            if value:
                problem = self._deferred[int(value)]
                self._add(problem.line, problem.message, problem.hint)
        elif kind == NAME:
            close = difflib.get_close_matches(value[:20], list(KEYWORDS), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else HINT_SYNTAX
            self._add(number, f'unknown keyword "{shorten(value)}"', hint)
        elif kind == KW_MSGSTR and top:
            self._add(
                number,
                "msgstr without a msgid before it",
                'add the msgid "..." of this entry above it, or delete the orphaned msgstr',
            )
        elif kind == KW_MSGID_PLURAL and top:
            self._add(
                number,
                "msgid_plural without a msgid before it",
                "add the msgid of this entry above it",
            )
        elif kind == KW_DOMAIN:
            self._add(
                number,
                "domain directives are not supported",
                "keep one text domain per PO file",
            )
        elif kind == STRING:
            self._add(
                number,
                f"a string {where} that belongs to no keyword",
                "put msgid, msgstr, ... before it, or join it to the string it continues",
            )
        else:
            self._add(number, f"unexpected {_KIND_NAMES.get(kind, 'token')} {where}", HINT_SYNTAX)

    def _entry(self, index: int, comments: list[Token]) -> tuple[int, Entry | None]:
        """Parse one entry starting at ``tokens[index]``; return (next index, entry)."""
        tokens = self._tokens
        has = self._has
        obsolete = tokens[index][3]
        mixed = [False]
        entry = Entry(msgid="", obsolete=obsolete)

        def strings(position: int, kind: int, keyword: Token) -> tuple[int, str | None]:
            # Consecutive strings after a keyword, joined once (linear, not +=).
            parts: list[str] = []
            while has(position) and tokens[position][0] == kind:
                token = tokens[position]
                if token[3] != obsolete and not mixed[0]:
                    self._report_mixed(token[2])
                    mixed[0] = True
                parts.append(token[1])
                position += 1
            if not parts:
                what = "#| string" if kind == PSTRING else "string"
                after = tokens[position] if has(position) else None
                if after is not None and after[0] == ERROR:
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
            if has(position) and tokens[position][0] in kinds:
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
            inner: tuple[int, ...] = (COMMENT, PSTRING, PKW_MSGID_PLURAL)
            if continues != _AFTER_PREVIOUS:
                inner += (PKW_MSGCTXT, PKW_MSGID)
            end = position
            while has(end) and tokens[end][0] in inner:
                end += 1
            if end == position or not has(end) or tokens[end][0] not in continues:
                return position
            token = tokens[position]
            what = "a comment line" if token[0] == COMMENT else "a #| line"
            self._add(
                token[2],
                f"{what} inside an entry ({between})",
                "comments and #| lines go before the entry's msgctxt/msgid",
            )
            return end

        def fail(position: int, where: str) -> tuple[int, None]:
            if not has(position):
                self._add(
                    tokens[-1][2],
                    f"the file ends {where}",
                    "complete the entry or delete its unfinished lines",
                )
                return len(tokens), None
            self._unexpected(tokens[position], where)
            return self._recover(position + 1), None

        # Previous strings: #| msgctxt ... #| msgid ... [#| msgid_plural ...]
        if keyword_at(index, PKW_MSGCTXT):
            index, entry.previous_msgctxt = strings(index + 1, PSTRING, tokens[index])
            if entry.previous_msgctxt is None:
                return self._recover(index), None
            if not keyword_at(index, PKW_MSGID):
                self._add(
                    tokens[index - 1][2],
                    "#| msgctxt must be followed by #| msgid",
                    "add the previous msgid, or delete the #| msgctxt line",
                )
                return self._recover(index), None
        if keyword_at(index, PKW_MSGID):
            index, entry.previous_msgid = strings(index + 1, PSTRING, tokens[index])
            if entry.previous_msgid is None:
                return self._recover(index), None
            if keyword_at(index, PKW_MSGID_PLURAL):
                index, entry.previous_msgid_plural = strings(index + 1, PSTRING, tokens[index])
                if entry.previous_msgid_plural is None:
                    return self._recover(index), None
            index = skip_inner(index, "between #| lines and msgid", _AFTER_PREVIOUS)
            if not keyword_at(index, KW_MSGCTXT, KW_MSGID):
                if has(index) and tokens[index][0] in (PKW_MSGCTXT, PKW_MSGID):
                    self._add(
                        tokens[index][2],
                        "a second set of #| previous strings before one entry",
                        "keep one #| msgctxt/msgid/msgid_plural group per entry",
                    )
                    return self._recover(index + 1), None
                return fail(index, "after the #| previous strings (expected msgid)")

        # msgctxt
        if keyword_at(index, KW_MSGCTXT):
            index, entry.msgctxt = strings(index + 1, STRING, tokens[index])
            if entry.msgctxt is None:
                return self._recover(index), None
            index = skip_inner(index, "between msgctxt and msgid", _AFTER_MSGCTXT)
            if not keyword_at(index, KW_MSGID):
                if has(index) and tokens[index][0] == KW_MSGCTXT:
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
        index, msgid = strings(index + 1, STRING, msgid_token)
        if msgid is None:
            return self._recover(index), None
        entry.msgid = msgid
        index = skip_inner(index, "between msgid and msgstr", _AFTER_MSGID)

        # msgid_plural + msgstr[N]..., or msgstr
        if keyword_at(index, KW_MSGID_PLURAL):
            index, entry.msgid_plural = strings(index + 1, STRING, tokens[index])
            if entry.msgid_plural is None:
                return self._recover(index), None
            index = skip_inner(index, "between msgid_plural and msgstr[0]", _AFTER_PLURAL)
            if keyword_at(index, KW_MSGSTR) and not self._is_bracket(index + 1):
                self._add(
                    tokens[index][2],
                    "an entry with msgid_plural needs msgstr[0], msgstr[1], ... "
                    "instead of a plain msgstr",
                    'write msgstr[0] "..." and one msgstr[N] per plural form',
                )
                return self._recover(index + 1), None
            if not keyword_at(index, KW_MSGSTR):
                if not has(index) or tokens[index][0] in _ENTRY_START:
                    self._add(
                        entry.line,
                        "entry with msgid_plural has no msgstr[0]",
                        'add msgstr[0] "" (and one msgstr[N] per plural form)',
                    )
                    return index, None
                return fail(index, "after msgid_plural (expected msgstr[0])")
            expected = 0
            while keyword_at(index, KW_MSGSTR):
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
                index, value = strings(index, STRING, msgstr_token)
                if value is None:
                    return self._recover(index), None
                if plural_index is not None:
                    entry.msgstr_plural[plural_index] = value
                expected += 1
            return index, add_comments(entry, [token[1] for token in comments])

        if not keyword_at(index, KW_MSGSTR):
            token = tokens[index] if has(index) else None
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
        index, msgstr = strings(index + 1, STRING, tokens[index])
        if msgstr is None:
            return self._recover(index), None
        entry.msgstr = msgstr
        return index, add_comments(entry, [token[1] for token in comments])

    def _is_bracket(self, index: int) -> bool:
        return self._has(index) and self._tokens[index][0] == LBRACKET

    def _plural_index(self, index: int, expected: int) -> tuple[int, int | None]:
        """Parse ``msgstr [ N ]`` at ``index``; returns (index after ``]``, N or None).

        A negative first value means "syntax error, recover from -value".
        """
        tokens = self._tokens
        number = tokens[index][2]
        digits = tokens[index + 2] if self._has(index + 2) else None
        closing = tokens[index + 3] if self._has(index + 3) else None
        if digits is None or digits[0] != NUMBER or closing is None or closing[0] != RBRACKET:
            shown = shorten(digits[1]) if digits and digits[0] in (NAME, NUMBER) else ""
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
                f"msgstr[{shorten(text)}]: more than {MAX_PLURAL_INDEX} plural forms",
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

    def _add_entry(self, entry: Entry, seen: dict[tuple[str | None, str], int]) -> None:
        key = entry.key
        first_line = seen.get(key)
        if first_line is not None:
            if self._conflict is None:
                self._conflict = self._find_conflict()
            if not self._conflict:
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
        shown = shorten(entry.msgid)
        context = "" if entry.msgctxt is None else f" with msgctxt {shorten(entry.msgctxt)!r}"
        self._add(
            entry.line,
            f"duplicate entry: msgid {shown!r}{context} is already defined at line {first_line}",
            "keep one of the two entries (with the right translation) and delete the other; "
            "obsolete #~ entries count too",
        )
