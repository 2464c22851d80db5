"""Split a Markdown body into translatable segments.

Paragraphs, headings, list items and block-quote paragraphs become segments;
inline markup and links stay inside their segment; code blocks are never
translated. Two HTML-comment directives on a line of their own steer it:

* ``<!-- publish: skip -->`` keeps the next block out of translation;
* ``<!-- publish: note TEXT -->`` gives translators a note on the next block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from .markdown import markdown_parser
from .model import Segment

DIRECTIVE = re.compile(r"^\s{0,3}<!--\s*publish:\s*(?P<verb>[a-z-]+)\s*(?P<arg>.*?)\s*-->\s*$")
_ANY_PUBLISH_COMMENT = re.compile(r"^\s{0,3}<!--\s*publish:")
MAX_NESTING = 12


@dataclass(frozen=True)
class Directive:
    """A directive line and what it says."""

    line: int
    verb: str
    arg: str


def strip_directives(body: str, path: str, first_line: int) -> tuple[str, list[Directive]]:
    """Blank out directive lines (keeping line numbers) and return them."""
    lines = body.split("\n")
    directives: list[Directive] = []
    for index, text in enumerate(lines):
        if not _ANY_PUBLISH_COMMENT.match(text):
            continue
        line = first_line + index
        match = DIRECTIVE.match(text)
        if match is None or match["verb"] not in ("skip", "note"):
            raise SourceError(
                "unknown publish directive",
                path=path,
                line=line,
                hint="use <!-- publish: skip --> or <!-- publish: note TEXT -->",
            )
        if match["verb"] == "note" and not match["arg"]:
            raise SourceError(
                "`publish: note` needs a text",
                path=path,
                line=line,
                hint="write <!-- publish: note TEXT --> or delete the line",
            )
        directives.append(Directive(line, match["verb"], match["arg"]))
        lines[index] = ""
    return "\n".join(lines), directives


def join_soft_breaks(content: str) -> str:
    """A paragraph wrapped over several lines becomes one line; hard breaks stay."""
    lines = content.split("\n")
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("\\") or out.endswith("  "):
            out += "\n" + line
        else:
            out += " " + line
    return out


def segment_body(body: str, path: str, first_line: int) -> tuple[list[Segment], frozenset[int]]:
    """Segments of a body whose first line is ``first_line`` in ``path``.

    Returns the segments and the lines of blocks excluded by ``skip``.
    """
    clean, directives = strip_directives(body, path, first_line)
    tokens = markdown_parser().parse(clean)
    pending = {d.line: d for d in directives}
    segments: list[Segment] = []
    excluded: set[int] = set()
    stack: list[str] = []
    paragraph_number = 0
    for token in tokens:
        if token.nesting == 1:
            stack.append(token.type)
            if len(stack) > MAX_NESTING:
                raise SourceError(
                    f"blocks nested deeper than {MAX_NESTING} levels",
                    path=path,
                    line=first_line + (token.map[0] if token.map else 0),
                    hint="flatten the lists or quotes",
                )
        elif token.nesting == -1:
            stack.pop()
        if token.type != "inline" or token.map is None:
            continue
        line = first_line + token.map[0]
        directive = _directive_before(pending, line)
        text = join_soft_breaks(token.content.strip())
        if not text:
            continue
        if directive is not None and directive.verb == "skip":
            excluded.add(line)
            continue
        role = _role(stack)
        if role == "paragraph":
            paragraph_number += 1
            role = f"paragraph {paragraph_number}"
        note = directive.arg if directive is not None and directive.verb == "note" else ""
        segments.append(Segment(text=text, role=role, line=line, note=note))
    return segments, frozenset(excluded)


def _directive_before(pending: dict[int, Directive], line: int) -> Directive | None:
    """The directive on the nearest non-blank line above a block, consumed once."""
    for candidate in range(line - 1, max(line - 3, 0), -1):
        if candidate in pending:
            return pending.pop(candidate)
    return None


def _role(stack: list[str]) -> str:
    if "heading_open" in stack:
        return "heading"
    if "list_item_open" in stack:
        return "list item"
    if "blockquote_open" in stack:
        return "block quote"
    return "paragraph"
