"""The preview without sockets: build when files change, answer a path with (status, body).

:class:`Preview` calls the site's incremental build in-process (only outputs
whose inputs changed are rendered and written), remembers what the last build
reported, and answers requests from the built folder. HTML responses get a
small reload script (the files on disk are never changed) and, while the last
build has problems, a banner with the located messages; a build that could not
run at all (a broken publish.yaml or source) turns every page into an error
page. Nothing here stops on a user's mistake: the next save triggers the next
build.
"""

from __future__ import annotations

import json
import mimetypes
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from ipaddress import ip_address
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..config import ProjectConfig, load_project
from ..errors import ConflictError, Problem, PublishError
from ..fsio import project_lock
from ..site.build import BuildOptions, BuildReport, build_site
from . import DRAFTS_OUTPUT
from .pages import VERSION_PATH, inject, message_page
from .watch import Snapshot, changes, snapshot

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}


@dataclass(frozen=True)
class Response:
    """What the server sends back."""

    status: int
    content_type: str
    body: bytes
    location: str | None = None  # for redirects


@dataclass(frozen=True)
class BuildState:
    """What the last build said."""

    output_dir: Path | None  # None: no build has succeeded far enough to serve
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()  # "output: reason"
    fatal: bool = False  # the build could not run at all


def is_loopback_name(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.1``, ``::1``, ``[::1]``)."""
    name = host.strip().lower().removeprefix("[").removesuffix("]").removesuffix(".")
    if name == "localhost":
        return True
    try:
        return ip_address(name).is_loopback
    except ValueError:
        return False


def host_header_allowed(header: str | None) -> bool:
    """A request's Host header names this computer (guards against DNS rebinding)."""
    if not header:
        return True
    host = header.strip()
    if host.startswith("["):
        host = host[: host.find("]") + 1] if "]" in host else host
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    return is_loopback_name(host)


def drafts_config(config: ProjectConfig) -> ProjectConfig:
    """The project as ``--drafts`` builds it: every language with a translated title."""
    return replace(config, publish_threshold=0.0, fuzzy="show", output=DRAFTS_OUTPUT)


