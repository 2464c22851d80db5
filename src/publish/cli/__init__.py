"""The command line: thin wrappers that parse arguments, call one function and report."""

from __future__ import annotations

from .app import cli


def main() -> None:
    """Console entry point."""
    cli.main(prog_name="publish")


__all__ = ["cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
