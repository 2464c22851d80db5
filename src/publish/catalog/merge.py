"""Merge a template into a translated catalog, msgmerge style, losing nothing.

Pure: takes catalogs, returns a catalog and a report. The rules, in order, for
each template message:

1. exact match (same context and msgid, active or obsolete): the translation
   is kept with its comments and flags (an obsolete one is revived);
2. typography-only change (quotes, dashes, ellipsis, spaces, NFC/NFD): the
   translation is carried over, not fuzzy;
3. similar earlier message (this catalog's old or obsolete entries, or the
   same language's other catalogs): its translation arrives as a fuzzy
   suggestion with the previous msgid as ``#|``;
4. otherwise the message is new and empty.

Old translated messages that no template message took become obsolete
(``#~``), so they come back when the paragraph returns. Conservation: every
non-empty translation before a merge is present after it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..po.model import Catalog, Entry, parse_header
from .similarity import THRESHOLD, FuzzyIndex, SmallIndex
from .typography import typography_key

# The share of words (difflib ratio) an edited paragraph must keep to be offered its
# old translation when that old message vanished from this very catalog (no template
# message took it). In the benchmark corpus (benchmarks/corpus.py) the heaviest rewrites
# keep 0.41-0.46, which msgmerge's character-level 0.6 also accepts, while an inserted
# paragraph shares at most 0.19 with any paragraph of its article. Everything else
# (other catalogs, messages still in use, obsolete ones) needs THRESHOLD.
VANISHED_THRESHOLD = 0.4

# Up to this many translated messages, a catalog's own fuzzy candidates are compared
# one by one (SmallIndex); above, through a word index (FuzzyIndex).
SMALL_CATALOG = 400

_CREATION_LINE = re.compile(r"^(POT-Creation-Date:[ \t]*)[^\n]*\n", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A translation that may serve a similar message."""

    msgid: str
    msgctxt: str | None
    msgstr: str
    translator_comments: tuple[str, ...] = ()
    origin: str = ""  # the catalog it came from, for other articles


@dataclass
class MergeReport:
    """How each message of the template was served."""

    kept: int = 0
    carried: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    revived: int = 0

    def summary(self) -> str:
        """``kept / carried / fuzzy / new / obsolete`` counts in one line."""
        text = (
            f"{self.kept} kept, {self.carried} carried, {self.fuzzy} fuzzy, "
            f"{self.new} new, {self.obsolete} obsolete"
        )
        return text + (f" ({self.revived} revived)" if self.revived else "")


@dataclass
class TranslationMemory:
    """Translations from a language's other catalogs, offered as fuzzy suggestions.

    It holds compact :class:`Suggestion` tuples and a word index, not the
    catalogs, so a whole language's memory stays small.
    """

    index: FuzzyIndex[Suggestion] = field(default_factory=FuzzyIndex)
    origins: Counter[str] = field(default_factory=Counter)  # suggestions per catalog

    def add_catalog(self, catalog: Catalog, origin: str) -> None:
        """Offer the shipped and obsolete translations of ``catalog``."""
        self.extend(memory_items(catalog, origin))

    def extend(self, suggestions: Iterable[Suggestion]) -> None:
        """Offer ``suggestions`` (from :func:`memory_items`)."""
        for suggestion in suggestions:
            self.index.add(suggestion.msgid, suggestion)
            self.origins[suggestion.origin] += 1

    def __len__(self) -> int:
        return len(self.index)

    def offers_to(self, origin: str) -> bool:
        """True when some suggestion comes from a catalog other than ``origin``."""
        return len(self.index) > self.origins[origin]

    def best(self, msgid: str, origin: str) -> tuple[float, Suggestion] | None:
        """The best suggestion for ``msgid`` from catalogs other than ``origin``."""
        if not self.offers_to(origin):
            return None
        return self.index.best(msgid, skip=lambda s: s.origin == origin)


def memory_items(catalog: Catalog, origin: str) -> list[Suggestion]:
    """What ``catalog`` offers a translation memory: its shipped and obsolete translations."""
    return [
        _suggestion(entry, origin)
        for entry in catalog.entries
        if entry.msgid and entry.msgid_plural is None and entry.msgstr and not entry.fuzzy
    ]


class Memory(Protocol):
    """What :func:`merge` asks a translation memory (see :class:`TranslationMemory`)."""

    def best(self, msgid: str, origin: str) -> tuple[float, Suggestion] | None:
        """The best suggestion for ``msgid`` from catalogs other than ``origin``, or None."""


