"""Cleaning results are cached by content hash: an unchanged original is not cleaned twice."""

from __future__ import annotations

import ast
import datetime as dt
import json
import sys
from importlib import metadata
from pathlib import Path

import pytest

from archivist.build import cache as cache_mod
from archivist.build import pipeline
from archivist.build.cache import (
    PACKAGE,
    cache_key,
    cleaner_version,
    from_json,
    library_versions,
    package_files,
    to_json,
)
from archivist.clean.cleaner import clean
from archivist.ingest.originals import read_source
from archivist.model import Field, Metadata

from .conftest import SEED_COPIES
from .story import story_text

STORY = story_text(2)


def counting_clean(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def wrapped(source, curation=None):
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


def test_a_library_upgrade_cleans_every_article_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    calls = counting_clean(monkeypatch)
    pipeline.build(root, cache)
    assert len(calls) == 2
    real = metadata.version
    for upgraded in ("trafilatura", "lxml", "justext"):  # justext: a library trafilatura requires

        def version(name: str, upgraded: str = upgraded) -> str:
            return "999.0" if name == upgraded else real(name)

        monkeypatch.setattr(metadata, "version", version)
        cleaner_version.cache_clear()
        before = len(calls)
        pipeline.build(root, cache)
        assert len(calls) == before + 2, upgraded
    monkeypatch.setattr(metadata, "version", real)
    cleaner_version.cache_clear()
    before = len(calls)
    pipeline.build(root, cache)
    assert len(calls) == before  # back on the old versions: the first entries still serve
    cleaner_version.cache_clear()


def test_the_key_covers_every_library_the_cleaner_imports_and_every_package_file() -> None:
    imported = set()
    cleaner = [
        PACKAGE / "ingest" / "originals.py",
        PACKAGE / "ingest" / "curation.py",
        *(PACKAGE / "clean").glob("*.py"),
    ]
    for path in cleaner:  # the modules its import statements name (not a docstring's "from one ... to ...")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    third_party = {
        name for name in imported if name not in sys.stdlib_module_names and name not in ("__future__", "archivist")
    }
    distributions = {dist for name in third_party for dist in metadata.packages_distributions()[name]}
    assert distributions and {d.lower() for d in distributions} <= set(library_versions())
    assert {"justext", "htmldate", "courlan"} <= set(library_versions())  # trafilatura's own
    files = {p.relative_to(PACKAGE).as_posix() for p in package_files()}
    assert {"build/cache.py", "clean/html.py", "render/article.py", "__init__.py"} <= files
    assert not any("__pycache__" in f for f in files)


