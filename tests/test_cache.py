"""Cleaning results are cached by content hash: an unchanged original is not cleaned twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist import pipeline
from archivist.cache import from_json, to_json
from archivist.clean import clean
from archivist.ingest import read_source

from .conftest import SEEDS

STORY = (
    "Library Hours Expand Across the County\n\n"
    "The county council voted on Tuesday to expand the library's opening hours across all branches.\n\n"
    "Members said the change, which costs about $2 million a year, answers years of requests.\n"
)


def counting_clean(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def wrapped(source, curation=None):  # type: ignore[no-untyped-def]
        calls.append(source.path)
        return clean(source, curation)

    monkeypatch.setattr(pipeline, "clean", wrapped)
    return calls


def make_archive(tmp_path: Path) -> Path:
    for name in ("one", "two"):
        folder = tmp_path / "archive" / "articles" / name
        folder.mkdir(parents=True)
        (folder / "original.txt").write_text(STORY.replace("Tuesday", name), encoding="utf-8")
    return tmp_path / "archive"


def test_second_build_cleans_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    calls = counting_clean(monkeypatch)
    first = pipeline.build(root, cache)
    assert len(calls) == 2
    second = pipeline.build(root, cache)
    assert len(calls) == 2  # nothing cleaned again
    assert second.pages == first.pages and second.files == first.files
    (root / "articles" / "two" / "article.yml").write_text("note: checked\n", encoding="utf-8")
    pipeline.build(root, cache)
    assert calls[2:] == ["archive/articles/two/original.txt"]  # only the curated one


def test_a_corrupt_entry_is_cleaned_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    pipeline.build(root, cache)
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    calls = counting_clean(monkeypatch)
    assert len(pipeline.build(root, cache).articles) == 2
    assert len(calls) == 2


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
def test_cache_round_trip_keeps_every_field(seed: str) -> None:
    cleaned = clean(read_source(SEEDS / seed))
    assert from_json(to_json(cleaned)) == cleaned
