"""Writing the site folder: pages, stale files, and the report of what happened.

The only module of the site package that changes files in ``site/``. A page
edited by hand since the last build is never overwritten (unless forced) nor
deleted; nothing is written through a link that leads outside the site folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, Problem, PublishError
from ..fsio import atomic_write, digest
from ..relpath import display_path
from .digests import DigestCache
from .manifest import Record
from .plan import Skipped

MAX_PAGE_BYTES = 1024 * 1024 * 1024  # only pages publish wrote are hashed; never refused


@dataclass
class BuildReport:
    """What happened, for the one-line summary."""

    output_dir: str = ""
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # failures: the build exits non-zero
    warnings: list[Problem] = field(default_factory=list)  # the catalogs' (po-charset…)
    exit_code: int = EXIT_OK

    @property
    def failed(self) -> bool:
        """True when some page could not be published."""
        return bool(self.problems)

    def fail(self, problems: list[Problem], exit_code: int) -> None:
        """Record problems; the exit code is the most serious one seen."""
        self.problems.extend(problems)
        self.exit_code = max(self.exit_code, exit_code)


@dataclass(frozen=True)
class Rendered:
    """A rendered and checked output, ready to be written."""

    output: str
    key: str
    data: bytes
    problems: tuple[str, ...]


def read_existing(path: Path) -> bytes | None:
    """The bytes of an output as it is now; None when there is none."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError as exc:
        raise PublishError(f"cannot read: {exc.strerror}", path=display_path(path)) from None


def intact(output_dir: Path, output: str, record: Record | None, cache: DigestCache) -> bool:
    """The output is on disk exactly as the last build wrote it."""
    if record is None:
        return False
    try:
        # A string path: this runs for every page of the site on every build.
        page = os.path.join(str(output_dir), output)
        return cache.digest(page, max_bytes=MAX_PAGE_BYTES) == record.sha256
    except PublishError:
        return False


def apply_rendered(
    output_dir: Path,
    rendered: Rendered,
    record: Record | None,
    new_manifest: dict[str, Record],
    report: BuildReport,
    *,
    force: bool,
) -> bool:
    """Write one output when its bytes changed; True when it is now as rendered."""
    output = rendered.output
    shown = f"{report.output_dir}/{output}"
    if rendered.problems:
        problem = Problem(
            "not written: the page " + "; ".join(rendered.problems),
            shown,
            hint="every page must show the front matter's attribution exactly; "
            "if the project has templates/, check them",
        )
        report.fail([problem], EXIT_FINDINGS)
        if record is not None:
            new_manifest[output] = record
        return False
    current = read_existing(output_dir / output)
    new_record = Record(rendered.key, digest(rendered.data))
    if current == rendered.data:
        report.unchanged.append(output)
        new_manifest[output] = new_record
        return True
    if current is not None and not force and (record is None or digest(current) != record.sha256):
        reason = "changed by hand since the last build; not overwritten (use --force)"
        report.skipped.append(Skipped(output, reason, "edited by hand"))
        if record is not None:
            new_manifest[output] = record
        return False
    if not _inside(output_dir, output_dir / output):
        report.fail([_outside_problem(shown)], EXIT_BAD_INPUT)
        if record is not None:
            new_manifest[output] = record
        return False
    atomic_write(output_dir / output, rendered.data)
    report.written.append(output)
    new_manifest[output] = new_record
    return True


def _inside(output_dir: Path, path: Path) -> bool:
    """True when ``path``'s folder, links followed, is the site folder or below it."""
    site = output_dir.resolve()
    folder = path.parent.resolve()
    return folder == site or site in folder.parents


def _outside_problem(shown: str) -> Problem:
    return Problem(
        "not written: its folder is a link to a place outside the site folder",
        shown,
        hint="remove the link from the site folder; publish writes only inside it",
    )


def remove_stale(
    output_dir: Path,
    stale: Iterable[str],
    manifest: dict[str, Record],
    new_manifest: dict[str, Record],
    report: BuildReport,
) -> None:
    """Delete what an earlier build wrote and this one no longer produces (unless edited)."""
    for output in sorted(stale):
        path = output_dir / output
        current = read_existing(path)
        if current is None:
            continue
        if not _inside(output_dir, path):
            report.fail([_outside_problem(f"{report.output_dir}/{output}")], EXIT_BAD_INPUT)
            continue
        if digest(current) != manifest[output].sha256:
            reason = "no longer built, but changed by hand; left in place"
            report.skipped.append(Skipped(output, reason, "edited by hand"))
            new_manifest[output] = manifest[output]
            continue
        path.unlink()
        report.removed.append(output)
        folder = path.parent
        while folder != output_dir and folder.is_dir():
            with contextlib.suppress(OSError):
                folder.rmdir()
            if folder.exists():
                break
            folder = folder.parent