class Preview:
    """Rebuilds the project's site when its files change and answers requests for it."""

    def __init__(
        self,
        root: Path,
        *,
        use_fuzzy: bool = False,
        configure: Callable[[ProjectConfig], ProjectConfig] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.root = root
        self.use_fuzzy = use_fuzzy
        self._configure = configure
        self._log = log or (lambda message: None)
        self._build_lock = threading.Lock()  # one build at a time
        self._lock = threading.Lock()  # guards the state and the version
        self._state = BuildState(None)
        self._version = 0
        self._snapshot: Snapshot | None = None

    @property
    def version(self) -> int:
        """Moves on after every build that changed what a page shows."""
        with self._lock:
            return self._version

    @property
    def state(self) -> BuildState:
        """What the last build said."""
        with self._lock:
            return self._state

    def _build(self) -> tuple[BuildState, bool, bool]:
        """Run one build: (state, outputs changed, retry soon). Never raises for a user's mistake."""
        try:
            config = load_project(self.root)
            if self._configure is not None:
                config = self._configure(config)
            with project_lock(config.root):
                report: BuildReport = build_site(config, BuildOptions(use_fuzzy=self.use_fuzzy))
        except PublishError as exc:
            retry = isinstance(exc, ConflictError)  # another publish command holds the lock
            return BuildState(self._state.output_dir, tuple(exc.problems), fatal=True), False, retry
        except Exception as exc:  # a bug in publish: keep serving, say so on the page
            problem = Problem(
                f"internal error: {type(exc).__name__}: {exc}",
                hint="this is a bug in publish; run `publish build --debug` and report it",
            )
            return BuildState(self._state.output_dir, (problem,), fatal=True), False, False
        skipped = tuple(f"{skip.output}: {skip.reason}" for skip in report.skipped)
        state = BuildState(config.output_dir, tuple(report.problems), skipped)
        return state, bool(report.written or report.removed), False

    def rebuild(self, reason: str = "") -> BuildState:
        """Build now (waiting for a build in progress), then move the version on if needed."""
        with self._build_lock:
            before = snapshot(self.root)  # edits saved during the build trigger another one
            state, changed, retry = self._build()
            with self._lock:
                old = self._state
                if changed or state != old or self._snapshot is None:
                    self._version += 1
                self._state = state
                self._snapshot = {} if retry else before
        self._log(_describe(state, reason))
        return state

    def poll(self) -> bool:
        """Rebuild when a watched file changed since the last build; True when it did."""
        current = snapshot(self.root)
        with self._lock:
            last = self._snapshot
        if last is not None and not changes(last, current):
            return False
        changed = changes(last or {}, current)
        self.rebuild(", ".join(changed[:3]) + (" …" if len(changed) > 3 else ""))
        return True

    def respond(self, target: str, host: str | None = None) -> Response:
        """The answer to ``GET target`` (a URL path with an optional query)."""
        if not host_header_allowed(host):
            return _text(403, "publish serve answers only requests for localhost or 127.0.0.1\n")
        path = unquote(urlsplit(target).path)
        with self._lock:
            state, version = self._state, self._version
        if path == VERSION_PATH:
            body = json.dumps({"version": version}).encode()
            return Response(200, "application/json", body)
        file, redirect = _resolve(state.output_dir, path)
        if redirect is not None:
            return Response(301, "text/plain; charset=utf-8", b"", location=redirect)
        is_page = file is None or file.suffix == ".html"
        if state.fatal and is_page:
            page = message_page(
                "The site could not be built",
                "publish serve keeps the last pages it built; fix the problems below and "
                "save: this page reloads by itself.",
                version,
                state.problems,
            )
            return Response(500, _TYPES[".html"], page.encode("utf-8"))
        if file is None:
            notes = tuple(note for note in state.skipped if _about(note, path))
            page = message_page(
                "Not built",
                f"{path} is not part of the site that the last build produced.",
                version,
                state.problems,
                notes or state.skipped,
            )
            return Response(404, _TYPES[".html"], page.encode("utf-8"))
        try:
            data = file.read_bytes()
        except OSError:  # removed by a build meanwhile
            return _text(404, "not found\n")
        content_type = _TYPES.get(file.suffix) or (
            mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        )
        if file.suffix == ".html":
            html = inject(data.decode("utf-8", errors="replace"), version, state.problems)
            data = html.encode("utf-8")
        return Response(200, content_type, data)


def _text(status: int, text: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", text.encode("utf-8"))


def _about(note: str, path: str) -> bool:
    output = note.partition(": ")[0]
    return path.strip("/") != "" and output.startswith(path.strip("/"))


def _resolve(output_dir: Path | None, path: str) -> tuple[Path | None, str | None]:
    """(the file to send, or None; a redirect target for a folder without its slash)."""
    if output_dir is None or "\x00" in path or "\\" in path:
        return None, None
    parts = PurePosixPath(path).parts[1:] if path.startswith("/") else ()
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        return None, None
    candidate = output_dir.joinpath(*parts)
    if candidate.is_dir():
        if not path.endswith("/"):
            return None, path + "/"
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve()
        inside = output_dir.resolve() in resolved.parents
    except OSError:
        return None, None
    if not inside or not resolved.is_file():
        return None, None
    return resolved, None


def _describe(state: BuildState, reason: str) -> str:
    cause = f" ({reason})" if reason else ""
    if state.fatal:
        lines = [f"build failed{cause}:"]
    elif state.problems:
        lines = [f"rebuilt{cause} with {len(state.problems)} problem(s):"]
    else:
        return f"rebuilt{cause}"
    return "\n".join(lines + [f"  {problem.render()}" for problem in state.problems])
