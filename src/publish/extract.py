"""Article → template catalog (``locale/<slug>.pot``), deterministic."""

from __future__ import annotations

import datetime as dt
import os
import re

from . import __version__
from .po.model import Catalog, Entry, format_header
from .po.nogc import paused_gc
from .source.model import Article

CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"\\]*\\n"$', re.MULTILINE)
_DATE_LINE = '"POT-Creation-Date: '  # how every CREATION_DATE match starts


def creation_date(now: dt.datetime | None = None) -> str:
    """The POT-Creation-Date value, honouring SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if now is None:
        if epoch and epoch.strip().isdigit():
            now = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        else:
            now = dt.datetime.now(tz=dt.UTC)
    return now.strftime("%Y-%m-%d %H:%M%z")


def template_header(article: Article, date: str) -> Entry:
    """The header entry of an article's template."""
    fields = {
        "Project-Id-Version": article.slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"publish {__version__}",
    }
    title = article.attribution.title.replace("\n", " ")
    return Entry(
        msgid="",
        msgstr=format_header(fields),
        translator_comments=[
            f"Translations of {article.path}: {title}",
            "The attribution (authors, original link, notice) is not translated;",
            "publish renders it verbatim on every page.",
        ],
        flags=["fuzzy"],
    )


def build_template(article: Article, date: str) -> Catalog:
    """One entry per distinct segment, in order; duplicates share an entry."""
    by_text: dict[str, Entry] = {}
    entries: list[Entry] = []
    path = article.path
    with paused_gc():
        for segment in article.segments:
            note = f"{segment.role}: {segment.note}" if segment.note else segment.role
            reference = f"{path}:{segment.line}"
            entry = by_text.get(segment.text)
            if entry is None:
                entry = Entry(msgid=segment.text, extracted_comments=[note], references=[reference])
                by_text[segment.text] = entry
                entries.append(entry)
            else:
                entry.extracted_comments.append(note)
                entry.references.append(reference)
    return Catalog(header=template_header(article, date), entries=entries)


def same_apart_from_date(old: str, new: str) -> bool:
    """True when two template texts differ at most in POT-Creation-Date."""
    return old == new or _without_dates(old) == _without_dates(new)


def _without_dates(text: str) -> str:
    """``CREATION_DATE.sub("", text)``, without running the regex over every line."""
    pieces: list[str] = []
    start = 0
    found = text.find(_DATE_LINE)
    while found >= 0:
        match = CREATION_DATE.match(text, found)  # `^` holds only at a line start
        if match is not None:
            pieces.append(text[start:found])
            start = match.end()
        found = text.find(_DATE_LINE, found + 1)
    if not pieces:
        return text
    pieces.append(text[start:])
    return "".join(pieces)
