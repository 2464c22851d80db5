"""An article as data: attribution metadata and translatable segments."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


@dataclass(frozen=True)
class Permission:
    """A recorded permission to reprint and translate."""

    granted_by: str
    date: dt.date | None = None
    languages: tuple[str, ...] = ()  # empty: all languages
    note: str = ""


@dataclass(frozen=True)
class Attribution:
    """The original's attribution, rendered verbatim on every page."""

    title: str
    authors: tuple[str, ...]
    date: dt.date
    original_url: str
    notice: str
    publisher: str = ""
    copyright_holder: str = ""
    license: str = ""
    permission: Permission | None = None
    language: str = "en"
    organizations: tuple[str, ...] = ()  # the authors that are organisations, not people


@dataclass(frozen=True)
class Segment:
    """One translatable unit: the title or one body block's inline text."""

    text: str
    role: str  # "title", "paragraph 3", "heading", "list item", "block quote"
    line: int  # 1-based line in the source file
    note: str = ""  # a note for translators from a source directive


@dataclass(frozen=True)
class Article:
    """A parsed source article."""

    slug: str
    path: str  # repo-relative, e.g. source/foo.md
    attribution: Attribution
    body: str  # the Markdown body, directives blanked out
    body_line: int  # line of the body's first line in the file
    segments: tuple[Segment, ...]
    excluded_lines: frozenset[int] = field(default_factory=frozenset)
    warnings: tuple[str, ...] = ()
    field_lines: tuple[tuple[str, int], ...] = ()  # (front matter key, its line)

    def line_of(self, key: str) -> int | None:
        """The line of a front matter key in the source file, None when unknown."""
        return dict(self.field_lines).get(key)

    @property
    def title_segment(self) -> Segment:
        """The title, always the first segment."""
        return self.segments[0]
