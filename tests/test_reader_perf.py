"""The streaming PO reader reads a file the same way however it goes about it.

The reader decodes a file in pieces, makes tokens only when the parser asks,
and takes entries in the common layout whole (``publish.po.layout``). None of
that may show: the result (or every problem, with its line) must be the one
the token path gives for the whole file. These tests hold the reader to it,
and check that it keeps no copy of the file beyond the catalog it builds.

``PUBLISH_FUZZ_EXAMPLES`` sets the number of examples, as in test_fuzz.py.
"""

from __future__ import annotations

import codecs
import os
import tracemalloc
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import publish.po.lexer
import publish.po.text
from publish.errors import PublishError
from publish.po.charset import ALLOWED_CODECS
from publish.po.layout import read_entry
from publish.po.lexer import has_conflict_marker
from publish.po.model import Catalog, Entry
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


def outcome(data: bytes) -> tuple[Any, ...]:
    """Everything a read gives: the catalog and its warnings, or the problems."""
    try:
        catalog = read_catalog(data, "t.po")
    except PublishError as exc:
        return ("refused", [(p.message, p.line, p.hint) for p in exc.problems])
    return ("read", catalog, catalog.warnings, catalog.newline, catalog.trailing_comments)


def tokens_only(data: bytes) -> tuple[Any, ...]:
    """:func:`outcome` with every entry read through the tokens."""
    with mock.patch.object(publish.po.lexer, "read_entry", return_value=None):
        return outcome(data)


def in_pieces(data: bytes, size: int) -> tuple[Any, ...]:
    """:func:`outcome` with the file decoded ``size`` bytes at a time."""
    with mock.patch.object(publish.po.text, "PIECE_BYTES", size):
        return outcome(data)


# -- catalogs in (and near) the layout gettext writes -------------------------------

BODY = st.sampled_from(
    ["a", "b c", " ", "й", "語", '\\"', "\\\\", "\\n", "\\t", "\\r", '"', "\\", "\\q", "\\x41",
     "\\101", "\\0", "\x04", "\r", "#", "|", "~"]
)  # fmt: skip
COMMENT = st.sampled_from(
    ["# note", "#. paragraph 1", "#: source/a.md:3 b.md:4", "#: a\tb\u2068c d\u2069", "#, fuzzy",
     "#, c-format, no-wrap", "#", "#~ # old", "  # indented", "#= fuzzy", "#!x", ""]
)  # fmt: skip
AFTER = st.sampled_from(
    ['"continued"', '  "indented"', 'msgstr "x"', '#~ msgstr "x"', '#~ "x"', "msgstd", "<<<<<<< HEAD",
     '#| msgid "p"', "  ", "\t#", 'msgid "a" msgstr "b"']
)  # fmt: skip


@st.composite
def string_lines(draw: st.DrawFn, keyword: str, prefix: str) -> list[str]:
    bodies = draw(st.lists(st.lists(BODY, max_size=5).map("".join), min_size=1, max_size=4))
    return [f'{prefix}{keyword} "{bodies[0]}"', *(f'{prefix}"{body}"' for body in bodies[1:])]


@st.composite
def entry_lines(draw: st.DrawFn) -> list[str]:
    obsolete = draw(st.booleans())
    prefix, previous = ("#~ ", "#~| ") if obsolete else ("", "#| ")
    lines = draw(st.lists(COMMENT, max_size=3))
    if draw(st.booleans()):
        if draw(st.booleans()):
            lines += draw(string_lines("msgctxt", previous))
        lines += draw(string_lines("msgid", previous))
        if draw(st.booleans()):
            lines += draw(string_lines("msgid_plural", previous))
    if draw(st.booleans()):
        lines += draw(string_lines("msgctxt", prefix))
    lines += draw(string_lines("msgid", prefix))
    if draw(st.integers(0, 4)) == 0:
        lines += draw(string_lines("msgid_plural", prefix))
        for number in range(draw(st.integers(0, 3))):
            index = draw(st.sampled_from([number, number, number + 1]))
            lines += draw(string_lines(f"msgstr[{index}]", prefix))
    else:
        lines += draw(string_lines("msgstr", prefix))
    if draw(st.integers(0, 5)) == 0:
        lines.append(draw(AFTER))
    return lines + [""] * draw(st.integers(0, 2))


@st.composite
def layout_catalogs(draw: st.DrawFn) -> bytes:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for entry in draw(st.lists(entry_lines(), max_size=6)):
        lines += entry
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


ENTRY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=90
)


