"""`publish new`."""

from __future__ import annotations

from pathlib import Path

import click

from .app import cli, reports_errors


@cli.command("new")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def new_command(directory: Path) -> None:
    """Create an empty project in DIRECTORY (publish.yaml, source/, locale/)."""
    from ..actions.new_project import create_project

    created = create_project(directory)
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: cd {directory} && publish import CAPTURED.txt")
