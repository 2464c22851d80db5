"""PO catalogs as plain data, independent of any PO library.

publish reads and writes PO itself (see docs/po-format.md for why: polib and
Babel each lose data that translators wrote). Field names follow GNU gettext.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from publish.errors import Problem


@dataclass(frozen=True)
class CatalogWarning(Problem):
    """Something the reader accepted but a person should be told about.

    ``code`` is the ``publish check`` code it is reported under (``po-bom``,
    ``po-charset``; see docs/checks.md).
    """

    severity: str = "warning"
    code: str = ""


@dataclass
class Entry:
    """One message. ``msgctxt`` None means "no context", distinct from ``""``."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0  # line of the `msgid` keyword in the file it was read from

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity within a catalog: (context, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        """True when flagged ``fuzzy``."""
        return "fuzzy" in self.flags

    def set_fuzzy(self, value: bool) -> None:
        """Add or remove the ``fuzzy`` flag (kept first, as gettext writes it)."""
        if value and not self.fuzzy:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags = [flag for flag in self.flags if flag != "fuzzy"]

    @property
    def translated(self) -> bool:
        """Has a non-empty translation (fuzzy or not)."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def ships(self) -> bool:
        """Translated, not fuzzy, not obsolete: what msgfmt would compile."""
        return self.translated and not self.fuzzy and not self.obsolete


@dataclass
class Catalog:
    """A header entry plus messages, in file order."""

    header: Entry | None = None
    entries: list[Entry] = field(default_factory=list)
    newline: str = "\n"
    trailing_comments: list[str] = field(
        default_factory=list
    )  # raw comment lines after the last entry
    # What the reader worked around (a byte order mark, charset=CHARSET...), each a
    # CatalogWarning. Not part of the catalog's content: equality ignores it.
    warnings: list[Problem] = field(default_factory=list, compare=False, repr=False)

    def header_fields(self) -> dict[str, str]:
        """The header's ``Name: value`` fields, in order."""
        return parse_header(self.header.msgstr if self.header else "")

    def active(self) -> list[Entry]:
        """Entries that are not obsolete."""
        return [entry for entry in self.entries if not entry.obsolete]


def parse_header(text: str) -> dict[str, str]:
    """``Name: value\\n`` lines → a dict (later duplicates win, like gettext)."""
    fields: dict[str, str] = {}
    for line in text.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def format_header(fields: dict[str, str]) -> str:
    """A dict of header fields → the header msgstr."""
    return "".join(f"{name}: {value}\n" for name, value in fields.items())
