"""`publish import` and `publish extract`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import Context, cli, jobs_option, pass_context, reports_errors

if TYPE_CHECKING:
    from ..actions.importing import ImportReport


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--slug", help="File name for the new article (default: from the headline).")
@click.option(
    "--into", "into", metavar="SLUG", help="Apply FILE as a body revision of this article."
)
@click.option(
    "--accept-repairs",
    is_flag=True,
    help="Apply the repairs the report suggests (e.g. a space inside the captured URL).",
)
@pass_context
@reports_errors
def import_command(
    ctx: Context, file: Path, slug: str | None, into: str | None, accept_repairs: bool
) -> None:
    """Turn a captured article (FILE) into source/<slug>.md.

    Recognises and drops site chrome, reads the headline, byline, date, source
    URL and copyright notice. With --into SLUG, FILE is a revised body: the
    article's body is replaced, its attribution kept, and the changes reported.
    """
    from ..actions.importing import import_new, import_revision
    from ..fsio import project_lock

    config = ctx.project()
    with project_lock(config.root):
        if into is not None:
            if slug or accept_repairs:
                raise click.UsageError("--into cannot be combined with --slug or --accept-repairs")
            report = import_revision(config, file, into)
        else:
            report = import_new(config, file, slug=slug, accept_repairs=accept_repairs)
    _print_import(report)


def _print_import(report: ImportReport) -> None:
    revision = report.revision
    if revision is None:
        click.echo(f"wrote {report.path}: {report.paragraphs} body paragraphs")
        for line in report.dropped:
            click.echo(f"  dropped as site chrome: {line}")
        for repair in report.repairs:
            if report.repairs_applied:
                click.echo(f"  repaired {repair.field}: {repair.reason}; now {repair.suggested}")
            else:
                click.echo(
                    f"  warning: {repair.field}: {repair.reason}; kept as captured.\n"
                    f"    likely repair: {repair.suggested}\n"
                    "    accept it with --accept-repairs, or edit the front matter"
                )
        return
    if revision.is_empty:
        click.echo(f"{report.path}: the revision changes nothing")
        return
    click.echo(
        f"revised {report.path}: {report.paragraphs} paragraphs; "
        f"{len(revision.changed)} changed, {len(revision.added)} added, "
        f"{len(revision.removed)} removed, {revision.unchanged} unchanged; attribution kept"
    )
    for old_pos, new_pos, _old, new in revision.changed:
        click.echo(f"  changed: paragraph {old_pos} -> {new_pos}: {_short(new)}")
    for pos, text in revision.added:
        click.echo(f"  added: paragraph {pos}: {_short(text)}")
    for pos, text in revision.removed:
        click.echo(f"  removed: paragraph {pos}: {_short(text)}")
    for flag in revision.flags:
        click.echo(f"  look at: {flag}")
    click.echo("next: publish update (carries the translations over)")


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cli.command("extract")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template is out of date.")
@jobs_option("Read the articles in N processes (the templates are the same for any N).")
@pass_context
@reports_errors
def extract_command(ctx: Context, check: bool, jobs: int) -> None:
    """Write one template per article: locale/<slug>.pot.

    Deterministic; a template is rewritten only when its messages change (the
    creation date alone does not count). Honours SOURCE_DATE_EPOCH.
    """
    from ..actions.extracting import extract
    from ..fsio import project_lock

    config = ctx.project()
    with project_lock(config.root):
        report = extract(config, check_only=check, jobs=jobs)
    for warning in report.warnings:
        click.echo(warning, err=True)
    for path in report.written:
        verb = "out of date" if check else "wrote"
        click.echo(f"{verb} {path} ({report.messages[path]} messages)")
    for path in report.unchanged:
        click.echo(f"unchanged {path} ({report.messages[path]} messages)")
    if check and report.written:
        raise SystemExit(1)
