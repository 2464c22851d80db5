"""Read and write ``source/<slug>.md``: YAML front matter plus a CommonMark body."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import Problem, SourceError
from ..yamlload import YamlDocument, YamlProblem, as_date, load_mapping
from .front_matter import read_plain
from .model import SLUG, Article, Attribution, Permission, Segment
from .segmenter import segment_body

REQUIRED = ("title", "authors", "date", "original_url", "notice")
OPTIONAL = ("publisher", "copyright_holder", "license", "permission", "language", "organizations")
# Licences that forbid derivative works: translations need a recorded permission.
NO_DERIVATIVES = re.compile(r"(?i)\b(?:nd|no[- ]?deriv\w*)\b")


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Return (front matter, body, line of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(
            "no front matter: the file must start with a line `---`",
            path=path,
            line=1,
            hint="put the attribution between two `---` lines at the top (see docs/source-format.md)",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise SourceError(
        "front matter is not closed",
        path=path,
        line=1,
        hint="end the front matter with a line `---`",
    )


def parse_article(text: str, path: str, slug: str, default_language: str = "en") -> Article:
    """Parse an article's text; every attribution problem is reported at once."""
    if not SLUG.match(slug):
        raise SourceError(
            f"{slug!r} is not a valid article name",
            path=path,
            hint="name files with lowercase letters, digits and hyphens, e.g. my-article.md",
        )
    front, body, body_line = split_front_matter(text, path)
    plain = read_plain(front, first_line=2)
    if plain is not None:
        doc = YamlDocument(*plain)
    else:
        try:
            doc = load_mapping(front, path, first_line=2)
        except YamlProblem as exc:
            raise SourceError(exc.problem.message, problems=[exc.problem]) from None
    attribution, warnings = parse_attribution(doc, path, default_language)
    segments, excluded = segment_body(body, path, body_line)
    title = Segment(text=attribution.title, role="title", line=doc.line_of("title", 2))
    return Article(
        slug=slug,
        path=path,
        attribution=attribution,
        body=body,
        body_line=body_line,
        segments=(title, *segments),
        excluded_lines=excluded,
        warnings=tuple(warnings),
        field_lines=tuple(
            (key, doc.line_of(key, 0)) for key in (*REQUIRED, *OPTIONAL) if key in doc.key_lines
        ),
    )


def parse_attribution(
    doc: YamlDocument, path: str, default_language: str
) -> tuple[Attribution, list[str]]:
    """Validate the front matter mapping into an :class:`Attribution`."""
    data = doc.data
    problems: list[Problem] = []
    warnings: list[str] = []

    def bad(key: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(message, path, doc.line_of(key, 1), hint))

    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            bad(key, f"missing required attribution field `{key}`", "add it to the front matter")
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            bad(
                key,
                f"unknown front matter field {key!r}",
                f"known: {', '.join(REQUIRED + OPTIONAL)}",
            )

    title = _text(data.get("title"), "title", bad)
    authors_raw = data.get("authors")
    authors: list[str] = []
    if isinstance(authors_raw, str):
        authors_raw = [authors_raw]
    if authors_raw not in (None, "", []):
        if not isinstance(authors_raw, list) or not all(
            isinstance(a, str) and a.strip() for a in authors_raw
        ):
            bad(
                "authors", "`authors` must be a list of names", "write one `- Name` line per author"
            )
        else:
            authors = [a.strip() for a in authors_raw]
    organizations = _organizations(data.get("organizations"), authors, bad)
    date_raw = data.get("date")
    date = as_date(date_raw) if date_raw is not None else None
    if date_raw is not None and date is None:
        bad("date", f"`date` {date_raw!r} is not an ISO date", "write it as YYYY-MM-DD")
    url = _text(data.get("original_url"), "original_url", bad)
    if url:
        problem = url_problem(url)
        if problem:
            if " " in url and urlsplit(url.replace(" ", "")).scheme in ("http", "https"):
                warnings.append(
                    f"{path}:{doc.line_of('original_url', 1)}: warning: `original_url` {problem}; "
                    "fix it before building"
                )
            else:
                bad(
                    "original_url",
                    f"`original_url` {problem}",
                    "use the https:// address of the original",
                )
    notice = _text(data.get("notice"), "notice", bad)
    permission = _permission(data.get("permission"), bad)
    language = data.get("language", default_language)
    if not isinstance(language, str):
        bad("language", "`language` must be a language code like en", "e.g. `language: en`")
        language = default_language
    optional = {
        key: _text(data.get(key), key, bad, required=False)
        for key in ("publisher", "copyright_holder", "license")
    }
    if problems:
        raise SourceError(problems[0].message, problems=problems)
    assert date is not None
    return (
        Attribution(
            title=title,
            authors=tuple(authors),
            date=date,
            original_url=url,
            notice=notice,
            publisher=optional["publisher"],
            copyright_holder=optional["copyright_holder"],
            license=optional["license"],
            permission=permission,
            language=language,
            organizations=organizations,
        ),
        warnings,
    )