def needs_memory(template: Catalog, old: Catalog) -> bool:
    """True when some message of ``template`` has neither an exact nor a typography match
    in ``old``: only then can a translation memory change what :func:`merge` returns.
    """
    return bool(memory_queries(template, old))


def memory_queries(template: Catalog, old: Catalog) -> list[str]:
    """The msgids :func:`merge` asks its memory about (each once, in template order):
    the messages of ``template`` with neither an exact nor a typography match in ``old``.
    """
    keys = {entry.key for entry in old.entries}
    misses = [
        t
        for t in template.entries
        if not t.obsolete and t.key not in keys and t.msgid_plural is None
    ]
    if not misses:
        return []
    carried = _typography_index(old.entries)
    found = (t.msgid for t in misses if (t.msgctxt, typography_key(t.msgid)) not in carried)
    return list(dict.fromkeys(found))


def _typography_index(entries: list[Entry]) -> dict[tuple[str | None, str], Entry]:
    by_typography: dict[tuple[str | None, str], Entry] = {}
    for entry in entries:
        if entry.translated and entry.msgid_plural is None:
            by_typography.setdefault((entry.msgctxt, typography_key(entry.msgid)), entry)
    return by_typography


def _suggestion(entry: Entry, origin: str = "") -> Suggestion:
    return Suggestion(
        entry.msgid, entry.msgctxt, entry.msgstr, tuple(entry.translator_comments), origin
    )


def merge(
    template: Catalog,
    old: Catalog,
    memory: Memory | None = None,
    *,
    origin: str = "",
) -> tuple[Catalog, MergeReport]:
    """The merged catalog and what happened to each message.

    ``origin`` names ``old`` in ``memory`` so a catalog is never offered its
    own entries twice.
    """
    report = MergeReport()
    # ``old`` is never modified: kept entries are copied field by field, obsolete ones below.
    old_entries = old.entries
    by_key: dict[tuple[str | None, str], Entry] = {e.key: e for e in old_entries}
    by_typography: dict[tuple[str | None, str], Entry] | None = None  # built on first need
    own: _Index = SmallIndex()
    used: set[int] = set()

    merged: list[Entry] = []
    pending: list[tuple[Entry, Entry]] = []  # (template entry, result) still needing a fuzzy look
    for tentry in template.entries:
        if tentry.obsolete:
            continue
        result = _fresh(tentry)
        match = by_key.get(tentry.key)
        if match is not None:
            _take(result, match, keep_flags=True)
            used.add(id(match))
            if match.obsolete:
                report.revived += 1
            report.kept += 1
        else:
            if by_typography is None:
                by_typography = _typography_index(old_entries)
            carried = by_typography.get((tentry.msgctxt, typography_key(tentry.msgid)))
            if carried is not None and tentry.msgid_plural is None:
                _take(result, carried, keep_flags=True)
                used.add(id(carried))
                report.carried += 1
            else:
                pending.append((tentry, result))
        merged.append(result)

    if pending:
        candidates = [
            (entry.msgid, (_suggestion(entry), entry))
            for entry in old_entries
            if entry.translated and entry.msgid_plural is None and entry.msgid
        ]
        # The same answers either way: a SmallIndex looks at every candidate, a
        # FuzzyIndex only at those sharing a rare word (for a catalog of many messages).
        if len(candidates) <= SMALL_CATALOG:
            own = SmallIndex(candidates)
        else:
            own = FuzzyIndex()
            own.extend(candidates)
    # An active old message that no template message took has most likely been edited
    # into one of the pending ones: it needs less similarity than the rest.
    vanished = {id(e) for e in old_entries if not e.obsolete and id(e) not in used}
    for tentry, result in pending:
        found = (
            _best(tentry.msgid, own, memory, origin, vanished)
            if tentry.msgid_plural is None
            else None
        )
        if found is None:
            report.new += 1
            continue
        suggestion, source_entry = found
        result.msgstr = suggestion.msgstr
        result.translator_comments = list(suggestion.translator_comments)
        result.set_fuzzy(True)
        result.previous_msgctxt = suggestion.msgctxt
        result.previous_msgid = suggestion.msgid
        if source_entry is not None:
            used.add(id(source_entry))
        report.fuzzy += 1

    active_keys = {e.key for e in merged}
    obsolete: list[Entry] = []
    for entry in old_entries:
        if id(entry) in used or entry.key in active_keys or not entry.msgid:
            continue
        if not entry.translated and not entry.translator_comments:
            continue  # nothing a translator wrote
        if not entry.obsolete:
            report.obsolete += 1
        obsolete.append(
            dataclasses.replace(
                entry,
                obsolete=True,
                references=[],
                extracted_comments=[],
                translator_comments=list(entry.translator_comments),
                flags=list(entry.flags),
                msgstr_plural=dict(entry.msgstr_plural),
            )
        )

    header = _merge_header(template.header, old.header)
    return (
        Catalog(
            header=header,
            entries=merged + obsolete,
            newline=old.newline,
            trailing_comments=list(old.trailing_comments),
        ),
        report,
    )


