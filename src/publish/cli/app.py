"""The `publish` command group and the error boundary shared by every command.

Start-up time matters (every command is its own process): this module and the
command modules import only click and small things at module level; a command
imports its action (the site builder, Jinja2, Babel, markdown-it, ...) inside
its function, when it runs. tests/test_startup.py keeps it that way.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .. import __version__
from ..errors import EXIT_INTERNAL, PublishError

if TYPE_CHECKING:
    from ..config import ProjectConfig

F = TypeVar("F", bound=Callable[..., Any])
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe


class Context:
    """Options shared by all commands."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def project(self) -> ProjectConfig:
        """The project containing the current folder."""
        from ..config import load_project

        return load_project(Path.cwd())


def reports_errors(func: F) -> F:
    """Turn PublishError into `path:line: error: ...` and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        shared = click.get_current_context().find_object(Context)
        debug = shared is not None and shared.debug
        try:
            return func(*args, **kwargs)
        except PublishError as exc:
            if debug:
                import traceback

                traceback.print_exc()
            for problem in exc.problems:
                click.echo(problem.render(), err=True)
            raise SystemExit(exc.exit_code) from None
        except KeyboardInterrupt:
            click.echo(
                "publish: interrupted; files already written are complete, rerun to finish",
                err=True,
            )
            raise SystemExit(130) from None
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader of the output went away (`publish check | head`): not a bug.
            # Point stdout at /dev/null so the interpreter's last flush stays quiet.
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        except Exception as exc:  # a bug: say so briefly; --debug shows the traceback
            if debug:
                import traceback

                traceback.print_exc()
            click.echo(
                f"publish: internal error: {type(exc).__name__}: {exc} "
                "(this is a bug in publish; rerun with --debug and report it)",
                err=True,
            )
            raise SystemExit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publish")
@click.option("--debug", is_flag=True, help="Show the traceback of an error (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Translate and publish reprinted articles, attribution intact.

    Articles live in source/, translations in locale/<lang>/LC_MESSAGES/<slug>.po,
    the site is built into site/. Commands work in the project that holds the
    current folder (the nearest publish.yaml above it).
    """
    ctx.obj = Context(debug)


pass_context = click.make_pass_decorator(Context)


def jobs_option(help_text: str) -> Callable[[F], F]:
    """The shared `-j/--jobs N` option (results are the same for any N)."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 256),
        default=1,
        show_default=True,
        help=help_text,
    )


# Importing the command modules registers them on `cli`.
from . import (  # noqa: E402, F401
    catalog_commands,
    preview_commands,
    project_commands,
    site_commands,
    source_commands,
    tools_commands,
)
