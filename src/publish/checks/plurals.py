"""The ``plural-forms`` check: as many ``msgstr[N]`` as the header's ``nplurals``.

GNU ``msgfmt -c`` refuses a catalog whose translated plural entries have more
or fewer forms than ``Plural-Forms: nplurals=N`` says, or whose header has no
``nplurals`` while such entries exist. Only ``nplurals=N`` is read; the
``plural=`` expression is never evaluated.
"""

from __future__ import annotations

import re

from ..po.model import Entry
from .base import Issue

# msgl-check.c looks for "nplurals=" in the field and reads the digits after
# optional whitespace; a space before "=" is accepted here as well.
_NPLURALS = re.compile(r"\bnplurals[ \t]*=[ \t]*([0-9]{1,6})(?![0-9])")


def header_nplurals(plural_forms: str | None) -> int | None:
    """``N`` of ``nplurals=N`` in a Plural-Forms value; None when absent, 0 or unreadable."""
    if not plural_forms:
        return None
    match = _NPLURALS.search(plural_forms)
    if match is None:
        return None
    value = int(match.group(1))
    return value or None


def check_plural_count(entry: Entry, nplurals: int) -> Issue | None:
    """An issue when a plural entry has another number of forms than ``nplurals``."""
    if entry.msgid_plural is None:
        return None
    count = len(entry.msgstr_plural)
    if count == nplurals:
        return None
    expected = " ".join(f"msgstr[{index}]" for index in range(min(nplurals, 4)))
    if nplurals > 4:
        expected += f" ... msgstr[{nplurals - 1}]"
    action = "remove the extra forms" if count > nplurals else "add the missing forms"
    return Issue(
        "plural-forms",
        f"{count} plural form{'s' if count != 1 else ''} (msgstr[0]..msgstr[{count - 1}]), "
        f"but the header's Plural-Forms says nplurals={nplurals}, so GNU msgfmt -c refuses "
        f"the catalog: {action} ({expected}), or correct Plural-Forms",
    )


def missing_nplurals(plural_forms: str | None, suggestion: str | None) -> Issue:
    """The issue for a header without a usable ``nplurals`` while entries have plural forms
    (``suggestion``: the language's Plural-Forms, None when none is known)."""
    what = (
        "has no Plural-Forms" if plural_forms is None else "has no valid nplurals in Plural-Forms"
    )
    add = (
        f'add "Plural-Forms: {suggestion}" to the header'
        if suggestion is not None
        else "add the language's Plural-Forms to the header"
    )
    return Issue(
        "plural-forms",
        f"the header {what}, but entries have plural forms (msgstr[N]), so GNU msgfmt -c "
        f"refuses the catalog: {add}",
    )
