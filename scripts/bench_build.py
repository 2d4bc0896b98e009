#!/usr/bin/env python3
"""Benchmark the whole build at 1,000 and 10,000 articles; write BENCHMARKS.md.

For each size, a synthetic archive (scripts/make_corpus.py) in a temporary
project (mkdocs.yml, overrides/ and the hand-written pages copied beside it):

- the whole ``mkdocs build`` with a cold cache: wall time, peak memory (of
  the build's processes together, sampled, and of the largest one, from
  rusage), the pipeline's stage times and MkDocs' own phases
  (from the archive plugin's INFO log lines);
- ``archive build --out TREE`` with no cache, in one process and over every
  core (the cleaning stage's gain, and whether both trees are identical), then
  a plain ``mkdocs build`` of that tree with a config that has no archive
  plugin: the floor of this stack (MkDocs + Material + search on the same
  Markdown), and the ratio;
- site bytes per article (and which pages they go to), the search payload a
  reader downloads before the first result (measured in Chromium, see
  scripts/search_payload.py);
- rebuilds with the cache warm: after editing one glossary entry, and after
  adding one article.

Every child runs on at most --cores cores, with a copy of the package taken at
the start (the code may change while the benchmark runs). Figures are printed as they come;
BENCHMARKS.md is rewritten after each size. A size whose whole build, by a
linear projection from the previous size, would take more than --budget
seconds is skipped (and says so); a child that runs past --timeout is stopped.

usage: python scripts/bench_build.py [--sizes 1000,10000] [--budget S] [--out BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
KB = 1000
MB = 1000 * 1000

TARGETS = {
    "whole": "≤ 90 s at 10,000",
    "ratio": "≤ 1.25×",
    "bare_ratio": "≤ 1.5×",
    "rebuild_ratio": "≤ 1.0×",
    "per_article": "≤ 100 KB, flat",
    "search": "≤ 1 MB at 10,000",
    "memory": "≤ 2 GB",
    "glossary_edit": "≤ 10 s at 1,000",
    "add_article": "",
}


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes: the largest process (the build or one of its children)
    returncode: int
    stderr: str
    stopped: bool = False
    peak_tree_rss: int = 0  # bytes: the build and its children together, sampled


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants now (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                total += next((int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and its children together,
    four times a second: Pagefind indexes beside the MkDocs process, and
    each one's own peak does not show what the machine needs at once."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            self.peak = max(self.peak, tree_rss(self.pid))


@dataclass
class Result:
    size: int
    whole: Run | None = None
    stages: str = ""
    mkdocs_phases: str = ""
    cleaned_cold: str = ""
    tree_one: Run | None = None
    tree: Run | None = None
    trees_identical: str = ""
    floor: Run | None = None
    bare: Run | None = None  # plain mkdocs build of one page per article: its title and body paragraphs
    site_bytes: int = 0
    breakdown: dict[str, int] = field(default_factory=dict)
    search: dict[str, tuple[int, int]] = field(default_factory=dict)  # query -> (bytes, results shown)
    search_error: str = ""
    glossary_edit: Run | None = None
    glossary_cleaned: str = ""
    add_article: Run | None = None
    add_cleaned: str = ""
    glossary_converted: str = ""  # pages converted afresh by the pipeline in that rebuild
    add_converted: str = ""
    skipped: str = ""


def say(text: str) -> None:
    print(text, flush=True)


def limit_cores(cores: int):
    """A preexec_fn that pins the child to its first ``cores`` allowed CPUs."""
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(allowed) <= cores:
        return None
    chosen = set(allowed[:cores])
    return lambda: os.sched_setaffinity(0, chosen)


CODE: Path | None = None  # the copy of the package the children import
VERSION = "unknown"  # the commit it was copied at (and whether the package had changes then)


def snapshot(work: Path) -> Path:
    """A copy of the package: every build of the benchmark runs the same code."""
    code = work / "code"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "archivist", code / "archivist", ignore=ignore, dirs_exist_ok=True)
    return code


def run(cmd: list[str], cwd: Path, cores: int, timeout: float, **extra: str) -> Run:
    """Run ``cmd``; its wall time and its own peak RSS (rusage of the child from wait4)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", **extra)
    env.pop("CI", None)
    if CODE is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limit_cores(cores)
        )
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        memory = TreeMemory(process.pid)
        memory.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            memory.done.set()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(seconds, rss, process.returncode, text, stopped.is_set(), memory.peak)


