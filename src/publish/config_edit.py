"""Adding a language to ``languages:`` in publish.yaml, as an editor would by hand.

The file is the editor's: its comments, order and spacing stay. Only the two
shapes publish itself writes and documents are edited, a one-line flow list
(``languages: [ru, uk]``) and a block list (``- ru`` lines); anything else is
left for the editor, and the caller says what to add.
"""

from __future__ import annotations

import re

_FLOW = re.compile(r"^languages:[ \t]*\[(?P<items>[^\]\n#]*)\][ \t]*(?:#.*)?$")
_BLOCK_START = re.compile(r"^languages:[ \t]*(#.*)?$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)- ")


def add_languages(text: str, codes: list[str]) -> str | None:
    """``text`` with ``codes`` appended to its ``languages:`` list, or None when the list
    is not in a shape this can edit safely (the caller then checks the result parses)."""
    if not codes:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    shown = [_scalar(code) for code in codes]
    edited: list[str] | None = None
    for index, line in enumerate(lines):
        flow = _FLOW.match(line)
        if flow:
            # Only inserted before the bracket: what the items say is left as written.
            close = flow.end("items")
            glue = ", " if flow["items"].strip() else ""
            items = flow["items"].rstrip()
            lines[index] = line[: flow.start("items")] + items + glue + ", ".join(shown) + line[close:]
            edited = lines
            break
        if _BLOCK_START.match(line):
            edited = _add_to_block(lines, index, shown)
            break
    return None if edited is None else newline.join(edited)


def _scalar(code: str) -> str:
    """``code`` as a YAML scalar that reads back as that string (``no`` is quoted)."""
    import yaml

    return code if yaml.safe_load(code) == code else f'"{code}"'


def _add_to_block(lines: list[str], start: int, codes: list[str]) -> list[str] | None:
    """Append ``- code`` items after the last line of the block list starting at ``start``."""
    last, indent = None, None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace() and not line.startswith("-"):
            break  # the next top-level key
        item = _ITEM.match(line)
        if item and indent is None:
            indent = item["indent"]
        last = index
    if last is None or indent is None:
        return None  # `languages:` with nothing under it: not a list publish knows
    added = [f"{indent}- {code}" for code in codes]
    return [*lines[: last + 1], *added, *lines[last + 1 :]]