def _organizations(value: Any, authors: list[str], bad: Any) -> tuple[str, ...]:
    """Which of the authors are organisations (a desk, an agency), not people."""
    if value in (None, "", []):
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        bad("organizations", "`organizations` must be a list of names from `authors`")
        return ()
    chosen = [n.strip() for n in names]
    strangers = [n for n in chosen if n not in authors]
    if strangers and authors:
        bad(
            "organizations",
            f"`organizations` names {', '.join(map(repr, strangers))}, not among the authors",
            "list there the authors that are organisations, spelled as in `authors`",
        )
        return ()
    return tuple(dict.fromkeys(chosen))


def url_problem(url: str) -> str | None:
    """Why a URL cannot be the link to the original, or None when it is fine."""
    if any(ch.isspace() for ch in url):
        return f"contains a space ({url!r})"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return "contains invisible or control characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"is not an http(s) address ({url!r})"
    return None


def _text(value: Any, key: str, bad: Any, *, required: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        bad(key, f"`{key}` must be text", "write it as one line of text (quote it if needed)")
        return ""
    return value.strip()


def _permission(value: Any, bad: Any) -> Permission | None:
    if value in (None, ""):
        return None
    if not isinstance(value, dict):
        bad(
            "permission",
            "`permission` must be a mapping with `granted_by` (and optional date, languages, note)",
        )
        return None
    granted_by = value.get("granted_by")
    if not isinstance(granted_by, str) or not granted_by.strip():
        bad(
            "permission",
            "`permission.granted_by` must name who granted it",
            "e.g. `granted_by: Example Wire rights desk`",
        )
        return None
    languages = value.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        bad(
            "permission",
            "`permission.languages` must be a list of language codes",
            "e.g. `languages: [ru, uk]`",
        )
        languages = []
    return Permission(
        granted_by=granted_by.strip(),
        date=as_date(value.get("date")),
        languages=tuple(languages),
        note=str(value.get("note", "")),
    )


def render_article(attribution: Attribution, body: str) -> str:
    """The text of ``source/<slug>.md`` for an attribution and a Markdown body."""
    data: dict[str, Any] = {
        "title": attribution.title,
        "authors": list(attribution.authors),
        "date": attribution.date,
        "publisher": attribution.publisher or None,
        "original_url": attribution.original_url,
        "notice": attribution.notice,
        "copyright_holder": attribution.copyright_holder or None,
        "license": attribution.license or None,
        "language": attribution.language,
    }
    if attribution.permission is not None:
        p = attribution.permission
        data["permission"] = {
            "granted_by": p.granted_by,
            **({"date": p.date} if p.date else {}),
            **({"languages": list(p.languages)} if p.languages else {}),
            **({"note": p.note} if p.note else {}),
        }
    front = yaml.safe_dump(
        {k: v for k, v in data.items() if v is not None},
        sort_keys=False,
        allow_unicode=True,
        width=100000,
        default_flow_style=False,
    )
    return f"---\n{front}---\n\n{body.strip()}\n"
