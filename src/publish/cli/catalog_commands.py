"""`publish init` and `publish update`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import EXIT_CONFLICT, EXIT_FINDINGS
from .app import Context, cli, jobs_option, pass_context, reports_errors

if TYPE_CHECKING:
    from ..actions.catalogs import LifecycleReport


@cli.command("init")
@click.argument("languages", nargs=-1, required=True, metavar="LANG...")
@pass_context
@reports_errors
def init_command(ctx: Context, languages: tuple[str, ...]) -> None:
    """Create locale/LANG/LC_MESSAGES/<slug>.po for every article.

    The header comes from Babel's locale data (Language, Plural-Forms, the
    language's name). A language outside CLDR needs its name, plural_forms and
    direction in publish.yaml. An existing catalog is never overwritten. A
    language not yet in `languages:` of publish.yaml is added to it.
    """
    from ..actions.catalogs import init_languages
    from ..fsio import project_lock

    config = ctx.project()
    with project_lock(config.root):
        report = init_languages(config, list(languages))
    for path in report.templates_written:
        click.echo(f"wrote {path}")
    for result in report.results:
        click.echo(
            f"{result.status} {result.path}" + (f" ({result.message})" if result.message else "")
        )
    for code in report.languages_added:
        click.echo(f"added {code} to `languages:` in publish.yaml")
    for code in report.languages_to_add:
        click.echo(f"note: add {code} to `languages:` in publish.yaml to build and update it")


@cli.command("update")
@click.argument("languages", nargs=-1, metavar="[LANG...]")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any catalog is out of date.")
@jobs_option("Work in N processes (the catalogs written are the same for any N).")
@pass_context
@reports_errors
def update_command(ctx: Context, languages: tuple[str, ...], check: bool, jobs: int) -> None:
    """Extract, then merge the templates into every catalog.

    Translations are kept; edited paragraphs become fuzzy with the previous
    text (#|); typography-only edits are carried without fuzz; removed
    paragraphs become obsolete (#~) and return when the paragraph does.
    """
    from ..actions.catalogs import update_catalogs
    from ..fsio import project_lock

    config = ctx.project()
    with project_lock(config.root):
        report = update_catalogs(config, list(languages) or None, check_only=check, jobs=jobs)
    _print(report)
    if report.problems:
        for problem in report.problems:
            click.echo(problem.render(), err=True)
        raise SystemExit(2)
    if report.conflicts:
        raise SystemExit(EXIT_CONFLICT)
    if check and (report.templates_written or any(r.status != "unchanged" for r in report.results)):
        raise SystemExit(EXIT_FINDINGS)


def _print(report: LifecycleReport) -> None:
    for path in report.templates_written:
        click.echo(f"template {path} updated")
    for result in report.results:
        summary = f": {result.report.summary()}" if result.report else ""
        line = f"{result.status} {result.path}{summary}"
        if result.status == "conflict":
            click.echo(f"{line}\n  {result.message}", err=True)
        else:
            click.echo(line)