@st.composite
def written_catalogs(draw: st.DrawFn) -> bytes:
    """Catalogs as publish writes them (long strings wrap over several lines)."""
    entries = [
        Entry(
            msgid,
            draw(ENTRY_TEXT),
            msgctxt=draw(st.sampled_from([None, "", "ctx"])),
            flags=draw(st.sampled_from([[], ["fuzzy"]])),
            extracted_comments=draw(st.lists(st.text("ab .", max_size=8), max_size=2)),
            references=draw(st.lists(st.sampled_from(["a.md:1", "b c.md:2"]), max_size=2)),
            previous_msgid=draw(st.sampled_from([None, "old text"])),
            obsolete=draw(st.booleans()),
        )
        for msgid in draw(st.lists(ENTRY_TEXT.filter(bool), max_size=5, unique=True))
    ]
    header = Entry("", "Content-Type: text/plain; charset=UTF-8\n")
    return write_catalog(Catalog(header=header, entries=entries)).encode("utf-8")


@FUZZ
@given(st.one_of(layout_catalogs(), written_catalogs()))
@example(b'msgid "a"\nmsgstr "b"\n\n"c"\n')  # a string after a blank line continues msgstr
@example(b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\n\nmsgstr[1] "d"\n')
@example(b'msgid "a\\"\nmsgstr "b"\n')  # the escaped closing quote: not one string
@example(b'msgid "a" "b"\nmsgstr ""\n')
def test_whole_entries_read_as_their_tokens(data: bytes) -> None:
    assert outcome(data) == tokens_only(data)


@FUZZ
@given(st.one_of(layout_catalogs(), written_catalogs()), st.sampled_from([1, 2, 7, 40, 300]))
def test_pieces_do_not_change_what_is_read(data: bytes, size: int) -> None:
    assert in_pieces(data, size) == outcome(data)


def test_pieces_are_cut_before_a_new_entry() -> None:
    """A large catalog is cut where an entry starts, so every entry is read whole."""
    header = Entry("", "Content-Type: text/plain; charset=UTF-8\n")
    entries = [Entry(f"paragraph {n} " * 20, f"Absatz {n} " * 20) for n in range(400)]
    data = write_catalog(Catalog(header=header, entries=entries)).encode("utf-8")
    read_whole = []

    def counting(text: str, pos: int, ends_file: bool) -> Any:
        found = read_entry(text, pos, ends_file)
        read_whole.append(found is not None)
        return found

    with (
        mock.patch.object(publish.po.text, "PIECE_BYTES", 4096),
        mock.patch.object(publish.po.lexer, "read_entry", counting),
    ):
        assert outcome(data) == tokens_only(data)
    assert sum(read_whole) == 401


def test_every_accepted_charset_keeps_a_line_feed_a_character() -> None:
    """Decoding in pieces cut after LF is exact only for such charsets."""
    for name in ALLOWED_CODECS:
        decode = codecs.getdecoder(name)
        for first in range(0x80, 0x100):
            for tail in (b"\n", b"\x81\n", b"\x81\x30\n", b"0\n"):
                try:
                    text, _ = decode(bytes([first]) + tail)
                except UnicodeDecodeError:
                    continue
                assert text.endswith("\n"), (name, first, tail)
        for char in '\n#<=>|msgid"\\ ':
            assert decode(char.encode("ascii"))[0] == char, name


MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


@FUZZ
@given(
    st.lists(st.sampled_from([*MARKERS, "x", " <<<<<<<", "x=======", "<<<<<<"])),
    st.sampled_from([b"", b"\xef\xbb\xbf"]),
)
def test_conflict_markers_are_found_at_line_starts(lines: list[str], bom: bytes) -> None:
    text = "\n".join(lines)
    expected = any(line.startswith(MARKERS) for line in text.split("\n"))
    assert has_conflict_marker(bom + text.encode(), len(bom)) == expected


def test_reading_holds_the_catalog_not_copies_of_the_file() -> None:
    header = Entry("", "Content-Type: text/plain; charset=UTF-8\n")
    entries = [
        Entry(f"paragraph {n} " * 15, f"Absatz {n} " * 15, extracted_comments=[f"paragraph {n}"])
        for n in range(3000)
    ]
    data = write_catalog(Catalog(header=header, entries=entries)).encode("utf-8")
    with mock.patch.object(publish.po.text, "PIECE_BYTES", 64 * 1024):
        tracemalloc.start()
        try:
            catalog = read_catalog(data, "t.po")
            held, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(catalog.entries) == 3000
    # Besides the catalog itself, at most a few pieces of text at a time (a
    # list of lines and tokens took several times the file).
    assert peak - held < len(data) // 4, (peak, held, len(data))
