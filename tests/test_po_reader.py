"""Tests for publish.po.reader, with GNU gettext (msgcat 0.21) as the oracle.

Every table case says what gettext does with the same input:

* ``SAME``: msgcat accepts it and ``write_catalog(read_catalog(x))`` is
  byte-identical to msgcat's output (decoded from the file's charset);
* ``ACCEPTS``: msgcat accepts it but writes something else on purpose (the
  reason is noted next to the case: publish keeps what gettext drops);
* ``REJECTS``: msgcat rejects it as well;
* a string: msgcat 0.21 disagrees on purpose; the string says why.

The msgcat half of each case is skipped when msgcat is not on PATH.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.errors import CatalogSyntaxError
from publish.po.model import Catalog, Entry
from publish.po.reader import read_catalog
from publish.po.writer import _flag_rank, write_catalog

MSGCAT = shutil.which("msgcat")
SAME = "same"
ACCEPTS = "accepts"
REJECTS = "rejects"

HEADER = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _run_msgcat(data: bytes, folder: Path) -> subprocess.CompletedProcess[bytes]:
    assert MSGCAT is not None
    source = folder / "oracle-input.po"
    source.write_bytes(data)
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    return subprocess.run(
        [MSGCAT, str(source)], capture_output=True, env=env, timeout=60, check=False
    )


def _read(data: bytes) -> Catalog:
    return read_catalog(data, "test.po")


def _problems(data: bytes) -> CatalogSyntaxError:
    with pytest.raises(CatalogSyntaxError) as info:
        _read(data)
    return info.value


def _charset_of(data: bytes) -> str:
    marker = b"charset="
    if marker in data:
        start = data.index(marker) + len(marker)
        end = start
        while data[end : end + 1] not in (b"\\", b" ", b";", b'"', b""):
            end += 1
        name = data[start:end].decode("ascii")
        return "utf-8" if name.upper() == "CHARSET" else name
    return "utf-8"


def _check_oracle(data: bytes, oracle: str, folder: Path) -> None:
    if MSGCAT is None:
        return
    result = _run_msgcat(data, folder)
    if oracle == REJECTS:
        assert result.returncode != 0, "msgcat accepts this input"
        return
    if oracle not in (SAME, ACCEPTS):
        return  # a documented, deliberate difference from gettext 0.21
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    if oracle == SAME:
        charset = _charset_of(data)
        expected = result.stdout.decode(charset)
        if charset.lower() not in ("utf-8", "utf8"):
            # publish saves UTF-8 and says so in the header (as msgconv would).
            expected = expected.replace(f"charset={charset}", "charset=UTF-8", 1)
        assert write_catalog(_read(data)) == expected


def _entry_fields(entry: Entry) -> dict[str, object]:
    """All fields but the line; flags in the order the writer puts them."""
    fields = dataclasses.asdict(entry)
    del fields["line"]
    flags = list(dict.fromkeys(entry.flags))
    first = entry.msgstr_plural.get(0, "") if entry.msgid_plural is not None else entry.msgstr
    is_header = entry.msgid == "" and entry.msgctxt is None and entry.msgid_plural is None
    if not is_header and not first and "fuzzy" in flags:
        flags.remove("fuzzy")  # gettext (and publish) write no fuzzy flag on an empty translation
    fields["flags"] = sorted(flags, key=_flag_rank)
    return fields


# ---------------------------------------------------------------------------
# Valid inputs: what they parse to (attributes of entries[0] unless the key
# starts with "catalog.") and what gettext does with them.

VALID = [
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n', {"msgid": "a", "msgstr": "b", "line": 4}, SAME, id="simple"
    ),
    pytest.param(
        b'msgid ""\n"a" "b"\n"c"\nmsgstr "x"\n"y"\n',
        {"msgid": "abc", "msgstr": "xy"},
        SAME,
        id="continuations",
    ),
    pytest.param(
        b'msgid "a" msgstr "b"\n', {"msgid": "a", "msgstr": "b"}, SAME, id="two-tokens-one-line"
    ),
    pytest.param(b'msgid"a"msgstr"b"\n', {"msgid": "a", "msgstr": "b"}, SAME, id="no-spaces"),
    pytest.param(
        b'  msgid "a"\n\tmsgstr \x0c"b"\x0b\n',
        {"msgid": "a", "msgstr": "b"},
        SAME,
        id="gettext-whitespace",
    ),
    pytest.param(
        b'msgid "a"\n\nmsgstr "b"\n\n"c"\n', {"msgstr": "bc"}, SAME, id="blank-lines-inside-entry"
    ),
    pytest.param(
        b'msgctxt ""\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
        {"msgctxt": "", "msgstr": "b", "catalog.entries[1].msgctxt": None},
        SAME,
        id="empty-context-differs-from-none",
    ),
    pytest.param(
        b'msgctxt ""\nmsgid ""\nmsgstr "not a header"\n',
        {"msgctxt": "", "msgid": "", "msgstr": "not a header"},
        SAME,
        id="empty-msgid-with-context-is-not-a-header",
    ),
    pytest.param(
        b'msgctxt "menu"\nmsgid "Open"\nmsgstr "Ouvrir"\n',
        {"msgctxt": "menu", "line": 5},
        SAME,
        id="context-line-is-msgid-line",
    ),
    pytest.param(
        b'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] "des"\n',
        {"msgid_plural": "many", "msgstr_plural": {0: "un", 1: "des"}, "msgstr": ""},
        SAME,
        id="plural",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr [ 0 ] "x"\nmsgstr[01]\n"y"\n',
        {"msgstr_plural": {0: "x", 1: "y"}},
        SAME,
        id="plural-spacing-leading-zero",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\n' + b"".join(b'msgstr[%d] "x"\n' % n for n in range(101)),
        {"msgstr_plural": dict.fromkeys(range(101), "x")},
        SAME,
        id="plural-index-100-allowed",
    ),
    pytest.param(
        b'# one\n#  two spaces\n#\n#no-space\n# \nmsgid "a"\nmsgstr "b"\n',
        {"translator_comments": ["one", " two spaces", "", "no-space", ""]},
        SAME,
        id="translator-comments-exact",
    ),
    pytest.param(
        b'#. ex\n#.  two\n#.\nmsgid "a"\nmsgstr "b"\n',
        {"extracted_comments": ["ex", " two", ""]},
        SAME,
        id="extracted-comments",
    ),
    pytest.param(
        b'#: a.c:1 b.c:2\n#:\tc.c:3  d.py\n#: a.c:1\nmsgid "a"\nmsgstr "b"\n',
        {"references": ["a.c:1", "b.c:2", "c.c:3", "d.py"]},
        SAME,
        id="references-split-and-deduplicated",
    ),
    pytest.param(
        '#: \u2068my file.c\u2069:12 b.c:3\nmsgid "a"\nmsgstr "b"\n'.encode(),
        {"references": ["\u2068my file.c\u2069:12", "b.c:3"]},
        SAME,
        id="references-isolated-file-name",
    ),
    pytest.param(
        b'#, fuzzy, c-format\nmsgid "a"\nmsgstr "b"\n',
        {"flags": ["fuzzy", "c-format"], "fuzzy": True},
        SAME,
        id="flags",
    ),
    # msgcat drops flags it does not know; publish keeps them.
    pytest.param(
        b'#, fuzzy,,my-flag  other\nmsgid "a"\nmsgstr "b"\n',
        {"flags": ["fuzzy", "my-flag", "other"]},
        ACCEPTS,
        id="unknown-flags-kept",
    ),
    # gettext 0.21 keeps only the LAST "#," line (po_parse_comment_special resets
    # the flags): here msgcat writes "#, c-format" and loses fuzzy.
    pytest.param(
        b'#, fuzzy\n#, c-format\nmsgid "a"\nmsgstr "b"\n',
        {"flags": ["fuzzy", "c-format"]},
        ACCEPTS,
        id="flag-lines-merged",
    ),
    # "#=" flag lines are gettext >= 0.26; 0.21 reads them as a comment "= fuzzy".
    pytest.param(
        b'#= fuzzy\n#, c-format\nmsgid "a"\nmsgstr "b"\n',
        {"flags": ["fuzzy", "c-format"], "translator_comments": []},
        ACCEPTS,
        id="hash-equals-flags",
    ),
    pytest.param(
        b'#! fuzzy\nmsgid "a"\nmsgstr "b"\n', {"flags": ["fuzzy"]}, SAME, id="old-bang-flags"
    ),
    pytest.param(
        b'#| msgid "old"\nmsgid "a"\nmsgstr "b"\n',
        {"previous_msgid": "old"},
        SAME,
        id="previous-msgid",
    ),
    pytest.param(
        b'#| msgctxt "c"\n#| "d"\n#| msgid "o"\n#| "p"\n#| msgid_plural "q"\n'
        b'msgid "a"\nmsgid_plural "x"\nmsgstr[0] "b"\n',
        {"previous_msgctxt": "cd", "previous_msgid": "op", "previous_msgid_plural": "q"},
        SAME,
        id="previous-multiline",
    ),
    pytest.param(
        b'#|msgid "o"\n\nmsgid "a"\nmsgstr "b"\n',
        {"previous_msgid": "o"},
        SAME,
        id="previous-without-space-and-blank-line",
    ),
    pytest.param(
        b'# tc\n#, fuzzy\n#~| msgid "prev"\n#~ msgid "gone"\n#~ msgstr "parti"\n',
        {
            "obsolete": True,
            "previous_msgid": "prev",
            "flags": ["fuzzy"],
            "translator_comments": ["tc"],
        },
        SAME,
        id="obsolete-with-previous",
    ),
    pytest.param(
        b'#~ # tc\n#~ #. ec\n#~ #: r.c:1\n#~ #, fuzzy\n#~ msgid "a"\n#~ msgstr "b"\n',
        {
            "obsolete": True,
            "translator_comments": ["tc"],
            "extracted_comments": ["ec"],
            "references": ["r.c:1"],
            "flags": ["fuzzy"],
        },
        SAME,
        id="obsolete-comments",
    ),
    pytest.param(
        b'#~msgctxt "c"\n#~ msgid "a"\n#~\n#~ msgid_plural "b"\n#~ msgstr[0] "x"\n#~ "y"\n',
        {"obsolete": True, "msgctxt": "c", "msgstr_plural": {0: "xy"}},
        SAME,
        id="obsolete-plural",
    ),
    pytest.param(
        b'#~ #| msgid "o"\n#~ msgid "a"\n#~ msgstr "b"\n',
        {"previous_msgid": "o"},
        SAME,
        id="obsolete-previous-spelled-apart",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n#~ msgid "c"\n#~ msgstr "d"\nmsgid "e"\nmsgstr "f"\n',
        {"catalog.entries[1].obsolete": True, "catalog.entries[2].msgid": "e"},
        SAME,
        id="obsolete-in-the-middle",
    ),
    pytest.param(
        b'# lead\n\nmsgid "a"\nmsgstr "b"\n',
        {"translator_comments": ["lead"]},
        SAME,
        id="comment-before-blank-line-belongs-to-next-entry",
    ),
    # msgcat drops comments after the last entry; publish keeps them verbatim.
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n\n# trailing\n#, fuzzy\n  # indented\n',
        {"catalog.trailing_comments": ["# trailing", "#, fuzzy", "  # indented"]},
        ACCEPTS,
        id="trailing-comments",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b" # note\n',
        {"catalog.trailing_comments": ["# note"]},
        ACCEPTS,
        id="comment-after-string",
    ),
    pytest.param(
        b'msgid "a\\"b\\\\"\nmsgstr "\\n\\t\\r\\a\\b\\f\\v"\n',
        {"msgid": 'a"b\\', "msgstr": "\n\t\r\a\b\f\v"},
        SAME,
        id="escapes",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\x41\\x4a\\103\\60\\1010\\x4142"\n',
        {"msgstr": "AJC0A0B"},
        SAME,
        id="octal-hex-escapes",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\303\\251\\xc3\\xa9"\n',
        {"msgstr": "\u00e9\u00e9"},
        SAME,
        id="escaped-utf8-bytes",
    ),
    pytest.param(
        'msgid "\u2028\x85\u2029"\nmsgstr "\x01\x1b\x7f"\n'.encode(),
        {"msgid": "\u2028\x85\u2029", "msgstr": "\x01\x1b\x7f"},
        SAME,
        id="unicode-line-separators-are-text",
    ),
    pytest.param(
        b'#, fuzzy\nmsgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "a"\nmsgstr "b"\n',
        {"catalog.header.fuzzy": True, "msgid": "a"},
        SAME,
        id="fuzzy-header",
    ),
    pytest.param(
        b'msgid "" "" msgstr "" "Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'msgid "a"\nmsgstr "b"\n',
        {"catalog.header.msgstr": "Content-Type: text/plain; charset=UTF-8\n"},
        SAME,
        id="header-on-one-line",
    ),
    pytest.param(
        HEADER.replace(b"\n", b"\r\n") + b'msgid "a"\r\nmsgstr "b"\r\n\r\n# t\r\n',
        {"catalog.newline": "\r\n", "catalog.trailing_comments": ["# t"]},
        ACCEPTS,
        id="crlf",
    ),
    pytest.param(
        b'msgid "a"\r\nmsgstr "b"\n',
        {"catalog.newline": "\n", "msgstr": "b"},
        SAME,
        id="mixed-line-ends-keep-lf",
    ),
    pytest.param(b'msgid "a"\nmsgstr "b"', {"msgstr": "b"}, SAME, id="no-final-newline"),
]


def _lookup(catalog: Catalog, key: str) -> object:
    if not key.startswith("catalog."):
        return getattr(catalog.entries[0], key)
    target: object = catalog
    for part in key.removeprefix("catalog.").split("."):
        name, _, index = part.partition("[")
        target = getattr(target, name)
        if index:
            assert isinstance(target, list)
            target = target[int(index.rstrip("]"))]
    return target


def _with_header(body: bytes) -> bytes:
    """Prefix the UTF-8 header unless the case brings its own."""
    if body.startswith((b'msgid ""', b'#, fuzzy\nmsgid ""')):
        return body
    return HEADER + body


@pytest.mark.parametrize(("body", "expected", "oracle"), VALID)
def test_valid(body: bytes, expected: dict[str, object], oracle: str, tmp_path: Path) -> None:
    data = _with_header(body)
    catalog = _read(data)
    for key, value in expected.items():
        assert _lookup(catalog, key) == value, key
    _check_oracle(data, oracle, tmp_path)


# ---------------------------------------------------------------------------
# Malformed inputs: the line and a fragment of the first problem's message.

INVALID = [
    pytest.param(b'msgid "a"\nmsgstr "b\n', 5, "unterminated string", REJECTS, id="unterminated"),
    pytest.param(
        b'msgid "a"\nmsgstr "b', 5, "unterminated string", REJECTS, id="unterminated-at-eof"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "Hello\nWorld"\n',
        5,
        "unterminated string",
        REJECTS,
        id="raw-newline-in-string",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "foo\\\\"bar"\n',
        5,
        "unescaped quote",
        REJECTS,
        id="stray-quote-after-escaped-backslash",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr ""\n"say "hi" now"\n',
        6,
        "unescaped quote",
        REJECTS,
        id="stray-quote-in-continuation",
    ),
    pytest.param(
        b'msgid "a"\nmsgstd "b"\n', 5, 'unknown keyword "msgstd"', REJECTS, id="unknown-keyword"
    ),
    pytest.param(
        b'#| msgstr "o"\nmsgid "a"\nmsgstr "b"\n',
        4,
        'unknown keyword "msgstr"',
        REJECTS,
        id="msgstr-is-no-previous-keyword",
    ),
    pytest.param(
        b"#~ some old text\n", 4, 'unknown keyword "some"', REJECTS, id="obsolete-free-text"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n@\n', 6, "unexpected character '@'", REJECTS, id="junk-character"
    ),
    pytest.param(b'msgstr "a"\n', 4, "msgstr without a msgid", REJECTS, id="msgstr-without-msgid"),
    pytest.param(
        b'msgctxt "c"\nmsgstr "a"\n',
        5,
        "unexpected msgstr after msgctxt",
        REJECTS,
        id="context-then-msgstr",
    ),
    pytest.param(
        b'msgid_plural "a"\n', 4, "msgid_plural without a msgid", REJECTS, id="plural-without-msgid"
    ),
    # (after a blank line a string still continues the previous msgstr, as in
    # gettext; after a comment it belongs to nothing)
    pytest.param(b'# c\n"orphan"\n', 5, "belongs to no keyword", REJECTS, id="orphan-string"),
    pytest.param(b'msgid "a"\n', 4, "entry has no msgstr", REJECTS, id="missing-msgstr-at-eof"),
    pytest.param(
        b'msgid "a"\nmsgid "b"\nmsgstr "c"\n',
        4,
        "entry has no msgstr",
        REJECTS,
        id="missing-msgstr",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr\n',
        5,
        "must be followed by a string",
        REJECTS,
        id="keyword-without-string",
    ),
    pytest.param(
        b'msgid "a"\n# comment\nmsgstr "b"\n',
        5,
        "comment line inside an entry",
        REJECTS,
        id="comment-inside-entry",
    ),
    pytest.param(
        b'msgctxt "x"\n# c\nmsgid "a"\nmsgstr "b"\n',
        5,
        "comment line inside an entry",
        REJECTS,
        id="comment-between-context-and-msgid",
    ),
    pytest.param(
        b'#| msgid "o"\n# c\nmsgid "a"\nmsgstr "b"\n',
        5,
        "comment line inside an entry",
        REJECTS,
        id="comment-between-previous-and-msgid",
    ),
    pytest.param(
        b'msgid "a"\n#| msgid "o"\nmsgstr "b"\n',
        5,
        "#| line inside an entry",
        REJECTS,
        id="previous-inside-entry",
    ),
    pytest.param(
        b'#| msgctxt "oc"\nmsgid "a"\nmsgstr "b"\n',
        4,
        "#| msgctxt must be followed by #| msgid",
        REJECTS,
        id="previous-context-alone",
    ),
    pytest.param(
        b'#| msgid_plural "p"\nmsgid "a"\nmsgstr "b"\n',
        4,
        "unexpected #| msgid_plural",
        REJECTS,
        id="previous-plural-alone",
    ),
    pytest.param(
        b'#| msgid "o"\n#| msgid "p"\nmsgid "a"\nmsgstr "b"\n',
        5,
        "second set of #| previous",
        REJECTS,
        id="two-previous-msgids",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n\n#| msgid "o"\n',
        7,
        "the file ends after the #|",
        REJECTS,
        id="dangling-previous-at-eof",
    ),
    pytest.param(
        b'#| "o"\nmsgid "a"\nmsgstr "b"\n',
        4,
        "unexpected #| string",
        REJECTS,
        id="previous-string-without-keyword",
    ),
    pytest.param(
        b'msgctxt "a"\nmsgctxt "b"\nmsgid "x"\nmsgstr "x"\n',
        5,
        "two msgctxt lines",
        REJECTS,
        id="two-contexts",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n',
        6,
        "is already defined at line 4",
        REJECTS,
        id="duplicate",
    ),
    pytest.param(
        b'msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "m"\nmsgid "a"\nmsgstr "c"\n',
        9,
        "is already defined at line 5",
        REJECTS,
        id="duplicate-with-context",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
        7,
        "is already defined at line 4",
        REJECTS,
        id="duplicate-active-and-obsolete",
    ),
    pytest.param(
        b'msgid ""\nmsgstr "X-Other: 1\\n"\n', 4, "second header entry", REJECTS, id="second-header"
    ),
    pytest.param(
        b'#~ msgid ""\n#~ msgstr "X: y\\n"\n',
        4,
        "second header entry",
        REJECTS,
        id="obsolete-second-header",
    ),
    pytest.param(
        b'<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\nmsgstr "c"\n>>>>>>> branch\n',
        4,
        "git merge conflict marker",
        REJECTS,
        id="conflict-markers",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[1] "x"\n',
        6,
        "msgstr[1] where msgstr[0] was expected",
        REJECTS,
        id="plural-starts-at-one",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[0] "y"\n',
        7,
        "msgstr[0] where msgstr[1] was expected",
        REJECTS,
        id="plural-duplicated",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\n',
        7,
        "msgstr[2] where msgstr[1] was expected",
        REJECTS,
        id="plural-gap",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[x] "x"\n',
        6,
        "needs a number index",
        REJECTS,
        id="plural-index-not-a-number",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[-1] "x"\n',
        6,
        "needs a number index",
        REJECTS,
        id="plural-index-negative",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0 "x"\n',
        6,
        "needs a number index",
        REJECTS,
        id="plural-index-unclosed",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[99999999999999999999999] "x"\n',
        6,
        "more than 100 plural forms",
        REJECTS,
        id="plural-index-huge",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\n' + b"".join(b'msgstr[%d] "x"\n' % n for n in range(102)),
        107,
        "more than 100 plural forms",
        "msgcat accepts any count; publish caps it at 100",
        id="plural-index-101",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr[0] "x"\n',
        5,
        "msgstr[N] in an entry without msgid_plural",
        REJECTS,
        id="plural-form-without-msgid-plural",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr "x"\n',
        6,
        "instead of a plain msgstr",
        REJECTS,
        id="msgid-plural-with-plain-msgstr",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr "y"\n',
        7,
        "a plain msgstr after msgstr[N]",
        REJECTS,
        id="plain-msgstr-after-plural",
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\n', 4, "has no msgstr[0]", REJECTS, id="plural-without-msgstr"
    ),
    pytest.param(
        b'msgid "a"\nmsgid_plural "b"\nmsgid_plural "c"\nmsgstr[0] "x"\n',
        6,
        "unexpected msgid_plural",
        REJECTS,
        id="two-msgid-plurals",
    ),
    pytest.param(
        b'msgid "a"\n#~ msgstr "b"\n',
        5,
        "inconsistent use of #~",
        REJECTS,
        id="obsolete-msgstr-only",
    ),
    pytest.param(
        b'#~ msgid "a"\nmsgstr "b"\n',
        5,
        "inconsistent use of #~",
        REJECTS,
        id="obsolete-msgid-only",
    ),
    pytest.param(
        b'#~ msgid "a"\n#~ msgstr "b"\n"c"\n',
        6,
        "inconsistent use of #~",
        REJECTS,
        id="active-continuation-of-obsolete",
    ),
    pytest.param(
        b'#| msgid "o"\n#~ msgid "a"\n#~ msgstr "b"\n',
        5,
        "inconsistent use of #~",
        REJECTS,
        id="active-previous-on-obsolete",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\u00e9"\n', 5, 'invalid escape sequence "\\u"', REJECTS, id="escape-u"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\U0001F600"\n',
        5,
        'invalid escape sequence "\\U"',
        REJECTS,
        id="escape-U",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\?"\n',
        5,
        'invalid escape sequence "\\?"',
        REJECTS,
        id="escape-question-mark",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\\'"\n', 5, "invalid escape sequence", REJECTS, id="escape-apostrophe"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\e"\n', 5, 'invalid escape sequence "\\e"', REJECTS, id="escape-e"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\x"\n',
        5,
        'invalid escape sequence "\\x"',
        REJECTS,
        id="escape-x-without-digits",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\8"\n', 5, 'invalid escape sequence "\\8"', REJECTS, id="escape-8"
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "\\777"\n',
        5,
        "do not make valid UTF-8",
        REJECTS,
        id="escape-invalid-utf8-byte",
    ),
    # msgcat 0.21 aborts (SIGABRT) on this one: "incomplete multibyte sequence".
    pytest.param(
        b'msgid "a"\nmsgstr "\\xc3"\n',
        5,
        "do not make valid UTF-8",
        REJECTS,
        id="escape-incomplete-utf8",
    ),
    pytest.param(b'msgid "a"\nmsgstr "b\x04c"\n', 5, "U+0004", REJECTS, id="eot-in-string"),
    pytest.param(b'msgid "a"\nmsgstr "\\x4g"\n', 5, "U+0004", REJECTS, id="eot-from-escape"),
    pytest.param(
        b'msgid "a"\nmsgstr "b\x00c"\n',
        5,
        "NUL byte at column 10",
        "msgcat 0.21 silently truncates the string at the NUL",
        id="nul-byte",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b\\0c"\n',
        5,
        "makes a NUL character",
        "msgcat 0.21 silently truncates the string",
        id="nul-escape",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b\\x100"\n',
        5,
        "makes a NUL character",
        "msgcat 0.21 silently truncates the string",
        id="nul-hex-escape-wraps",
    ),
    pytest.param(
        b'msgid "a"\nmsgstr "b\rc"\n',
        5,
        "carriage return (CR) inside the line",
        "msgcat keeps the raw CR in the string",
        id="lone-cr",
    ),
    pytest.param(
        b'msgid "a\\\n"\nmsgstr "b"\n',
        4,
        "line ends with a backslash",
        'gettext joins the two lines and reads msgid "a"',
        id="backslash-newline",
    ),
    pytest.param(
        b'# C:\\\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n',
        4,
        "line ends with a backslash",
        REJECTS,
        id="backslash-newline-in-comment",
    ),
    pytest.param(
        b'#~|#, fuzzy\n#~ msgid "a"\n#~ msgstr "b"\n',
        4,
        "a comment after #| on the same line",
        "gettext reads the next lines as #| lines; it happens to work here",
        id="comment-after-previous-marker",
    ),
    pytest.param(
        b'#|# c\nmsgid "a"\nmsgstr "b"\n',
        4,
        "a comment after #| on the same line",
        REJECTS,
        id="comment-after-previous-marker-breaks-gettext",
    ),
    pytest.param(
        b'domain "foo"\nmsgid "a"\nmsgstr "b"\n',
        4,
        "domain directives",
        "msgcat accepts domain lines; a Catalog has no place for them",
        id="domain",
    ),
]


@pytest.mark.parametrize(("body", "line", "fragment", "oracle"), INVALID)
def test_invalid(body: bytes, line: int, fragment: str, oracle: str, tmp_path: Path) -> None:
    data = HEADER + body
    error = _problems(data)
    first = error.problems[0]
    assert fragment in first.message, str(error)
    assert first.line == line, str(error)
    for problem in error.problems:
        assert problem.path == "test.po"
        assert problem.line is not None
        assert problem.hint
    _check_oracle(data, oracle, tmp_path)


def test_duplicate_names_both_lines() -> None:
    error = _problems(HEADER + b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n')
    (problem,) = error.problems
    assert problem.line == 7
    assert "line 4" in problem.message
    assert "obsolete" in (problem.hint or "")


def test_conflict_markers_hint_and_no_duplicate_noise() -> None:
    data = HEADER + b'<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\nmsgstr "c"\n'
    data += b">>>>>>> theirs\n"
    error = _problems(data)
    assert [p.line for p in error.problems] == [4, 7, 10]
    assert all("resolve the merge conflict" in (p.hint or "") for p in error.problems)


def test_many_independent_problems_are_reported() -> None:
    data = HEADER + (
        b'msgid "a"\nmsgstd "b"\n\n'  # 4-5: unknown keyword
        b'msgid "c"\nmsgstr "d\n\n'  # 7-8: unterminated
        b'msgid "e"\nmsgstr "\\q"\n\n'  # 10-11: bad escape
        b'msgid "f"\nmsgstr "g"\n\n'  # fine
        b'msgid "f"\nmsgstr "h"\n'  # 16: duplicate
    )
    error = _problems(data)
    assert [p.line for p in error.problems] == [5, 8, 11, 16]
    assert "test.po:5: error: unknown keyword" in str(error)


def test_problem_count_is_capped() -> None:
    data = HEADER + b"".join(b'msgid "a%d"\nmsgstr "\\q"\n' % n for n in range(500))
    error = _problems(data)
    assert len(error.problems) == 101
    assert [p.line for p in error.problems[:100]] == list(range(5, 205, 2))
    assert "too many problems" in error.problems[-1].message
    assert error.problems[-1].line is None


def test_unknown_keyword_suggests_the_right_one() -> None:
    error = _problems(HEADER + b'msgid "a"\nmsgstd "b"\n')
    assert error.problems[0].hint == "did you mean msgstr?"


# ---------------------------------------------------------------------------
# Escapes, one by one, against msgcat.

ESCAPES = [
    ("\\n", "\n"),
    ("\\t", "\t"),
    ("\\r", "\r"),
    ("\\a", "\a"),
    ("\\b", "\b"),
    ("\\f", "\f"),
    ("\\v", "\v"),
    ("\\\\", "\\"),
    ('\\"', '"'),
    ("\\101", "A"),
    ("\\60", "0"),
    ("\\1010", "A0"),
    ("\\x41", "A"),
    ("\\x4a", "J"),
    ("\\x4142", "B"),
    ("\\303\\251", "\u00e9"),
]
BAD_ESCAPES = ["\\?", "\\'", "\\u0041", "\\U00000041", "\\e", "\\q", "\\x", "\\xg", "\\8", "\\ "]


@pytest.mark.parametrize(("escape", "value"), ESCAPES)
def test_escape_accepted(escape: str, value: str, tmp_path: Path) -> None:
    data = HEADER + f'msgid "x"\nmsgstr "{escape}"\n'.encode()
    assert _read(data).entries[0].msgstr == value
    _check_oracle(data, SAME, tmp_path)


@pytest.mark.parametrize("escape", BAD_ESCAPES)
def test_escape_rejected(escape: str, tmp_path: Path) -> None:
    data = HEADER + f'msgid "x"\nmsgstr "{escape}"\n'.encode()
    error = _problems(data)
    assert error.problems[0].line == 5
    assert "invalid escape sequence" in error.problems[0].message
    _check_oracle(data, REJECTS, tmp_path)


# ---------------------------------------------------------------------------
# Charsets and bytes.


def _header(charset: str) -> bytes:
    return f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\n'.encode()


def test_latin1_catalog(tmp_path: Path) -> None:
    data = b"# Jos\xe9\n" + _header("ISO-8859-1") + b'msgid "caf\xe9"\nmsgstr "\xe9t\xe9"\n'
    catalog = _read(data)
    assert catalog.header is not None
    assert catalog.header.translator_comments == ["Jos\u00e9"]
    assert catalog.entries[0].msgid == "caf\u00e9"
    assert catalog.entries[0].msgstr == "\u00e9t\u00e9"
    _check_oracle(data, SAME, tmp_path)


def test_shift_jis_backslash_byte_is_not_an_escape(tmp_path: Path) -> None:
    # 0x95 0x5c is one character; the 0x5c byte is not a backslash.
    data = _header("SHIFT_JIS") + b'msgid "a"\nmsgstr "\x95\x5c"\n'
    assert _read(data).entries[0].msgstr == "\u8868"
    _check_oracle(data, SAME, tmp_path)


def test_charset_only_from_header_not_from_messages() -> None:
    # polib would decode this whole file as cp1251.
    data = HEADER + 'msgid "a"\nmsgstr "charset=cp1251 \u00e9"\n'.encode()
    assert _read(data).entries[0].msgstr == "charset=cp1251 \u00e9"


def test_template_charset_placeholder_is_utf8() -> None:
    # msgcat refuses "CHARSET" (not a portable encoding); POT files carry it.
    data = _header("CHARSET") + 'msgid "a"\nmsgstr "\u00e9"\n'.encode()
    assert _read(data).entries[0].msgstr == "\u00e9"


def test_no_header_defaults_to_utf8() -> None:
    # msgcat refuses non-ASCII without a charset; publish assumes UTF-8.
    catalog = _read('msgid "a"\nmsgstr "\u00e9"\n'.encode())
    assert catalog.header is None
    assert catalog.entries[0].msgstr == "\u00e9"


def test_unknown_charset(tmp_path: Path) -> None:
    data = _header("KLINGON-8") + b'msgid "a"\nmsgstr "b"\n'
    error = _problems(data)
    assert error.problems[0].line == 1
    assert 'unknown charset "KLINGON-8"' in error.problems[0].message
    _check_oracle(data, REJECTS, tmp_path)


def test_non_ascii_compatible_charset_is_refused() -> None:
    error = _problems(_header("UTF-16") + b'msgid "a"\nmsgstr "b"\n')
    assert "unknown charset" in error.problems[0].message


def test_invalid_bytes_have_line_and_column(tmp_path: Path) -> None:
    data = HEADER + b'msgid "a"\nmsgstr "ok \xff"\n\nmsgid "b"\nmsgstr "\xc3"\n'
    error = _problems(data)
    assert [(p.line, p.message) for p in error.problems] == [
        (5, "bytes not valid in UTF-8 at column 12 (byte 0xff)"),
        (8, "bytes not valid in UTF-8 at column 9 (byte 0xc3)"),
    ]
    _check_oracle(data, REJECTS, tmp_path)


def test_latin1_bytes_in_utf8_file(tmp_path: Path) -> None:
    data = HEADER + b'msgid "a"\nmsgstr "\xe9t\xe9"\n'
    error = _problems(data)
    assert error.problems[0].line == 5
    assert "column 9" in error.problems[0].message
    _check_oracle(data, REJECTS, tmp_path)


def test_utf8_bom_is_stripped() -> None:
    # msgcat 0.21 reports a syntax error on a BOM; publish strips it.
    catalog = _read(b"\xef\xbb\xbf" + HEADER + b'msgid "a"\nmsgstr "b"\n')
    assert catalog.header is not None
    assert catalog.header.msgid == ""
    assert [entry.msgid for entry in catalog.entries] == ["a"]
    assert catalog.newline == "\n"


def test_bom_with_other_charset() -> None:
    error = _problems(b"\xef\xbb\xbf" + _header("ISO-8859-1") + b'msgid "a"\nmsgstr "b"\n')
    assert "byte order mark" in error.problems[0].message


def test_header_not_first_with_other_charset() -> None:
    data = b'msgid "a"\nmsgstr "b"\n\n' + _header("ISO-8859-1")
    error = _problems(data)
    assert error.problems[0].line == 4
    assert "not the first entry" in error.problems[0].message


def test_header_not_first_in_utf8_is_fine() -> None:
    catalog = _read(b'msgid "a"\nmsgstr "b"\n\n' + HEADER)
    assert catalog.header is not None
    assert catalog.header.line == 4


def test_nul_bytes(tmp_path: Path) -> None:
    data = HEADER + b'msgid "a"\nmsgstr "b\x00"\n\x00\n'
    error = _problems(data)
    assert [p.line for p in error.problems] == [5, 6]
    assert "UTF-16" in (error.problems[0].hint or "")


def test_utf16_file_is_refused_with_a_hint() -> None:
    data = (HEADER + b'msgid "a"\nmsgstr "b"\n').decode().encode("utf-16")
    error = _problems(data)
    assert "NUL byte" in error.problems[0].message


def test_no_header_is_fine() -> None:
    catalog = _read(b'msgid "a"\nmsgstr "b"\n')
    assert catalog.header is None
    assert catalog.entries[0].ships


def test_empty_and_comment_only_files() -> None:
    assert _read(b"") == Catalog()
    assert _read(b"\n\n") == Catalog()
    assert _read(b"# just a comment\n").trailing_comments == ["# just a comment"]


def test_crlf_round_trip() -> None:
    data = (HEADER + b'# c\nmsgid "a"\nmsgstr "b"\n').replace(b"\n", b"\r\n")
    catalog = _read(data)
    assert catalog.newline == "\r\n"
    assert catalog.entries[0].translator_comments == ["c"]
    assert write_catalog(catalog).encode() == data


# ---------------------------------------------------------------------------
# Round trips against msgcat on a realistic catalog.

REALISTIC = """\
# French translation of the example site.
# Copyright (C) 2024 Somebody
# José Translator <jose@example.org>, 2024.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: example 1.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"PO-Revision-Date: 2024-01-02 00:00+0000\\n"
"Last-Translator: José Translator <jose@example.org>\\n"
"Language-Team: French\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#. Title of the article
#: articles/one.md:1 articles/one.md:12 articles/two.md:3 articles/three.md:4
#: articles/four.md:5
msgid "A title"
msgstr "Un titre"

