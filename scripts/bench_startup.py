"""What starting processes safely costs a small build (README, Faults).

Prints, best and median of ROUNDS: the start-up of one child that imports the
pipeline, by start method (fork, which the build no longer uses; forkserver,
with its server already running; spawn); and the pipeline step of a build of
this repository's archive (``staged.build_staged``, as the MkDocs plugin runs
it) with every article cached, with none cached and the per-article time
limit on (a cleaning worker is started), and with none cached and no limit
(cleaned in the pipeline's own process); and how many tasks a second the
cleaning pool hands out.

usage: python scripts/bench_startup.py [ROUNDS]
"""

from __future__ import annotations

import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from archivist.build.pipeline import DEFAULT_TIME_LIMIT
from archivist.build.staged import build_staged
from archivist.build.workers import PRELOAD, run_all

ROOT = Path(__file__).resolve().parents[1]


def imports_pipeline(_: int) -> int:
    import archivist.pipeline  # noqa: F401

    return 1


def child(method: str) -> float:
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(PRELOAD))
    start = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        pool.submit(imports_pipeline, 0).result()
    return time.perf_counter() - start


def pipeline_step(cache: Path, cold: bool, limit: float | None) -> float:
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    start = time.perf_counter()
    build_staged(ROOT / "archive", cache, "bench", "", 2, limit).remove()
    return time.perf_counter() - start


def length(data: bytes) -> int:
    return len(data)


def tasks_per_second(count: int = 5000) -> None:
    """How fast the pool hands out tasks: one per article, of an article's size."""
    start = time.perf_counter()
    run_all(length, [b"x" * 8000] * count, 2)
    print(f"pebble, {count} tasks of 8 KB over 2 workers: {count / (time.perf_counter() - start):.0f} tasks/s")


def report(name: str, measure: Callable[[], float], rounds: int) -> None:
    times = [measure() for _ in range(rounds)]
    print(f"{name}: best {min(times):.2f} s, median {statistics.median(times):.2f} s")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    import archivist.pipeline  # noqa: F401  - the parent has it, as the plugin's process does

    for method in ("fork", "forkserver", "spawn"):
        if method in multiprocessing.get_all_start_methods():
            report(f"a {method} child importing the pipeline", lambda m=method: child(m), rounds)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        pipeline_step(cache, True, None)
        limit = DEFAULT_TIME_LIMIT
        report("pipeline step, every article cached", lambda: pipeline_step(cache, False, limit), rounds)
        report("pipeline step, none cached, time limit on", lambda: pipeline_step(cache, True, limit), rounds)
        report("pipeline step, none cached, no time limit", lambda: pipeline_step(cache, True, None), rounds)
    tasks_per_second()


if __name__ == "__main__":
    main()
