"""`mkdocs serve` picks up glossary edits live and survives files coming and going."""

from __future__ import annotations

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
from .story import TITLE, story_text

WAIT = 60  # seconds for a rebuild to show


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, predicate, what: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and predicate(page):
            return page
        time.sleep(0.3)
    raise AssertionError(f"{what}: not seen at {url} within {WAIT} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the project served by `mkdocs serve` on loopback."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "archive", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, lambda page: "holds <strong>5 articles</strong>" in page, "first build")
        yield project, base
        assert process.poll() is None, "mkdocs serve died: " + (process.stderr.read() if process.stderr else "")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_glossary_edits_show_live_and_new_terms_link_everywhere(served: tuple[Path, str]) -> None:
    project, base = served
    ice = project / "archive" / "glossary" / "ice.md"
    text = ice.read_text(encoding="utf-8")
    ice.write_text(text.replace("short: The federal agency", "short: EDITED The federal agency"), encoding="utf-8")
    wait_for(f"{base}glossary/ice/", lambda page: "EDITED The federal agency" in page, "edited definition")

    new = project / "archive" / "glossary" / "lapd.md"
    new.write_text(
        "---\nid: lapd\nterm: LAPD\nfull_name: Los Angeles Police Department\nshort: The city's police.\n"
        "sources:\n  - id: a\n    article: la-officials-oppose-ice-sanctuary-deployment\n---\nThe police.[^a]\n",
        encoding="utf-8",
    )
    article = f"{base}articles/la-officials-oppose-ice-sanctuary-deployment/"
    wait_for(article, lambda page: 'href="../../glossary/lapd/"' in page, "new term linked")

    renamed = new.with_name("lapd-renamed.md")
    new.rename(renamed)  # now a broken entry (id does not match): reported, the rest builds
    wait_for(article, lambda page: 'href="../../glossary/lapd/"' not in page, "renamed entry left out")
    renamed.unlink()
    wait_for(f"{base}glossary/", lambda page: 'href="ice/"' in page and "lapd" not in page, "deleted entry gone")


def test_articles_written_renamed_and_deleted_while_serving(served: tuple[Path, str]) -> None:
    project, base = served
    articles = project / "archive" / "articles"
    folder = articles / "library-hours"
    folder.mkdir()
    original = folder / "original.txt"
    original.write_bytes(b"")  # caught half-written: reported, then picked up when complete
    original.write_text(story_text(2), encoding="utf-8")
    wait_for(f"{base}articles/library-hours/", lambda page: TITLE in page, "new article")
    wait_for(base, lambda page: "holds <strong>6 articles</strong>" in page, "home page lists it")
    folder.rename(articles / "library-hours-renamed")
    wait_for(f"{base}articles/library-hours-renamed/", lambda page: TITLE in page, "renamed")
    wait_for(base, lambda page: 'href="articles/library-hours/"' not in page, "old address gone")
    shutil.rmtree(articles / "library-hours-renamed")
    wait_for(base, lambda page: "holds <strong>5 articles</strong>" in page, "deleted article gone")
    (articles / "la-officials-oppose-ice-sanctuary-deployment" / "article.yml").write_text("keep: [\n", "utf-8")
    wait_for(base, lambda page: "holds <strong>4 articles</strong>" in page, "broken article.yml: reported, left out")