#. A long paragraph
#: articles/one.md:3
#, python-format
msgid ""
"This is a long paragraph of text that will certainly need to be wrapped by "
"gettext because it is longer than seventy-nine columns, with a \\"quote\\"."
msgstr ""
"Ceci est un long paragraphe de texte qui devra certainement être coupé par "
"gettext car il dépasse soixante-dix-neuf colonnes, avec une « citation »."

msgctxt "button"
msgid "Open"
msgstr "Ouvrir"

msgctxt ""
msgid "Open"
msgstr "Ouvrez"

#, fuzzy
#| msgid "Line one\\n"
#| "line two"
msgid ""
"Line one\\n"
"line 2"
msgstr ""
"Ligne un\\n"
"ligne deux"

#, no-wrap
msgid "A very long line that is not wrapped because the no-wrap flag is set on this entry."
msgstr "Une très longue ligne qui n'est pas coupée parce que l'entrée a le drapeau no-wrap."

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Un fichier"
msgstr[1] "%d fichiers"

msgid "中文字符的宽度是两列，所以这一行需要在较早的位置换行，否则会超出七十九列的页面宽度限制。"
msgstr "全角文字は二列分の幅を持つため、この行は早めに折り返す必要があります。さもないと七十九列を超えます。"

msgid "Tab\\tand bell\\a and backslash \\\\ end"
msgstr "Tabulation\\tet cloche\\a et barre \\\\ fin"

