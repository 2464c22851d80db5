"""The ``quotes`` and ``quotes-lost`` checks: quoted speech survives translation.

A translation's quotation marks must be balanced, in whatever style the
language uses (“…”, «…», „…“, "…"). A source that quotes someone needs
quotation marks in the translation too; their number may differ (Russian joins
``"A," she said. "B."`` into one ``«A, — сказала она. — B»``). A source segment
whose own quotes are unbalanced is reported once, as ``source-quotes``, by the
caller; its translations are not blamed for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..langcode import LanguageInfo
from ..quotes import PAIRED, unbalanced_quotes
from .base import CheckContext, Issue

# A straight single quote opening a quotation: after a space or an opening
# mark, before a letter ('arms were…'); not an apostrophe (Ailana's, '90s).
_SINGLE_OPEN = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[\"“«„(\[—–-]))'(?=[^\W\d])")


def count_quotations(text: str) -> int:
    """How many quotations ``text`` opens, nested ones included."""
    total = text.count('"') // 2
    for opening, _closing in PAIRED:
        if opening == "“" and "„" in text:
            continue  # “ closes „…“ here; counted with „
        total += text.count(opening)
    total += text.count("‘") + len(_SINGLE_OPEN.findall(text))
    return total


def source_quotes_balanced(source: str) -> bool:
    """True when the source's own quotation marks are balanced."""
    return not unbalanced_quotes(source)


def check_quotes(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """Balanced quotation marks; quotation marks at all when the source quotes."""
    if not source_quotes_balanced(source):
        return
    problems = unbalanced_quotes(translation)
    if problems:
        yield Issue("quotes", "unbalanced quotation marks: " + "; ".join(problems))
        return
    if count_quotations(source) and not count_quotations(translation):
        yield Issue(
            "quotes-lost",
            "the source quotes someone, the translation has no quotation marks; "
            "was quoted speech turned into the reporter's words?",
        )
