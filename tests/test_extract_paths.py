"""The shortcuts extract takes give what the general code gives.

Plain bodies are split into paragraphs without markdown-it, plain front matter
is read without the YAML parser, templates are packed as tuples and date lines
are found with str.find. Each is checked here against the code it stands in
for. ``PUBLISH_FUZZ_EXAMPLES`` sets the number of examples, as in
test_fuzz.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from publish.actions.extracting import pack_catalog, unpack_catalog
from publish.extract import CREATION_DATE, build_template, same_apart_from_date
from publish.po.model import Catalog, Entry
from publish.source.article_file import parse_article
from publish.source.front_matter import read_plain
from publish.source.segmenter import markdown_blocks, plain_blocks
from publish.yamlload import YamlProblem, load_mapping

EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
ROOT = Path(__file__).resolve().parent.parent

# -- bodies --------------------------------------------------------------------------

LINE_PIECES = st.sampled_from(
    ["a", "b c", " ", "  ", "\t", "#", ">", "-", "*", "+", "=", "_", "`", "~", "<", "[", "|", "1.",
     "2)", "12", "\\", "\\#", "\xa0", "\u2028", "\x85", "\x1c", "\f", "\u3000", "é", "\ufeff", "!",
     '"', "***", "---", "```", "    code", "[a]: /u", "\r", "\x00", "<!-- publish: note x -->"]
)  # fmt: skip
TEXT_LINE = st.lists(st.sampled_from(["Word", "b", " ", "  ", "\t", "é", "\\*", "x.", "1", "\xa0"]), min_size=1, max_size=8)  # fmt: skip


@st.composite
def bodies(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.one_of(LINE_PIECES, st.just("\n")), max_size=30)))
    lines = [
        "".join(draw(TEXT_LINE)) if draw(st.integers(0, 3)) else draw(st.sampled_from(["", "  "]))
        for _ in range(draw(st.integers(0, 12)))
    ]
    return "\n".join(lines)


@FUZZ
@given(bodies())
@example("Text  \n\nMore\xa0")  # other whitespace at the end: markdown-it decides
@example("One\ntwo \n\n\n  \nThree\\")
def test_plain_bodies_split_as_markdown_it_splits_them(body: str) -> None:
    blocks = plain_blocks(body)
    if blocks is not None:
        assert blocks == markdown_blocks(body, "source/a.md", 1)


def test_imported_bodies_are_plain() -> None:
    """What publish import writes (escaped paragraphs) needs no markdown-it."""
    text = (ROOT / "source").glob("*.md")
    for path in text:
        article = parse_article(path.read_text(encoding="utf-8"), "source/x.md", "x")
        assert plain_blocks(article.body) is not None


# -- front matter --------------------------------------------------------------------

KEYS = st.sampled_from(["title", "authors", "date", "notice", "on", "yes", "null", "true", "x_1"])
VALUES = st.sampled_from(
    ["Foo bar", '"Quoted: text"', "'single'", "'it''s'", '"a\\"b"', "2010-01-01", "2010-02-30",
     "2010-1-1", "12", "1_000", "0x1F", "1:20", "3.5", ".inf", "~", "null", "yes", "no", "on",
     "true", "False", "https://x.org/a?b=c#d", "a #b", "a: b", "a:b", "trailing ", "x:", "é ü",
     "(c) 2020", "[a, b]", "{a: 1}", "&a x", "*a", "!t x", "| b", "> f", "=", "<<", "- x",
     "a\u2028b", "a\xa0b", '"open', "'", '""', "x  y", "²", "#c", "%x", "@x", "`x`", "a,b"]
)  # fmt: skip


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for key in draw(st.lists(KEYS, max_size=6, unique=draw(st.booleans()))):
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(0, 3))):
                lines.append(draw(st.sampled_from(["- ", "-", "  - "])) + draw(VALUES))
        else:
            lines.append(f"{key}:{draw(st.sampled_from([' ', ' ', '  ', '']))}{draw(VALUES)}")
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(["", "  ", "# c", "  nested: 1", "key : v", "- x"])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


def typed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value), value)


@FUZZ
@given(front_matters())
@example('title: "A headline"\nauthors:\n- Jane Doe\ndate: 2022-07-12\nnotice: on\n')
@example("title: a #b\n")  # a comment
@example("title: a: b\n")
@example("title: 12\ndate: 2010-1-1\n")
@example("date: 2010-02-30\n")
@example("authors:\n- yes\n- 1:20\n")
@example("title: 'it''s'\n")
def test_plain_front_matter_reads_as_yaml_reads_it(text: str) -> None:
    plain = read_plain(text, first_line=2)
    if plain is None:
        return
    try:
        document = load_mapping(text, "source/a.md", first_line=2)
    except YamlProblem as exc:  # pragma: no cover - a failure shows the problem
        pytest.fail(f"read plainly, but YAML says: {exc}")
    assert typed(plain[0]) == typed(document.data)
    assert plain[1] == document.key_lines


def test_shipped_front_matter_is_plain() -> None:
    for path in (ROOT / "source").glob("*.md"):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        assert read_plain(front, first_line=2) is not None, path


# -- templates ------------------------------------------------------------------------


def test_packed_templates_come_back_equal() -> None:
    for path in (ROOT / "source").glob("*.md"):
        article = parse_article(path.read_text(encoding="utf-8"), f"source/{path.name}", path.stem)
        template = build_template(article, "2024-01-01 00:00+0000")
        assert unpack_catalog(pack_catalog(template)) == template
    odd = Catalog(
        header=None,
        entries=[Entry("a", msgid_plural="as", msgstr_plural={0: "x"}, obsolete=True, line=3)],
        trailing_comments=["# end"],
        newline="\r\n",
    )
    assert unpack_catalog(pack_catalog(odd)) == odd


DATE_PIECES = st.sampled_from(
    ['"POT-Creation-Date: 2020-01-01 00:00+0000\\n"', '"POT-Creation-Date: x"', "a", "\n", '"', "\\",
     "POT-Creation-Date: ", '"POT-Creation-Date: \\n"', 'n"']
)  # fmt: skip


@FUZZ
@given(
    st.lists(DATE_PIECES, max_size=12).map("".join), st.lists(DATE_PIECES, max_size=12).map("".join)
)
def test_date_lines_are_ignored_as_the_regex_ignores_them(old: str, new: str) -> None:
    expected = CREATION_DATE.sub("", old) == CREATION_DATE.sub("", new)
    assert same_apart_from_date(old, new) == expected
    assert same_apart_from_date(old, old)
