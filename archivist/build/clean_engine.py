"""Where the articles not in the cache are cleaned: the process pool, or a Dask cluster.

Cleaning is the stage that grows with the archive's history (BENCHMARKS.md:
at 100,000 articles it is most of a cold build), so beyond one machine it can
run on an existing engine, Dask, behind the same ``clean`` job the process
pool runs. The engine only cleans: the pipeline reads the cache, sends the
misses, and writes back what the engine returns, so the cache and the output
are the same whichever ran them.

Dask is an optional extra (``pip install -e '.[dask]'``); it is imported only
when ``clean_engine: dask`` is chosen. With no scheduler address a local
cluster of ``workers`` processes is started for the build and stopped after it.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from archivist.build.workers import JobTimedOut, WorkerDied

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

J = TypeVar("J")
R = TypeVar("R")

ENGINES = ("pool", "dask")
ENGINE_VARIABLE = "ARCHIVE_CLEAN_ENGINE"
SCHEDULER_VARIABLE = "ARCHIVE_DASK_SCHEDULER"
INSTALL_HINT = "install the extra: pip install -e '.[dask]' (or pip install 'archivist[dask]')"


class EngineError(Exception):
    """An engine that cannot be used: unknown, or its library is not installed."""


@dataclass(frozen=True)
class Engine:
    """The engine that cleans the cache misses, and (Dask) its scheduler's address ('' for a local cluster)."""

    name: str = "pool"
    scheduler: str = ""


def choose(name: str | None = None, scheduler: str | None = None) -> Engine:
    """The engine a build uses: ``name`` and ``scheduler`` when given (the plugin
    option, the command-line flag), else ``$ARCHIVE_CLEAN_ENGINE`` and
    ``$ARCHIVE_DASK_SCHEDULER``, else the process pool. Raises ``EngineError``
    for an unknown engine, or Dask when it is not installed."""
    chosen = (name or os.environ.get(ENGINE_VARIABLE, "") or "pool").strip().lower()
    if chosen not in ENGINES:
        raise EngineError(f"unknown clean engine {chosen!r}: use one of {', '.join(ENGINES)}")
    address = (scheduler if scheduler is not None else os.environ.get(SCHEDULER_VARIABLE, "")).strip()
    if chosen == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise EngineError(f"clean_engine dask needs dask and distributed: {INSTALL_HINT}") from None
    return Engine(chosen, address)


def limited(function: Callable[[J], R], job: J, seconds: float | None) -> R | Exception:
    """``function(job)`` where the Dask worker runs it: its result, or the exception it
    raised (its traceback kept as text, as pebble keeps it), or ``JobTimedOut`` once
    it has run ``seconds``. A thread cannot be stopped: past the limit the job is
    given up, not killed, and its thread runs on in the worker until it returns."""
    box: dict[str, R | Exception] = {}

    def run() -> None:
        try:
            box["result"] = function(job)
        except Exception as exc:  # noqa: BLE001 - handed back for this job only
            # An attribute no exception class declares: pebble's, which build/workers.py reads.
            vars(exc)["traceback"] = "".join(traceback.format_exception(exc))
            box["error"] = exc

    if seconds is None:
        run()
    else:
        thread = threading.Thread(target=run, name="archive-clean", daemon=True)
        thread.start()
        thread.join(seconds)
        if thread.is_alive():
            return JobTimedOut(seconds)
    return box["error"] if "error" in box else box["result"]


def _client(scheduler: str, workers: int) -> tuple[Client, LocalCluster | None]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler), None
        except OSError as exc:  # nothing answers there, in distributed.comm.timeouts.connect (30 s)
            raise EngineError(f"no Dask scheduler answers at {scheduler} ({exc})") from None
    cluster = LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,  # the cleaner is Python: one core per process
        processes=True,
        host="127.0.0.1",  # loopback only
        dashboard_address=None,  # no dashboard; the scheduler's health page on a free loopback port
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    return Client(cluster), cluster


def run_dask(
    function: Callable[[J], R],
    jobs: Sequence[J],
    workers: int,
    time_limit: float | None = None,
    advance: Callable[[], object] | None = None,
    scheduler: str = "",
) -> list[R | Exception]:
    """``function(job)`` for each job on a Dask cluster: each result, or the exception
    it raised, in the jobs' order, as ``workers.run_all`` gives them. One task per
    job, each with its own ``time_limit`` (``limited``); a task whose worker died
    comes back as ``WorkerDied``. ``advance`` is called as each job ends."""
    from distributed import as_completed

    if not jobs:
        return []
    client, cluster = _client(scheduler, workers)
    try:
        futures = [client.submit(limited, function, job, time_limit, pure=False) for job in jobs]
        index = {future.key: i for i, future in enumerate(futures)}
        results: list[R | Exception | None] = [None] * len(jobs)
        for future in as_completed(futures):
            results[index[future.key]] = _outcome(future)
            if advance:
                advance()
        return cast("list[R | Exception]", results)  # every slot filled: as_completed yields every future
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome(future: Future[R | Exception]) -> R | Exception:
    """A finished task's value; the engine's own failure (its worker lost, the task
    cancelled) as ``WorkerDied``, any other as the exception it is."""
    from distributed import KilledWorker

    try:
        return future.result()
    except (KilledWorker, CancelledError):
        return WorkerDied(None)
    except Exception as exc:  # noqa: BLE001 - reported for this job only
        return exc
