"""The ``glossary`` check and the project glossary (``glossary.yaml``) it reads.

The glossary names terms (people, places, organisations) and says how each
language writes them::

    RFE/RL: keep                # every language keeps it as written
    Tyva:
      ru: Тыв                   # a stem: matches Тыва, Тывы, Тыве
      uk: Тив
    Buryatia:
      default: keep             # languages not listed keep it
      ru: [Бурятия, Бурятии, Бурятию]   # or list the forms

A rendering matches at the start of a word of the translation, so a stem
covers the inflected forms. When a term occurs in the source (as a whole
word, case-sensitive), one of its renderings must occur in the translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ConfigError, Problem
from ..langcode import LANGUAGE_CODE, LanguageInfo
from ..yamlload import YamlDocument
from .base import CheckContext, Issue
from .magnitudes import base_language

KEEP = "keep"
DEFAULT = "default"


@dataclass(frozen=True)
class Term:
    """One glossary term and its renderings per language."""

    term: str
    renderings: tuple[tuple[str, tuple[str, ...]], ...]  # (language, forms); "default" too
    line: int

    def forms_for(self, code: str) -> tuple[str, ...] | None:
        """The accepted forms in a language (exact code, then base language, then default)."""
        table = dict(self.renderings)
        for key in (code, base_language(code), DEFAULT):
            if key in table:
                return table[key]
        return None


@dataclass(frozen=True)
class Glossary:
    """The project's terms (empty when there is no glossary.yaml)."""

    terms: tuple[Term, ...] = ()
    path: str = "glossary.yaml"


def parse_glossary(doc: YamlDocument, path: str) -> Glossary:
    """Validate a loaded glossary.yaml; every problem is reported at once."""
    problems: list[Problem] = []
    terms: list[Term] = []
    for term, value in doc.data.items():
        line = doc.line_of(term, 1)

        def problem(message: str, line: int = line) -> None:
            problems.append(
                Problem(
                    message,
                    path,
                    line,
                    'write `TERM: keep` or `TERM: {ru: "rendering", uk: [form, form]}`',
                )
            )

        if not term.strip():
            problem("an empty term")
            continue
        renderings = _renderings(term, value, problem)
        if renderings is not None:
            terms.append(Term(term, renderings, line))
    if problems:
        raise ConfigError(problems[0].message, problems=problems)
    return Glossary(tuple(terms), path)


def _renderings(
    term: str, value: Any, problem: Any
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    if value == KEEP:
        return ((DEFAULT, (term,)),)
    if not isinstance(value, dict) or not value:
        problem(f"term {term!r}: expected `keep` or a mapping of language codes to renderings")
        return None
    result = []
    for code, forms in value.items():
        if not isinstance(code, str) or (code != DEFAULT and not LANGUAGE_CODE.match(code)):
            problem(f"term {term!r}: {code!r} is not a language code (or `default`)")
            return None
        if forms == KEEP:
            result.append((code, (term,)))
            continue
        if isinstance(forms, str):
            forms = [forms]
        if (
            not isinstance(forms, list)
            or not forms
            or not all(isinstance(form, str) and form.strip() for form in forms)
        ):
            problem(f"term {term!r}, {code}: expected `keep`, a rendering or a list of them")
            return None
        result.append((code, tuple(form.strip() for form in forms)))
    return tuple(result)


@lru_cache(maxsize=1024)
def _whole_word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


@lru_cache(maxsize=1024)
def _word_start(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}")


def check_glossary(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> Iterator[Issue]:
    """Every glossary term of the source rendered as the glossary says."""
    glossary = context.glossary
    if glossary is None:
        return
    for term in glossary.terms:
        forms = term.forms_for(language.code)
        if forms is None or not _whole_word(term.term).search(source):
            continue
        if any(_word_start(form).search(translation) for form in forms):
            continue
        if forms == (term.term,):
            wanted = f"kept as {term.term!r}"
        else:
            wanted = "rendered as " + " or ".join(repr(form) for form in forms)
        yield Issue(
            "glossary",
            f"{term.term!r} should be {wanted} in {language.code} ({glossary.path}:{term.line})",
        )
