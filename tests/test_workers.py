"""Worker processes: never forked from a threaded process, errors back as themselves,
a job past its time limit stopped (its process killed) while the others go on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from archivist.build.workers import PRELOAD, JobTimedOut, WorkerDied, context, run_all, traceback_text

# Held by a thread of the test process while workers start: a forked worker
# would inherit it held (and hang on it); a worker started clean finds it free.
HELD = threading.Lock()


class CleanerBroke(Exception):
    """An error of the job's own, to see it come back as itself."""


def lock_is_free(_: int) -> bool:
    free = HELD.acquire(timeout=5)
    if free:
        HELD.release()
    return free


def work(job: tuple[str, str]) -> str:
    """A job for the pool: ``("ok", x)``, ``("raise", x)``, ``("exit", code)``, or
    ``("stuck", pid_file)``: write this process's id, then never return, deaf
    to SIGTERM as a process stuck in C code is."""
    kind, value = job
    if kind == "raise":
        raise CleanerBroke(value)
    if kind == "exit":
        os._exit(int(value))
    if kind == "stuck":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        Path(value).write_text(str(os.getpid()), encoding="utf-8")
        while True:
            time.sleep(1)
    return value.upper()


def test_workers_are_never_forked_from_a_process_with_threads() -> None:
    assert context().get_start_method() in ("forkserver", "spawn")
    release = threading.Event()
    holder = threading.Thread(target=lambda: (HELD.acquire(), release.wait(), HELD.release()))
    holder.start()
    try:
        assert run_all(lock_is_free, [1, 2], workers=2) == [True, True]
    finally:
        release.set()
        holder.join()


def test_the_fork_server_preloads_nothing_that_starts_a_thread() -> None:
    code = (
        "import importlib, os, sys\n"
        f"for name in {PRELOAD!r}: importlib.import_module(name)\n"
        "print(len(os.listdir('/proc/self/task')), 'numpy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "False"]


def test_errors_come_back_as_the_exceptions_they_are_with_the_workers_traceback() -> None:
    results = run_all(work, [("ok", "a"), ("raise", "bad page"), ("ok", "c")], workers=2)
    assert results[0] == "A" and results[2] == "C"
    error = results[1]
    assert type(error) is CleanerBroke and str(error) == "bad page"
    assert isinstance(error, Exception)
    assert "in work\n    raise CleanerBroke(value)" in traceback_text(error)
    assert "raise CleanerBroke(value)" in str(error.__cause__)


def test_a_worker_that_dies_fails_its_job_only() -> None:
    results = run_all(work, [("ok", "a"), ("exit", "3"), ("ok", "c")], workers=1)
    assert results[0] == "A" and results[2] == "C"
    assert isinstance(results[1], WorkerDied) and results[1].exitcode == 3


def test_a_job_past_its_time_limit_is_stopped_and_its_worker_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "stuck.pid"
    start = time.monotonic()
    results = run_all(work, [("ok", "a"), ("stuck", str(pid_file)), ("ok", "c")], workers=1, time_limit=1.0)
    took = time.monotonic() - start
    assert results[0] == "A" and results[2] == "C"  # the job after it ran in a new worker
    assert isinstance(results[1], JobTimedOut) and str(results[1]) == "stopped after 1 s"
    assert took < 30
    pid = int(pid_file.read_text(encoding="utf-8"))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # deaf to SIGTERM, it was killed, and reaped


def test_an_error_in_the_pipelines_process_is_raised_here_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archivist.build.staged import build_staged

    folder = tmp_path / "archive" / "articles" / "one"
    folder.mkdir(parents=True)
    (folder / "original.txt").write_text("A Title\n\nSome text of the story, long enough to keep.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder should be\n", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(NotADirectoryError) as caught:
        build_staged(tmp_path / "archive", cache, "x", "", 1)
    assert "build/cache.py" in str(caught.value.__cause__)  # the child's traceback, chained
    assert not list(tmp_path.glob("archive-build-*"))  # its staging folder removed
