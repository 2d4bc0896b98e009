"""Shared fixtures and helpers: the repository's paths and seeds, the one way to
run `mkdocs build` (mkdocs_build) and an `archive` command (run_archive), the
seeds' pipeline output and built sites (session fixtures), a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import io
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from archivist.build.pipeline import Output, build
from archivist.cli import main

Server = TypeVar("Server", bound=socketserver.BaseServer)

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "archive"
# The workspace's shared gold, seeds and benchmark, beside the checkout. A bare
# clone (the public repository's CI) has no ../shared: tests that read it are
# marked @needs_shared(...) and skip there, saying which file they lack.
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

# Seed file -> archive id (the permanent URL slug chosen for it).
SEED_IDS = {
    "000_0b795dabd4e7d930.txt": "la-social-workers-seek-ice-collaboration",
    "001_4fc4c65c31d887a8.txt": "la-officials-oppose-ice-sanctuary-deployment",
    "002_f389543f85fdb957.txt": "agents-find-ways-around-sanctuary-policies",
    "003_0636be93f76aa3f5.txt": "homeland-security-officers-visit-la-schools",
    "004_94b739d56b1c4fb5.txt": "federal-immigration-crackdown-falls-apart",
}
# The seeds newest first, as their scrapes and curators' notes date them (the
# social workers' story by its repost of 2017-04-17, the only date known).
SEEDS_NEWEST_FIRST = [
    "homeland-security-officers-visit-la-schools",  # 2025-04-11 (article.yml)
    "la-officials-oppose-ice-sanctuary-deployment",  # 2020-02-15 (article.yml)
    "agents-find-ways-around-sanctuary-policies",  # "Friday, March 15, 2019"
    "la-social-workers-seek-ice-collaboration",  # reposted 2017-04-17 (article.yml)
    "federal-immigration-crackdown-falls-apart",  # "07/24/14"
]
# The archive's own copies of the seeds, byte for byte (test_site.py checks it
# where ../shared is present): a test that only reads a seed's text reads these,
# and runs on a bare clone too.
SEED_COPIES = {seed: ARCHIVE / "articles" / article_id / "original.txt" for seed, article_id in SEED_IDS.items()}


def needs_shared(*paths: str) -> pytest.MarkDecorator:
    """Marks a test that reads these paths under ../shared; where one is missing
    (a bare clone), the test is skipped with a reason that names it."""
    return pytest.mark.needs_shared(*paths)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_shared(*paths): reads ../shared/<path>; skipped where it is missing")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("needs_shared")
        if marker is None:
            continue
        missing = [path for path in marker.args or ("",) if not (SHARED / path).exists()]
        if missing:
            where = ", ".join(f"../shared/{path}".rstrip("/") for path in missing)
            reason = (
                f"needs {where} (the workspace's shared gold, seeds and benchmark beside the checkout, "
                f"at {SHARED}), which this checkout lacks: a bare clone has no ../shared"
            )
            item.add_marker(pytest.mark.skip(reason=reason))


# Debian's Chromium, driven by Playwright (its own browser download is not used).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's closed network refuses them
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for every browser test; missing tools fail, never skip."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make setup-test` (or `make test`)")
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def html_text(html: str) -> str:
    """The text of an HTML fragment, as a reader sees it (entities decoded)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


def mkdocs_build(
    out: Path, config: Path = ROOT / "mkdocs.yml", *flags: str, cwd: Path = ROOT, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of ``config`` into ``out`` with ``flags`` (e.g. --strict), the one
    way the tests build a site: a process of its own, so that each build starts with
    a fresh plugin and fresh logging, as `make site` does. ``env`` is added to the
    environment; the caller reads the result's returncode and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@dataclass(frozen=True)
class Ran:
    """What an `archive` command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_archive(*args: str, cwd: Path | None = None) -> Ran:
    """`archive ARGS` run from ``cwd`` in this process (archivist.cli.main), its
    output caught: no interpreter to start, and a crash fails the test with its
    traceback. Tests about the process itself (exit on a signal, its memory)
    start one of their own."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as refused:  # argparse refuses the arguments
            code = refused.code if isinstance(refused.code, int) else 1
    return Ran(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def seed_output() -> Output:
    """The pipeline's output for the repository's archive (the five seed articles),
    built once for the tests that read it in memory."""
    return build(ARCHIVE)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built from the repository into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out, ROOT / "mkdocs.yml", "--strict")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy (mkdocs-offline.yml): Material's own search index, for file://."""
    out = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(out, ROOT / "mkdocs-offline.yml", "--strict")
    assert result.returncode == 0, result.stderr
    return out


def make_corpus(count: int, out: Path) -> Path:
    """scripts/make_corpus.py's synthetic archive (text and HTML originals, a glossary)."""
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make(count, out, terms=12, seed=7)
    return out / "archive"


def material_search_docs(site: Path) -> list[dict]:
    """Material's search index of the offline copy, its locations as on the hosted site."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return [{**d, "location": hosted_location(d["location"])} for d in docs]


def hosted_location(location: str) -> str:
    """'a/index.html' -> 'a/', 'a/b.html#c' -> 'a/b/#c': the offline copy's addresses as hosted."""
    location = re.sub(r"(^|/)index\.html(?=#|$)", r"\1", location)
    return re.sub(r"\.html(?=#|$)", "/", location)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    """A loopback server answering in a thread for the block's length, then closed."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A folder served on loopback; yields its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/"


def project_copy(root: Path) -> Path:
    """A copy of the repository's site (mkdocs.yml, overrides, the archive) at
    ``root``, for a test to change."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ARCHIVE, root / "archive")
    return root


def project_with_corpus(factory: pytest.TempPathFactory, count: int, glossary: bool) -> Path:
    """``project_copy`` with ``count`` synthetic articles beside the archive's own
    (and, with ``glossary``, the synthetic glossary's entries beside its own)."""
    root = project_copy(factory.mktemp("project"))
    corpus = make_corpus(count, factory.mktemp("corpus"))
    for folder in (corpus / "articles").iterdir():
        shutil.copytree(folder, root / "archive" / "articles" / folder.name)
    if glossary:
        for entry in (corpus / "glossary").glob("*.md"):
            shutil.copy(entry, root / "archive" / "glossary" / entry.name)
    return root


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built site served on loopback; yields its base URL (ending in /)."""
    with serve(built_site) as base:
        yield base
