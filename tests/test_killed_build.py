"""A build killed at any moment (SIGKILL to its whole process group, as an
out-of-memory killer or a closed CI job does) leaves the previous site/ whole
and the cleaning cache readable, and the next build succeeds from the cache."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archivist.build import replace_site
from archivist.build.cache import CleanCache
from archivist.preserve.fixity import compute, verify

from .conftest import ROOT, project_copy

KILLS = 10
SEED = 14  # the moments are random, and the same on every run
BIN = Path(sys.executable).parent


def start_build(project: Path, log: Path) -> subprocess.Popen[bytes]:
    """`make site`'s script, in its own process group (so that a kill reaches every process of the build)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CI")}
    with log.open("wb") as out:
        return subprocess.Popen(
            ["sh", str(ROOT / "scripts" / "build_site.sh"), "site"],
            cwd=project,
            env={**environ, "MKDOCS": str(BIN / "mkdocs"), "PYTHON": sys.executable, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def group_alive(group: int) -> bool:
    """Whether any process of the group still runs (zombies waiting to be reaped do not)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


def kill_build(build: subprocess.Popen[bytes]) -> None:
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 30
    while group_alive(build.pid):
        assert time.monotonic() < deadline, "a process of the killed build still runs"
        time.sleep(0.05)


def add_article(project: Path, n: int) -> str:
    """A new article for the next build to clean (and cache): a seed's original under a new id."""
    seed = sorted((project / "archive" / "articles").glob("*/original.txt"))[0]
    folder = project / "archive" / "articles" / f"added-{n:02d}"
    folder.mkdir()
    shutil.copy(seed, folder / "original.txt")
    return folder.name


def wait_for_staging(build: subprocess.Popen[bytes], staging: Path, started: float) -> float:
    """Seconds from `started` until the build began writing its new site into `staging`."""
    deadline = time.monotonic() + 300
    while not (staging.exists() and staging.stat().st_mtime >= started):
        assert build.poll() is None, "the build ended before it wrote its new site"
        assert time.monotonic() < deadline, "the build never began writing its new site"
        time.sleep(0.005)
    return time.time() - started


def cache_entries(project: Path) -> dict[str, bool]:
    """Each cache entry's key and whether it reads back as a cleaning result."""
    folder = project / ".cache" / "archive"
    cache = CleanCache(folder)
    return {entry.stem: cache.get(entry.stem) is not None for entry in folder.glob("*/*.json")}


def test_a_build_killed_at_any_moment_leaves_the_old_site_whole(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    log = tmp_path / "build.log"
    start = time.monotonic()
    first = start_build(project, log)
    assert first.wait(timeout=600) == 0, log.read_text(errors="replace")
    duration = time.monotonic() - start
    site = project / "site"
    assert verify(site) == []
    before = compute(site, exclude="")
    rng = random.Random(SEED)
    stages = []
    for n in range(KILLS):
        added = add_article(project, n)
        staging = project / "build" / "site.new"
        started = time.time()
        build = start_build(project, log)
        if n % 3 == 1:  # a moment while MkDocs writes the new site, which is brief: wait for it to begin
            moment = wait_for_staging(build, staging, started) + rng.random() * 0.2
            time.sleep(moment - (time.time() - started))
        else:  # one moment in each tenth of the first build
            moment = duration * (n + rng.random()) / KILLS
            time.sleep(moment)
        kill_build(build)
        now = compute(site, exclude="")
        writing = staging.exists() and staging.stat().st_mtime >= started  # MkDocs had begun the new site
        stages.append((round(moment, 2), writing, (site / "articles" / added).exists()))
        if now != before:  # killed after the swap: the new site, whole
            assert (site / "articles" / added / "index.html").exists(), stages[-1]
        assert verify(site) == [], stages[-1]
        assert (site / "index.html").exists() and (site / "pagefind").is_dir()
        before = now
        entries = cache_entries(project)
        assert all(entries.values()), [key for key, ok in entries.items() if not ok]
    print("kills (seconds, build/site.new there, swapped):", stages)
    assert any(staged for _, staged, _ in stages), "no kill while MkDocs was writing the new site"
    assert any(not staged for _, staged, _ in stages), "no kill before MkDocs wrote the new site"
    cached = len(cache_entries(project))
    last = start_build(project, log)
    assert last.wait(timeout=600) == 0, log.read_text(errors="replace")
    output = log.read_text(errors="replace")
    counts = re.search(r"archive: (\d+) articles \((\d+) cleaned afresh,", output)
    assert counts, output
    articles, afresh = int(counts[1]), int(counts[2])
    assert articles == 5 + KILLS
    assert afresh == articles - cached  # every entry the killed builds left is used
    assert afresh < articles
    assert verify(site) == []
    assert all((site / "articles" / f"added-{n:02d}" / "index.html").exists() for n in range(KILLS))
    assert sorted(p.name for p in (project / "build").iterdir()) == []


def make_site(folder: Path, text: str) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "sub" / "page.html").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("swap", ["one exchange", "two renames"])
def test_the_new_site_takes_the_old_ones_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str) -> None:
    if swap == "two renames":  # a system without renameat2's exchange
        monkeypatch.setattr(replace_site, "exchange", lambda a, b: False)
    else:
        assert replace_site.exchange(make_site(tmp_path / "a", "a"), make_site(tmp_path / "b", "b"))
        assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == "b"
    new, site = make_site(tmp_path / "new", "new"), make_site(tmp_path / "site", "old")
    replace_site.replace(new, site)
    assert (site / "sub" / "page.html").read_text(encoding="utf-8") == "new"
    assert (new / "sub" / "page.html").read_text(encoding="utf-8") == "old"  # for the caller to remove
    assert not (tmp_path / "new.old").exists()
    shutil.rmtree(new)
    replace_site.replace(make_site(tmp_path / "new", "newer"), tmp_path / "first")  # no site yet
    assert (tmp_path / "first" / "index.html").read_text(encoding="utf-8") == "newer"


def test_a_site_left_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """Where the system cannot swap in one step, a kill between the two renames
    leaves the old site at build/site.new.old: the next run puts it back first."""
    project = tmp_path / "project"
    make_site(project / "build" / "site.new.old", "old")
    (project / "mkdocs.yml").write_text("site_name: x\nplugins: [no-such-plugin]\n", encoding="utf-8")
    log = tmp_path / "build.log"
    build = start_build(project, log)
    assert build.wait(timeout=120) != 0  # the build itself fails, at once
    assert (project / "site" / "sub" / "page.html").read_text(encoding="utf-8") == "old"
    assert "site is left as it was" in log.read_text(errors="replace")
    assert not (project / "build" / "site.new.old").exists()
