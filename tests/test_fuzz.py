"""Fuzzing the readers and the render path with hypothesis.

The only exceptions allowed out of the ``.po`` reader, the YAML and front-matter
readers, the configuration, the segmenter and the renderer are publish's own
(:class:`~publish.errors.PublishError` and, inside the YAML loader,
``YamlProblem``); whatever the renderer is given, its HTML has no script, no
event handler, no style, no comment and no ``javascript:``/``data:``/``vbscript:``
address.

CI runs a short fuzz (``PUBLISH_FUZZ_EXAMPLES``, default 150 examples per
target); run a long one with e.g. ``PUBLISH_FUZZ_EXAMPLES=20000 pytest
tests/test_fuzz.py``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from hostile.harness import markup_problems
from publish.config import parse_config
from publish.errors import PublishError
from publish.po.model import Catalog
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog
from publish.site.render_markdown import Languages, render_body
from publish.site.translate import TRANSLATED, SegmentText
from publish.source.article_file import parse_article
from publish.source.segmenter import segment_body
from publish.yamlload import YamlProblem, load_mapping

EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

# -- .po ------------------------------------------------------------------------------

# fmt: off
PO_PIECES = [
    'msgid "', 'msgstr "', 'msgctxt "', 'msgid_plural "', 'msgstr[0] "', "msgstr[1] ",
    "msgstr[", "[", "]", "12", "-1", '"', '""', '"\n', "\\", "\\n", "\\t", '\\"', "\\\\",
    "\\x41", "\\101", "\\u0041", "\\q", "#", "# ", "#, fuzzy", "#, c-format, no-wrap",
    "#= fuzzy", "#.", "#:", "#| ", '#| msgid "', "#~ ", '#~ msgid "', "#~| ", '#~| msgid "',
    "\n", "\n\n", "\r\n", "\r", " ", "\t", "a", "й", "語", "\u2028", "\x85", "\x00", "\ufeff",
    "\u202e", "domain ", "msgstd ", "<<<<<<< HEAD\n", "=======\n", ">>>>>>> x\n",
    '"Content-Type: text/plain; charset=UTF-8\\n"', "charset=CHARSET", "charset=cp1251",
    "charset=klingon", '"Plural-Forms: nplurals=3; plural=n%3;\\n"', 'msgid ""\nmsgstr ""\n',
]
# fmt: on


@st.composite
def po_soup(draw: st.DrawFn) -> bytes:
    """PO-ish bytes: keywords, strings, escapes, comments, line ends and junk."""
    text = "".join(draw(st.lists(st.sampled_from(PO_PIECES), max_size=60)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1251", "utf-16"]))
    return text.encode(encoding, errors="replace")


ENTRY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=40
)


@st.composite
def valid_po(draw: st.DrawFn) -> bytes:
    """A well-formed catalog written by publish's own writer."""
    from publish.po.model import Entry

    header = Entry("", "Content-Type: text/plain; charset=UTF-8\nLanguage: ru\n")
    msgids = draw(st.lists(ENTRY_TEXT.filter(bool), max_size=6, unique=True))
    entries = [
        Entry(
            msgid,
            draw(ENTRY_TEXT),
            flags=draw(st.sampled_from([[], ["fuzzy"], ["no-wrap"]])),
            translator_comments=draw(st.lists(st.text("abc d", max_size=8), max_size=2)),
            obsolete=draw(st.booleans()),
        )
        for msgid in msgids
    ]
    return write_catalog(Catalog(header=header, entries=entries)).encode("utf-8")


@st.composite
def mutated_po(draw: st.DrawFn) -> bytes:
    """A well-formed catalog with a few bytes inserted, deleted or replaced."""
    data = bytearray(draw(valid_po()))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = draw(st.sampled_from([*b'"\\\n\r#[]0 ~|=,\x00\xff\xd0\x80']))
        if action == "insert":
            data[position:position] = bytes([byte])
        elif position < len(data):
            if action == "delete":
                del data[position]
            else:
                data[position] = byte
    return bytes(data)


def _read_or_refuse(data: bytes) -> Catalog | None:
    try:
        return read_catalog(data, "fuzz.po")
    except PublishError as exc:
        assert exc.problems and all(p.path == "fuzz.po" for p in exc.problems)
        assert all(p.line is None or p.line >= 1 for p in exc.problems)
        return None


@FUZZ
@given(st.binary(max_size=400))
@example(b'msgid "a"\nmsgstr "abc')
@example(b"\xef\xbb\xbf" + b'msgid ""\nmsgstr ""\n')
def test_po_reader_on_arbitrary_bytes(data: bytes) -> None:
    _read_or_refuse(data)


@FUZZ
@given(po_soup())
def test_po_reader_on_po_soup(data: bytes) -> None:
    _read_or_refuse(data)


@FUZZ
@given(mutated_po())
def test_po_reader_on_mutated_catalogs(data: bytes) -> None:
    _read_or_refuse(data)


def _essence(catalog: Catalog) -> list[tuple[object, ...]]:
    return [
        (e.msgctxt, e.msgid, e.msgstr, e.msgid_plural, e.msgstr_plural, e.obsolete, e.fuzzy)
        for e in catalog.entries
    ]