def test_an_edited_or_added_package_file_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "archivist"
    (package / "stages").mkdir(parents=True)
    (package / "clean").mkdir()
    (package / "clean/cleaner.py").write_text("RULES = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache_mod, "PACKAGE", package)
    keys = []
    for step in (
        lambda: None,
        lambda: (package / "clean/cleaner.py").write_text("RULES = 2\n", encoding="utf-8"),
        lambda: (package / "stages" / "new.py").write_text("", encoding="utf-8"),  # a subpackage added later
        lambda: (package / "stages" / "phrases.json").write_text("[]", encoding="utf-8"),  # data
    ):
        step()
        cleaner_version.cache_clear()
        keys.append(cache_key(b"original", b"", "archive/articles/a/original.txt"))
    cleaner_version.cache_clear()
    assert len(set(keys)) == len(keys)


CORRUPT = {
    "truncated JSON": lambda text: text[: len(text) // 2],
    "cut one byte short": lambda text: text[:-1],
    "cut to its first byte": lambda text: text[:1],
    "cut inside the original's text": lambda text: text[: text.index('"text": "') + 20],
    "binary garbage": lambda text: bytes(range(255, -1, -3)).decode("utf-8", "surrogateescape"),
    "null": lambda text: "null",
    "a number": lambda text: "42",
    "a metadata field a mapping": lambda text: json.dumps(
        {**json.loads(text), "metadata": {"title": [{"value": "x"}, "text"]}}
    ),
    "not UTF-8": lambda text: "\udcff",
    "empty": lambda text: "",
    "a list": lambda text: "[]",
    "a field missing": lambda text: json.dumps({k: v for k, v in json.loads(text).items() if k != "removed"}),
    "a block's text a number": lambda text: json.dumps(
        {**json.loads(text), "body": [["paragraph", 5, [1, 1], "kept"]]}
    ),
    "a span of one line number": lambda text: json.dumps(
        {**json.loads(text), "body": [["paragraph", "Text.", [1], "kept"]]}
    ),
    "an unknown block kind": lambda text: json.dumps(
        {**json.loads(text), "body": [["script", "Text.", [1, 1], "kept"]]}
    ),
    "another key's entry": lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
    "a date that is no date": lambda text: json.dumps(
        {**json.loads(text), "metadata": {"date": ["2021-02-30", "line 3: date line"]}}
    ),
    "authors as one text": lambda text: json.dumps(
        {**json.loads(text), "metadata": {"authors": ["Jane Roe", "line 2: byline"]}}
    ),
}


def test_metadata_refuses_a_value_of_the_wrong_type() -> None:
    """Each field's type is checked where the metadata is made, not discovered where a page reads it."""
    with pytest.raises(TypeError, match="'date'"):
        Metadata.of({"date": Field("2021-05-02", "line 3")})
    with pytest.raises(TypeError, match="'authors'"):
        Metadata.of({"authors": Field(["Jane Roe"], "line 2")})
    meta = Metadata.of({"date": Field(dt.date(2021, 5, 2), "line 3"), "authors": Field(("Jane Roe",), "line 2")})
    assert meta.iso("date") == "2021-05-02" and meta.as_dict()["authors"] == ["Jane Roe"]


def clean_entries(cache: Path) -> list[Path]:
    """The cleaning results in ``cache`` (not the articles' rendered pages, in its articles/ folder)."""
    return sorted(p for p in cache.rglob("*.json") if p.relative_to(cache).parts[0] != "articles")


@pytest.mark.parametrize("damage", sorted(CORRUPT))
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    first = pipeline.build(root, cache)
    entries = clean_entries(cache)
    assert len(entries) == 2
    for entry in entries:
        text = entry.read_text(encoding="utf-8")
        entry.write_text(CORRUPT[damage](text), encoding="utf-8", errors="surrogateescape")
    calls = counting_clean(monkeypatch)
    second = pipeline.build(root, cache)
    assert len(calls) == 2  # both cleaned again, neither trusted
    assert second.pages == first.pages and second.files == first.files
    pipeline.build(root, cache)
    assert len(calls) == 2  # the rebuilt entries serve the next build


def test_an_entry_moved_to_another_articles_key_is_never_trusted(tmp_path: Path, monkeypatch) -> None:
    """Two entries swapped (a restored backup, a bad copy): each is whole and well
    formed, but for the other article; trusted, each article would show the other's text."""
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    first = pipeline.build(root, cache)
    one, two = clean_entries(cache)
    texts = one.read_bytes(), two.read_bytes()
    one.write_bytes(texts[1])
    two.write_bytes(texts[0])
    calls = counting_clean(monkeypatch)
    second = pipeline.build(root, cache)
    assert len(calls) == 2
    assert second.pages == first.pages and second.files == first.files
    assert (one.read_bytes(), two.read_bytes()) == texts  # rebuilt in their places


def test_an_interrupted_write_leaves_no_entry_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry is written to a temporary file and renamed into place: a write that
    fails halfway (disk full) leaves neither half an entry nor its temporary file."""
    root, cache = make_archive(tmp_path), tmp_path / "cache"
    real = json.dumps

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_mod.json, "dumps", disk_full)
    with pytest.raises(OSError, match="No space left"):
        pipeline.build(root, cache)
    monkeypatch.setattr(cache_mod.json, "dumps", real)
    assert [p for p in cache.rglob("*") if p.is_file()] == []
    calls = counting_clean(monkeypatch)
    pipeline.build(root, cache)
    assert len(calls) == 2 and len(clean_entries(cache)) == 2


@pytest.mark.parametrize("seed", sorted(SEED_COPIES))
def test_cache_round_trip_keeps_every_field(seed: str) -> None:
    cleaned = clean(read_source(SEED_COPIES[seed]))
    back = from_json(json.loads(json.dumps(to_json(cleaned))))  # as written to disk and read again
    assert back == cleaned
    assert back.metadata.date is None or isinstance(back.metadata.day("date"), dt.date)  # a date, not its text
    assert isinstance(back.metadata.names("authors"), tuple)
