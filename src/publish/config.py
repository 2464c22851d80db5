"""publish.yaml: load, validate (every problem at once), and find the project."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError, LanguageError, Problem, ProjectNotFound
from .fsio import read_text
from .langcode import LanguageInfo, language_info, validate_code
from .relpath import display_path
from .yamlload import MAX_YAML_BYTES, YamlProblem, load_mapping

CONFIG_NAME = "publish.yaml"
FUZZY_POLICIES = ("fallback", "show")

DEFAULT_CONFIG = """\
# publish project configuration (see docs/configuration.md)
title: Reprints
# The public address of the site, used for canonical links and the sitemap.
base_url: https://example.org/
source_language: en
# Target languages. A language outside Babel's CLDR data needs name,
# plural_forms and direction, e.g.
#   - code: bua
#     name: Буряад хэлэн
#     plural_forms: "nplurals=1; plural=0;"
#     direction: ltr
languages: []
# A language is published when this percent of source words is translated.
publish_threshold: 80
# Fuzzy (possibly outdated) translations: "fallback" shows the source text
# instead, "show" publishes them with a "may be outdated" mark.
fuzzy: fallback
"""

_KNOWN_KEYS = {
    "title",
    "base_url",
    "source_language",
    "languages",
    "publish_threshold",
    "fuzzy",
    "output",
}


@dataclass(frozen=True)
class ProjectConfig:
    """A validated project: its root folder and settings."""

    root: Path
    title: str
    base_url: str
    source_language: LanguageInfo
    languages: tuple[LanguageInfo, ...]
    publish_threshold: float = 80.0
    fuzzy: str = "fallback"
    output: str = "site"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def source_dir(self) -> Path:
        """Where the articles live."""
        return self.root / "source"

    @property
    def locale_dir(self) -> Path:
        """Where the templates and catalogs live."""
        return self.root / "locale"

    @property
    def output_dir(self) -> Path:
        """Where the site is built."""
        return self.root / self.output

    def language(self, code: str) -> LanguageInfo:
        """The configured language with this code, or a clear error."""
        validate_code(code)
        for info in self.languages:
            if info.code == code:
                return info
        raise LanguageError(
            f"language {code!r} is not configured",
            path=display_path(self.root / CONFIG_NAME),
            hint="add it under `languages:` in publish.yaml",
        )

    def language_or_adhoc(self, code: str) -> LanguageInfo:
        """A configured language, else one Babel knows (for `init` of a new language)."""
        validate_code(code)
        for info in self.languages:
            if info.code == code:
                return info
        return language_info(code)


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds publish.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ProjectNotFound(
        f"no {CONFIG_NAME} in this folder or any folder above it",
        hint="run the command inside a project, or create one with `publish new DIR`",
    )


def load_project(start: Path) -> ProjectConfig:
    """Find and load the project that contains ``start``."""
    root = find_project_root(start)
    path = root / CONFIG_NAME
    return parse_config(read_text(path, max_bytes=MAX_YAML_BYTES), root, display_path(path))


def parse_config(text: str, root: Path, shown_path: str) -> ProjectConfig:
    """Validate the text of publish.yaml; every problem is reported at once."""
    try:
        doc = load_mapping(text, shown_path)
    except YamlProblem as exc:
        raise ConfigError(exc.problem.message, problems=[exc.problem]) from None
    data = doc.data
    problems: list[Problem] = []

    def problem(key: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(message, shown_path, doc.line_of(key, 1), hint))

    for key in data:
        if key not in _KNOWN_KEYS:
            problem(
                key, f"unknown setting {key!r}", _did_you_mean(str(key), sorted(_KNOWN_KEYS))
            )

    title = data.get("title", "Reprints")
    if not isinstance(title, str) or not title.strip():
        problem(
            "title",
            "`title` must be non-empty text",
            "write the site's name, e.g. `title: Reprints`",
        )
        title = "Reprints"
    base_url = data.get("base_url", "https://example.org/")
    if not isinstance(base_url, str) or not _is_site_address(base_url):
        problem(
            "base_url",
            "`base_url` must be an http:// or https:// address",
            "write the site's public address, e.g. https://example.org/news/",
        )
        base_url = "https://example.org/"
    if not base_url.endswith("/"):
        base_url += "/"

    source_language: LanguageInfo | None = None
    try:
        source_language = language_info(validate_code(data.get("source_language", "en")))
    except LanguageError as exc:
        problem(
            "source_language", f"`source_language`: {exc.problems[0].message}", exc.problems[0].hint
        )

    languages: list[LanguageInfo] = []
    raw_languages = data.get("languages", [])
    if raw_languages is None:
        raw_languages = []
    if not isinstance(raw_languages, list):
        problem(
            "languages",
            "`languages` must be a list of language codes",
            "write it like `languages: [ru, uk]`",
        )
        raw_languages = []
    seen: set[str] = set()
    for item in raw_languages:
        info = _parse_language(item, lambda m, h=None: problem("languages", m, h))
        if info is None:
            continue
        if info.code in seen:
            problem("languages", f"language {info.code!r} is listed twice", "remove one of them")
            continue
        if source_language is not None and info.code == source_language.code:
            problem(
                "languages", f"{info.code!r} is the source language; list only target languages"
            )
            continue
        seen.add(info.code)
        languages.append(info)

    threshold = data.get("publish_threshold", 80)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float))
        or not 0 <= threshold <= 100
    ):
        problem(
            "publish_threshold",
            "`publish_threshold` must be a number from 0 to 100",
            "e.g. `publish_threshold: 80`",
        )
        threshold = 80
    fuzzy = data.get("fuzzy", "fallback")
    if fuzzy not in FUZZY_POLICIES:
        problem(
            "fuzzy",
            f"`fuzzy` must be one of: {', '.join(FUZZY_POLICIES)}",
            "e.g. `fuzzy: fallback`",
        )
        fuzzy = "fallback"
    output = data.get("output", "site")
    if not isinstance(output, str) or not _is_safe_output(root, output):
        problem(
            "output",
            f"`output` must be a folder inside the project, apart from source/, locale/ and "
            f"templates/ (found {output!r}; a link to a folder elsewhere does not count)",
            "write a plain folder name, e.g. `output: site`",
        )
        output = "site"

    if problems:
        raise ConfigError(problems[0].message, problems=problems)
    assert source_language is not None
    return ProjectConfig(
        root=root,
        title=title,
        base_url=base_url,
        source_language=source_language,
        languages=tuple(languages),
        publish_threshold=float(threshold),
        fuzzy=fuzzy,
        output=output,
    )


def _parse_language(item: object, report: Any) -> LanguageInfo | None:
    if isinstance(item, bool):
        report(f"language code {item!r} is a YAML boolean", "quote it")
        return None
    if isinstance(item, dict):
        code = item.get("code")
        unknown = set(item) - {"code", "name", "plural_forms", "direction"}
        if unknown:
            first = sorted(map(str, unknown))[0]
            report(
                f"unknown language setting(s): {', '.join(sorted(map(str, unknown)))}",
                _did_you_mean(first, ["code", "name", "plural_forms", "direction"]),
            )
        direction = item.get("direction")
        if direction not in (None, "ltr", "rtl"):
            report(f"language {code!r}: `direction` must be ltr or rtl", "write `direction: rtl`")
            return None
        plural_forms = item.get("plural_forms")
        if plural_forms is not None:
            from .langcode import PLURAL_FORMS

            if not isinstance(plural_forms, str) or not PLURAL_FORMS.match(plural_forms.strip()):
                report(
                    f"language {code!r}: `plural_forms` is not a valid Plural-Forms value",
                    'write it like "nplurals=2; plural=(n != 1);"',
                )
                return None
            plural_forms = plural_forms.strip()
        name = item.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            report(f"language {code!r}: `name` must be text", "write the language's own name")
            return None
    else:
        code, name, plural_forms, direction = item, None, None, None
    try:
        return language_info(
            validate_code(code), name=name, plural_forms=plural_forms, direction=direction
        )
    except LanguageError as exc:
        report(exc.problems[0].message, exc.problems[0].hint)
        return None


def _did_you_mean(key: str, known: list[str]) -> str:
    """The hint for a misspelt key: the nearest known one first, then all of them."""
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    listed = f"known: {', '.join(known)}"
    return f"did you mean {close[0]!r}? ({listed})" if close else listed


def _is_site_address(url: str) -> bool:
    """An absolute http(s) address with a host and nothing that needs escaping."""
    if not url.startswith(("https://", "http://")):
        return False
    if any(ch.isspace() or ch in "\"'<>\\`" or unicodedata.category(ch)[0] == "C" for ch in url):
        return False
    return bool(urlsplit(url).hostname)


_PROTECTED = ("source", "locale", "templates", ".git")


def _is_safe_output(root: Path, output: str) -> bool:
    """A folder strictly inside the project that neither is nor holds nor sits in
    source/, locale/, templates/ or .git, also after following links."""
    if not output or output.startswith(("/", "\\", "~")) or "\\" in output or "\0" in output:
        return False
    parts = Path(output).parts
    if not parts or ".." in parts or parts[0] in (*_PROTECTED, "."):
        return False
    try:
        project = root.resolve()
        target = (root / output).resolve()
        if target == project or project not in target.parents:
            return False
        if target.exists() and not target.is_dir():
            return False
        for name in _PROTECTED:
            protected = (root / name).resolve()
            if target == protected or protected in target.parents or target in protected.parents:
                return False
    except (OSError, ValueError):
        return False
    return True
