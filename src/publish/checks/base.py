"""What every check shares: severities, the issue a check returns, the context it runs in.

A check is a pure function ``(source, translation, language, context) ->
Iterable[Issue]``; the registry attaches the severity of the issue's code and
the location of the entry. Nothing here reads files.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..langcode import LanguageInfo
    from .glossary import Glossary

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)  # most severe first


@dataclass(frozen=True)
class Issue:
    """One problem a check found in one source/translation pair."""

    code: str
    message: str


@dataclass(frozen=True)
class CheckContext:
    """Where the pair comes from and the project data the checks need."""

    path: str | None = None  # the .po file, as shown to the user
    line: int | None = None  # the line of the entry's msgid
    source_language: LanguageInfo | None = None  # None: English conventions
    glossary: Glossary | None = None
    ignored: frozenset[str] = field(default_factory=frozenset)
    nplurals: int | None = None  # the catalog header's Plural-Forms nplurals, when readable


def character_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE`` (or just the code point when unnamed)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()
