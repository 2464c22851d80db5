"""Malformed and unusual ``.po`` files, gettext-test style: input, expected line and message.

``MALFORMED`` rows must be refused with ``path:line: error: ...`` by every
command that reads catalogs, leaving the project untouched. ``ACCEPTED`` rows
are files GNU gettext or real editors produce that must be read without losing
a translation; each transforms the translated catalog of the ``linked`` project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hostile.harness import SMALL_PO

# Six lines; the first entry after it starts on line 7.
HEADER = (
    b'msgid ""\n'
    b'msgstr ""\n'
    b'"Language: ru\\n"\n'
    b'"Content-Type: text/plain; charset=UTF-8\\n"\n'
    b'"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    b'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    b"\n"
)


def po(body: bytes | str) -> bytes:
    """A catalog: the header above, then ``body``."""
    return HEADER + (body.encode("utf-8") if isinstance(body, str) else body)


@dataclass(frozen=True)
class Malformed:
    """A file that must be refused: where, and what the error says."""

    name: str
    data: bytes
    line: int | None
    fragment: str


MALFORMED = [
    Malformed("unterminated-string", po('msgid "a"\nmsgstr "abc\n'), 8, "unterminated string"),
    Malformed("unterminated-at-eof", po('msgid "a"\nmsgstr "abc'), 8, "unterminated string"),
    Malformed("raw-newline-in-string", po('msgid "a"\nmsgstr "ab\ncd"\n'), 8, "unterminated"),
    Malformed("unknown-keyword", po('msgid "a"\nmsgstd "b"\n'), 8, 'unknown keyword "msgstd"'),
    Malformed(
        "escaped-backslash-then-quote", po('msgid "a"\nmsgstr "x\\\\"y"\n'), 8, "unescaped quote"
    ),
    Malformed("msgstr-without-msgid", po('msgstr "b"\n'), 7, "msgstr without a msgid"),
    Malformed(
        "duplicate-entry",
        po('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
        10,
        "duplicate entry: msgid 'a' is already defined at line 7",
    ),
    Malformed(
        "duplicate-active-and-obsolete",
        po('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'),
        10,
        "duplicate entry: msgid 'a' is already defined at line 7",
    ),
    Malformed(
        "duplicate-with-same-context",
        po('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n'),
        12,
        "duplicate entry",
    ),
    Malformed("second-header", po('msgid ""\nmsgstr "X-Other: y\\n"\n'), 7, "second header"),
    Malformed(
        "git-conflict-markers",
        po('<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\nmsgstr "c"\n>>>>>>> theirs\n'),
        7,
        'git merge conflict marker "<<<<<<<"',
    ),
    Malformed(
        "invalid-utf8",
        po(b'msgid "a"\nmsgstr "\xff\xfe"\n'),
        8,
        "bytes not valid in UTF-8 at column 9 (byte 0xff)",
    ),
    Malformed(
        "cp1251-bytes-declared-utf8",
        po('msgid "a"\nmsgstr "привет"\n'.encode("cp1251")),
        8,
        "bytes not valid in UTF-8",
    ),
    Malformed(
        "overlong-utf8",
        po(b'msgid "a"\nmsgstr "\xc0\x80"\n'),
        8,
        "bytes not valid in UTF-8",
    ),
    Malformed(
        "unknown-charset",
        HEADER.replace(b"charset=UTF-8", b"charset=klingon") + b'msgid "a"\nmsgstr "b"\n',
        1,
        'unknown charset "klingon"',
    ),
    Malformed("lone-cr-in-string", po(b'msgid "a"\nmsgstr "b\rc"\n'), 8, "carriage return (CR)"),
    Malformed("lone-cr-line-ends", po(b'msgid "a"\rmsgstr "b"\r'), 7, "carriage return (CR)"),
    Malformed(
        "unknown-escape", po('msgid "a"\nmsgstr "\\u0041"\n'), 8, 'invalid escape sequence "\\u"'
    ),
    Malformed("nul-byte", po(b'msgid "a"\nmsgstr "b\x00c"\n'), 8, "NUL byte at column 10"),
    Malformed("saved-as-utf16", HEADER.decode().encode("utf-16"), 1, "NUL byte"),
    Malformed(
        "backslash-at-line-end",
        po('msgid "a"\nmsgstr "b\\\n"\n'),
        8,
        "line ends with a backslash",
    ),
    Malformed(
        "backslash-at-end-of-file",
        po('msgid "a"\nmsgstr "b"\n# a note without a final newline \\'),
        9,
        "line ends with a backslash",
    ),
    Malformed(
        "plural-index-skips",
        po('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[12] "y"\n'),
        10,
        "msgstr[12] where msgstr[1] was expected",
    ),
    Malformed(
        "plural-index-negative",
        po('msgid "a"\nmsgid_plural "as"\nmsgstr[-1] "x"\n'),
        9,
        "a plural form needs a number index",
    ),
    Malformed(
        "plural-index-not-a-number",
        po('msgid "a"\nmsgid_plural "as"\nmsgstr[x] "x"\n'),
        9,
        "a plural form needs a number index",
    ),
    Malformed(
        "plural-index-huge",
        po('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[99999999999999999999] "y"\n'),
        10,
        "more than 100 plural forms",
    ),
    Malformed(
        "domain-directive", po('domain "x"\nmsgid "a"\nmsgstr "b"\n'), 7, "domain directives"
    ),
    Malformed("ends-after-msgctxt", po('msgctxt "x"\n'), 7, "the file ends after msgctxt"),
    Malformed("png-image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "NUL byte"),
]


def _edit(transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / SMALL_PO
        path.write_bytes(transform(path.read_bytes()))

    return apply


def _mark_fuzzy_with_hash_equals(data: bytes) -> bytes:
    """``#= fuzzy`` (the flag line gettext reads since 0.26) on the "What changed" entry."""
    return data.replace(b'msgid "What changed"', b'#= fuzzy\nmsgid "What changed"', 1)


