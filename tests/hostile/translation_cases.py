"""Hostile translations of the linked paragraph, and hostile catalog headers.

Each row is what a semi-trusted translator might save as the translation of
``See the [timetable](https://operator.example/timetable) for details.``, the
findings ``publish check`` must report for it (``severity: code``), and text
that must appear literally (escaped) on the page instead of being interpreted.
A row with ``check_gap`` documents a check that does not fire yet (strict xfail).
"""

from __future__ import annotations

from dataclasses import dataclass

from hostile.harness import LINK, LINKED_PARAGRAPH

LINK_ERRORS = ("error: links", "error: link-scheme")


@dataclass(frozen=True)
class Hostile:
    """A hostile translation and what must happen to it."""

    name: str
    msgstr: str
    findings: tuple[str, ...]  # "severity: code" that `publish check` must report
    literal: tuple[str, ...] = ()  # text the page must show as text
    msgid: str = LINKED_PARAGRAPH
    check_gap: str | None = None  # why `publish check` misses it (strict xfail)


def _link(target: str) -> str:
    return f"Подробности в [расписании]({target})."


OK = _link(LINK)  # the faithful translation

HOSTILE = [
    Hostile(
        "script-element",
        f"Подробности <script>alert(document.cookie)</script> в [расписании]({LINK}).",
        ("error: raw-html",),
        literal=("<script>alert(document.cookie)</script>",),
    ),
    Hostile(
        "script-split-across-markdown",
        f"Подробности <scr**ipt>alert(1)</scr**ipt> в [расписании]({LINK}).",
        ("error: markup",),
    ),
    Hostile(
        "img-onerror",
        f'Подробности <img src=x onerror="alert(1)"> в [расписании]({LINK}).',
        ("error: raw-html",),
        literal=('<img src=x onerror="alert(1)">',),
    ),
    Hostile(
        "svg-onload",
        f"Подробности <svg/onload=alert(document.domain)> в [расписании]({LINK}).",
        ("error: raw-html",),
        literal=("<svg/onload=alert(document.domain)>",),
    ),
    Hostile(
        "event-handler-in-link-title",
        f'Подробности в [расписании]({LINK} "x" onmouseover="alert(1)").',
        ("error: markup",),
    ),
    Hostile(
        "style-hides-attribution",
        f"Подробности <style>.attribution{{display:none}}</style> в [расписании]({LINK}).",
        ("error: raw-html",),
        literal=("<style>.attribution{display:none}</style>",),
    ),
    Hostile(
        "comment-hides-the-rest",
        f"Подробности <!-- в [расписании]({LINK}).",
        ("error: raw-html",),
        literal=("<!--",),
    ),
    Hostile(
        "closing-tags",
        f"Подробности </p></div></article><footer> в [расписании]({LINK}).",
        ("error: raw-html",),
        literal=("</p></div></article><footer>",),
    ),
    Hostile("javascript-link", _link("javascript:alert(1)"), LINK_ERRORS),
    Hostile("javascript-mixed-case", _link("JaVaScRiPt:alert(1)"), LINK_ERRORS),
    Hostile("javascript-entity", _link("&#106;avascript:alert(1)"), LINK_ERRORS),
    Hostile("javascript-hex-entities", _link("&#x6A;avascript&#x3A;alert(1)"), LINK_ERRORS),
    Hostile("javascript-named-colon", _link("javascript&colon;alert(1)"), LINK_ERRORS),
    Hostile("javascript-angle-brackets", _link("<javascript:alert(1)>"), LINK_ERRORS),
    Hostile("javascript-leading-space", _link("< javascript:alert(1)>"), LINK_ERRORS),
    Hostile(
        "javascript-tab-inside",
        _link("<java\tscript:alert(1)>"),
        ("error: links", "error: control-char"),
    ),
    Hostile(
        "javascript-tab-entity",
        _link("java&#9;script:alert(1)"),
        ("error: links", "error: control-char"),
    ),
    Hostile("javascript-newline-entity", _link("java&#10;script:alert(1)"), ("error: links",)),
    Hostile(
        "javascript-leading-control",
        _link("<\x01javascript:alert(1)>"),
        ("error: links", "error: control-char"),
    ),
    Hostile("javascript-percent-encoded", _link("%6Aavascript:alert(1)"), ("error: links",)),
    Hostile(
        "javascript-autolink",
        "Подробности в <javascript:alert(1)>.",
        LINK_ERRORS,
        literal=("<javascript:alert(1)>",),
    ),
    Hostile("javascript-image", "Подробности в ![x](javascript:alert(1)).", LINK_ERRORS),
    Hostile(
        "javascript-reference-definition",
        "Подробности в [расписании][evil].\n\n[evil]: javascript:alert(1)",
        ("error: links", "error: markup"),
    ),
    Hostile(
        "data-link",
        _link("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        LINK_ERRORS,
    ),
    Hostile("data-uppercase", _link("DATA:text/html,<script>alert(1)</script>"), ("error: links",)),
    Hostile(
        "data-image-svg",
        "Подробности в ![x](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E).",
        LINK_ERRORS,
    ),
    Hostile("vbscript-link", _link("vbscript:msgbox(1)"), LINK_ERRORS),
    Hostile("vbscript-mixed-case", _link("VBScript:msgbox(1)"), LINK_ERRORS),
    Hostile("changed-link-target", _link("https://evil.example/timetable"), ("error: links",)),
    Hostile(
        "lookalike-host",
        _link("https://operator.еxample/timetable"),  # Cyrillic е
        ("error: links",),
    ),
    Hostile(
        "added-link",
        f"Подробности в [расписании]({LINK}) и [тут](https://evil.example/).",
        ("error: links",),
    ),
    Hostile(
        "template-syntax",
        f"Подробности {{{{ config.items() }}}} {{% raw %}} ${{user}} в [расписании]({LINK}).",
        (),
        literal=("{{ config.items() }}", "{% raw %}", "${user}"),
    ),
    Hostile(
        "markdown-heading",
        f"# Заголовок\n\n## Ещё\n\nПодробности в [расписании]({LINK}).",
        ("error: markup",),
        literal=("# Заголовок",),
    ),
    Hostile(
        "front-matter",
        f"---\ntitle: Взлом\nnotice: none\n---\nПодробности в [расписании]({LINK}).",
        ("error: markup",),
        literal=("title: Взлом",),
    ),
    Hostile(
        "reference-definition",
        "[расписании]: https://evil.example/\n\nПодробности в [расписании].",
        ("error: links", "error: markup"),
    ),
    Hostile("list-and-quote", f"- a\n- b\n\n> c\n\n{OK}", (), literal=("- a",)),
    Hostile(
        "bidi-override",
        f"Подробности в [расписании]({LINK}).\u202etxet desrever",
        ("error: bidi-control",),
    ),
    Hostile(
        "invisible-in-url",
        _link("https://operator.example/time\u200btable"),
        ("error: links", "error: url-invisible"),
    ),
    Hostile(
        "bidi-in-url",
        _link("https://operator.example/\u202etimetable"),
        ("error: links", "error: bidi-control"),
    ),
    Hostile("brackets-20000", OK + " " + "[" * 20_000, ()),
    Hostile(
        "nested-links-20000",
        OK + " " + "[a](" * 20_000,
        ("error: markup", "warning: length"),
    ),
    Hostile("emphasis-bomb", OK + " " + "*a **b " * 20_000, ("error: markup", "warning: length")),
    Hostile(
        "html-title",
        "</title><script>alert(1)</script>",
        ("error: raw-html",),
        literal=("</title><script>alert(1)</script>",),
        msgid="Night Trains Return",
    ),
]


@dataclass(frozen=True)
class HostileHeader:
    """A hostile header field in the catalog."""

    name: str
    field: str
    value: str
    credit: str | None  # the credit text the page shows, None when none


HEADERS = [
    HostileHeader("language-path", "Language", "../../../etc", None),
    HostileHeader("language-script", "Language", "<script>alert(1)</script>", None),
    HostileHeader(
        "team-script",
        "Language-Team",
        "<script>alert(1)</script> Night Crew",
        "alert(1) Night Crew",
    ),
    HostileHeader(
        "team-attribute",
        "Language-Team",
        'Crew" onmouseover="alert(1)',
        'Crew" onmouseover="alert(1)',
    ),
    HostileHeader(
        "translator-closes-script",
        "Last-Translator",
        "Ivan </script><script>alert(1)</script>",
        "Ivan alert(1)",
    ),
    HostileHeader("translator-bidi", "Last-Translator", "Ivan \u202enavI", "Ivan \u202enavI"),
    HostileHeader(
        "translator-url", "Last-Translator", "javascript:alert(1)", "javascript:alert(1)"
    ),
]
