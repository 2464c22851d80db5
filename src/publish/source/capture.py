"""Raw captured articles (text copied from a reprinting site) → attribution and body.

A capture looks like seed 000: site chrome, the headline, a byline with the
date, the body, a ``Source:`` line, the copyright/permission notice, more
chrome. Nothing suspicious is silently changed: it is reported with the
likely repair, which the user accepts explicitly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import SourceError
from .model import Attribution

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
BYLINE = re.compile(
    rf"^By\s+(?P<authors>.+?)[\s,]+(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})\s*$",
    re.IGNORECASE,
)
SOURCE_LINE = re.compile(
    r"^(?:Source|Original(?:ly published)?(?: at)?)\s*:\s*(?P<url>\S.*?)\s*$", re.IGNORECASE
)
NOTICE_START = re.compile(r"^(?:Copyright\b|©|\(c\)\s*\d{4})", re.IGNORECASE)
HOLDER = re.compile(
    r"^(?:Copyright\s*)?(?:\(c\)|©)?\s*(?:\d{4})?[.,]?\s*(?P<holder>.+?)\s+(?:Reprinted|All rights|Used)\b",
    re.IGNORECASE,
)
PUBLISHER = re.compile(r"permission of (?P<publisher>[^,.;]+(?:\.[A-Z]\.)?)", re.IGNORECASE)


@dataclass(frozen=True)
class Repair:
    """A suspicious value and the repair publish suggests for it."""

    field: str
    found: str
    suggested: str
    reason: str


@dataclass
class Capture:
    """What was recognised in a captured text."""

    attribution: Attribution
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)  # chrome, as lines
    repairs: list[Repair] = field(default_factory=list)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs in either convention: blank-line separated, or one per line.

    Lines inside a blank-line separated paragraph are joined with a space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        return [
            " ".join(line.strip() for line in block.split("\n") if line.strip())
            for block in blocks
            if block.strip()
        ]
    return [line.strip() for line in text.split("\n") if line.strip()]


def parse_capture(text: str, path: str, language: str = "en") -> Capture:
    """Recognise headline, byline, body, source URL and notice in a capture."""
    paragraphs = split_paragraphs(text)
    byline_index = next((i for i, p in enumerate(paragraphs) if BYLINE.match(p)), None)
    missing = []
    if byline_index is None:
        missing.append("a byline (a line like `By NAME, NAME July 12, 2022`)")
    elif byline_index == 0:
        missing.append("a headline (the line before the byline)")
    source_index = next((i for i, p in enumerate(paragraphs) if SOURCE_LINE.match(p)), None)
    if source_index is None:
        missing.append("a `Source: URL` line")
    if missing:
        raise SourceError(
            f"not a complete captured article: missing {' and '.join(missing)}",
            path=path,
            hint="a body revision without attribution is applied with `publish import FILE --into SLUG`; "
            "publish never invents attribution",
        )
    assert byline_index is not None and source_index is not None
    if source_index < byline_index:
        raise SourceError("the `Source:` line comes before the byline", path=path)
    byline = BYLINE.match(paragraphs[byline_index])
    assert byline is not None
    authors = [
        a.strip() for a in re.split(r",\s*|\s+and\s+|\s*&\s*", byline["authors"]) if a.strip()
    ]
    try:
        date = dt.date(int(byline["year"]), MONTHS[byline["month"].lower()], int(byline["day"]))
    except ValueError:
        raise SourceError(
            f"the byline's date is impossible: {paragraphs[byline_index]!r}", path=path
        ) from None
    title = paragraphs[byline_index - 1]
    body = paragraphs[byline_index + 1 : source_index]
    if not body:
        raise SourceError(
            "the capture has no body between the byline and the `Source:` line", path=path
        )
    source_match = SOURCE_LINE.match(paragraphs[source_index])
    assert source_match is not None
    url = source_match["url"]
    repairs: list[Repair] = []
    if re.search(r"\s", url):
        fixed = re.sub(r"\s+", "", url)
        around = re.search(r"[^/\s-]*-?\s+[^/\s-]*", url)
        repairs.append(
            Repair(
                "original_url",
                url,
                fixed,
                f"the captured URL contains a space (`{around.group(0) if around else url}`)",
            )
        )
    after = paragraphs[source_index + 1 :]
    notice_parts: list[str] = []
    dropped = paragraphs[: byline_index - 1]
    for index, paragraph in enumerate(after):
        if (not notice_parts and NOTICE_START.match(paragraph)) or (
            notice_parts
            and re.search(r"(?i)\b(reprinted|permission|rights reserved|licen[cs]e)\b", paragraph)
            and index == 1
        ):
            notice_parts.append(paragraph)
        else:
            dropped.append(paragraph)
    if not notice_parts:
        raise SourceError(
            "no copyright/permission notice after the `Source:` line",
            path=path,
            hint="a reprint needs its notice; add it to the capture (a line starting `Copyright`)",
        )
    notice = "\n\n".join(notice_parts)
    holder = HOLDER.match(notice_parts[0])
    publisher = PUBLISHER.search(notice)
    attribution = Attribution(
        title=title,
        authors=tuple(authors),
        date=date,
        original_url=url,
        notice=notice,
        publisher=publisher["publisher"].strip() if publisher else "",
        copyright_holder=holder["holder"].strip() if holder else "",
        language=language,
    )
    return Capture(attribution, body, dropped, repairs)
