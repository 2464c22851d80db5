"""Translator QA: pure checks between a source segment and its translation.

One module per family (numbers, links, markup, quotes, glossary, characters,
length); :mod:`.registry` lists every code with its severity and runs them.
Nothing in this package reads or writes files.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import ERROR, INFO, WARNING, CheckContext, Issue
    from .glossary import Glossary, Term, parse_glossary
    from .registry import CODES, Finding, check_entry, run_checks

# The names are loaded on first use, so that importing one light module of the
# package (``publish.checks.base``, for the CLI's --min-severity choices) does
# not load every check, Babel and markdown-it.
_HOME = {
    "ERROR": ".base",
    "INFO": ".base",
    "WARNING": ".base",
    "CheckContext": ".base",
    "Issue": ".base",
    "Glossary": ".glossary",
    "Term": ".glossary",
    "parse_glossary": ".glossary",
    "CODES": ".registry",
    "Finding": ".registry",
    "check_entry": ".registry",
    "run_checks": ".registry",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


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
