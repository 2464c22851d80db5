"""``site/.publish-manifest.json``: what the last build wrote, and from what.

For each output: the key of its inputs and the hash of its bytes, so a rebuild
renders only pages whose inputs changed and notices a page that was edited by
hand in ``site/`` (its bytes no longer have the recorded hash). For each
article: the hash of all its inputs (source, catalogs, configuration,
renderer) and what the site-wide pages need of it, so a rebuild reads nothing
else of an article whose inputs hash the same.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublishError
from ..fsio import atomic_write, read_bytes
from .plan import ArticleSummary, PublishedVersion, Skipped

MANIFEST_NAME = ".publish-manifest.json"
FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 had no article records


@dataclass(frozen=True, slots=True)  # one per file or page of the site
class Record:
    """What the last build wrote at one path."""

    key: str  # hash of the job's inputs and the renderer
    sha256: str  # hash of the bytes written


@dataclass(frozen=True, slots=True)  # one per file or page of the site
class ArticleRecord:
    """An article as the last build saw it: the hash of its inputs and its summary."""

    key: str
    summary: ArticleSummary
    # A hash of the inputs its pages share apart from the catalogs (source, configuration,
    # renderer): a page whose catalog cannot be read is kept only while it is unchanged.
    basis: str = ""


@dataclass
class Manifest:
    """The whole manifest."""

    files: dict[str, Record]
    articles: dict[str, ArticleRecord]


def load_manifest(output_dir: Path) -> Manifest:
    """The manifest of the last build; empty when missing or unreadable (everything re-renders)."""
    empty = Manifest({}, {})
    path = output_dir / MANIFEST_NAME
    if not path.is_file():
        return empty
    try:
        data = json.loads(read_bytes(path, max_bytes=256 * 1024 * 1024))
    except (ValueError, OSError, PublishError):
        return empty
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        return empty
    files = data.get("files")
    if not isinstance(files, dict):
        return empty
    records: dict[str, Record] = {}
    for output, record in files.items():
        if not safe_output_path(output):
            continue  # never let a manifest point publish outside the site folder
        if (
            isinstance(record, dict)
            and isinstance(record.get("key"), str)
            and isinstance(record.get("sha256"), str)
        ):
            records[output] = Record(record["key"], record["sha256"])
    articles: dict[str, ArticleRecord] = {}
    raw_articles = data.get("articles")
    if isinstance(raw_articles, dict):
        for slug, raw in raw_articles.items():
            article = _article_record(slug, raw)
            if article is not None:
                articles[slug] = article
    return Manifest(records, articles)


def _article_record(slug: str, raw: object) -> ArticleRecord | None:
    """One article's record, or None when anything in it is not as written (it is rebuilt)."""
    try:
        if not isinstance(raw, dict):
            raise TypeError("not a mapping")
        versions, skipped = raw["versions"], raw["skipped"]
        if not isinstance(versions, list) or not isinstance(skipped, list):
            raise TypeError("not a list")
        summary = ArticleSummary(
            slug,
            dt.date.fromisoformat(_text(raw["date"])),
            tuple(PublishedVersion(_text(code), _text(title)) for code, title in versions),
            tuple(Skipped(_text(out), _text(why), _text(kind)) for out, why, kind in skipped),
        )
        key = _text(raw["key"])
        basis = _text(raw.get("basis", ""))
    except (KeyError, TypeError, ValueError):
        return None
    if not all(safe_output_path(output) for output in summary.outputs):
        return None
    return ArticleRecord(key, summary, basis)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


# Segments of letters, digits, "_", "-", "@" and inner dots: normal, relative, below
# the folder. Every path publish writes has this shape; the rest get the full check.
_PLAIN_OUTPUT = re.compile(r"[\w@-][\w@.-]*(?:/[\w@-][\w@.-]*)*", re.ASCII)


def safe_output_path(output: str) -> bool:
    """A relative path below the site folder, in normal form (no ``..``, no backslash)."""
    if _PLAIN_OUTPUT.fullmatch(output):
        return True
    return (
        bool(output)
        and "\\" not in output
        and "\x00" not in output
        and not output.startswith("/")
        and posixpath.normpath(output) == output
        and ".." not in output.split("/")
    )


def manifest_bytes(manifest: Manifest) -> bytes:
    """Deterministic JSON (sorted paths and slugs), one file or article per line."""
    files = [
        _line(output, {"key": record.key, "sha256": record.sha256})
        for output, record in sorted(manifest.files.items())
    ]
    articles = [
        _line(
            slug,
            {
                "key": record.key,
                "date": record.summary.date.isoformat(),
                "versions": [[v.code, v.title] for v in record.summary.versions],
                "skipped": [[s.output, s.reason, s.kind] for s in record.summary.skipped],
                **({"basis": record.basis} if record.basis else {}),
            },
        )
        for slug, record in sorted(manifest.articles.items())
    ]
    text = f'{{"format": {FORMAT},\n"files": {_block(files)},\n"articles": {_block(articles)}}}\n'
    return text.encode("utf-8")


def _block(lines: list[str]) -> str:
    return "{\n" + ",\n".join(lines) + "\n}" if lines else "{}"


def _line(name: str, value: object) -> str:
    # json.dumps without indent uses the C encoder: the manifest of a large site is long.
    return json.dumps(name, ensure_ascii=False) + ": " + json.dumps(value, ensure_ascii=False)


def save_manifest(output_dir: Path, manifest: Manifest) -> bool:
    """Write the manifest when it changed; True when written."""
    return atomic_write(output_dir / MANIFEST_NAME, manifest_bytes(manifest))
