"""Small programs that run.py measures in their own process.

    python benchmarks/drivers.py babel-update JOBS      Babel's Catalog.update, one job per line
    python benchmarks/drivers.py parse-publish FILE     publish's catalog reader
    python benchmarks/drivers.py parse-polib FILE       polib.pofile
    python benchmarks/drivers.py parse-babel FILE       babel.messages.pofile.read_po
    python benchmarks/drivers.py parse-floor FILE       read, decode, split lines (the floor)
    python benchmarks/drivers.py floor-extract SRC OUT  split paragraphs, write a PO-ish file
    python benchmarks/drivers.py floor-build ROOT OUT LANG...  read .po + source, write HTML-ish pages

Each prints ``BENCH-SECONDS x`` (the time of the work itself, without the
interpreter's start-up and imports). Imports are inside the functions so a
driver's memory is only what its own work needs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path


def _done(start: float, note: str = "") -> None:
    print(f"BENCH-SECONDS {time.perf_counter() - start:.6f}")
    if note:
        print(note)


def babel_update(jobs_file: str) -> None:
    """``old.po<TAB>new.pot<TAB>out.po`` per line: read, update (fuzzy on), write."""
    from babel.messages.pofile import read_po, write_po

    jobs = [line.split("\t") for line in Path(jobs_file).read_text().splitlines() if line]
    start = time.perf_counter()
    for old_path, pot_path, out_path in jobs:
        with open(old_path, "rb") as handle:
            catalog = read_po(handle)
        with open(pot_path, "rb") as handle:
            template = read_po(handle)
        catalog.update(template, no_fuzzy_matching=False)
        with open(out_path, "wb") as handle:
            write_po(handle, catalog, include_previous=True)
    _done(start, f"catalogs {len(jobs)}")


def parse_publish(path: str) -> None:
    """publish's strict reader on one catalog."""
    from publish.po.reader import read_catalog

    start = time.perf_counter()
    data = Path(path).read_bytes()
    catalog = read_catalog(data, path)
    _done(start, f"entries {len(catalog.entries)}")


def parse_polib(path: str) -> None:
    """polib on one catalog (given a path, as the pitfalls notes advise)."""
    import polib

    start = time.perf_counter()
    catalog = polib.pofile(path, encoding="utf-8")
    _done(start, f"entries {len(catalog)}")


def parse_babel(path: str) -> None:
    """Babel's read_po on one catalog."""
    from babel.messages.pofile import read_po

    start = time.perf_counter()
    with open(path, "rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    _done(start, f"entries {len(catalog)}")


def parse_floor(path: str) -> None:
    """The floor for parsing: read, decode and split into lines."""
    start = time.perf_counter()
    lines = Path(path).read_bytes().decode("utf-8").split("\n")
    _done(start, f"lines {len(lines)}")


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def floor_extract(source: str, out: str) -> None:
    """For every article: split off the front matter, split paragraphs, write msgid/msgstr pairs."""
    start = time.perf_counter()
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(source).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        title = next(
            (
                line[6:].strip().strip('"')
                for line in front.splitlines()
                if line.startswith("title:")
            ),
            "",
        )
        seen: set[str] = set()
        parts = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
        for number, paragraph in enumerate([title, *body.split("\n\n")]):
            paragraph = paragraph.strip()
            if paragraph and paragraph not in seen:
                seen.add(paragraph)
                parts.append(f'#: {path.name}:{number}\nmsgid {_po_string(paragraph)}\nmsgstr ""\n')
        (target / f"{path.stem}.pot").write_text("\n".join(parts), encoding="utf-8")
    _done(start)


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    if "\\" not in body:
        return body
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _read_po_naive(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the active entries (no validation at all)."""
    table: dict[str, str] = {}
    msgid: list[str] = []
    msgstr: list[str] = []
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("msgid "):
            if msgid and msgstr:
                table["".join(msgid)] = "".join(msgstr)
            msgid, msgstr = [_unquote(line)], []
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line)]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
        elif not line.strip():
            current = None
    if msgid and msgstr:
        table["".join(msgid)] = "".join(msgstr)
    return table


def floor_build(root: str, out: str, *languages: str) -> None:
    """For every article and language: read source and .po, write a page of escaped paragraphs."""
    from html import escape

    start = time.perf_counter()
    project = Path(root)
    target = Path(out)
    for path in sorted((project / "source").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, _front, body = text.split("---\n", 2)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        for language in ("en", *languages):
            table: dict[str, str] = {}
            if language != "en":
                po = project / "locale" / language / "LC_MESSAGES" / f"{path.stem}.po"
                if po.is_file():
                    table = _read_po_naive(po)
            page = "".join(f"<p>{escape(table.get(p) or p)}</p>\n" for p in paragraphs)
            folder = target / language / path.stem
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(
                f'<!doctype html><html lang="{language}"><body>\n{page}</body></html>\n',
                encoding="utf-8",
            )
    _done(start)


COMMANDS: dict[str, Callable[..., None]] = {
    "babel-update": babel_update,
    "parse-publish": parse_publish,
    "parse-polib": parse_polib,
    "parse-babel": parse_babel,
    "parse-floor": parse_floor,
    "floor-extract": floor_extract,
    "floor-build": floor_build,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
