"""Check a rendered page before it is written: attribution intact, nothing unsafe.

The checks read the HTML text itself (whatever template produced it): the
notice verbatim in an element marked with the source ``lang``, each author,
the link to the original with its title, the original date, the translator
credit, the JSON-LD (parses and matches), the page's ``lang``/``dir``, no
``<script>`` other than the JSON-LD, no event handlers, no link or resource
outside http, https, mailto and relative addresses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from ..source.model import Attribution
from .links import link_allowed

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "srcset", "data"})
JSON_LD = "application/ld+json"


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Collector(HTMLParser):
    """Every element with its attributes and full text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.open: list[_Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(_Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)


@dataclass(frozen=True)
class Expected:
    """What a page must show, taken from the front matter and the build plan."""

    attribution: Attribution
    lang: str  # the page's BCP 47 tag
    direction: str
    source_lang: str
    headline: str
    translators: tuple[str, ...] = ()


def verify_page(html: str, expected: Expected) -> list[str]:
    """What is missing or wrong in ``html``; empty when the page may be published."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    elements = collector.elements
    problems: list[str] = []
    problems += _check_document(elements, expected)
    problems += _check_attribution(elements, expected)
    problems += _check_safety(elements)
    problems += _check_jsonld(elements, expected)
    return problems


def verify_safety(html: str) -> list[str]:
    """The safety checks alone (for index pages, which carry no attribution)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    problems = [] if any(e.tag == "html" for e in collector.elements) else ["has no <html> element"]
    return problems + _check_safety(collector.elements)


def _check_document(elements: list[_Element], expected: Expected) -> list[str]:
    roots = [e for e in elements if e.tag == "html"]
    if not roots:
        return ["has no <html> element"]
    problems = []
    if roots[0].attrs.get("lang") != expected.lang:
        problems.append(f'has no <html lang="{expected.lang}">')
    if roots[0].attrs.get("dir") != expected.direction:
        problems.append(f'has no <html dir="{expected.direction}">')
    return problems


def _check_attribution(elements: list[_Element], expected: Expected) -> list[str]:
    attribution = expected.attribution
    problems = []
    notice = [
        e
        for e in elements
        if e.text == attribution.notice and e.attrs.get("lang") == expected.source_lang
    ]
    if not notice:
        problems.append(
            f'lacks the copyright notice, verbatim in an element with lang="{expected.source_lang}"'
        )
    texts = {e.text.strip() for e in elements}
    for author in attribution.authors:
        if author not in texts:
            problems.append(f"lacks the author {author!r}")
    links = [
        e
        for e in elements
        if e.tag == "a"
        and e.attrs.get("href") == attribution.original_url
        and e.text.strip() == attribution.title
    ]
    if not links:
        problems.append(
            f'lacks a link <a href="{attribution.original_url}"> to the original with its title'
        )
    day = attribution.date.isoformat()
    if not any(e.tag == "time" and e.attrs.get("datetime") == day for e in elements):
        problems.append(f'lacks the original date <time datetime="{day}">')
    for name in expected.translators:
        if name not in texts:
            problems.append(f"lacks the translator credit {name!r}")
    return problems


def _check_safety(elements: list[_Element]) -> list[str]:
    problems = []
    for element in elements:
        if element.tag == "script" and element.attrs.get("type") != JSON_LD:
            problems.append("has a <script> other than the JSON-LD")
        if element.tag in ("iframe", "object", "embed", "base", "form"):
            problems.append(f"has an <{element.tag}> element")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"has an event handler attribute {name}=")
            elif name in _URL_ATTRIBUTES and not all(map(link_allowed, _urls(name, value))):
                problems.append(
                    f"has {name}={value!r}, outside http, https, mailto and relative links"
                )
            elif name == "http-equiv" and value.lower() == "refresh":
                problems.append("has a meta refresh")
    return problems


def _urls(name: str, value: str) -> list[str]:
    if name != "srcset":
        return [value]
    return [part.split()[0] for part in value.split(",") if part.split()]


def _names(value: Any) -> list[str] | None:
    if not isinstance(value, list):
        return None
    names = [item.get("name") if isinstance(item, dict) else None for item in value]
    return names if all(isinstance(n, str) for n in names) else None  # type: ignore[return-value]


def _check_jsonld(elements: list[_Element], expected: Expected) -> list[str]:
    scripts = [e for e in elements if e.tag == "script" and e.attrs.get("type") == JSON_LD]
    if len(scripts) != 1:
        return [f"needs exactly one JSON-LD script, has {len(scripts)}"]
    try:
        data = json.loads(scripts[0].text)
    except json.JSONDecodeError as exc:
        return [f"has JSON-LD that does not parse ({exc.msg} at line {exc.lineno})"]
    if not isinstance(data, dict):
        return ["has JSON-LD that is not an object"]
    attribution = expected.attribution
    wanted: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": expected.headline,
        "inLanguage": expected.lang,
        "datePublished": attribution.date.isoformat(),
        "copyrightNotice": attribution.notice,
        "isBasedOn": attribution.original_url,
    }
    problems = [
        f"lacks JSON-LD {key} = {value!r}"
        for key, value in wanted.items()
        if data.get(key) != value
    ]
    if _names(data.get("author")) != list(attribution.authors):
        problems.append(f"lacks JSON-LD author = {list(attribution.authors)!r}")
    if attribution.license and data.get("license") != attribution.license:
        problems.append(f"lacks JSON-LD license = {attribution.license!r}")
    holder = attribution.copyright_holder or attribution.publisher
    holder_data = data.get("copyrightHolder")
    if holder and (not isinstance(holder_data, dict) or holder_data.get("name") != holder):
        problems.append(f"lacks JSON-LD copyrightHolder = {holder!r}")
    if expected.lang != expected.source_lang:
        original = data.get("translationOfWork")
        if not isinstance(original, dict) or original.get("url") != attribution.original_url:
            problems.append(f"lacks JSON-LD translationOfWork at {attribution.original_url}")
        if expected.translators and _names(data.get("translator")) != list(expected.translators):
            problems.append(f"lacks JSON-LD translator = {list(expected.translators)!r}")
    return problems