def _drop_header(data: bytes) -> bytes:
    """Everything after the header entry (and the comments above it)."""
    return data[data.index(b"\n\n", data.index(b'msgid ""')) + 2 :]


@dataclass(frozen=True)
class Accepted:
    """A file that must be read (and kept) as the format allows."""

    name: str
    edit: Callable[[Path], None]
    xfail: str | None = None


ACCEPTED = [
    Accepted("utf8-bom", _edit(lambda data: b"\xef\xbb\xbf" + data)),
    Accepted("crlf-line-ends", _edit(lambda data: data.replace(b"\n", b"\r\n"))),
    Accepted("charset-placeholder", _edit(lambda data: data.replace(b"UTF-8", b"CHARSET"))),
    Accepted(
        "no-charset",
        _edit(lambda data: data.replace(b'"Content-Type: text/plain; charset=UTF-8\\n"\n', b"")),
    ),
    Accepted(
        "no-charset-but-a-msgstr-names-one",
        _edit(
            lambda data: data.replace(
                b'"Content-Type: text/plain; charset=UTF-8\\n"\n', b""
            ).replace(b'"X-Generator', b'"X-Note: charset=cp1251\\n"\n"X-Generator')
        ),
    ),
    Accepted("flags-line-hash-equals", _edit(_mark_fuzzy_with_hash_equals)),
    Accepted(
        "fuzzy-header", _edit(lambda data: data.replace(b'msgid ""', b'#, fuzzy\nmsgid ""', 1))
    ),
    Accepted("no-header", _edit(_drop_header)),
    Accepted(
        "c-escapes",
        _edit(
            lambda data: data.replace(
                'msgstr "Новые спальные вагоны"'.encode(),
                'msgstr "Новые\\x20спальные\\040вагоны"'.encode(),
            )
        ),
    ),
]
