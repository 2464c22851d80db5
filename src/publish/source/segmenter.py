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
    if "<!--" not in body:
        return body, []
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
    if "\n" not in content:
        return content
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
    blocks = plain_blocks(clean)
    if blocks is None:
        blocks = markdown_blocks(clean, path, first_line)
    pending = {d.line: d for d in directives}
    segments: list[Segment] = []
    excluded: set[int] = set()
    paragraph_number = 0
    for index, content, role in blocks:
        line = first_line + index
        directive = _directive_before(pending, line) if pending else None
        text = join_soft_breaks(content)
        if not text:
            continue
        if directive is not None and directive.verb == "skip":
            excluded.add(line)
            continue
        if role == "paragraph":
            paragraph_number += 1
            role = f"paragraph {paragraph_number}"
        note = directive.arg if directive is not None and directive.verb == "note" else ""
        segments.append(Segment(text=text, role=role, line=line, note=note))
    return segments, frozenset(excluded)


# (index of the block's first line in the body, its inline content stripped, role)
Block = tuple[int, str, str]


def markdown_blocks(body: str, path: str, first_line: int) -> list[Block]:
    """The blocks with inline content, as markdown-it parses ``body``."""
    from .markdown import block_parser  # markdown-it: only for bodies that need it

    blocks: list[Block] = []
    stack: list[str] = []
    for token in block_parser().parse(body):
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
        blocks.append((token.map[0], token.content.strip(), _role(stack)))
    return blocks


# What a line of paragraph text must not start with to be sure it is one in
# CommonMark (raw HTML off): a block marker (a heading, quote, list item,
# rule, fence, setext underline, link reference definition, HTML) or an
# ordered-list number; nor with whitespace, unless the line is blank.
_BLOCK_MARKERS = frozenset("#>*+-=_`~<[|")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)]")


def plain_blocks(body: str) -> list[Block] | None:
    """The paragraphs of a body that has nothing but paragraphs, or None.

    Such a body (what ``publish import`` writes, for one) is paragraphs of text
    lines separated by blank lines: markdown-it would make one paragraph of each
    run of lines and give its lines joined and trimmed. None when any line
    could be something else, or when its trimming could differ from removing
    the spaces and tabs at the end; then markdown-it must parse the body.
    """
    if "\r" in body or "\0" in body:
        return None  # markdown-it makes a CR a line end, and a NUL U+FFFD
    blocks: list[Block] = []
    start = -1  # first line of the paragraph being read, -1 between paragraphs
    lines = body.split("\n")
    markers = _BLOCK_MARKERS
    for index, line in enumerate(lines):
        if not line or (line[0] in " \t" and not line.strip(" \t")):
            if start >= 0:
                block = _paragraph(lines, start, index)
                if block is None:
                    return None
                blocks.append(block)
                start = -1
            continue
        first = line[0]
        if first in markers or first.isspace() or (first.isdigit() and _ORDERED_ITEM.match(line)):
            return None
        if start < 0:
            start = index
    if start >= 0:
        block = _paragraph(lines, start, len(lines))
        if block is None:
            return None
        blocks.append(block)
    return blocks


def _paragraph(lines: list[str], start: int, end: int) -> Block | None:
    """``lines[start:end]`` as a paragraph, or None if trimming it is not plain."""
    content = lines[start] if end == start + 1 else "\n".join(lines[start:end])
    content = content.rstrip(" \t")
    if content[-1].isspace():
        return None  # markdown-it and str.strip() trim other whitespace differently
    return (start, content, "paragraph")


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
