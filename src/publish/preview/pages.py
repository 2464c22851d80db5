"""The preview's own HTML: the reload script, the error banner and the error pages.

Pure string building; every value that comes from the project (messages
quoting a translator's text, paths) is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

from ..errors import Problem

VERSION_PATH = "/__publish/version"
POLL_MS = 1000

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)

_STYLE = (
    "font:14px/1.45 system-ui,sans-serif;background:#fbeceb;color:#1b1b1b;"
    "border:2px solid #b3261e;margin:0 0 1rem;padding:.6rem .9rem;text-align:left"
)


def reload_script(version: int) -> str:
    """A script that reloads the page when the preview's version moves past ``version``."""
    return (
        "<script>/* publish serve: reload when the site is rebuilt */\n"
        f"(function(){{var seen={version};function poll(){{"
        f'fetch("{VERSION_PATH}",{{cache:"no-store"}}).then(function(r){{return r.json();}})'
        ".then(function(d){if(d.version!==seen){location.reload();}"
        f"else{{setTimeout(poll,{POLL_MS});}}}})"
        f".catch(function(){{setTimeout(poll,{2 * POLL_MS});}});}}setTimeout(poll,{POLL_MS});}})();\n"
        "</script>\n"
    )


def problem_list(problems: Sequence[Problem]) -> Markup:
    """Located problems as an HTML list, one ``path:line: error: message`` per item."""
    items = Markup("").join(
        Markup('<li><code style="white-space:pre-wrap">{}</code></li>').format(problem.render())
        for problem in problems
    )
    return Markup('<ul style="margin:.3rem 0;padding-left:1.2rem">{}</ul>').format(items)


def banner(problems: Sequence[Problem]) -> Markup:
    """The box shown at the top of every page while the last build has problems."""
    count = len(problems)
    title = f"publish serve: the last build reported {count} problem{'s' if count != 1 else ''}"
    return Markup(
        '<div id="publish-preview-problems" lang="en" dir="ltr" role="alert" style="{}">'
        "<strong>{}</strong>{}<small>Fix the file and save it: the page reloads by itself."
        "</small></div>\n"
    ).format(_STYLE, title, problem_list(problems))


def inject(html: str, version: int, problems: Sequence[Problem]) -> str:
    """``html`` with the banner (when there are problems) and the reload script added."""
    if problems:
        opening = _BODY_OPEN.search(html)
        at = opening.end() if opening else 0
        html = html[:at] + "\n" + str(banner(problems)) + html[at:]
    closings = list(_BODY_CLOSE.finditer(html))
    at = closings[-1].start() if closings else len(html)
    return html[:at] + reload_script(version) + html[at:]


def message_page(
    title: str,
    text: str,
    version: int,
    problems: Sequence[Problem] = (),
    notes: Sequence[str] = (),
) -> str:
    """A whole page: a heading, a sentence, located problems and notes, and the reload script."""
    parts = [
        Markup(
            '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            "<title>{}</title>\n</head>\n"
            '<body style="font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;'
            'padding:0 1rem">\n<h1 style="font-size:1.4rem">{}</h1>\n<p>{}</p>\n'
        ).format(title, title, text)
    ]
    if problems:
        parts.append(banner(problems))
    if notes:
        items = Markup("").join(Markup("<li>{}</li>").format(note) for note in notes)
        parts.append(Markup("<ul>{}</ul>\n").format(items))
    parts.append(Markup('<p><a href="/">All languages</a></p>\n'))
    return inject(str(Markup("").join(parts)) + "</body>\n</html>\n", version, ())
