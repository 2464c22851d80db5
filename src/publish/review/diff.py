"""A word-level diff between two texts, for fuzzy entries' ``#|`` previous msgid.

Pure. Words, runs of whitespace and single punctuation marks are the units, so
``...`` → ``…`` shows as one small change and a changed word is shown whole.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class DiffPart:
    """A run of text that is in both texts (equal), only the old (delete) or only the new."""

    kind: str
    text: str


def tokens(text: str) -> list[str]:
    """``text`` split into words, whitespace runs and punctuation marks (joined: ``text``)."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The changes from ``old`` to ``new``; adjacent parts of one kind are merged.

    Joining the equal and delete parts gives ``old``; the equal and insert parts, ``new``.
    """
    before, after = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    parts: list[DiffPart] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(before[i1:i2]))
            continue
        add(DELETE, "".join(before[i1:i2]))
        add(INSERT, "".join(after[j1:j2]))
    return parts