def check(run_: Run, what: str) -> None:
    if run_.stopped:
        say(f"  {what}: stopped after {run_.seconds:.0f} s (--timeout)")
    elif run_.returncode:
        say(f"  {what}: failed (exit {run_.returncode})\n{run_.stderr[-3000:]}")


def project(size: int, folder: Path) -> Path:
    """A project like the repository's, with a synthetic archive of ``size`` articles."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = [PY, str(ROOT / "scripts" / "make_corpus.py"), str(size), str(folder)]
    subprocess.run(corpus, check=True, stdout=subprocess.DEVNULL)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    pages = folder / "archive" / "pages"
    for path in (ROOT / "archive" / "pages").iterdir():
        target = pages / path.name
        if target.exists():  # the corpus's own home introduction
            continue
        (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
    return folder


def floor_config(folder: Path, tree: Path, site: Path) -> Path:
    """mkdocs.yml for the generated tree alone: the same site, no archive plugin."""
    path = folder / "mkdocs-floor.yml"
    path.write_text(
        f"INHERIT: mkdocs.yml\ndocs_dir: {tree.name}\nsite_dir: {site.name}\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    return path


def bare_bodies(folder: Path, site: Path) -> Path:
    """A project of one page per article holding only its title and body
    paragraphs (from the whole build's data/articles.json), built by MkDocs,
    Material and its search plugin alone: the floor a user compares with."""
    import json

    project = folder / "bare"
    docs = project / "docs"
    for article in json.loads((site / "data" / "articles.json").read_text(encoding="utf-8")):
        page = docs / "articles" / f"{article['id']}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        paragraphs = [block["text"] for block in article["body"] if block["text"]]
        page.write_text(f"# {article['title']}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Archive\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    # The articles are left out of the nav, as the archive's own mkdocs.yml leaves them: a nav of
    # every page puts every article's link in every page (3 MB a page at 10,000, a quadratic build).
    config.write_text(
        "site_name: Bare bodies\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - Archive: index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


def tree_with_pages(folder: Path, tree: Path) -> None:
    """The hand-written pages (about, data, assets) beside the generated ones, as the plugin serves them."""
    for path in (folder / "archive" / "pages").iterdir():
        target = tree / path.name
        if not target.exists():
            (shutil.copytree if path.is_dir() else shutil.copy)(path, target)


def log_value(stderr: str, pattern: str) -> str:
    found = re.findall(pattern, stderr)
    return found[-1] if found else "?"


CATEGORIES = (
    (re.compile(r"^articles/[^/]+/index\.html$"), "article pages"),
    (re.compile(r"^articles/[^/]+/report/"), "cleaning reports"),
    (re.compile(r"^articles/[^/]+/original[^/]*\.txt$"), "original copies"),
    (re.compile(r"^glossary/"), "glossary pages"),
    (re.compile(r"^search/|^pagefind(-\d+)?/"), "search index"),
    (re.compile(r"^data/[^/]+\.(json|csv)$"), "data export"),
    (re.compile(r"^browse/|^index\.html$|^feed\.xml$"), "home, browse, feed"),
    (re.compile(r"^assets/"), "theme assets"),
)


def site_sizes(site: Path) -> tuple[int, dict[str, int]]:
    total, parts = 0, {name: 0 for _, name in CATEGORIES} | {"other": 0}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(site).as_posix()
        parts[next((name for pattern, name in CATEGORIES if pattern.search(rel)), "other")] += size
    return total, parts


# A word in most synthetic articles (many results) and one in few.
SEARCH_QUERIES = ["court", "hospital"]


def measure_search(site: Path) -> tuple[dict[str, tuple[int, int]], str]:
    """Bytes before the first result, per query, measured in Chromium (scripts/search_payload.py)."""
    try:
        sys.path.insert(0, str(ROOT / "scripts"))
        from search_payload import payload

        return payload(site, SEARCH_QUERIES), ""
    except Exception as error:  # no Playwright or Chromium: say so in the report
        return {}, f"not measured ({type(error).__name__}: {str(error)[:200]})"


def memory_cell(run_: Run) -> str:
    return f"{run_.peak_tree_rss / MB:,.0f} MB ({run_.peak_rss / MB:,.0f} MB)"


def search_cell(r: Result) -> str:
    if not r.search:
        return r.search_error or "?"
    worst = max(size for size, _ in r.search.values())
    each_query = "; ".join(f"“{q}” {size / KB:,.0f} KB, {shown} shown" for q, (size, shown) in r.search.items())
    return f"{worst / KB:,.0f} KB ({each_query})"


def tree_seconds(run_: Run | None) -> str:
    """An ``archive build`` run's time, with its cleaning stage's."""
    if run_ is None or run_.returncode:
        return seconds(run_)
    return f"{seconds(run_)} (load/clean {log_value(run_.stderr, r'load/clean ([0-9.]+ s)')})"


def same_tree(one: Path, two: Path) -> bool:
    """Every file in both folders, byte for byte the same."""
    files_one = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    return files_one == files_two and all((one / p).read_bytes() == (two / p).read_bytes() for p in files_one)


def seconds(run_: Run | None) -> str:
    if run_ is None:
        return "not run"
    if run_.stopped:
        return f"> {run_.seconds:.0f} s (stopped)"
    if run_.returncode:
        return f"failed after {run_.seconds:.1f} s"
    return f"{run_.seconds:.1f} s"


def measure(size: int, work: Path, cores: int, timeout: float, markdown_floor: bool = True) -> Result:
    result = Result(size)
    folder = project(size, work / f"n{size}")
    mkdocs = [PY, "-m", "mkdocs", "build", "--clean"]
    say(f"== {size:,} articles ({folder})")

    result.whole = run([*mkdocs, "-d", "site"], folder, cores, timeout)
    check(result.whole, "whole build")
    err = result.whole.stderr
    result.stages = log_value(err, r"archive: pipeline ([^\n]+)")
    result.mkdocs_phases = log_value(err, r"archive: mkdocs ([^\n]+)")
    result.cleaned_cold = log_value(err, r"\((\d+) cleaned afresh,")
    say(f"  whole mkdocs build (cold cache): {seconds(result.whole)}, peak memory {memory_cell(result.whole)}")
    say(f"  pipeline {result.stages}")
    say(f"  mkdocs {result.mkdocs_phases}")
    if result.whole.returncode:
        return result

    site = folder / "site"
    result.site_bytes, result.breakdown = site_sizes(site)
    say(f"  site: {result.site_bytes / MB:,.1f} MB, {result.site_bytes / size / KB:,.1f} KB per article")
    for name, count in sorted(result.breakdown.items(), key=lambda kv: -kv[1]):
        say(f"    {name:<20} {count / size / KB:8.1f} KB per article")
    result.search, result.search_error = measure_search(site)
    say(f"  search payload before the first result: {search_cell(result)}")

    result.bare = run([*mkdocs, "-f", str(bare_bodies(folder, site))], folder, cores, timeout)
    check(result.bare, "bare-body floor build")
    if not result.bare.returncode:
        ratio = result.whole.seconds / result.bare.seconds
        say(f"  plain mkdocs build of the bare bodies (floor): {seconds(result.bare)}, whole/floor {ratio:.2f}×")

    if not markdown_floor:
        say("  archive build --out and the generated-Markdown floor: not run (--no-markdown-floor)")
    if markdown_floor:
        measure_tree(result, folder, cores, timeout)
    return measure_rebuilds(result, folder, mkdocs, cores, timeout)


def measure_tree(result: Result, folder: Path, cores: int, timeout: float) -> None:
    """``archive build --out`` over one process and ``cores``, then a plain MkDocs build of that tree."""
    cli = [PY, "-m", "archivist.cli", "build", "--cache", "", "--timings", "--out"]
    mkdocs = [PY, "-m", "mkdocs", "build", "--clean"]
    result.tree_one = run([*cli, str(folder / "tree-1"), "--workers", "1"], folder, cores, timeout)
    check(result.tree_one, "archive build --out --workers 1")
    say(f"  archive build --out, no cache, 1 process: {tree_seconds(result.tree_one)}")
    tree = folder / "tree"
    result.tree = run([*cli, str(tree), "--workers", str(cores)], folder, cores, timeout)
    check(result.tree, f"archive build --out --workers {cores}")
    say(f"  archive build --out, no cache, {cores} processes: {tree_seconds(result.tree)}")
    if not result.tree.returncode and not result.tree_one.returncode:
        result.trees_identical = "identical" if same_tree(folder / "tree-1", tree) else "DIFFERENT"
        say(f"  the two trees are {result.trees_identical}")
    if not result.tree.returncode:
        tree_with_pages(folder, tree)
        config = floor_config(folder, tree, folder / "floor-site")
        result.floor = run([*mkdocs, "-f", str(config)], folder, cores, timeout)
        check(result.floor, "floor build")
        ratio = f", ratio {result.whole.seconds / result.floor.seconds:.2f}×" if not result.floor.returncode else ""
        say(f"  plain mkdocs build of the generated Markdown (floor): {seconds(result.floor)}{ratio}")


def measure_rebuilds(result: Result, folder: Path, mkdocs: list[str], cores: int, timeout: float) -> Result:
    """``mkdocs build`` with the cache warm: after editing one glossary entry, then after adding one article."""
    entry = folder / "archive" / "glossary" / "term-1.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("short: A synthetic", "short: An edited synthetic"))
    result.glossary_edit = run([*mkdocs, "-d", "site"], folder, cores, timeout)
    check(result.glossary_edit, "rebuild after a glossary edit")
    result.glossary_cleaned = log_value(result.glossary_edit.stderr, r"\((\d+) cleaned afresh,")
    result.glossary_converted = log_value(result.glossary_edit.stderr, r"\((\d+) afresh\)")
    counts = f"{result.glossary_cleaned} cleaned, {result.glossary_converted} converted"
    edited = f"{seconds(result.glossary_edit)} ({counts})"
    say(f"  rebuild after editing one glossary entry: {edited}, {bare_ratio(result, result.glossary_edit)} the floor")

    first = next((folder / "archive" / "articles").glob("*/original.txt"))
    new = folder / "archive" / "articles" / "story-added"
    new.mkdir()
    (new / "original.txt").write_bytes(first.read_bytes() + b"\nOne more paragraph, added for the benchmark.\n")
    result.add_article = run([*mkdocs, "-d", "site"], folder, cores, timeout)
    check(result.add_article, "rebuild after adding an article")
    result.add_cleaned = log_value(result.add_article.stderr, r"\((\d+) cleaned afresh,")
    result.add_converted = log_value(result.add_article.stderr, r"\((\d+) afresh\)")
    added = f"{seconds(result.add_article)} ({result.add_cleaned} cleaned, {result.add_converted} converted)"
    say(f"  rebuild after adding one article: {added}, {bare_ratio(result, result.add_article)} the floor")
    return result


def bare_ratio(r: Result, run_: Run | None) -> str:
    """``run_``'s time over the bare-body floor's, measured in the same run."""
    if run_ and r.bare and not run_.returncode and not r.bare.returncode:
        return f"{run_.seconds / r.bare.seconds:.2f}×"
    return "?"


def code_version() -> str:
    """The commit the benchmark ran, and whether the package had uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "archivist"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    if commit.returncode:
        return "unknown"
    return commit.stdout.strip() + (" with uncommitted changes to archivist/" if dirty.stdout.strip() else "")


def machine(cores: int) -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in ("mkdocs", "mkdocs-material"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:  # noqa: BLE001 - informative only
            pass
    return (
        f"{model}; {min(cores, available or cores)} cores used of {available}; {ram} RAM; "
        f"{platform.system()} {platform.release()} {platform.machine()}; "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def report(results: list[Result], cores: int, command: str) -> str:
    cols = [f"{r.size:,} articles" for r in results]
    head = "| | target | " + " | ".join(cols) + " |\n|---|---|" + "---|" * len(cols) + "\n"

    def row(name: str, target: str, values: list[str]) -> str:
        return f"| {name} | {target} | " + " | ".join(values) + " |\n"

    def each(fn) -> list[str]:
        return ["not run (see below)" if r.skipped else fn(r) for r in results]

    def ratio(r: Result) -> str:
        if r.whole and r.floor and not r.whole.returncode and not r.floor.returncode:
            return f"{r.whole.seconds / r.floor.seconds:.2f}×"
        return "?"

    table = head
    table += row("whole `mkdocs build`, cold cache", TARGETS["whole"], each(lambda r: seconds(r.whole)))
    table += row("plain `mkdocs build` of the generated Markdown (floor)", "", each(lambda r: seconds(r.floor)))
    table += row("whole / floor", TARGETS["ratio"], each(ratio))
    table += row(
        "plain `mkdocs build` of the bare bodies (floor: one page per article, title and body paragraphs)",
        "",
        each(lambda r: seconds(r.bare)),
    )
    table += row("whole / bare-body floor", TARGETS["bare_ratio"], each(lambda r: bare_ratio(r, r.whole)))
    table += row("pipeline stages (in the whole build)", "", each(lambda r: r.stages))
    table += row("MkDocs phases (in the whole build)", "", each(lambda r: r.mkdocs_phases))
    table += row(
        "`archive build --out`, no cache, 1 process",
        "",
        each(lambda r: tree_seconds(r.tree_one)),
    )
    table += row(
        f"`archive build --out`, no cache, {cores} processes",
        "same tree",
        each(lambda r: f"{tree_seconds(r.tree)}; {r.trees_identical or '?'}" if r.tree else "not run"),
    )
    table += row(
        "site bytes per article", TARGETS["per_article"], each(lambda r: f"{r.site_bytes / r.size / KB:,.1f} KB")
    )
    table += row(
        "search payload before the first result",
        TARGETS["search"],
        each(search_cell),
    )
    table += row(
        "peak memory (whole build): all its processes together (largest one)",
        TARGETS["memory"],
        each(lambda r: memory_cell(r.whole) if r.whole else "?"),
    )
    table += row(
        "rebuild after editing one glossary entry",
        TARGETS["glossary_edit"],
        each(lambda r: f"{seconds(r.glossary_edit)} (cleaned {r.glossary_cleaned}, converted {r.glossary_converted})"),
    )
    table += row(
        "rebuild after editing one glossary entry / bare-body floor",
        TARGETS["rebuild_ratio"],
        each(lambda r: bare_ratio(r, r.glossary_edit)),
    )
    table += row(
        "rebuild after adding one article",
        "",
        each(lambda r: f"{seconds(r.add_article)} (cleaned {r.add_cleaned}, converted {r.add_converted})"),
    )
    table += row(
        "rebuild after adding one article / bare-body floor",
        TARGETS["rebuild_ratio"],
        each(lambda r: bare_ratio(r, r.add_article)),
    )
    notes = "".join(f"\n{r.size:,} articles: {r.skipped}.\n" for r in results if r.skipped)
    measured = [r for r in results if r.breakdown]
    sizes = ""
    if measured:
        names = sorted(measured[0].breakdown, key=lambda n: -measured[0].breakdown[n])
        sizes = "\n## Where the bytes go (KB per article)\n\n| | " + " | ".join(f"{r.size:,}" for r in measured)
        sizes += " |\n"
        sizes += "|---|" + "---|" * len(measured) + "\n"
        for name in names:
            sizes += f"| {name} | " + " | ".join(f"{r.breakdown[name] / r.size / KB:,.1f}" for r in measured) + " |\n"
    return (
        "# Benchmarks\n\n"
        f"Written by `{command}` (`scripts/bench_build.py`) on {dt.date.today().isoformat()}.\n\n"
        f"Machine: {machine(cores)}.\n\n"
        f"Code: {VERSION}.\n\n"
        "Synthetic archives from `scripts/make_corpus.py` (50 glossary terms). The whole build is "
        "`mkdocs build` of the project with a cold cleaning cache; the bare-body floor is a plain "
        "`mkdocs build` (Material, its search plugin) of one page per article holding only its title and "
        "body paragraphs, the floor a user compares with; the other floor is a plain `mkdocs build` "
        "(MkDocs, Material, its search plugin, no archive plugin) of the Markdown that "
        "`archive build --out` writes; rebuilds are `mkdocs build` again with the cache warm. "
        "Peak memory is the resident memory of the build and its child processes together (the "
        "pipeline's process, then Pagefind beside MkDocs), sampled four times a second, and in "
        "brackets the largest single process's own peak. The search payload is every "
        "byte Chromium downloads from the first key stroke of a query in the search box of the home "
        "page until its first result shows (`scripts/search_payload.py`): the search worker, Pagefind's "
        "script, WebAssembly, index chunks and the fragments of the results shown. The floor keeps "
        "Material's own search (one index of every page); the whole build has Pagefind index the "
        "site instead.\n\n" + table + notes + sizes
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated article counts (default: 1000,10000)")
    ap.add_argument("--cores", type=int, default=2, help="run every build on this many cores (default: 2)")
    ap.add_argument(
        "--budget",
        type=float,
        default=900,
        help="skip a size whose whole build, projected linearly from the previous size, exceeds this (s)",
    )
    ap.add_argument("--timeout", type=float, default=1800, help="stop any one build after this many seconds")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="the report to write")
    ap.add_argument(
        "--no-markdown-floor",
        dest="markdown_floor",
        action="store_false",
        help="skip `archive build --out` (1 and N processes) and the plain build of its Markdown (a third of the time)",
    )
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    command = "make bench" if os.environ.get("MAKELEVEL") else "python scripts/bench_build.py " + " ".join(sys.argv[1:])
    say(f"machine: {machine(a.cores)}")
    work = a.keep or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    global CODE, VERSION
    VERSION = code_version()  # at the copy, not when the report is written: the code may change meanwhile
    CODE = snapshot(work)
    results: list[Result] = []
    try:
        for size in sizes:
            previous = next((r for r in reversed(results) if r.whole and not r.whole.returncode), None)
            if previous and previous.whole:
                projected = previous.whole.seconds * size / previous.size
                if projected > a.budget:
                    note = (
                        f"not run: {previous.size:,} articles took {previous.whole.seconds:.0f} s, "
                        f"so at least {projected:.0f} s expected (--budget {a.budget:.0f} s)"
                    )
                    say(f"== {size:,} articles: {note}")
                    results.append(Result(size, skipped=note))
                    a.out.write_text(report(results, a.cores, command), encoding="utf-8")
                    continue
            results.append(measure(size, work, a.cores, a.timeout, a.markdown_floor))
            a.out.write_text(report(results, a.cores, command), encoding="utf-8")
            say(f"  (written to {a.out})")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
