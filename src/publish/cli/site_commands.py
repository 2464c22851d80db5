"""`publish build`."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_FINDINGS
from .app import Context, cli, jobs_option, pass_context, reports_errors

if TYPE_CHECKING:
    from ..site.build import BuildReport

PROGRESS_MIN = 20  # pages to render before a progress bar is worth showing


@cli.command("build")
@click.argument("languages", nargs=-1, metavar="[LANG]...")
@jobs_option("Render pages in N processes (the output is the same for any N).")
@click.option(
    "--use-fuzzy", is_flag=True, help='Publish fuzzy translations, marked "may be outdated".'
)
@click.option("--force", is_flag=True, help="Overwrite pages in site/ that were edited by hand.")
@pass_context
@reports_errors
def build_command(
    ctx: Context, languages: tuple[str, ...], jobs: int, use_fuzzy: bool, force: bool
) -> None:
    """Build the static site in site/ (or the `output` folder of publish.yaml).

    One page per article and published language, language indexes, a root
    index, sitemap.xml and a stylesheet. Every page is checked for the
    original's attribution before it is written; only changed files are
    written. With LANG arguments only those languages' pages are rebuilt.
    """
    from ..fsio import project_lock
    from ..site.build import BuildOptions, build_site

    config = ctx.project()
    options = BuildOptions(jobs=jobs, use_fuzzy=use_fuzzy, force=force, languages=languages)
    with project_lock(config.root), _progress() as (on_plan, advance):
        report = build_site(config, options, progress=advance, on_plan=on_plan)
    _print_report(report)
    if report.failed:
        raise SystemExit(report.exit_code or EXIT_FINDINGS)


@contextlib.contextmanager
def _progress() -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A progress bar on a terminal for long builds; nothing otherwise."""
    bars: list[Any] = []

    def on_plan(total: int) -> None:
        if total >= PROGRESS_MIN and sys.stdout.isatty():
            bar = click.progressbar(length=total, label="rendering", file=sys.stdout)
            bar.__enter__()
            bars.append(bar)

    def advance(count: int) -> None:
        if bars:
            bars[0].update(count)

    try:
        yield on_plan, advance
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)


def summary_line(report: BuildReport) -> str:
    """``site: 5 written, 2 unchanged, 3 skipped (1 below threshold, 2 licence), 1 failed``."""
    parts = [f"{len(report.written)} written", f"{len(report.unchanged)} unchanged"]
    if report.removed:
        parts.append(f"{len(report.removed)} removed")
    if report.skipped:
        kinds = Counter(skip.kind for skip in report.skipped)
        shown = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        parts.append(f"{len(report.skipped)} skipped ({shown})")
    if report.problems:
        parts.append(f"{len(report.problems)} failed")
    return f"{report.output_dir}: " + ", ".join(parts)


def _print_report(report: BuildReport) -> None:
    for problem in (*report.problems, *report.warnings):
        click.echo(problem.render(), err=True)
    for skip in report.skipped:
        click.echo(f"skipped {report.output_dir}/{skip.output}: {skip.reason}")
    click.echo(summary_line(report))
