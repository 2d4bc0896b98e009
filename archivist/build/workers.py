"""Worker processes that are started safely and can be stopped.

Two faults this module exists for. A child made with ``fork`` from a process
that has threads (``mkdocs serve``'s file watcher and server, the thread
NumPy's OpenBLAS starts on import) can inherit a lock another thread held and
hang for ever: every process here is started by ``forkserver`` (a clean,
single-threaded server forks the children) or, where there is none, by
``spawn``. And one page can make the cleaner run for many minutes (a real
150 KB page took 16): a thread cannot be stopped, a process can, so each job
runs in a worker process that pebble terminates, and replaces, once the job
is past its time limit.

Errors come back as the exceptions they are, the worker's traceback text
attached as their ``__cause__``; a job stopped or a worker that died comes
back as ``JobTimedOut`` or ``WorkerDied``.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, TypeVar

from pebble import ProcessExpired, ProcessPool

if TYPE_CHECKING:
    from pebble import ProcessFuture

J = TypeVar("J")
R = TypeVar("R")


class JobTimedOut(Exception):
    """A job that ran past its time limit: its worker was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(seconds)

    def __str__(self) -> str:
        return f"stopped after {self.seconds:g} s"


class WorkerDied(Exception):
    """The worker process running a job ended without an answer (killed, out of memory, a crash in C)."""

    def __init__(self, exitcode: int | None) -> None:
        self.exitcode = exitcode
        super().__init__(exitcode)

    def __str__(self) -> str:
        return f"its worker process ended without an answer (exit code {self.exitcode})"


def traceback_text(exc: BaseException) -> str:
    """The traceback of where ``exc`` was raised: in its worker (pebble keeps it as
    text on the exception, and as its ``__cause__``), or in this process."""
    remote = getattr(exc, "traceback", None)
    return remote if isinstance(remote, str) else "".join(traceback.format_exception(exc))


# What the fork server imports once, so that each worker it forks has them
# already: libraries that start no thread on import (NumPy does, for OpenBLAS,
# so it is left to each worker; tests/test_workers.py checks the list). Once the
# server runs (a pool of several workers, mkdocs serve's next rebuilds) they
# halve a worker's start-up: 0.87 s to 0.46 s, measured on a loaded 2-core machine.
PRELOAD = ("lxml.etree", "lxml.html", "trafilatura", "charset_normalizer", "yaml", "dateutil.parser", "markdown", "nh3")


def context() -> BaseContext:
    """The start method for every worker: forkserver where the platform has it, else spawn; never fork."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(list(PRELOAD))  # read when this process's server starts
        return server
    return multiprocessing.get_context("spawn")


def _outcome(future: ProcessFuture[R], time_limit: float | None) -> R | Exception:
    try:
        return future.result()
    except BrokenProcessPool:
        raise  # no worker can be had: the caller decides what to do instead
    except FutureTimeout as exc:
        if hasattr(exc, "traceback"):  # raised by the job itself, in its worker
            return exc
        return JobTimedOut(time_limit or 0.0)
    except ProcessExpired as exc:
        return WorkerDied(exc.exitcode)
    except Exception as exc:  # noqa: BLE001 - the job's own error, handed back for its job only
        return exc


def run_all(
    function: Callable[[J], R],
    jobs: Sequence[J],
    workers: int,
    time_limit: float | None = None,
    advance: Callable[[], object] | None = None,
) -> list[R | Exception]:
    """``function(job)`` for each job over ``workers`` processes: each result, or the
    exception it raised, in the jobs' order. A job running longer than
    ``time_limit`` seconds (None: no limit) has its worker stopped and comes back
    as ``JobTimedOut``; the other jobs go on. ``advance`` is called after each job.

    Raises ``BrokenProcessPool`` (or ``OSError``) when no worker process can be
    started (no semaphores, say)."""
    results: list[R | Exception] = []
    if not jobs:
        return results
    with ProcessPool(max_workers=max(1, min(workers, len(jobs))), context=context()) as pool:
        futures = [pool.schedule(function, (job,), timeout=time_limit) for job in jobs]
        for future in futures:
            outcome = _outcome(future, time_limit)
            results.append(outcome)
            if advance:
                advance()
    return results
