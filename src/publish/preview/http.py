"""The preview's HTTP server: loopback only, one thread serving, one thread watching.

Standard library only: :class:`http.server.ThreadingHTTPServer` answers with
:meth:`Preview.respond`; a watcher thread calls :meth:`Preview.poll` every
half second. :meth:`PreviewServer.stop` shuts both down within a bounded time.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from types import TracebackType

from ..errors import PublishError
from .core import Preview, Response, is_loopback_name

POLL_SECONDS = 0.5
STOP_SECONDS = 5.0


def loopback_host(host: str) -> str:
    """The address to listen on for ``host``; anything but this computer is refused."""
    if not is_loopback_name(host):
        raise PublishError(
            f"refusing to serve on {host!r}: the preview server is for this computer only",
            hint="use --host 127.0.0.1 (the default), ::1 or localhost; to publish the site, "
            "run `publish build` and upload site/",
        )
    name = host.strip().lower().removeprefix("[").removesuffix("]").removesuffix(".")
    return "127.0.0.1" if name == "localhost" else str(ip_address(name))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.preview = preview
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "publish-serve"
    protocol_version = "HTTP/1.0"
    timeout = 30  # seconds a client may take to send its request

    def _send(self, response: Response, body: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.location is not None:
            self.send_header("Location", response.location)
        self.end_headers()
        if body:
            self.wfile.write(response.body)

    def do_GET(self) -> None:
        self._send(self.server.preview.respond(self.path, self.headers.get("Host")), True)

    def do_HEAD(self) -> None:
        self._send(self.server.preview.respond(self.path, self.headers.get("Host")), False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged (the console shows builds)."""


class PreviewServer:
    """Serve a :class:`Preview` on a loopback address and rebuild when files change."""

    def __init__(
        self, preview: Preview, host: str, port: int, *, interval: float = POLL_SECONDS
    ) -> None:
        self.preview = preview
        self.host = loopback_host(host)
        self.port = port
        self.interval = interval
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> None:
        """Build once, then listen and watch (both in daemon threads)."""
        try:
            self._server = _Server((self.host, self.port), self.preview)
        except OSError as exc:
            raise PublishError(
                f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}",
                hint="choose another port with --port (0 picks a free one)",
            ) from None
        self.port = self._server.server_address[1]
        try:
            self.preview.rebuild("start")
        except BaseException:
            self._server.server_close()
            raise
        serve = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="publish-serve",
            daemon=True,
        )
        watch = threading.Thread(target=self._watch, name="publish-watch", daemon=True)
        self._threads = [serve, watch]
        for thread in self._threads:
            thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.preview.poll()

    def stop(self) -> None:
        """Stop serving and watching (waits at most a few seconds)."""
        self._stop.set()
        if self._server is not None:
            if self._threads and self._threads[0].is_alive():
                self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(STOP_SECONDS)

    def wait(self) -> None:
        """Block until :meth:`stop` is called from another thread (or Ctrl-C)."""
        while not self._stop.wait(1.0):
            pass

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
