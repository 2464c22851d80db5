"""Hostile source articles: front matter, names, links on disk, pathological Markdown.

Every row runs one command on a copy of the ``linked`` project. Refused rows
leave the tree as it was and name the file and line; bounded rows (Markdown
that is slow in other parsers) must simply finish, with the page still safe.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from hostile.harness import (
    SMALL_BODY,
    SMALL_FRONT_MATTER,
    SMALL_SOURCE,
    Case,
    article,
    page_problems,
)
from publish import workspace
from publish.fsio import MAX_SOURCE_BYTES

from helpers import SEED_CAPTURE

URL = "https://news.example.com/2024/03/night-trains"
ARTICLE_LIMIT: int = getattr(workspace, "MAX_ARTICLE_BYTES", MAX_SOURCE_BYTES)


def front(old: str, new: str) -> str:
    """The article with one piece of its front matter replaced."""
    assert old in SMALL_FRONT_MATTER, old
    return article(SMALL_FRONT_MATTER.replace(old, new, 1))


def body(extra: str) -> str:
    """The article with ``extra`` appended to its body."""
    return article(body=SMALL_BODY + "\n" + extra + "\n")


def refused(
    name: str, text: str | bytes, line: int | None, fragment: str, cmd: str = "extract"
) -> Case:
    """A source article that must be refused with ``source/night-trains.md:LINE: error: ...``."""
    return Case(
        name, {SMALL_SOURCE: text}, (cmd,), exit=2, errors=((SMALL_SOURCE, line, fragment),)
    )


def _link_outside(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        outside = root.parent / "outside"
        outside.mkdir(exist_ok=True)
        (outside / "secret.md").write_text(article(), encoding="utf-8")
        os.symlink(outside / "secret.md", root / "source" / name)

    return setup


def _source_folder_outside(root: Path) -> None:
    outside = root.parent / "elsewhere"
    (root / "source").rename(outside)
    os.symlink(outside, root / "source")


def _page_is_safe(page: str) -> Callable[[Path, Result], None]:
    def check(root: Path, result: Result) -> None:
        html = (root / page).read_text(encoding="utf-8")
        assert page_problems(html, notice=_notice_of(root)) == []

    return check


def _notice_of(root: Path) -> str:
    text = (root / SMALL_SOURCE).read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("notice: "))
    value = line.removeprefix("notice: ")
    return value[1:-1].replace("''", "'") if value.startswith("'") else value


EN_PAGE = "site/en/night-trains/index.html"
LOL = "".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 9))

SOURCE_CASES = [
    refused(
        "yaml-python-tag",
        front("title: Night Trains Return", "title: !!python/object/apply:os.system ['touch x']"),
        2,
        "YAML tags",
    ),
    refused("yaml-str-tag", front("title: Night", "title: !!str Night"), 2, "YAML tags"),
    refused("yaml-custom-tag", front("authors:", "authors: !evil"), 3, "YAML tags"),
    refused(
        "yaml-billion-laughs",
        article(SMALL_FRONT_MATTER + 'l0: &l0 "lol"\n' + LOL),
        11,
        "YAML anchors and aliases",
    ),
    refused(
        "yaml-merge-key",
        article(SMALL_FRONT_MATTER + "base: &b {x: 1}\nother:\n  <<: *b\n"),
        11,
        "YAML anchors and aliases",
    ),
    refused(
        "yaml-deep-flow-nesting",
        article(SMALL_FRONT_MATTER + "x: " + "[" * 1000 + "]" * 1000 + "\n"),
        11,
        "YAML nested deeper than 20 levels",
    ),
    refused(
        "yaml-deep-block-nesting",
        article(
            SMALL_FRONT_MATTER
            + "".join("  " * depth + f"k{depth}:\n" for depth in range(40))
            + "  " * 40
            + "v\n"
        ),
        31,
        "YAML nested deeper than 20 levels",
    ),
    refused("impossible-date", front("2024-03-05", "2024-02-30"), 6, "invalid value"),
    refused("month-13", front("2024-03-05", "2024-13-01"), 6, "invalid value"),
    refused("date-as-words", front("2024-03-05", "'March 5th'"), 6, "`date` 'March 5th' is not"),
    refused("date-missing", front("date: 2024-03-05\n", ""), 1, "missing required"),
    refused("duplicate-key", article(SMALL_FRONT_MATTER + "title: Again\n"), 11, "duplicate key"),
    refused(
        "duplicate-nested-key",
        article(SMALL_FRONT_MATTER + "permission:\n  granted_by: a\n  granted_by: b\n"),
        13,
        "duplicate key",
    ),
    refused("missing-source-url", front(f"original_url: {URL}\n", ""), 1, "missing required"),
    refused("empty-source-url", front(URL, "''"), 8, "missing required"),
    refused("javascript-source-url", front(URL, "javascript:alert(1)"), 8, "`original_url`"),
    refused("javascript-upper-url", front(URL, "JAVASCRIPT:alert(1)//"), 8, "`original_url`"),
    refused(
        "data-source-url", front(URL, "'data:text/html,<script>x</script>'"), 8, "`original_url`"
    ),
    refused(
        "javascript-url-behind-space",
        front(URL, "'javascript:alert(1) //https://x'"),
        8,
        "`original_url`",
    ),
    refused("url-without-host", front(URL, "'https://'"), 8, "`original_url`"),
    refused("invisible-in-url", front(URL, URL + "\u200b"), 8, "invisible or control"),
    refused("bidi-in-url", front(URL, URL + "\u202e"), 8, "invisible or control"),
    refused("authors-not-names", front("- Maria Keller", "- {a: b}"), 3, "`authors`"),
    refused("title-not-text", front("title: Night Trains Return", "title: [a, b]"), 2, "`title`"),
    refused("unknown-field", article(SMALL_FRONT_MATTER + "script: x\n"), 11, "unknown front"),
    refused("front-matter-not-closed", "---\n" + SMALL_FRONT_MATTER + SMALL_BODY, 1, "not closed"),
    refused("no-front-matter", SMALL_BODY, 1, "no front matter"),
    refused("front-matter-is-a-list", "---\n- a\n- b\n---\n" + SMALL_BODY, 2, "expected a mapping"),
    refused("invalid-utf8", article().encode() + b"bad \xff byte\n", 21, "invalid UTF-8"),
    refused(
        "latin1-file", article().encode("utf-8").replace("é".encode(), b"\xe9"), 5, "invalid UTF-8"
    ),
    refused("unknown-directive", body("<!-- publish: evil -->"), 22, "unknown publish directive"),
    refused("note-without-text", body("<!-- publish: note -->"), 22, "`publish: note`"),
    refused(
        "nested-lists-2000",
        body("".join("  " * depth + "- x\n" for depth in range(2000))),
        27,
        "blocks nested deeper than 12 levels",
    ),
    refused(
        "nested-quotes-5000",
        body(">" * 5000 + " x"),
        22,
        "blocks nested deeper than 12 levels",
    ),
    refused("larger-than-the-limit", body("x" * (ARTICLE_LIMIT + 1)), None, "over the limit"),
    Case(
        "uppercase-name-collides",
        {"source/Night-Trains.md": article()},
        ("extract",),
        exit=2,
        messages=("source/Night-Trains.md: error: 'Night-Trains.md' is not a valid article",),
    ),
    Case(
        "unicode-normalization-collision",
        {"source/caf\u00e9.md": article(), "source/cafe\u0301.md": article()},
        ("build",),
        exit=2,
        messages=(
            "source/caf\u00e9.md: error: 'caf\u00e9.md' is not a valid article file name",
            "source/cafe\u0301.md: error: 'cafe\u0301.md' is not a valid article file name",
        ),
    ),
    Case(
        "dots-in-name",
        {"source/a..b.md": article()},
        ("update",),
        exit=2,
        messages=("source/a..b.md: error: 'a..b.md' is not a valid article file name",),
    ),
    Case(
        "hidden-dot-dot-name-is-ignored",
        {"source/..md": article()},
        ("extract",),
        exit=0,
        messages=("unchanged locale/night-trains.pot",),
    ),
    Case(
        "import-slug-with-dotdot",
        {},
        ("import", str(SEED_CAPTURE), "--slug", "../evil"),
        exit=2,
        messages=("error: '../evil' is not a valid article name",),
    ),
    Case(
        "import-slug-with-slash",
        {},
        ("import", str(SEED_CAPTURE), "--slug", "a/b"),
        exit=2,
        messages=("error: 'a/b' is not a valid article name",),
    ),
    Case(
        "import-slug-dotdot",
        {},
        ("import", str(SEED_CAPTURE), "--slug", ".."),
        exit=2,
        messages=("error: '..' is not a valid article name",),
    ),
    Case(
        "import-slug-collides",
        {},
        ("import", str(SEED_CAPTURE), "--slug", "night-trains"),
        exit=2,
        messages=("source/night-trains.md: error: an article with this name exists already",),
    ),
    Case(
        "import-into-dotdot",
        {},
        ("import", str(SEED_CAPTURE), "--into", "../night-trains"),
        exit=2,
        messages=("source: error: no article named '../night-trains'",),
    ),
    Case(
        "symlink-to-a-file-outside",
        {"source/secret.md": _link_outside("secret.md")},
        ("build",),
        exit=2,
        messages=("source/secret.md: error: is a link to a file outside the project",),
    ),
    Case(
        "source-folder-is-a-link-outside",
        {"source": _source_folder_outside},
        ("extract",),
        exit=2,
        messages=("source/night-trains.md: error: is a link to a file outside the project",),
    ),
    Case(
        "brackets-20000",
        {SMALL_SOURCE: body("[" * 20_000)},
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
    Case(
        "link-openers-20000",
        {SMALL_SOURCE: body("[a](" * 20_000)},
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
    Case(
        "emphasis-20000",
        {SMALL_SOURCE: body("*a **b " * 20_000)},
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
    Case(
        "html-in-the-source",
        {SMALL_SOURCE: body("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>")},
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
    Case(
        "javascript-link-in-the-source",
        {SMALL_SOURCE: body("[click](javascript:alert(1)) and <javascript:alert(2)>")},
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
    Case(
        "markup-in-the-notice",
        {
            SMALL_SOURCE: front(
                "Reprinted with", "'</p><script>alert(1)</script><!--' Reprinted with"
            )
        },
        ("build",),
        exit=0,
        unchanged=False,
        check=_page_is_safe(EN_PAGE),
    ),
]
