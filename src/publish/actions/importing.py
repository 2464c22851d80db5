"""`publish import`: a captured text becomes ``source/<slug>.md``, or revises one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import ProjectConfig
from ..errors import PublishError, SourceError
from ..fsio import atomic_write, decode_utf8, digest, read_bytes
from ..relpath import display_path
from ..source.article_file import render_article, split_front_matter
from ..source.capture import Repair, parse_capture, split_paragraphs
from ..source.model import SLUG
from ..source.plaintext import escape_paragraph, paragraphs_to_markdown
from ..source.revision import RevisionReport, compare_bodies
from ..workspace import article_paths, load_article

MAX_CAPTURE_BYTES = 4 * 1024 * 1024
_TRAILING_STOPWORDS = {
    "a",
    "an",
    "and",
    "are",
    "is",
    "was",
    "were",
    "as",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
}


@dataclass
class ImportReport:
    """What an import wrote, dropped, and wants an editor to look at."""

    path: str
    paragraphs: int
    dropped: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    repairs_applied: bool = False
    revision: RevisionReport | None = None


def slugify(title: str) -> str:
    """A file name from a headline: ascii, lowercase, hyphens, at most 60 characters."""
    ascii_title = unicodedata.normalize("NFKD", re.sub(r"['\u2019]", "", title))
    ascii_title = ascii_title.encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > 48:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in _TRAILING_STOPWORDS:
        kept.pop()
    return "-".join(kept) or "article"


def _read_capture(file: Path) -> str:
    text = decode_utf8(read_bytes(file, max_bytes=MAX_CAPTURE_BYTES), display_path(file))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def import_new(
    config: ProjectConfig, file: Path, *, slug: str | None = None, accept_repairs: bool = False
) -> ImportReport:
    """Import a complete capture as a new article; never overwrites one."""
    capture = parse_capture(_read_capture(file), display_path(file), config.source_language.code)
    slug = slug or slugify(capture.attribution.title)
    if not SLUG.match(slug):
        raise PublishError(
            f"{slug!r} is not a valid article name",
            hint="use lowercase letters, digits and hyphens (--slug my-article)",
        )
    target = config.source_dir / f"{slug}.md"
    existing = {p.stem.casefold() for p in article_paths(config)}
    if target.exists() or slug.casefold() in existing:
        raise PublishError(
            "an article with this name exists already",
            path=display_path(target),
            hint=f"apply a revision with `publish import FILE --into {slug}`, or choose --slug",
        )
    attribution = capture.attribution
    if accept_repairs:
        for repair in capture.repairs:
            if repair.field == "original_url":
                attribution = replace(attribution, original_url=repair.suggested)
    text = render_article(attribution, paragraphs_to_markdown(capture.paragraphs))
    atomic_write(target, text.encode("utf-8"))
    return ImportReport(
        display_path(target),
        len(capture.paragraphs),
        capture.dropped,
        capture.repairs,
        accept_repairs and bool(capture.repairs),
    )


def import_revision(config: ProjectConfig, file: Path, slug: str) -> ImportReport:
    """Replace an article's body with a revised capture; the front matter is kept byte for byte."""
    target = config.source_dir / f"{slug}.md"
    if not SLUG.match(slug) or not target.is_file():
        raise PublishError(
            f"no article named {slug!r}",
            path=display_path(config.source_dir),
            hint="name an existing article (the file name without .md)",
        )
    raw = read_bytes(target, max_bytes=MAX_CAPTURE_BYTES)
    old_text = decode_utf8(raw, display_path(target)).replace("\r\n", "\n")
    article = load_article(config, target)  # validates the current file first
    front, _, _ = split_front_matter(old_text, article.path)
    capture_text = _read_capture(file)
    notes: list[str] = []
    try:
        # A full capture (headline, byline, notice) contributes only its body.
        full = parse_capture(capture_text, display_path(file), config.source_language.code)
        new_paragraphs = full.paragraphs
        notes.append(
            "the revision is a complete capture: only its body was used, "
            "the article's front matter is unchanged"
        )
    except SourceError:
        new_paragraphs = split_paragraphs(capture_text)
    if not new_paragraphs:
        raise SourceError("the revision has no paragraphs", path=display_path(file))
    old_paragraphs = [s.text for s in article.segments[1:]]
    new_markdown = [escape_paragraph(p) for p in new_paragraphs]
    report = compare_bodies(old_paragraphs, new_markdown)
    report.flags = notes + report.flags
    text = f"---\n{front}\n---\n\n" + "\n\n".join(new_markdown) + "\n"
    if text != old_text:
        atomic_write(target, text.encode("utf-8"), expected_digest=digest(raw))
    return ImportReport(display_path(target), len(new_paragraphs), revision=report)
