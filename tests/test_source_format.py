"""Source articles: front matter validation and segmentation (pure functions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.errors import SourceError
from publish.source.article_file import parse_article
from publish.source.segmenter import segment_body

from helpers import new_project, run, tree_snapshot

FRONT = """---
title: A headline
authors: [Jane Doe, John Roe]
date: 2022-07-12
original_url: https://example.org/a/1.html
notice: Copyright (c) 2022 Example Inc. Reprinted with permission.
---
"""


def parse(text: str) -> list[tuple[str, str]]:
    article = parse_article(text, "source/a.md", "a")
    return [(s.role, s.text) for s in article.segments]


def test_blocks_become_segments_with_inline_markup_kept() -> None:
    body = """
# A heading

First paragraph with *emphasis* and a [link](https://example.org/x),
wrapped over two lines.

- item one
- item **two**

> A quoted paragraph.

    code is not translated

```
nor is fenced code
```
"""
    assert parse(FRONT + body) == [
        ("title", "A headline"),
        ("heading", "A heading"),
        (
            "paragraph 1",
            "First paragraph with *emphasis* and a [link](https://example.org/x), wrapped over two lines.",
        ),
        ("list item", "item one"),
        ("list item", "item **two**"),
        ("block quote", "A quoted paragraph."),
    ]


def test_segment_lines_point_into_the_file() -> None:
    article = parse_article(FRONT + "\nOne.\n\nTwo.\n", "source/a.md", "a")
    assert [s.line for s in article.segments] == [2, 9, 11]


def test_directives_skip_and_note() -> None:
    body = "\n<!-- publish: skip -->\nNot for translation.\n\n<!-- publish: note a pun -->\nKept.\n"
    segments, excluded = segment_body(body, "source/a.md", 10)
    assert [(s.text, s.note) for s in segments] == [("Kept.", "a pun")]
    assert excluded == {12}


def test_unknown_directive_is_an_error() -> None:
    with pytest.raises(SourceError) as info:
        segment_body("<!-- publish: skp -->\nText\n", "source/a.md", 8)
    assert info.value.problems[0].line == 8


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: x\n", 1, "must start with a line `---`"),
        ("---\ntitle: x\n", 1, "front matter is not closed"),
        (
            FRONT.replace("authors: [Jane Doe, John Roe]\n", ""),
            1,
            "missing required attribution field `authors`",
        ),
        (
            FRONT.replace(
                "notice: Copyright (c) 2022 Example Inc. Reprinted with permission.\n", ""
            ),
            1,
            "`notice`",
        ),
        (FRONT.replace("date: 2022-07-12", "date: 2022-02-30"), 4, "day is out of range"),
        (FRONT.replace("date: 2022-07-12", "date: July 12"), 4, "not an ISO date"),
        (
            FRONT.replace("title: A headline", "title: !!python/object/apply:os.system [ls]"),
            2,
            "YAML tags",
        ),
        (FRONT.replace("title: A headline", "title: A\ntitle: B"), 3, "duplicate key 'title'"),
        (
            FRONT.replace("https://example.org/a/1.html", "javascript:alert(1)"),
            5,
            "not an http(s) address",
        ),
        (
            FRONT.replace("title: A headline", "title: &a [x]\nsubtitle: *a"),
            2,
            "anchors and aliases",
        ),
        (
            FRONT.replace(
                "title: A headline", "title: [[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]"
            ),
            2,
            "nested deeper",
        ),
    ],
)
def test_bad_front_matter_is_located(text: str, line: int, fragment: str) -> None:
    with pytest.raises(SourceError) as info:
        parse_article(text, "source/a.md", "a")
    messages = [p.render() for p in info.value.problems]
    assert any(fragment in m for m in messages), messages
    assert any(f"source/a.md:{line}:" in m for m in messages), messages


def test_all_missing_fields_reported_at_once() -> None:
    with pytest.raises(SourceError) as info:
        parse_article("---\ntitle: x\n---\nBody\n", "source/a.md", "a")
    text = str(info.value)
    for field in ("authors", "date", "original_url", "notice"):
        assert f"`{field}`" in text


@pytest.mark.parametrize("slug", ["../x", "A", "a/b", "a..b", "", "-a"])
def test_bad_slugs(slug: str) -> None:
    with pytest.raises(SourceError):
        parse_article(FRONT + "Body\n", f"source/{slug}.md", slug)


def _project_with(tmp_path: Path, name: str, content: bytes) -> Path:
    root = new_project(tmp_path)
    (root / "source" / name).write_bytes(content)
    return root


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("a.md", FRONT.encode() + b"caf\xe9\n", "invalid UTF-8"),
        (
            "a.md",
            FRONT.replace("title: A headline", "title: !!python/name:os.system").encode(),
            "YAML tags",
        ),
        ("Bad_Name.md", FRONT.encode(), "not a valid article file name"),
        ("a.md", b"---\ntitle: [unclosed\n---\n", "invalid YAML"),
    ],
)
def test_bad_sources_fail_cleanly_and_write_nothing(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    root = _project_with(tmp_path, name, content)
    before = tree_snapshot(root)
    result = run(["extract"], root)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert f"source/{name}:" in result.output
    assert "Traceback" not in result.output
    assert tree_snapshot(root) == before


def test_colliding_and_escaping_articles(tmp_path: Path) -> None:
    root = _project_with(tmp_path, "a.md", FRONT.encode() + b"Body\n")
    outside = tmp_path / "outside.md"
    outside.write_bytes(FRONT.encode() + b"Secret\n")
    (root / "source" / "b.md").symlink_to(outside)
    result = run(["extract"], root)
    assert result.exit_code == 2
    assert "outside the project" in result.output


def test_organizations_mark_which_authors_are_not_people() -> None:
    text = FRONT.replace("authors: [Jane Doe, John Roe]\n", "authors: [Example Desk, John Roe]\n")
    article = parse_article(
        text.replace("---\n", "---\norganizations: [Example Desk]\n", 1) + "Body.\n",
        "source/a.md",
        "a",
    )
    assert article.attribution.organizations == ("Example Desk",)
    with pytest.raises(SourceError) as info:
        parse_article(
            text.replace("---\n", "---\norganizations: [Example Dsk]\n", 1), "source/a.md", "a"
        )
    (problem,) = info.value.problems
    assert problem.line == 2 and "'Example Dsk', not among the authors" in problem.message
