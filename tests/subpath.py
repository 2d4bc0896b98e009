"""A static server on loopback that answers only under a prefix and sends
``404.html`` with a 404 for anything else, as nginx with ``alias`` and
``error_page`` does: the site as hosted at a sub-path (tests/test_hosting.py,
tests/test_search.py, tests/test_csp.py)."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from .conftest import running

PREFIX = "/some/sub/path/"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``server.folder`` at ``server.prefix`` only; 404.html (status 404) elsewhere."""

    server: SubPathServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):
        self.server.requests.append(self.path)
        if not urlsplit(self.path).path.startswith(self.server.prefix):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        rest = urlsplit(path).path[len(self.server.prefix) :]
        return super().translate_path("/" + rest)

    def list_directory(self, path):
        self.send_error(403)  # no directory listings, as nginx without autoindex
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SubPathServer(http.server.ThreadingHTTPServer):
    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self.requests: list[str] = []
        handler = lambda *args: SubPathHandler(*args, directory=str(folder))  # noqa: E731
        super().__init__(("127.0.0.1", 0), handler)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serve(folder: Path, prefix: str = PREFIX) -> Iterator[SubPathServer]:
    with running(SubPathServer(folder, prefix)) as server:
        yield server
