"""Cleaning on a Dask cluster (``clean_engine: dask``) builds what the process pool builds.

The cluster here is one process's: a scheduler and a worker of two threads in
the test process, on loopback TCP, so tasks and results are pickled as they
would be between machines, and the command line can reach it too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archivist.build import clean_engine, pipeline
from archivist.build.clean_engine import Engine, EngineError
from archivist.build.workers import JobTimedOut
from archivist.errors import ArchiveError
from archivist.ingest.curation import Curation
from archivist.model import Cleaned

from .conftest import ARCHIVE, ROOT, make_corpus

BIN = Path(sys.executable).parent
NO_DASK = "the Dask engine needs the dask extra: pip install -e '.[dask]' (make test installs it)"


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A Dask cluster running in this process (loopback TCP)."""
    distributed = pytest.importorskip("distributed", reason=NO_DASK)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as running:
        running.scheduler.add_plugin(task_count())
        yield running


@pytest.fixture(scope="module")
def scheduler(cluster) -> str:
    """Its scheduler's address."""
    return cluster.scheduler_address


def task_count():
    """A scheduler plugin that counts the cleaning tasks that finished."""
    from distributed.diagnostics.plugin import SchedulerPlugin

    class TaskCount(SchedulerPlugin):
        name = TASK_COUNT

        def __init__(self) -> None:
            self.finished = 0

        def transition(self, key, start, finish, *args, **kwargs) -> None:
            if finish == "memory" and str(key).startswith("limited-"):
                self.finished += 1

    return TaskCount()


TASK_COUNT = "archive-task-count"


