"""`publish extract`: write each article's template when its content changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import ProjectConfig
from ..extract import build_template, creation_date, same_apart_from_date
from ..fsio import atomic_write
from ..po.writer import write_catalog
from ..relpath import display_path
from ..source.model import Article
from ..workspace import load_articles, template_path


@dataclass
class ExtractReport:
    """Which templates were written and which were already current."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def template_text(article: Article, old: str | None) -> str:
    """The template for ``article``; the old creation date is kept when nothing else changed."""
    text = write_catalog(build_template(article, creation_date()))
    if old is not None and same_apart_from_date(old, text):
        return old
    return text


def extract(config: ProjectConfig, *, check_only: bool = False) -> ExtractReport:
    """Extract every article's template; with ``check_only`` nothing is written."""
    report = ExtractReport()
    for article in load_articles(config):
        report.warnings += article.warnings
        path = template_path(config, article.slug)
        old = _read_existing(path)
        text = template_text(article, old)
        shown = display_path(path)
        report.messages[shown] = len({s.text for s in article.segments})
        if text == old:
            report.unchanged.append(shown)
        else:
            if not check_only:
                atomic_write(path, text.encode("utf-8"))
            report.written.append(shown)
    return report


def _read_existing(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
