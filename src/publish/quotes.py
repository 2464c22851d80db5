"""Quotation marks: are they balanced? Shared by import and check."""

from __future__ import annotations

import re

# Pairs whose opening and closing marks differ.
PAIRED = (("“", "”"), ("«", "»"), ("„", "“"), ("‹", "›"), ("「", "」"), ("『", "』"))
_WORD_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def unbalanced_quotes(text: str) -> list[str]:
    """Descriptions of unbalanced quotation marks in ``text`` (empty when fine).

    Straight double quotes must come in even numbers; typographic pairs must
    open and close the same number of times. Apostrophes are ignored.
    """
    problems: list[str] = []
    if text.count('"') % 2:
        problems.append(f'an odd number of straight double quotes (")={text.count(chr(34))}')
    for opening, closing in PAIRED:
        if opening == "„":
            # „…“ (German, Russian, Ukrainian) shares “ with English “…”.
            opens = text.count("„")
            closes = text.count("“") - text.count("”")
            if opens and opens != closes:
                problems.append(f"{opens} „ but {max(closes, 0)} closing “")
            continue
        opens, closes = text.count(opening), text.count(closing)
        if opening == "“" and "„" in text:
            continue
        if opens != closes:
            problems.append(f"{opens} {opening} but {closes} {closing}")
    return problems
