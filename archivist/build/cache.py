"""Cleaning results cached by content hash: an unchanged original is cleaned once.

The key covers everything the result depends on: the original's bytes, the
curator's article.yml, every file of the archivist package (code and data,
subpackages included), the Python version and the installed versions of the
libraries the cleaner calls and of everything they require. An upgrade or an
edit anywhere makes every entry stale. Entries are plain JSON files, one per
key, so a cache folder can be deleted at any time; an entry that does not
read back as a cleaning result is ignored, and cleaned again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from archivist.model import DATE_FIELDS, NAMES_FIELDS, Block, Cleaned, Field, Metadata, Removed, Source

PACKAGE = Path(__file__).parents[1]  # the whole archivist package

# The distributions whose code the cleaner runs (imported by ingest/originals,
# ingest/curation and the modules of clean/): their requirements are followed too, since
# trafilatura's output is justext's, htmldate's and courlan's as much as its own.
LIBRARIES = ("trafilatura", "lxml", "charset-normalizer", "python-dateutil", "pyyaml", "numpy")


def package_files(root: Path | None = None) -> list[Path]:
    """Every file of the package that can change a result: all but bytecode."""
    root = root or PACKAGE
    return sorted(
        (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def _requirements(name: str) -> list[str]:
    """The distributions ``name`` requires when installed without extras."""
    try:
        requires = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for line in requires:
        if "extra" in line.partition(";")[2]:
            continue
        if found := re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line):
            names.append(found.group(0))
    return names


def library_versions(roots: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """The installed version of each library in ``roots`` and of everything they require."""
    versions: dict[str, str] = {}
    todo = list(roots)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in versions:
            continue
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
        todo.extend(_requirements(name))
    return dict(sorted(versions.items()))


@lru_cache(maxsize=1)
def cleaner_version() -> str:
    """A hash of the package's files, the Python version and the libraries' versions."""
    digest = hashlib.sha256()
    for path in package_files(PACKAGE):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(sys.version.encode() + b"\0")
    digest.update(json.dumps(library_versions()).encode())
    return digest.hexdigest()[:16]


# The distributions that turn a page's Markdown into HTML (page_html).
CONVERTERS = ("markdown", "pymdown-extensions", "pygments")


@lru_cache(maxsize=1)
def converter_version() -> str:
    """``cleaner_version`` (the package's files, Python) with the Markdown converters' versions."""
    versions = json.dumps(library_versions(CONVERTERS))
    return hashlib.sha256(f"{cleaner_version()}\0{versions}".encode()).hexdigest()[:16]


def cache_key(original: bytes, curation: bytes, path: str) -> str:
    digest = hashlib.sha256()
    for part in (cleaner_version().encode(), path.encode(), original, curation):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def to_json(cleaned: Cleaned, key: str = "") -> dict[str, object]:
    s = cleaned.source
    meta = cleaned.metadata
    return {
        "key": key,
        "source": {"path": s.path, "sha256": s.sha256, "encoding": s.encoding, "format": s.format, "text": s.text},
        "body": [[b.kind, b.text, list(b.lines), b.rule, b.rule_id] for b in cleaned.body],
        "removed": [[list(r.lines), r.reason, r.text, r.rule, r.curator, r.rule_id] for r in cleaned.removed],
        "metadata": {n: [meta.json_value(n), f.origin] for n in Metadata.FIELDS if (f := getattr(meta, n)) is not None},
    }


class CorruptEntry(ValueError):
    """A cache entry that is not a cleaning result: it is ignored and cleaned again."""


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise CorruptEntry(what)


def _is_span(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(type(n) is int for n in value)


def _is_row(value: object, kinds: tuple[type, ...]) -> bool:
    return (
        isinstance(value, list)
        and len(value) == len(kinds)
        and all(isinstance(v, k) for v, k in zip(value, kinds, strict=True))
    )


def _is_value(name: str, value: object) -> bool:
    """A metadata value as ``to_json`` writes one: a list of names, a date as
    YYYY-MM-DD, or text (None where a curator said there is none)."""
    if name in NAMES_FIELDS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if name in DATE_FIELDS:
        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and _is_date(value)
    return value is None or isinstance(value, str)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _field(name: str, value: Any, origin: str) -> Field[object]:
    """A metadata field read back from its JSON form (``_is_value`` checked it)."""
    if name in NAMES_FIELDS:
        return Field(tuple(value), origin)
    if name in DATE_FIELDS:
        return Field(dt.date.fromisoformat(value), origin)
    return Field(value, origin)


def check_entry(data: object) -> None:
    """Raise CorruptEntry unless ``data`` has the exact shape ``to_json`` writes:
    a half-written or hand-edited entry must never pass for a cleaning result."""
    _expect(isinstance(data, dict) and set(data) == {"key", "source", "body", "removed", "metadata"}, "fields")
    assert isinstance(data, dict)
    source = data["source"]
    _expect(isinstance(source, dict) and set(source) == {"path", "sha256", "encoding", "format", "text"}, "source")
    _expect(all(isinstance(v, str) for v in source.values()), "source values")
    _expect(source["format"] in ("text", "markdown", "html"), "format")
    _expect(isinstance(data["body"], list) and isinstance(data["removed"], list), "lists")
    for block in data["body"]:
        _expect(_is_row(block, (str, str, list, str, str)) and _is_span(block[2]), "block")
        _expect(block[0] in ("paragraph", "heading", "quote", "break"), "block kind")
    for removed in data["removed"]:
        _expect(_is_row(removed, (list, str, str, str, bool, str)) and _is_span(removed[0]), "removed")
    meta = data["metadata"]
    _expect(isinstance(meta, dict) and set(meta) <= set(Metadata.FIELDS), "metadata")
    for name, field in meta.items():
        _expect(_is_row(field, (object, str)) and _is_value(name, field[0]), "metadata field")


def from_json(data: dict[str, Any]) -> Cleaned:
    check_entry(data)
    return Cleaned(
        Source(**data["source"]),
        tuple(
            Block(kind, text, (lines[0], lines[1]), rule, rule_id) for kind, text, lines, rule, rule_id in data["body"]
        ),
        tuple(
            Removed((lines[0], lines[1]), reason, text, rule, curator, rule_id)
            for lines, reason, text, rule, curator, rule_id in data["removed"]
        ),
        Metadata.of({name: _field(name, value, origin) for name, (value, origin) in data["metadata"].items()}),
    )


class CleanCache:
    """A folder of cleaning results, one JSON file per key."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Cleaned | None:
        if self.folder is None:
            return None
        path = self.folder / key[:2] / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            cleaned = from_json(data)
            _expect(data["key"] == key, "key")  # an entry copied or renamed from another key
        except (OSError, UnicodeDecodeError, ValueError):  # CorruptEntry and bad JSON are ValueErrors
            self.misses += 1
            return None
        self.hits += 1
        return cleaned

    def put(self, key: str, cleaned: Cleaned) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / f"{key}.json"
        write_atomic(target, json.dumps(to_json(cleaned, key), ensure_ascii=False))  # dumps: the C encoder


def write_atomic(target: Path, text: str) -> None:
    """``text`` written to ``target`` (its folder made), then renamed into place: a
    reader never sees half an entry, and a build killed mid-write leaves only a
    .tmp file, which no read looks at. Every cache of the build writes so."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
