"""The problems and warnings found while reading one PO file.

The reader streams: the lexer, the parser and the line checks run together,
piece by piece. A report must not depend on that, so every problem goes into
the stage that found it, and the stages are put together in a fixed order at
the end (line checks, then lexer, then parser, then the header checks) and
sorted by line, stably. So a file is always reported the same way, however
it is cut, and as the reader reported it when it lexed the whole file first.
"""

from __future__ import annotations

from collections.abc import Callable

from publish.errors import CatalogSyntaxError, Problem

from .model import CatalogWarning

__all__ = ["MAX_PROBLEMS", "Problems", "shorten"]

MAX_PROBLEMS = 100  # stop collecting after this many problems
# Collect more than are shown, so that sorting by line shows the first ones
# even when an early stage found many before a later one ran.
_COLLECTED = 10 * MAX_PROBLEMS

# Stages, in report order.
PRE = 0  # before decoding: NUL bytes, charset, undecodable bytes
BACKSLASH = 1  # lines ending in a backslash
LAST_LINE = 2  # the last line ends in a backslash
CR = 3  # carriage returns inside lines
LEX = 4
PARSE = 5
POST = 6  # the header, once the whole file is read
_STAGES = 7

AddProblem = Callable[[int | None, str, str | None], None]


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut for a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Problems:
    """Problems by stage, and warnings, for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.warnings: list[Problem] = []
        self._stages: list[list[Problem]] = [[] for _ in range(_STAGES)]

    def adder(self, stage: int) -> AddProblem:
        """A function that adds a problem found by ``stage``."""
        found = self._stages[stage]
        path = self.path

        def add(line: int | None, message: str, hint: str | None = None) -> None:
            if len(found) < _COLLECTED:
                found.append(Problem(message, path, line, hint))

        return add

    def warn(self, code: str, line: int | None, message: str, hint: str) -> None:
        self.warnings.append(CatalogWarning(message, self.path, line, hint, code=code))

    def count(self) -> int:
        return sum(len(found) for found in self._stages)

    def clear(self) -> None:
        """Forget every problem (not the warnings)."""
        for found in self._stages:
            found.clear()

    def fail_if_any(self) -> None:
        """Raise :class:`CatalogSyntaxError` with the first problems, by line."""
        collected = [problem for found in self._stages for problem in found][:_COLLECTED]
        if not collected:
            return
        problems = sorted(collected, key=lambda problem: problem.line or 0)
        if len(problems) > MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS]
            problems.append(
                Problem(
                    f"too many problems; only the first {MAX_PROBLEMS} are shown",
                    self.path,
                    None,
                    "fix these and read the file again",
                )
            )
        raise CatalogSyntaxError(problems[0].message, problems=problems)
