"""Every check code, its severity, and running the checks on one entry.

A check is a pure function ``(source, translation, language, context) ->
Iterable[Issue]``. :func:`run_checks` runs them all on one pair, drops the
codes the entry silences, and turns issues into located :class:`Finding` s.
:func:`check_entry` does that for a catalog entry, plural forms included, and
adds the entry-level information (untranslated, fuzzy).

An entry silences a check with the flag ``#, publish-ignore:CODE`` or, the
recommended form because GNU msgmerge/msgcat keep it while they drop flags
they do not know, the translator comment ``# publish-ignore: CODE[, CODE...]``.
Security checks cannot be silenced: a translation must never be able to hide
its own bidi override.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..langcode import LanguageInfo
from ..po.model import Entry
from .base import ERROR, INFO, WARNING, CheckContext, Issue
from .characters import check_characters
from .glossary import check_glossary
from .length import check_identical, check_length
from .links import check_links
from .markup import check_markup, check_raw_html
from .numbers import check_numbers
from .plurals import check_plural_count
from .quotes_check import check_quotes

IGNORE_FLAG = "publish-ignore:"
_IGNORE_COMMENT = re.compile(r"^\s*publish-ignore\s*:\s*(?P<codes>.*)$")


@dataclass(frozen=True)
class Code:
    """A check code as documented in docs/checks.md."""

    code: str
    severity: str
    summary: str
    silenceable: bool = True


CODES: dict[str, Code] = {
    code.code: code
    for code in (
        Code("numbers", ERROR, "a number, amount, ordinal or year differs from the source"),
        Code("dates", ERROR, "the month of a date differs from the source"),
        Code("links", ERROR, "link targets differ from the source"),
        Code("link-scheme", ERROR, "a link target is not http, https or mailto", False),
        Code("markup", ERROR, "inline Markdown differs from the source or is left unclosed"),
        Code("raw-html", ERROR, "the translation contains HTML"),
        Code("quotes", ERROR, "the translation's quotation marks are unbalanced"),
        Code("quotes-lost", WARNING, "the source quotes someone, the translation has no quotes"),
        Code(
            "source-quotes",
            WARNING,
            "the source segment's own quotation marks are unbalanced",
            False,
        ),
        Code(
            "source-attribution",
            ERROR,
            "the article's front matter makes the build refuse it (e.g. a broken original_url)",
            False,
        ),
        Code("glossary", WARNING, "a glossary term is not rendered as glossary.yaml says"),
        Code("bidi-control", ERROR, "a bidi override, embedding or isolate", False),
        Code("url-invisible", ERROR, "an invisible character inside a URL", False),
        Code("invisible", WARNING, "an invisible character outside URLs"),
        Code("control-char", ERROR, "a C0/C1 control character or a Unicode tag", False),
        Code("length", WARNING, "much longer or shorter than the source"),
        Code("identical", WARNING, "the translation is the source text unchanged"),
        Code("untranslated", INFO, "no translation yet (the page shows the source)"),
        Code("fuzzy", INFO, "marked fuzzy: not published until reviewed"),
        Code(
            "plural-forms",
            ERROR,
            "a plural entry's number of msgstr[N] differs from the header's nplurals",
            False,
        ),
        Code("po-bom", WARNING, "the catalog starts with a UTF-8 byte order mark", False),
        Code(
            "po-charset",
            WARNING,
            "the header's charset is CHARSET or a name GNU gettext does not know",
            False,
        ),
        Code(
            "ignore",
            WARNING,
            "a publish-ignore directive names an unknown or protected code",
            False,
        ),
    )
}

Check = Callable[[str, str, LanguageInfo, CheckContext], Iterable[Issue]]
CHECKS: tuple[Check, ...] = (
    check_numbers,
    check_links,
    check_markup,
    check_raw_html,
    check_quotes,
    check_glossary,
    check_characters,
    check_length,
    check_identical,
)


@dataclass(frozen=True)
class Finding:
    """One located finding, printed as ``path:line: severity: code: message``."""

    code: str
    severity: str
    message: str
    path: str | None
    line: int | None
    language: str | None = None

    def render(self) -> str:
        """The GNU-style line."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.severity}: {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Stable keys for --format json."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "language": self.language,
        }


def finding(issue: Issue, context: CheckContext, language: str | None) -> Finding:
    """Locate an issue; its severity comes from its code."""
    return Finding(
        issue.code,
        CODES[issue.code].severity,
        issue.message,
        context.path,
        context.line,
        language,
    )


def run_checks(
    source: str, translation: str, language: LanguageInfo, context: CheckContext
) -> list[Finding]:
    """Every check on one source/translation pair, minus the codes the context silences."""
    findings = []
    for check in CHECKS:
        for issue in check(source, translation, language, context):
            if issue.code in context.ignored and CODES[issue.code].silenceable:
                continue
            findings.append(finding(issue, context, language.code))
    return findings


def ignore_directives(entry: Entry) -> tuple[frozenset[str], list[Issue]]:
    """The codes an entry silences, and issues about directives that silence nothing."""
    named: list[str] = []
    for flag in entry.flags:
        if flag.startswith(IGNORE_FLAG):
            named.append(flag[len(IGNORE_FLAG) :])
    for comment in entry.translator_comments:
        match = _IGNORE_COMMENT.match(comment)
        if match:
            named += [code for code in re.split(r"[\s,]+", match["codes"]) if code]
    issues = []
    codes = set()
    for code in named:
        if code not in CODES:
            issues.append(
                Issue("ignore", f"publish-ignore names {code!r}, which is not a check code")
            )
        elif not CODES[code].silenceable:
            issues.append(Issue("ignore", f"{code!r} cannot be silenced; fix what it reports"))
        else:
            codes.add(code)
    return frozenset(codes), issues


def check_entry(
    entry: Entry, language: LanguageInfo, context: CheckContext, *, check_fuzzy: bool = False
) -> list[Finding]:
    """All findings for one catalog entry.

    A fuzzy entry is reported as information; its text is checked only when
    ``check_fuzzy`` (the project publishes fuzzy translations). The number of
    plural forms is compared with ``context.nplurals`` (when known) wherever
    the text is checked, as ``msgfmt -c`` does.
    """
    ignored, directive_issues = ignore_directives(entry)
    context = replace(context, ignored=ignored, line=context.line or entry.line)
    findings = [finding(issue, context, language.code) for issue in directive_issues]
    if not entry.translated:
        if "untranslated" not in ignored:
            findings.append(
                finding(Issue("untranslated", "not translated yet"), context, language.code)
            )
        return findings
    if entry.fuzzy:
        if "fuzzy" not in ignored:
            message = "marked fuzzy, so not published: review it, then remove the flag"
            if entry.previous_msgid is not None:
                message += " (the source changed; its previous text is in the #| lines)"
            findings.append(finding(Issue("fuzzy", message), context, language.code))
        if not check_fuzzy:
            return findings
    if context.nplurals is not None:
        plural_issue = check_plural_count(entry, context.nplurals)
        if plural_issue is not None:
            findings.append(finding(plural_issue, context, language.code))
    for source, translation in _pairs(entry):
        findings += run_checks(source, translation, language, context)
    return findings


def _pairs(entry: Entry) -> list[tuple[str, str]]:
    if entry.msgid_plural is None:
        return [(entry.msgid, entry.msgstr)]
    return [
        (entry.msgid if index == 0 else entry.msgid_plural, text)
        for index, text in sorted(entry.msgstr_plural.items())
    ]
