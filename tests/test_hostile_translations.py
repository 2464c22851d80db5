"""Hostile translations and catalog headers: never a script in a page, attribution intact.

For every row of ``hostile.translation_cases``: the page is built, contains no
``<script>`` but the JSON-LD, no event handler, no ``javascript:``/``data:``/
``vbscript:`` address in any spelling, no style or comment, the same block
structure as the source, and the copyright notice verbatim; ``publish check``
reports the row's findings on the entry's line.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hostile.harness import (
    LINKED,
    LINKED_PARAGRAPH,
    RU_PAGE,
    SMALL_PO,
    assert_clean_output,
    body_html,
    changed_files,
    fresh_project,
    page_problems,
    translate,
)
from hostile.translation_cases import HEADERS, HOSTILE, OK, Hostile, HostileHeader
from publish.po.model import format_header, parse_header
from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

from helpers import run, tree_snapshot

BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "pre", "table"}
)
SOURCE_BLOCKS = Counter({"p": 2, "li": 2, "h3": 1, "ul": 1})


@pytest.fixture
def linked(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A translated project with a link (see hostile.harness)."""
    return fresh_project(LINKED, tmp_path, tmp_path_factory)


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.counts[tag] += 1


def block_structure(body: str) -> Counter[str]:
    """How many of each block element the body has."""
    parser = _Blocks()
    parser.feed(body)
    return parser.counts


def shown_as_text(fragment: str) -> str:
    """``fragment`` as the renderer escapes text (markdown-it: & < > " only)."""
    return html.escape(fragment, quote=True).replace("&#x27;", "'")


def entry_line(root: Path, msgid: str) -> int:
    """The line of ``msgid`` in the Russian catalog."""
    catalog = read_catalog((root / SMALL_PO).read_bytes(), SMALL_PO)
    return next(entry.line for entry in catalog.entries if entry.msgid == msgid)


def test_the_faithful_translation_is_clean(linked: Path) -> None:
    """The baseline every row is compared with."""
    translate(linked, {LINKED_PARAGRAPH: OK})
    assert run(["check"], linked).exit_code == 0
    result = run(["build"], linked)
    assert result.exit_code == 0, result.output
    page = (linked / RU_PAGE).read_text(encoding="utf-8")
    assert page_problems(page) == []
    assert block_structure(body_html(page)) == SOURCE_BLOCKS


@pytest.mark.parametrize("row", HOSTILE, ids=lambda row: row.name)
def test_hostile_translation_never_reaches_the_page_as_markup(linked: Path, row: Hostile) -> None:
    translate(linked, {row.msgid: row.msgstr})
    before = tree_snapshot(linked)
    result = run(["build"], linked)
    assert result.exit_code == 0, result.output
    assert_clean_output(result.output, 0)
    assert all(path.startswith("site/") for path in changed_files(before, tree_snapshot(linked)))
    page = (linked / RU_PAGE).read_text(encoding="utf-8")
    assert page_problems(page) == []
    body = body_html(page)
    assert block_structure(body) == SOURCE_BLOCKS
    for fragment in row.literal:
        assert shown_as_text(fragment) in page, fragment
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["copyrightNotice"].startswith("© 2024 Example Wire.")


def _check_params() -> list[object]:
    return [
        pytest.param(
            row,
            id=row.name,
            marks=[pytest.mark.xfail(strict=True, reason=row.check_gap)] if row.check_gap else [],
        )
        for row in HOSTILE
    ]


@pytest.mark.parametrize("row", _check_params())
def test_check_reports_the_hostile_translation(linked: Path, row: Hostile) -> None:
    translate(linked, {row.msgid: row.msgstr})
    line = entry_line(linked, row.msgid)
    result = run(["check"], linked)
    errors = any(finding.startswith("error:") for finding in row.findings)
    assert result.exit_code == (1 if errors else 0), result.output
    assert_clean_output(result.output, result.exit_code)
    for finding in row.findings:
        assert f"{SMALL_PO}:{line}: {finding}:" in result.output, result.output


def test_a_10_mb_translation_of_a_short_paragraph_is_bounded(linked: Path) -> None:
    """Built, checked, counted and merged in bounded time; the check calls it out."""
    word = "Ж" * 99
    huge = OK + (" " + word) * (10_000_000 // (2 * len(word) + 1))
    assert len(huge.encode("utf-8")) > 10_000_000
    path = linked / SMALL_PO
    catalog = read_catalog(path.read_bytes(), SMALL_PO)
    for entry in catalog.entries:
        if entry.msgid == LINKED_PARAGRAPH:
            entry.msgstr = "@HUGE@"
    text = write_catalog(catalog).replace('"@HUGE@"', json.dumps(huge, ensure_ascii=False))
    path.write_text(text, encoding="utf-8")
    line = entry_line(linked, LINKED_PARAGRAPH)
    timings: dict[str, float] = {}
    for cmd in (["build"], ["check"], ["stats"], ["update"]):
        start = time.perf_counter()
        result = run(cmd, linked)
        timings[cmd[0]] = round(time.perf_counter() - start, 2)
        assert result.exit_code == 0, result.output
        assert_clean_output(result.output, 0)
        if cmd == ["check"]:
            assert f"{SMALL_PO}:{line}: warning: length:" in result.output
    page = (linked / RU_PAGE).read_text(encoding="utf-8")
    assert page_problems(page) == []
    merged = read_catalog(path.read_bytes(), SMALL_PO)
    assert [e.msgstr for e in merged.entries if e.msgid == LINKED_PARAGRAPH] == [huge]
    print(timings)


def _set_header(root: Path, field: str, value: str) -> None:
    path = root / SMALL_PO
    catalog = read_catalog(path.read_bytes(), SMALL_PO)
    assert catalog.header is not None
    fields = parse_header(catalog.header.msgstr)
    fields[field] = value
    catalog.header.msgstr = format_header(fields)
    path.write_text(write_catalog(catalog), encoding="utf-8")


@pytest.mark.parametrize("row", HEADERS, ids=lambda row: row.name)
def test_hostile_header_is_shown_as_text_or_ignored(linked: Path, row: HostileHeader) -> None:
    _set_header(linked, row.field, row.value)
    before = tree_snapshot(linked)
    result = run(["build"], linked)
    assert result.exit_code == 0, result.output
    assert_clean_output(result.output, 0)
    assert all(path.startswith("site/") for path in changed_files(before, tree_snapshot(linked)))
    page = (linked / RU_PAGE).read_text(encoding="utf-8")
    assert page_problems(page) == []
    assert '<html lang="ru" dir="ltr">' in page
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    credit = re.search(r'<dd class="credit">(.*?)</dd>', page, re.S)
    assert credit is not None
    names = [person["name"] for person in data.get("translator", [])]
    if row.credit is None:
        assert names == []
    else:
        shown = re.findall(r'<bdi class="translator">(.*?)</bdi>', credit[1])
        assert [html.unescape(name) for name in shown] == [row.credit]
        assert names == [row.credit]
