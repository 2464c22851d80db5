"""Finding and loading a project's articles (the file-system edge for sources)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from .config import ProjectConfig
from .errors import Problem, SourceError
from .fsio import MAX_CATALOG_BYTES, read_text
from .relpath import display_path
from .source.model import SLUG, Article


def rel(config: ProjectConfig, path: Path) -> str:
    """A project-relative path with forward slashes (used in `#:` references)."""
    return path.relative_to(config.root).as_posix()


def article_paths(config: ProjectConfig) -> list[Path]:
    """``source/*.md`` sorted by name, after checking names, links and collisions."""
    folder = config.source_dir
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    paths: list[Path] = []
    root = config.root.resolve()
    resolved_folder = folder.resolve()
    folder_inside = root == resolved_folder or root in resolved_folder.parents
    # scandir: whether an entry is a link comes with the listing, not from an lstat each.
    with os.scandir(folder) as listing:
        entries = sorted(
            (entry.name, entry.is_symlink())
            for entry in listing
            if entry.name.endswith(".md") and not entry.name.startswith(".")
        )
    for name, is_link in entries:
        path = folder / name
        slug = name[:-3]
        if not SLUG.match(slug):
            problems.append(
                Problem(
                    f"{name!r} is not a valid article file name",
                    display_path(path),
                    hint="use lowercase letters, digits and hyphens, e.g. my-article.md",
                )
            )
            continue
        # Only a link needs resolving: a plain file is where its folder is.
        inside = root in path.resolve().parents if is_link else folder_inside
        if not inside:
            problems.append(
                Problem(
                    "is a link to a file outside the project; refused",
                    display_path(path),
                    hint="copy the file into source/ instead of linking to it",
                )
            )
            continue
        folded = unicodedata.normalize("NFC", slug).casefold()
        if folded in seen:
            problems.append(
                Problem(
                    f"collides with {display_path(seen[folded])} (same name ignoring case)",
                    display_path(path),
                    hint="rename or delete one of the two files",
                )
            )
            continue
        seen[folded] = path
        paths.append(path)
    if problems:
        raise SourceError(problems[0].message, problems=problems)
    return paths


# An article may be as large as half a catalog: its translated catalog (source text,
# translation and comments) must still fit under MAX_CATALOG_BYTES.
MAX_ARTICLE_BYTES = MAX_CATALOG_BYTES // 2


def load_article(config: ProjectConfig, path: Path) -> Article:
    """Read and parse one article file."""
    from .source.article_file import parse_article  # YAML and markdown-it: only when parsing

    text = read_text(path, max_bytes=MAX_ARTICLE_BYTES)
    return parse_article(text, rel(config, path), path.stem, config.source_language.code)


def load_articles(config: ProjectConfig, slugs: list[str] | None = None) -> list[Article]:
    """All articles (or the named ones); every file's problems are reported together."""
    paths = article_paths(config)
    if slugs:
        known = {p.stem: p for p in paths}
        missing = [s for s in slugs if s not in known]
        if missing:
            raise SourceError(
                f"no article named {', '.join(missing)}",
                path=display_path(config.source_dir),
                hint=f"articles: {', '.join(sorted(known)) or 'none yet (publish import FILE)'}",
            )
        paths = [known[s] for s in slugs]
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            articles.append(load_article(config, path))
        except SourceError as exc:
            problems += exc.problems
    if problems:
        raise SourceError(problems[0].message, problems=problems)
    return articles


def template_path(config: ProjectConfig, slug: str) -> Path:
    """Where an article's template lives: ``locale/<slug>.pot``."""
    return config.locale_dir / f"{slug}.pot"


def catalog_path(config: ProjectConfig, language: str, slug: str) -> Path:
    """Where a translation lives: ``locale/<lang>/LC_MESSAGES/<slug>.po``."""
    return Path(catalog_file(str(config.locale_dir), language, slug))


def catalog_file(locale_dir: str, language: str, slug: str) -> str:
    """:func:`catalog_path` as a string, for loops that stat thousands of catalogs
    (a ``Path`` costs more to make than the ``stat`` it is for)."""
    return os.path.join(locale_dir, language, "LC_MESSAGES", slug + ".po")
