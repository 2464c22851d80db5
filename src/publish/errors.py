"""The one error hierarchy of publish.

Every error a user can cause is a :class:`PublishError` whose message names the
file and line (when there is one) and says what to do. The CLI prints
``path:line: error: message`` and maps the class to an exit code; it never shows
a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Exit codes (documented in docs/exit-codes.md).
EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran and found problems (check errors, update --check)
EXIT_BAD_INPUT = 2  # a file, an argument or the configuration is wrong
EXIT_CONFLICT = 3  # a file changed on disk meanwhile, or another run holds the lock
EXIT_INTERNAL = 70  # a bug in publish (EX_SOFTWARE)


@dataclass(frozen=True)
class Problem:
    """One located problem: a file, an optional line, a message and a hint."""

    message: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None
    severity: str = "error"

    def render(self) -> str:
        """``path:line: severity: message (hint)`` in the GNU style."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class PublishError(Exception):
    """Base class: a problem the user can fix. Carries one or more problems."""

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.problems: list[Problem] = problems or [
            Problem(message, None if path is None else str(path), line, hint)
        ]
        super().__init__(message)

    def __str__(self) -> str:
        return "\n".join(problem.render() for problem in self.problems)


class ProjectNotFound(PublishError):
    """No publish.yaml in this folder or above."""


class ConfigError(PublishError):
    """publish.yaml is invalid (every problem is collected before raising)."""


class SourceError(PublishError):
    """A source article or a captured text is malformed."""


class CatalogSyntaxError(PublishError):
    """A .po/.pot file is malformed."""


class LanguageError(PublishError):
    """A language code is invalid or unknown."""


class ConflictError(PublishError):
    """A file changed on disk since it was read, or another run holds the lock."""

    exit_code = EXIT_CONFLICT


class BuildError(PublishError):
    """A page cannot be published (attribution, licence, threshold...)."""

    exit_code = EXIT_FINDINGS
