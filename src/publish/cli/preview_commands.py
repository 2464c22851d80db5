"""`publish review`, `publish serve` and `publish pseudo`: seeing a translation before it ships."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import EXIT_FINDINGS
from ..preview import DRAFTS_OUTPUT
from ..pseudo import OUTPUT as PSEUDO_OUTPUT
from .app import Context, cli, pass_context, reports_errors
from .site_commands import summary_line


@cli.command("review")
@click.argument("language", metavar="LANG")
@click.argument("slug", metavar="SLUG")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the page here instead; `-o -` prints it.  [default: review/LANG/SLUG.html]",
)
@pass_context
@reports_errors
def review_command(ctx: Context, language: str, slug: str, output: Path | None) -> None:
    """A side-by-side proof of one article in one language, to read or print.

    The original's attribution on top, then every paragraph twice: the
    original and the translation side by side, each with its status
    (translated, fuzzy, untranslated), its line in the source and in the .po
    file, and the findings of `publish check`. For a fuzzy paragraph the
    words that changed in the original since it was translated are marked
    (struck out: removed; underlined: added). The summary says whether this
    language version will be published. The page prints on A4, portrait or
    landscape.

    The page is written to review/LANG/SLUG.html in the project (keep review/
    out of git); open it in a browser. SLUG is the article's file name in
    source/ without .md.
    """
    from ..relpath import display_path
    from ..review.action import review_html, write_review

    config = ctx.project()
    if output is not None and str(output) == "-":
        click.echo(review_html(config, language, slug), nl=False)
        return
    path = write_review(config, language, slug, output)
    click.echo(f"wrote {display_path(path)}")


@cli.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on: 127.0.0.1, ::1 or localhost only.",
)
@click.option(
    "--use-fuzzy", is_flag=True, help='Show fuzzy translations, marked "may be outdated".'
)
@click.option(
    "--drafts",
    is_flag=True,
    help=f"Show every language whose title is translated, however little of the rest is, "
    f"and fuzzy translations; built into {DRAFTS_OUTPUT}/ so that site/ is left alone.",
)
@pass_context
@reports_errors
def serve_command(ctx: Context, port: int, host: str, use_fuzzy: bool, drafts: bool) -> None:
    """Preview the site while you translate: save a file, see the page.

    Builds the site into site/ as `publish build` does, serves it on this
    computer only (http://127.0.0.1:8000/ by default) and rebuilds what
    changed whenever a .po file, an article in source/, a template or
    publish.yaml is saved; the page open in the browser reloads by itself. A mistake in a file (a .po
    that cannot be read, say) is shown on the page with its file and line
    instead of stopping the server. A language below the publish threshold
    is not built; use --drafts to see it anyway. Stop with Ctrl-C.
    """
    from ..preview.core import Preview, drafts_config
    from ..preview.http import PreviewServer

    config = ctx.project()
    preview = Preview(
        config.root,
        use_fuzzy=use_fuzzy or drafts,
        configure=drafts_config if drafts else None,
        log=lambda message: click.echo(message, err=True),
    )
    server = PreviewServer(preview, host, port)
    click.echo("building…", err=True)
    server.start()
    click.echo(f"serving {server.url} (press Ctrl-C to stop)")
    sys.stdout.flush()
    try:
        server.wait()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.stop()


@cli.command("pseudo")
@click.argument("language", required=False, metavar="[LANG]")
@click.option(
    "--build/--no-build",
    default=True,
    show_default=True,
    help=f"Build the source language and the pseudo-locales into {PSEUDO_OUTPUT}/.",
)
@pass_context
@reports_errors
def pseudo_command(ctx: Context, language: str | None, build: bool) -> None:
    """Fake translations for testing the layout before translators start.

    Writes locale/LANG@pseudo/LC_MESSAGES/<slug>.po for every article: each
    paragraph accented, about 30% longer and in [brackets], so that text
    that was not translated, truncated or joined stands out. Markdown, links,
    numbers, dates and code stay as they are. LANG sets the direction and
    the site's own strings: `publish pseudo` (the source language, e.g.
    en@pseudo), `publish pseudo ar` (ar@pseudo, right to left). The catalogs
    are remade on every run; real catalogs are never touched.

    Then the source language and every pseudo-locale made so far (remade
    too; delete locale/LANG@pseudo/ to drop one) are built into
    site-pseudo/, not site/. `publish build` never publishes a pseudo-locale
    unless publish.yaml lists it under `languages:`.
    """
    from ..fsio import project_lock
    from ..pseudo.catalogs import make_pseudo

    config = ctx.project()
    with project_lock(config.root):
        report = make_pseudo(config, language, build=build)
    for path in report.written:
        click.echo(f"wrote {path}")
    for path in report.unchanged:
        click.echo(f"unchanged {path}")
    if report.build is None:
        return
    for problem in report.build.problems:
        click.echo(problem.render(), err=True)
    for skip in report.build.skipped:
        click.echo(f"skipped {report.build.output_dir}/{skip.output}: {skip.reason}")
    click.echo(summary_line(report.build))
    page = f"{report.build.output_dir}/{report.language}/index.html"
    click.echo(f"open {page} to see the {report.language} pages")
    if report.build.failed:
        raise SystemExit(report.build.exit_code or EXIT_FINDINGS)