@FUZZ
@given(st.one_of(valid_po(), mutated_po(), po_soup()))
def test_what_is_read_is_written_back_and_read_the_same(data: bytes) -> None:
    """Nothing read is lost by writing: read → write → read gives the same messages."""
    # Known bug, xfailed in test_hostile_po.py: a last line ending in a backslash without a
    # final newline is read, but written back with the newline that makes it unreadable.
    assume(not data.rstrip(b" \t").endswith(b"\\"))
    catalog = _read_or_refuse(data)
    assume(catalog is not None)
    assert catalog is not None
    written = write_catalog(catalog).encode("utf-8")
    again = read_catalog(written, "written.po")
    assert _essence(again) == _essence(catalog)


# -- YAML, front matter, configuration ------------------------------------------------

# fmt: off
YAML_PIECES = [
    "title", "date", "authors", "original_url", "notice", "permission", "languages", "output",
    ": ", ":", "\n", "  ", "- ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "!!python/object ",
    "!!str ", "!x ", "<<: ", "? ", "|", ">", "#", "---", "...", "2024-02-30", "2024-03-05",
    "2024-13-01", "12:30", "0x1F", "1e9", ".nan", "~", "null", "yes", "no", "on", "true", "\t",
    "https://x.example/", "javascript:alert(1)", "é", "\u202e", "\ufeff", "\x00", "\r",
]
# fmt: on
yaml_soup = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)
# fmt: off
MARKDOWN_PIECES = [
    "a", "word ", "\n", "\n\n", "# ", "## ", "- ", "1. ", "> ", "    ", "```", "~~~", "*", "**",
    "_", "`", "[", "]", "(", ")", "![", "<", ">", "&", "&#106;", "&colon;", "javascript:",
    "data:", "vbscript:", "https://x.example/", "mailto:a@b", "<!-- publish: skip -->\n",
    "<!-- publish: note n -->\n", "<!-- publish: x -->\n", "<!--", "-->", "<script>", "</p>",
    "onerror=", '"', "'", "\\", "|", "---", "===", "\u202e", "\u200b", "\x00", "\r",
]
# fmt: on
markdown_soup = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=60).map("".join)
FRONT = "title: T\nauthors:\n- A\ndate: 2024-03-05\noriginal_url: https://x.example/\nnotice: © X\n"


@FUZZ
@given(yaml_soup)
def test_yaml_loader(text: str) -> None:
    try:
        load_mapping(text, "x.yaml")
    except YamlProblem as exc:
        assert exc.problem.path == "x.yaml"


@FUZZ
@given(st.one_of(yaml_soup, st.builds(lambda extra: FRONT + extra, yaml_soup)), markdown_soup)
def test_front_matter_reader(front: str, body: str) -> None:
    try:
        parse_article(f"---\n{front}\n---\n{body}", "source/x.md", "x")
    except PublishError as exc:
        assert all(problem.path == "source/x.md" for problem in exc.problems)


@FUZZ
@given(st.text(max_size=300))
def test_front_matter_reader_on_any_text(text: str) -> None:
    with contextlib.suppress(PublishError):
        parse_article(text, "source/x.md", "x")


_PROJECT = Path(tempfile.mkdtemp(prefix="publish-fuzz-"))


@FUZZ
@given(yaml_soup)
def test_configuration(text: str) -> None:
    try:
        parse_config(text, _PROJECT, "publish.yaml")
    except PublishError as exc:
        assert all(problem.path == "publish.yaml" for problem in exc.problems)


@FUZZ
@given(markdown_soup)
def test_segmenter(body: str) -> None:
    try:
        segments, _excluded = segment_body(body, "source/x.md", 9)
    except PublishError:
        return
    assert all(segment.line >= 9 and segment.text for segment in segments)


# -- rendering -------------------------------------------------------------------------

hostile_text = st.lists(
    st.sampled_from(
        [
            *MARKDOWN_PIECES,
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java&#9;script:x)",
            "[x](&#x6A;avascript&#x3A;x)",
            "<javascript:alert(1)>",
            "![x](data:image/svg+xml,<svg onload=alert(1)>)",
            "[x](vbscript:x)",
            "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<style>*{}</style>",
            "{{ 7*7 }}",
            "[x]: javascript:y\n\n[x]",
            "<a href='javascript:x'>",
            "\x01",
        ]
    ),
    max_size=30,
).map("".join)


@FUZZ
@given(markdown_soup, st.lists(hostile_text, min_size=1, max_size=5))
def test_rendered_translations_are_never_markup(body: str, translations: list[str]) -> None:
    """Any source body, any translations: the HTML holds no script, handler or bad address."""
    try:
        segments, excluded = segment_body(body, "source/x.md", 9)
    except PublishError:
        return
    shown = {
        segment.text: SegmentText(
            source=segment.text, text=translations[i % len(translations)], status=TRANSLATED
        )
        for i, segment in enumerate(segments)
    }
    html = render_body(
        body, "source/x.md", 9, excluded, shown, Languages("ru", "en", "ltr"), fuzzy_mark="old"
    )
    assert markup_problems(html, scripts=0) == []