#~ msgid "Removed"
#~ msgstr "Supprimé"

#, fuzzy
#~| msgid "Old text"
#~ msgctxt "menu"
#~ msgid "Newer text"
#~ msgstr "Texte"
"""


@pytest.mark.skipif(MSGCAT is None, reason="msgcat not installed")
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_realistic_catalog_round_trips_like_msgcat(newline: str, tmp_path: Path) -> None:
    data = REALISTIC.replace("\n", newline).encode()
    catalog = _read(data)
    assert catalog.newline == newline
    result = _run_msgcat(data, tmp_path)
    assert result.returncode == 0, result.stderr
    # msgcat writes LF, but keeps each comment's CR as part of its text (it
    # drops it from flag lines, where CR separates flags): the empty "#"
    # comment comes back as "# \r". publish reads that comment as "".
    expected = result.stdout.decode()
    if newline == "\r\n":
        expected = expected.replace("\r", "").replace("\n# \n", "\n#\n").replace("\n", "\r\n")
    assert write_catalog(catalog) == expected
    assert write_catalog(_read(write_catalog(catalog).encode())) == expected


def test_realistic_catalog_fields() -> None:
    catalog = _read(REALISTIC.encode())
    assert catalog.header is not None
    assert catalog.header.fuzzy
    assert catalog.header_fields()["Language"] == "fr"
    by_key = {entry.key: entry for entry in catalog.entries}
    assert by_key[("button", "Open")].msgstr == "Ouvrir"
    assert by_key[("", "Open")].msgstr == "Ouvrez"
    title = by_key[(None, "A title")]
    assert title.references[-1] == "articles/four.md:5"
    assert title.line == 23
    multi = by_key[(None, "Line one\nline 2")]
    assert multi.previous_msgid == "Line one\nline two"
    assert multi.fuzzy
    obsolete = by_key[("menu", "Newer text")]
    assert obsolete.obsolete
    assert obsolete.previous_msgid == "Old text"
    assert obsolete.fuzzy


# ---------------------------------------------------------------------------
# Generated catalogs: write -> read gives the same catalog.

_TEXT_CHARS = st.one_of(
    st.sampled_from(list('ab "\\\n\t\r\u00e9\u4e2d\u2028\x85\x07\x08\x0b\x0c\x1b{}%')),
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00\x04"),
)
TEXT = st.text(_TEXT_CHARS, max_size=60)
COMMENT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00\n\r"), max_size=60
).filter(lambda text: not text.endswith("\\"))
# The writer drops a leading "./" as msgcat does, so round trips start without one.
REFERENCE = st.one_of(
    st.from_regex(r"[a-z0-9_./-]{1,20}(:[0-9]{1,5})?", fullmatch=True),
    st.just("\u2068my file.md\u2069:7"),
).filter(lambda ref: not ref.startswith("./"))
# msgcat rewrites "f.c:007" as "f.c:7"; publish keeps references as written.
GETTEXT_REFERENCE = st.from_regex(r"[a-z_./-][a-z0-9_./-]{0,19}(:[1-9][0-9]{0,4})?", fullmatch=True)
# Canonical order (fuzzy, format flags, no-wrap, unknown) so the writer's
# ordering is the identity.
FLAGS = ["fuzzy", "c-format", "python-format", "no-wrap", "x-custom", "another-flag"]
GETTEXT_FLAGS = FLAGS[:4]


@st.composite
def entries(draw: st.DrawFn, obsolete: bool, gettext_only: bool = False) -> Entry:
    plural = draw(st.booleans())
    previous_msgid = draw(st.none() | TEXT)
    entry = Entry(
        msgid=draw(TEXT),
        msgctxt=draw(st.none() | TEXT),
        translator_comments=draw(st.lists(COMMENT, max_size=2)),
        extracted_comments=draw(st.lists(COMMENT, max_size=2)),
        references=draw(
            st.lists(GETTEXT_REFERENCE if gettext_only else REFERENCE, max_size=12, unique=True)
        ),
        flags=[flag for flag in (GETTEXT_FLAGS if gettext_only else FLAGS) if draw(st.booleans())],
        previous_msgid=previous_msgid,
        previous_msgctxt=None if previous_msgid is None else draw(st.none() | TEXT),
        previous_msgid_plural=None if previous_msgid is None else draw(st.none() | TEXT),
        obsolete=obsolete,
    )
    if plural:
        entry.msgid_plural = draw(TEXT)
        forms = draw(st.lists(TEXT, min_size=1, max_size=4))
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = draw(TEXT)
    if gettext_only and not (entry.msgstr or entry.msgstr_plural.get(0)):
        if obsolete:  # msgcat drops untranslated obsolete entries
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "x")
            entry.msgstr = "" if plural else "x"
        else:  # msgcat drops "fuzzy" when msgstr (msgstr[0]) is empty
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    return entry


@st.composite
def catalogs(draw: st.DrawFn, gettext_only: bool = False) -> Catalog:
    """Random catalogs; ``gettext_only``: what msgcat 0.21 writes back unchanged
    (a header and a message, known flags only, no untranslated obsolete entries
    and no trailing comments, which msgcat drops)."""

    def unique(items: list[Entry]) -> list[Entry]:
        return [entry for entry in items if entry.key != (None, "")]

    active = draw(
        st.lists(
            entries(obsolete=False, gettext_only=gettext_only),
            min_size=1 if gettext_only else 0,
            max_size=6,
            unique_by=lambda e: e.key,
        ).filter(lambda items: not gettext_only or bool(unique(items)))
    )
    gone = draw(
        st.lists(
            entries(obsolete=True, gettext_only=gettext_only),
            max_size=3,
            unique_by=lambda e: e.key,
        )
    )
    keys = {entry.key for entry in active}
    gone = [entry for entry in gone if entry.key not in keys]
    header = None
    if gettext_only or draw(st.booleans()):
        header = Entry(
            msgid="",
            msgstr="Project-Id-Version: x\nContent-Type: text/plain; charset=UTF-8\n",
            translator_comments=draw(st.lists(COMMENT, max_size=2)),
            flags=["fuzzy"] if draw(st.booleans()) else [],
        )
    trailing = [] if gettext_only else draw(st.lists(COMMENT.map(lambda t: f"# {t}"), max_size=2))
    return Catalog(
        header=header,
        entries=unique(active) + unique(gone),
        # (with CRLF msgcat keeps the CR as comment text: see the realistic test)
        newline="\n" if gettext_only else draw(st.sampled_from(["\n", "\r\n"])),
        trailing_comments=trailing,
    )


def _assert_same_catalog(read: Catalog, original: Catalog) -> None:
    if write_catalog(original):  # an empty file has no line-end convention
        assert read.newline == original.newline
    assert read.trailing_comments == original.trailing_comments
    assert (read.header is None) == (original.header is None)
    if read.header is not None and original.header is not None:
        assert _entry_fields(read.header) == _entry_fields(original.header)
    assert [_entry_fields(e) for e in read.entries] == [_entry_fields(e) for e in original.entries]


@settings(database=None, max_examples=150, deadline=None)
@given(catalogs())
def test_generated_catalogs_round_trip(catalog: Catalog) -> None:
    text = write_catalog(catalog)
    _assert_same_catalog(read_catalog(text.encode(), "gen.po"), catalog)


@pytest.mark.skipif(MSGCAT is None, reason="msgcat not installed")
@settings(
    database=None,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(catalog=catalogs(gettext_only=True))
def test_generated_catalogs_match_msgcat(catalog: Catalog, tmp_path: Path) -> None:
    data = write_catalog(catalog).encode()
    result = _run_msgcat(data, tmp_path)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert write_catalog(read_catalog(data, "gen.po")).encode() == result.stdout.replace(
        b"\r\n", b"\n"
    ).replace(b"\n", catalog.newline.encode())


# ---------------------------------------------------------------------------
# Differential against polib on well-formed files (where polib is correct:
# no \a \b \f \v escapes, no #~| previous strings, read from a path).

POLIB_TEXT = st.text(
    st.one_of(
        st.sampled_from(list('ab "\\\n\t\r\u00e9\u4e2d\u2028\x85')),
        st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\x00\x04"),
    ),
    max_size=80,
)


@st.composite
def polib_catalogs(draw: st.DrawFn) -> Catalog:
    items = []
    for _ in range(draw(st.integers(0, 6))):
        entry = Entry(
            msgid=draw(POLIB_TEXT),
            msgctxt=draw(st.none() | POLIB_TEXT),
            obsolete=draw(st.booleans()),
        )
        if draw(st.booleans()):
            entry.msgid_plural = draw(POLIB_TEXT)
            entry.msgstr_plural = dict(
                enumerate(draw(st.lists(POLIB_TEXT, min_size=1, max_size=3)))
            )
        else:
            entry.msgstr = draw(POLIB_TEXT)
        # polib 1.2.0 mixes up an entry with msgid "" and msgctxt "" with the
        # header (one of them vanishes), so empty msgids are left out.
        if entry.msgid and all(entry.key != other.key for other in items):
            items.append(entry)
    items.sort(key=lambda entry: entry.obsolete)
    return Catalog(
        header=Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"), entries=items
    )


@settings(
    database=None,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(catalog=polib_catalogs())
def test_agrees_with_polib_on_well_formed_files(catalog: Catalog, tmp_path: Path) -> None:
    polib = pytest.importorskip("polib")
    path = tmp_path / "polib.po"
    path.write_text(write_catalog(catalog), encoding="utf-8")
    ours = read_catalog(path.read_bytes(), str(path))
    theirs = polib.pofile(str(path), encoding="utf-8")
    assert len(theirs) == len(ours.entries)
    for mine, other in zip(ours.entries, theirs, strict=True):
        assert mine.msgid == other.msgid
        assert mine.msgctxt == other.msgctxt
        assert mine.obsolete == bool(other.obsolete)
        if mine.msgid_plural is None:
            assert mine.msgstr == other.msgstr
        else:
            assert mine.msgid_plural == other.msgid_plural
            assert mine.msgstr_plural == {int(k): v for k, v in other.msgstr_plural.items()}


def test_where_polib_loses_data_we_do_not(tmp_path: Path) -> None:
    """Inputs from docs/po-pitfalls: polib 1.2.0 silently alters them."""
    # An obsolete entry's previous msgid: polib drops it on save (#158).
    data = HEADER + b'#~| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n'
    assert _read(data).entries[0].previous_msgid == "old"
    # Hex and octal escapes: polib keeps them literally.
    assert _read(HEADER + b'msgid "a"\nmsgstr "\\x41\\102"\n').entries[0].msgstr == "AB"
    # msgstr[12] on its own: polib stores it as msgstr[1]; here it is an error.
    error = _problems(HEADER + b'msgid "a"\nmsgid_plural "b"\nmsgstr[12] "x"\n')
    assert "msgstr[12]" in error.problems[0].message


# ---------------------------------------------------------------------------
# Robustness: only CatalogSyntaxError escapes, whatever the input.


def _read_or_syntax_error(data: bytes) -> Catalog | None:
    try:
        return read_catalog(data, "fuzz.po")
    except CatalogSyntaxError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path == "fuzz.po"
            assert problem.message
        return None


@settings(database=None, max_examples=500, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _read_or_syntax_error(data)


_PIECES = [
    b"msgid",
    b"msgstr",
    b"msgctxt",
    b"msgid_plural",
    b"msgstr[0]",
    b"msgstr[1]",
    b"[",
    b"]",
    b'"',
    b'""',
    b"\\",
    b"\\x",
    b"\\0",
    b"\\777",
    b"#",
    b"#~",
    b"#|",
    b"#~|",
    b"#,",
    b"#.",
    b"#:",
    b"#=",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x04",
    b" ",
    b"\t",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"<<<<<<< x",
    b"=======",
    b"charset=",
    b"ISO-8859-1",
    b"CHARSET",
    b"domain",
    b"99999999999",
]


@settings(database=None, max_examples=500, deadline=None)
@given(st.data())
def test_mutated_catalogs_never_crash(data: st.DataObject) -> None:
    base = bytearray(REALISTIC.encode())
    for _ in range(data.draw(st.integers(1, 6))):
        operation = data.draw(st.integers(0, 3))
        position = data.draw(st.integers(0, len(base)))
        if operation == 0:
            base[position:position] = data.draw(st.sampled_from(_PIECES))
        elif operation == 1:
            del base[position : position + data.draw(st.integers(1, 20))]
        elif operation == 2:
            base[position:position] = data.draw(st.binary(max_size=8))
        else:
            lines = bytes(base).split(b"\n")
            random.Random(position).shuffle(lines)
            base = bytearray(b"\n".join(lines))
    catalog = _read_or_syntax_error(bytes(base))
    if catalog is not None:
        # Whatever was accepted can be written and read back to the same thing.
        # (Skipped when the writer refuses a value, e.g. a latin-1 catalog.)
        try:
            text = write_catalog(catalog)
        except ValueError:
            return
        # What publish writes it reads back, and writing that again changes nothing
        # (the first write may normalise: charset declared as UTF-8, a space after
        # a comment's final backslash).
        again = read_catalog(text.encode(), "again.po")
        assert write_catalog(again) == text


# ---------------------------------------------------------------------------
# Size.


def test_400k_line_catalog() -> None:
    parts = [HEADER.decode()]
    lines = 3
    number = 0
    while lines < 400_000:
        parts.append(
            f"#: src/page{number}.md:{number}\n"
            f'msgid ""\n"Paragraph {number} with \\"quoted\\" text "\n"and a second line\\n"\n'
            f'msgstr ""\n"Paragraphe {number} avec du texte "\n"et une deuxième ligne\\n"\n\n'
        )
        lines += 8
        number += 1
    chain = 'msgid "long"\nmsgstr ""\n' + '"a continuation line\\n"\n' * 100_000
    catalog = _read(("".join(parts) + chain).encode())
    assert len(catalog.entries) == number + 1
    assert catalog.entries[-1].msgstr == "a continuation line\n" * 100_000
    assert (
        catalog.entries[-2].msgid
        == f'Paragraph {number - 1} with "quoted" text and a second line\n'
    )
