"""The machinery of the hostile-input suite: projects, case rows, and what every case checks.

A case is one row of a table (``po_cases``, ``translation_cases``,
``source_cases``, ``config_cases``): the files it writes into a fresh copy of a
project, the command, the expected exit status, the message fragments the
output must contain (``path:line: error: ...``), and whether the project tree
must be left byte for byte as it was. Every case also checks that no
traceback and no "internal error" reaches the user, and that every error line
of a bad-input case says what to do (``message; hint``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _pytest.mark.structures import ParameterSet
from click.testing import Result

from publish.po.reader import read_catalog
from publish.po.writer import write_catalog

from helpers import new_project, run, tree_snapshot

LINKED = "linked"  # a short article with a link and a list, translated into Russian

SMALL_SLUG = "night-trains"
SMALL_PO = f"locale/ru/LC_MESSAGES/{SMALL_SLUG}.po"
SMALL_SOURCE = f"source/{SMALL_SLUG}.md"
RU_PAGE = f"site/ru/{SMALL_SLUG}/index.html"
NOTICE = "© 2024 Example Wire. Reprinted with the permission of Example Wire."
LINK = "https://operator.example/timetable"
LINKED_PARAGRAPH = f"See the [timetable]({LINK}) for details."

SMALL_FRONT_MATTER = f"""\
title: Night Trains Return
authors:
- Maria Keller
- José Álvarez
date: 2024-03-05
publisher: Example Wire
original_url: https://news.example.com/2024/03/night-trains
notice: {NOTICE}
copyright_holder: Example Wire
"""
SMALL_BODY = f"""
Rail operators restored the **night train** between Vienna and Zurich.

{LINKED_PARAGRAPH}

## What changed

- New sleeper cars
- A later departure
"""
SMALL_ARTICLE = f"---\n{SMALL_FRONT_MATTER}---\n{SMALL_BODY}"
RUSSIAN = {
    "Night Trains Return": "Ночные поезда возвращаются",
    "Rail operators restored the **night train** between Vienna and Zurich.": (
        "Железнодорожники вернули **ночной поезд** между Веной и Цюрихом."
    ),
    LINKED_PARAGRAPH: f"Подробности в [расписании]({LINK}).",
    "What changed": "Что изменилось",
    "New sleeper cars": "Новые спальные вагоны",
    "A later departure": "Более позднее отправление",
}

FileSpec = bytes | str | Callable[[Path], None]


def article(front_matter: str = SMALL_FRONT_MATTER, body: str = SMALL_BODY) -> str:
    """The text of a source article with this front matter and body."""
    return f"---\n{front_matter}---\n{body}"


def translate(root: Path, table: Mapping[str, str], po: str = SMALL_PO) -> None:
    """Set the msgstr of the entries named in ``table`` (msgid → msgstr), as a translator would."""
    path = root / po
    catalog = read_catalog(path.read_bytes(), str(path))
    for entry in catalog.entries:
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
    path.write_text(write_catalog(catalog), encoding="utf-8")


def _build_linked(folder: Path) -> Path:
    root = new_project(folder, ["ru"])
    (root / SMALL_SOURCE).write_text(SMALL_ARTICLE, encoding="utf-8")
    result = run(["init", "ru"], root)
    assert result.exit_code == 0, result.output
    translate(root, RUSSIAN)
    return root


_BUILDERS: dict[str, Callable[[Path], Path]] = {LINKED: _build_linked}
_TEMPLATES: dict[str, Path] = {}


def fresh_project(kind: str, tmp_path: Path, factory: pytest.TempPathFactory) -> Path:
    """A private copy of a template project (each template is built once per session)."""
    if kind not in _TEMPLATES:
        _TEMPLATES[kind] = _BUILDERS[kind](factory.mktemp(f"template-{kind}"))
    root = tmp_path / "proj"
    shutil.copytree(_TEMPLATES[kind], root, symlinks=True)
    return root


def write_files(root: Path, files: Mapping[str, FileSpec]) -> None:
    """Write bytes or text (UTF-8, as is) to project-relative paths, or call a setup function."""
    for relative, spec in files.items():
        path = root / relative
        if callable(spec):
            spec(root)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(spec.encode("utf-8") if isinstance(spec, str) else spec)


@dataclass(frozen=True)
class Case:
    """One hostile input: what to write, what to run, what must happen."""

    name: str
    files: Mapping[str, FileSpec]
    cmd: tuple[str, ...]
    exit: int
    messages: tuple[str, ...] = ()  # fragments the output must contain
    unchanged: bool = True  # the project tree must be byte for byte as it was
    base: str = LINKED
    xfail: str | None = None  # a known bug in a file this suite does not own
    check: Callable[[Path, Result], None] | None = None  # more assertions
    errors: tuple[tuple[str, int | None, str], ...] = ()  # (path, line, fragment) located errors

    def param(self) -> ParameterSet:
        """This case as a pytest parameter (strictly xfailed when it documents a bug)."""
        marks = [pytest.mark.xfail(strict=True, reason=self.xfail)] if self.xfail else []
        return pytest.param(self, id=self.name, marks=marks)


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Paths whose bytes differ, appeared or disappeared."""
    return sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )


