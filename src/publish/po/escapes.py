"""The escapes of PO strings.

These are po-lex.c's control_sequence(): ``\\n \\t \\b \\r \\f \\v \\a \\\\ \\"``,
up to three octal digits, ``\\x`` followed by any number of hex digits (the
value is truncated to a byte). Everything else, ``\\u``, ``\\?`` and ``\\'``
included, is an "invalid control sequence". The lexer decodes and reports
them (:meth:`publish.po.lexer.Lexer.unescape`); this module has the table and
the shortcuts for strings that only use the simple ones.
"""

from __future__ import annotations

import re

__all__ = ["ESCAPE", "SIMPLE_ESCAPES", "lenient_unescape", "unescape_simple"]

# Groups: a simple escape's letter, octal digits, hex digits, anything else.
ESCAPE = re.compile(r'\\(?:([ntbrfva\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))', re.DOTALL)
SIMPLE_ESCAPES = {
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
_RARE_ESCAPES = tuple(
    ("\\" + letter, char) for letter, char in SIMPLE_ESCAPES.items() if letter not in '"n\\'
)
_ANY_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# A backslash not followed by a simple escape's letter. Trying every
# backslash finds every escape that is not simple (and, harmlessly, the
# second half of some \\ pairs too).
_NOT_SIMPLE = re.compile(r'\\[^ntbrfva\\"]')


def lenient_unescape(text: str) -> str:
    """Decode the simple escapes of a string body; drop any other escape."""

    def replace(match: re.Match[str]) -> str:
        simple = match.group(1)
        return SIMPLE_ESCAPES[simple] if simple is not None else ""

    return ESCAPE.sub(replace, text)


def unescape_simple(body: str) -> str | None:
    """Decode a string body whose escapes are all simple ones; None if one is not."""
    if _NOT_SIMPLE.search(body) is not None:
        return None
    if "\\\\" in body:
        return _ANY_ESCAPE.sub(_simple_escape, body)
    # Without a \\ pair every backslash starts an escape, so the escapes can
    # be replaced one kind after the other.
    body = body.replace('\\"', '"')
    if "\\" in body:
        body = body.replace("\\n", "\n")
        if "\\" in body:
            for escape, char in _RARE_ESCAPES:
                body = body.replace(escape, char)
    return body


def _simple_escape(match: re.Match[str]) -> str:
    return SIMPLE_ESCAPES[match.group(1)]
