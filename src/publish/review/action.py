"""The I/O edge of ``publish review``: read the project, build the proof, write it."""

from __future__ import annotations

from pathlib import Path

from ..actions.checking import load_glossary, read_catalog_file
from ..actions.statistics import article_stats
from ..config import ProjectConfig
from ..errors import PublishError
from ..fsio import atomic_write
from ..relpath import display_path
from ..workspace import catalog_path, load_articles
from .model import build_review
from .render import render_review

REVIEW_DIR = "review"


def default_output(config: ProjectConfig, language: str, slug: str) -> Path:
    """``review/<lang>/<slug>.html`` in the project (keep ``review/`` out of git)."""
    return config.root / REVIEW_DIR / language / f"{slug}.html"


def review_html(config: ProjectConfig, language: str, slug: str) -> str:
    """The proof page of article ``slug`` in ``language``.

    The language may be one publish.yaml does not list yet (the page says that
    it is not built); its catalog must exist.
    """
    info = config.language_or_adhoc(language)
    configured = any(item.code == language for item in config.languages)
    (article,) = load_articles(config, [slug])
    shown = display_path(catalog_path(config, language, slug))
    catalog = read_catalog_file(config, language, slug)
    if catalog is None:
        raise PublishError(
            "no catalog yet: nothing to review",
            path=shown,
            hint=f"create it with: publish init {language}",
        )
    review = build_review(
        site_title=config.title,
        article=article,
        catalog=catalog,
        catalog_path=shown,
        source=config.source_language,
        language=info,
        stats=article_stats(config, article, language, catalog),
        fuzzy_policy=config.fuzzy,
        glossary=load_glossary(config),
        configured=configured,
    )
    return render_review(review)


def write_review(config: ProjectConfig, language: str, slug: str, output: Path | None) -> Path:
    """Write the proof page to ``output`` (default: :func:`default_output`); return the path."""
    html = review_html(config, language, slug)
    target = output if output is not None else default_output(config, language, slug)
    if target.is_dir():
        raise PublishError("is a folder; give a file name", path=display_path(target))
    atomic_write(target, html.encode("utf-8"))
    return target
