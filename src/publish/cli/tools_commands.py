"""`publish check` and `publish stats`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..checks.base import ERROR, INFO, SEVERITIES, WARNING
from ..errors import EXIT_BAD_INPUT, EXIT_FINDINGS, Problem
from .app import Context, cli, pass_context, reports_errors

if TYPE_CHECKING:
    from ..actions.checking import CheckReport
    from ..actions.statistics import StatsReport, StatsRow


@cli.command("check")
@click.argument("languages", nargs=-1, metavar="[LANG...]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one `path:line: severity: code: message` line per finding; json: a list.",
)
@click.option(
    "--min-severity",
    type=click.Choice([ERROR, WARNING, INFO]),
    default=INFO,
    show_default=True,
    help="Show only findings at least this severe (the exit code is unchanged).",
)
@pass_context
@reports_errors
def check_command(
    ctx: Context, languages: tuple[str, ...], output_format: str, min_severity: str
) -> None:
    """Check translations against their source, entry by entry.

    Numbers, dates, links, inline markup, quotation marks, glossary terms,
    invisible and bidi control characters, raw HTML, length. Silence one check
    for one entry with the translator comment `# publish-ignore: CODE`
    (see docs/checks.md). Exit 0 when clean, 1 when there are errors, 2 when a
    catalog or the configuration cannot be read.
    """
    import json

    from ..actions.checking import check_project

    config = ctx.project()
    report = check_project(config, list(languages) or None)
    shown = [
        finding
        for finding in report.findings
        if SEVERITIES.index(finding.severity) <= SEVERITIES.index(min_severity)
    ]
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in shown], ensure_ascii=False, indent=2))
    else:
        for finding in shown:
            click.echo(finding.render())
        click.echo(_summary(report), err=True)
    _exit(report.problems, report.count(ERROR) > 0)


def _summary(report: CheckReport) -> str:
    counts = ", ".join(
        _counted(report.count(severity), label)
        for severity, label in ((ERROR, "error"), (WARNING, "warning"), (INFO, "info"))
    )
    catalogs = f"{report.catalogs} catalog" + ("" if report.catalogs == 1 else "s")
    return f"checked {catalogs}: {counts}"


def _counted(count: int, label: str) -> str:
    """``1 error``, ``2 errors``; "info" is its own plural."""
    return f"{count} {label}" + ("" if count == 1 or label == "info" else "s")


def _exit(problems: list[Problem], findings: bool) -> None:
    for problem in problems:
        click.echo(problem.render(), err=True)
    if problems:
        raise SystemExit(EXIT_BAD_INPUT)
    if findings:
        raise SystemExit(EXIT_FINDINGS)


@cli.command("stats")
@click.argument("languages", nargs=-1, metavar="[LANG...]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@pass_context
@reports_errors
def stats_command(ctx: Context, languages: tuple[str, ...], output_format: str) -> None:
    """What will ship, per language and article.

    Messages translated / fuzzy / untranslated (as `msgfmt --statistics`
    counts them), source words, the percent of words shown translated
    (fuzzy does not count unless publish.yaml says `fuzzy: show`), and
    whether the language version is published: at least publish_threshold
    percent of the words and the title translated.
    """
    import json

    from ..actions.statistics import project_stats

    config = ctx.project()
    report = project_stats(config, list(languages) or None)
    if output_format == "json":
        click.echo(json.dumps([row.as_dict() for row in report.rows], ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(_csv(report), nl=False)
    else:
        click.echo(_table(report.rows, configured=bool(config.languages)))
    _exit(report.problems, False)


def _csv(report: StatsReport) -> str:
    import csv
    import io

    from ..actions.statistics import StatsRow

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(StatsRow.__dataclass_fields__))
    for row in report.rows:
        writer.writerow([_csv_value(value) for value in row.as_dict().values()])
    return buffer.getvalue()


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _table(rows: list[StatsRow], *, configured: bool) -> str:
    if not rows and not configured:
        return "no languages configured (start one with `publish init LANG`)"
    if not rows:
        return "no catalogs to count (see the errors below, or run `publish init LANG`)"
    header = (
        "lang",
        "article",
        "translated",
        "fuzzy",
        "untranslated",
        "words shipping",
        "%",
        "title",
        "published",
    )
    lines = [header]
    for row in rows:
        lines.append(
            (
                row.language,
                row.article,
                str(row.translated),
                str(row.fuzzy),
                str(row.untranslated),
                f"{row.shipping_words}/{row.words}",
                f"{row.percent:g}",
                "yes" if row.title_translated else "no",
                "yes" if row.publishable else f"no: {row.reason}",
            )
        )
    numeric = {2, 3, 4, 5, 6}
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)
