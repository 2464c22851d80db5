"""Plain captured paragraphs → Markdown that renders back to exactly that text."""

from __future__ import annotations

import re

from .markdown import markdown_parser

_BLOCK_START = re.compile(r"^(\s*)([#>+*-]|\d{1,9}[.)]|={3,}|-{3,}|_{3,}|`{3,}|~{3,})")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&!])")


def renders_as_plain(markdown: str, text: str) -> bool:
    """True when ``markdown`` is one paragraph whose text is exactly ``text``."""
    tokens = markdown_parser().parse(markdown)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return False
    children = tokens[1].children or []
    if any(child.type != "text" for child in children):
        return False
    return "".join(child.content for child in children) == text


def escape_paragraph(text: str) -> str:
    """The least-escaped Markdown for a plain paragraph (translators see these msgids)."""
    candidates = [text]
    minimal = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)
    candidates.append(minimal)
    candidates.append(_INLINE_SPECIAL.sub(r"\\\1", minimal))
    for candidate in candidates:
        if renders_as_plain(candidate, text):
            return candidate
    # Last resort: escape every ASCII punctuation character (CommonMark allows it).
    full = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)
    return full


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """A Markdown body with one escaped paragraph per block."""
    return "\n\n".join(escape_paragraph(p) for p in paragraphs) + "\n"
