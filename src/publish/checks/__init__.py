"""Translator QA: pure checks between a source segment and its translation.

One module per family (numbers, links, markup, quotes, glossary, characters,
length); :mod:`.registry` lists every code with its severity and runs them.
Nothing in this package reads or writes files.
"""

from __future__ import annotations

from .base import ERROR, INFO, WARNING, CheckContext, Issue
from .glossary import Glossary, Term, parse_glossary
from .registry import CODES, Finding, check_entry, run_checks

__all__ = [
    "CODES",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckContext",
    "Finding",
    "Glossary",
    "Issue",
    "Term",
    "check_entry",
    "parse_glossary",
    "run_checks",
]
