"""Markdown parsing shared by segmenting and rendering (markdown-it-py, raw HTML off)."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML disabled and only safe link schemes (markdown-it's validateLink)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """:func:`markdown_parser` without inline parsing: the same block tokens, each
    ``inline`` token with its ``content`` but no children (for segmenting)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("inline")
    return md