def tasks_run(cluster) -> int:
    """How many cleaning tasks the cluster has run so far."""
    return cluster.scheduler.plugins[TASK_COUNT].finished


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic archive and the real articles (curated ones too), with one capture the cleaner refuses."""
    root = make_corpus(12, tmp_path_factory.mktemp("engine"))
    for folder in (ARCHIVE / "articles").iterdir():
        shutil.copytree(folder, root / "articles" / folder.name)
    for entry in (ARCHIVE / "glossary").glob("*.md"):
        shutil.copy(entry, root / "glossary" / entry.name)
    (root / "articles" / "empty-capture").mkdir()
    (root / "articles" / "empty-capture" / "original.txt").write_bytes(b"")
    return root


def cache_entries(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def test_dask_builds_the_same_pages_files_and_cache_as_the_process_pool(
    archive: Path,
    cluster,
    scheduler: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)  # the pool path really uses its workers
    pool = pipeline.build(archive, tmp_path / "pool", workers=2, time_limit=30.0)
    before = tasks_run(cluster)
    dask = pipeline.build(archive, tmp_path / "dask", workers=2, time_limit=30.0, engine=Engine("dask", scheduler))
    assert len(dask.articles) == 12 + 5 and dask.cleaned == 18  # the empty capture is tried too
    assert dask.pages.keys() == pool.pages.keys()
    for uri, text in pool.pages.items():
        assert dask.pages[uri] == text, uri
    assert dask.files == pool.files
    assert [str(p) for p in dask.problems] == [str(p) for p in pool.problems]
    assert any(str(p).startswith("archive/articles/empty-capture/original.txt: ") for p in dask.problems)
    assert cache_entries(tmp_path / "dask") == cache_entries(tmp_path / "pool")  # written by the pipeline, alike

    again = pipeline.build(archive, tmp_path / "dask", workers=2, time_limit=30.0, engine=Engine("dask", scheduler))
    assert again.cleaned == 1 and tasks_run(cluster) - before == 18 + 1  # only the refused capture goes again
    assert again.pages == dask.pages and again.files == dask.files


JOBS = [
    (b"A Title\n\nSome text of the story, long enough to keep.\n", "a/original.txt", Curation(path="a")),
    (b"", "b/original.txt", Curation(path="b")),  # an ArchiveError: empty capture
    ("not bytes", "c/original.txt", Curation(path="c")),  # a bug in the cleaner (TypeError)
]


def _reported(result: object) -> str:
    item = pipeline.ArticleInput("c", Path("c/original.txt"), "archive/articles/c/original.txt", Path("c/article.yml"))
    return str(pipeline._not_cleaned(item, result))


def assert_same_errors(there: list[Cleaned | Exception]) -> None:
    here = pipeline._clean_all(JOBS, 1, pipeline.Progress(enabled=False))
    assert isinstance(there[0], Cleaned) and there[0] == here[0]
    assert type(there[1]) is ArchiveError and str(there[1]) == str(here[1])
    assert type(there[2]) is TypeError and str(there[2]) == str(here[2])
    # "could not be cleaned (TypeError: ..., at ingest/originals.py:NN)": the place in the package
    assert _reported(there[2]) == _reported(here[2])
    assert "at ingest/originals.py:" in _reported(there[2])


def test_a_cleaner_error_on_dask_is_reported_for_its_article_only(scheduler: str) -> None:
    progress = pipeline.Progress(enabled=False)
    there = pipeline._clean_all(JOBS, 2, progress, 30.0, Engine("dask", scheduler))
    assert_same_errors(there)


def test_without_an_address_a_local_cluster_of_worker_processes_cleans(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason=NO_DASK)
    monkeypatch.delenv(clean_engine.SCHEDULER_VARIABLE, raising=False)
    engine = clean_engine.choose("dask")
    assert engine == Engine("dask", "")
    there = pipeline._clean_all(JOBS, 1, pipeline.Progress(enabled=False), None, engine)
    assert_same_errors(there)


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_a_task_past_the_time_limit_is_reported_as_the_pool_reports_it(scheduler: str) -> None:
    start = time.monotonic()
    results = clean_engine.run_dask(_sleep, [0.0, 6.0, 0.1], 2, time_limit=1.0, scheduler=scheduler)
    assert time.monotonic() - start < 5  # given up at the limit, not waited for
    assert results[0] == 0.0 and results[2] == 0.1
    assert isinstance(results[1], JobTimedOut)
    assert _reported(results[1]) == _reported(JobTimedOut(1.0))
    assert "the cleaner ran past the time limit (1 s) and was stopped; the article is left out" in _reported(results[1])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_command_line_flag_sends_the_cleaning_to_the_scheduler(
    archive: Path,
    cluster,
    scheduler: str,
    tmp_path: Path,
) -> None:
    def build(out: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(BIN / "archive"), "build", "--archive", str(archive), "--out", str(tmp_path / out)]
        env = {**os.environ, clean_engine.ENGINE_VARIABLE: "", clean_engine.SCHEDULER_VARIABLE: ""}
        return subprocess.run(
            [*command, "--cache", "", "--timings", *args], capture_output=True, text=True, cwd=ROOT, env=env
        )

    pool = build("pool")
    before = tasks_run(cluster)
    dask = build("dask", "--clean-engine", "dask", "--dask-scheduler", scheduler)
    assert pool.returncode == dask.returncode == 0, dask.stderr
    assert tasks_run(cluster) - before == 18  # every article, the refused one too, was a task on the cluster
    assert tree(tmp_path / "dask") == tree(tmp_path / "pool")
    os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "2s"  # read by the child only: not waited 30 s
    try:
        nowhere = build("nowhere", "--clean-engine", "dask", "--dask-scheduler", "tcp://127.0.0.1:9")
    finally:
        del os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"]
    assert nowhere.returncode == 2  # no scheduler there: the build stops, it does not fall back silently
    assert "archive build: no Dask scheduler answers at tcp://127.0.0.1:9" in nowhere.stderr
    assert not (tmp_path / "nowhere").exists()


def test_an_unknown_engine_or_dask_missing_is_said_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clean_engine.ENGINE_VARIABLE, raising=False)
    assert clean_engine.choose() == Engine("pool", "")
    monkeypatch.setenv(clean_engine.ENGINE_VARIABLE, "spark")
    with pytest.raises(EngineError, match="unknown clean engine 'spark': use one of pool, dask"):
        clean_engine.choose()
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(EngineError, match=r"pip install -e '\.\[dask\]'"):
        clean_engine.choose("dask")


def test_the_readme_documents_the_engine() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("clean_engine: dask", "dask_scheduler", "ARCHIVE_CLEAN_ENGINE", "ARCHIVE_DASK_SCHEDULER"):
        assert name in readme, name
    for flag in ("--clean-engine", "--dask-scheduler", ".[dask]"):
        assert flag in readme, flag