_Index = (
    SmallIndex[tuple[Suggestion, "Entry | None"]] | FuzzyIndex[tuple[Suggestion, "Entry | None"]]
)


def _best(
    msgid: str,
    own: _Index,
    memory: Memory | None,
    origin: str,
    vanished: set[int],
) -> tuple[Suggestion, Entry | None] | None:
    """The best suggestion from this catalog or the memory; this catalog wins ties.

    A vanished message of this catalog (see :data:`VANISHED_THRESHOLD`) needs
    less similarity than any other candidate.
    """
    candidates: list[tuple[float, int, Suggestion, Entry | None]] = []
    mine = own.best(
        msgid,
        VANISHED_THRESHOLD,
        required=lambda item: VANISHED_THRESHOLD if id(item[1]) in vanished else THRESHOLD,
    )
    if mine is not None:
        candidates.append((mine[0], 1, *mine[1]))
    if memory is not None:
        theirs = memory.best(msgid, origin)
        if theirs is not None:
            candidates.append((theirs[0], 0, theirs[1], None))
    if not candidates:
        return None
    _, _, suggestion, entry = max(candidates, key=lambda c: (c[0], c[1]))
    return suggestion, entry


def _fresh(tentry: Entry) -> Entry:
    return Entry(
        msgid=tentry.msgid,
        msgctxt=tentry.msgctxt,
        msgid_plural=tentry.msgid_plural,
        msgstr_plural={}
        if tentry.msgid_plural is None
        else dict.fromkeys(tentry.msgstr_plural or {0: ""}, ""),
        extracted_comments=list(tentry.extracted_comments),
        references=list(tentry.references),
        flags=[f for f in tentry.flags if f != "fuzzy"],
    )


def _take(result: Entry, old: Entry, *, keep_flags: bool) -> None:
    result.msgstr = old.msgstr
    if old.msgid_plural is not None and result.msgid_plural is not None:
        result.msgstr_plural = dict(old.msgstr_plural)
    result.translator_comments = list(old.translator_comments)
    if keep_flags:
        flags = list(result.flags)
        for flag in old.flags:
            if flag not in flags:
                flags.append(flag)
        result.flags = flags
    if result.fuzzy:
        result.previous_msgctxt = old.previous_msgctxt
        result.previous_msgid = old.previous_msgid
        result.previous_msgid_plural = old.previous_msgid_plural


def _merge_header(template_header: Entry | None, old_header: Entry | None) -> Entry | None:
    """The translator's header, with the template's POT-Creation-Date (as msgmerge does)."""
    if old_header is None:
        return None if template_header is None else _copy_entry(template_header)
    header = _copy_entry(old_header)
    if template_header is not None:
        date = parse_header(template_header.msgstr).get("POT-Creation-Date")
        if date is not None:
            # Replace the one line in place: the rest of the header is the translator's.
            header.msgstr = _CREATION_LINE.sub(
                lambda m: m.group(1) + date + "\n", header.msgstr, count=1
            )
    return header


def _copy_entry(entry: Entry) -> Entry:
    """A copy of ``entry`` sharing nothing mutable with it (its fields are strings,
    lists of strings and a dict of strings: copy.deepcopy, faster)."""
    return dataclasses.replace(
        entry,
        msgstr_plural=dict(entry.msgstr_plural),
        translator_comments=list(entry.translator_comments),
        extracted_comments=list(entry.extracted_comments),
        references=list(entry.references),
        flags=list(entry.flags),
    )


def translations(catalog: Catalog) -> Iterable[tuple[str | None, str, str]]:
    """Every non-empty translation as (context, msgid, msgstr): what conservation counts."""
    for entry in catalog.entries:
        if entry.msgid_plural is not None:
            for value in entry.msgstr_plural.values():
                if value:
                    yield entry.msgctxt, entry.msgid, value
        elif entry.msgstr and entry.msgid:
            yield entry.msgctxt, entry.msgid, entry.msgstr