def assert_clean_output(output: str, exit_code: int) -> None:
    """No traceback ever; no internal error; every error of a bad input says what to do."""
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    if exit_code in (2, 3):
        for line in output.splitlines():
            if line.startswith("error: ") or ": error: " in line:
                message = line.split("error: ", 1)[1]
                assert "; " in message, f"no hint on what to do: {line!r}"


def run_case(case: Case, root: Path) -> Result:
    """Write the case's files, run its command, and make the checks every case makes."""
    write_files(root, case.files)
    before = tree_snapshot(root)
    result = run(list(case.cmd), root)
    after = tree_snapshot(root)
    assert result.exit_code == case.exit, result.output
    assert_clean_output(result.output, result.exit_code)
    for fragment in case.messages:
        assert fragment in result.output, f"{fragment!r} not in:\n{result.output}"
    for path, line, fragment in case.errors:
        assert_error(result.output, path, line, fragment)
    if case.unchanged:
        assert changed_files(before, after) == [], result.output
    if case.check is not None:
        case.check(root, result)
    return result


def assert_error(output: str, path: str, line: int | None, fragment: str) -> None:
    """Some output line is ``path:line: error: ...`` and contains ``fragment``."""
    start = f"{path}:{line}: error: " if line is not None else f"{path}: error: "
    lines = [text for text in output.splitlines() if text.startswith(start)]
    assert any(fragment in text for text in lines), f"no {start!r}...{fragment!r} in:\n{output}"


# -- what a page may contain ------------------------------------------------------------

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href", "background"}
)
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|data|vbscript):")
_STRIPPED_BY_BROWSERS = re.compile(r"[\t\n\r]")


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.texts: dict[int, list[str]] = {}
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag not in ("meta", "link", "br", "img", "hr", "input", "source", "wbr"):
            self._open.append(len(self.tags) - 1)
            self.texts[len(self.tags) - 1] = []

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self._open) - 1, -1, -1):
            if self.tags[self._open[position]][0] == tag:
                del self._open[position:]
                return

    def handle_data(self, data: str) -> None:
        for index in self._open:
            self.texts[index].append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def text_of(self, index: int) -> str:
        """The text content of the element that is the ``index``-th start tag."""
        return "".join(self.texts.get(index, []))


def browser_url(value: str) -> str:
    """A URL attribute as a browser reads its scheme: leading C0/space stripped, tabs and
    newlines removed, lower case (character references are already decoded)."""
    value = value.lstrip("".join(chr(code) for code in range(0x21)))
    return _STRIPPED_BY_BROWSERS.sub("", value).lower()


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def markup_problems(html: str, *, scripts: int = 1) -> list[str]:
    """What makes HTML unsafe: scripts (other than ``scripts`` JSON-LD blocks), event
    handlers, styles, comments, embedded content, javascript:/data:/vbscript: addresses."""
    parser = _parse(html)
    problems: list[str] = []
    found = [attrs for tag, attrs in parser.tags if tag == "script"]
    if [attrs.get("type") for attrs in found] != ["application/ld+json"] * scripts:
        problems.append(f"scripts other than {scripts} JSON-LD block(s): {found}")
    for tag, attrs in parser.tags:
        if tag in ("style", "iframe", "object", "embed", "base", "form", "svg", "math"):
            problems.append(f"<{tag}> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            if name in _URL_ATTRIBUTES and _DANGEROUS_SCHEME.match(browser_url(value)):
                problems.append(f"<{tag} {name}={value!r}> dangerous scheme")
            if name == "style":
                problems.append(f"<{tag} style=...> inline style")
    if parser.comments:
        problems.append(f"HTML comments: {parser.comments}")
    return problems


def page_problems(html: str, notice: str = NOTICE) -> list[str]:
    """What makes a built page unsafe or its attribution incomplete; empty when it is fine."""
    problems = markup_problems(html)
    parser = _parse(html)
    notices = [
        index
        for index, (tag, attrs) in enumerate(parser.tags)
        if "notice" in attrs.get("class", "").split()
    ]
    if not any(parser.text_of(index) == notice for index in notices):
        problems.append("the copyright notice is not shown verbatim")
    return problems


def body_html(html: str) -> str:
    """The translated body of an article page (between its body div and the footer)."""
    start = html.index('<div class="body">')
    return html[start : html.index("</article>", start)]
