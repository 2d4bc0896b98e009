"""Cleaning over several processes gives the same build, byte for byte, as one process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archivist.build import pipeline

from .conftest import ARCHIVE, make_corpus


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A synthetic archive plus the real articles (curated ones too), their glossary and two bad inputs."""
    root = make_corpus(40, tmp_path)
    for folder in (ARCHIVE / "articles").iterdir():
        shutil.copytree(folder, root / "articles" / folder.name)
    for entry in (ARCHIVE / "glossary").glob("*.md"):
        shutil.copy(entry, root / "glossary" / entry.name)
    bad = root / "articles" / "story-00003" / "article.yml"
    bad.write_text("keep: [unclosed\n", encoding="utf-8")  # a curation problem, reported in its place
    (root / "articles" / "Not_An_Id").mkdir()
    (root / "articles" / "empty-capture").mkdir()
    (root / "articles" / "empty-capture" / "original.txt").write_bytes(b"")  # refused by the worker
    return root


def test_parallel_cleaning_builds_the_same_pages_and_files(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)  # a small archive still goes to the workers
    one = pipeline.build(archive, None, workers=1)
    two = pipeline.build(archive, None, workers=2)
    assert len(one.articles) == 40 + 5 - 1  # story-00003's article.yml is refused
    assert one.pages.keys() == two.pages.keys()
    for uri, text in one.pages.items():
        assert two.pages[uri] == text, uri
    assert one.files.keys() == two.files.keys()
    for uri, data in one.files.items():
        assert two.files[uri] == data, uri
    assert [str(p) for p in one.problems] == [str(p) for p in two.problems]
    assert any("article.yml" in str(p) for p in two.problems)
    assert any("empty-capture" in str(p) for p in two.problems)
    assert one.articles == two.articles


def test_parallel_cleaning_fills_the_cache_like_one_process(archive: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    cold = pipeline.build(archive, tmp_path / "cache", workers=2)
    assert cold.cleaned == 45  # the empty capture is tried, and refused, every time
    assert len(cold.articles) == 44
    warm = pipeline.build(archive, tmp_path / "cache", workers=2)
    assert warm.cleaned == 1
    assert warm.pages == cold.pages and warm.files == cold.files


@pytest.mark.parametrize("workers, time_limit", [(2, None), (1, 30.0)])
def test_errors_in_a_worker_come_back_as_the_exceptions_they_are(
    monkeypatch: pytest.MonkeyPatch, workers: int, time_limit: float | None
) -> None:
    from archivist.errors import ArchiveError
    from archivist.ingest.curation import Curation
    from archivist.model import Cleaned

    jobs = [
        (b"A Title\n\nSome text of the story, long enough to keep.\n", "a/original.txt", Curation(path="a")),
        (b"", "b/original.txt", Curation(path="b")),  # an ArchiveError: empty capture
        ("not bytes", "c/original.txt", Curation(path="c")),  # a crash (TypeError)
    ]
    here = pipeline._clean_all(jobs, 1, pipeline.Progress(enabled=False))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    there = pipeline._clean_all(jobs, workers, pipeline.Progress(enabled=False), time_limit)
    assert isinstance(here[0], Cleaned) and there[0] == here[0]
    assert type(there[1]) is ArchiveError  # not a tuple of its fields
    assert (there[1].path, there[1].line, there[1].message, there[1].hint) == (
        here[1].path,
        here[1].line,
        here[1].message,
        here[1].hint,
    )
    assert str(there[1]).startswith("b/original.txt: the capture is empty")
    assert type(there[2]) is TypeError and str(there[2]) == str(here[2])
    assert "ingest/originals.py" in str(there[2].__cause__)  # the worker's traceback, chained
    item = pipeline.ArticleInput("c", Path("c/original.txt"), "archive/articles/c/original.txt", Path("c/article.yml"))
    reported = pipeline._not_cleaned(item, there[2])
    assert str(reported) == str(pipeline._not_cleaned(item, here[2]))
    where = r"could not be cleaned \(TypeError: .*, at ingest/originals\.py:\d+\)"
    assert re.match(rf"archive/articles/c/original.txt: {where}", str(reported))
