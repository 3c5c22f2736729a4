"""A loopback HTTP server that records every request made to it: hostile values point at it, and a test that
ends with an empty log proves nothing (browser or server) fetched what the data named."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Canary:
    def __init__(self, server: ThreadingHTTPServer):
        self._server = server
        self.requests: list[str] = []

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, name: str) -> str:
        """An address on the canary naming what fetched it, e.g. canary.url("css-in-community")."""
        return f"{self.base}/{name}"


@contextmanager
def canary() -> Iterator[Canary]:
    log: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _record(self):
            log.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_HEAD = do_OPTIONS = _record

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    bird = Canary(server)
    bird.requests = log
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield bird
    finally:
        server.shutdown()
        server.server_close()
