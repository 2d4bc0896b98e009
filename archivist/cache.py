"""Cleaning results cached by content hash: an unchanged original is cleaned once.

The key covers everything the result depends on: the original's bytes, the
curator's article.yml, and the cleaner's own code (a change to any cleaning
module makes every entry stale). Entries are plain JSON files, one per key,
so a cache folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .model import Block, Cleaned, Field, Metadata, Removed, Source

# The modules whose code decides a cleaning result.
CLEANING_MODULES = (
    "artifacts.py", "clean.py", "clean_html.py", "clean_text.py", "curation.py",
    "ingest.py", "lines.py", "metadata.py", "model.py", "rules.py",
)  # fmt: skip


@lru_cache(maxsize=1)
def cleaner_version() -> str:
    """A hash of the cleaning code itself."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in CLEANING_MODULES:
        path = here / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(original: bytes, curation: bytes, path: str) -> str:
    digest = hashlib.sha256()
    for part in (cleaner_version().encode(), path.encode(), original, curation):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def to_json(cleaned: Cleaned) -> dict[str, object]:
    s = cleaned.source
    meta = cleaned.metadata
    return {
        "source": {"path": s.path, "sha256": s.sha256, "encoding": s.encoding, "format": s.format, "text": s.text},
        "body": [[b.kind, b.text, list(b.lines), b.rule] for b in cleaned.body],
        "removed": [[list(r.lines), r.reason, r.text, r.rule, r.curator] for r in cleaned.removed],
        "metadata": {n: [f.value, f.origin] for n in Metadata.FIELDS if (f := getattr(meta, n)) is not None},
    }


def from_json(data: dict) -> Cleaned:
    return Cleaned(
        Source(**data["source"]),
        tuple(Block(kind, text, (lines[0], lines[1]), rule) for kind, text, lines, rule in data["body"]),
        tuple(
            Removed((lines[0], lines[1]), reason, text, rule, curator)
            for lines, reason, text, rule, curator in data["removed"]
        ),
        Metadata(**{name: Field(value, origin) for name, (value, origin) in data["metadata"].items()}),
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
            cleaned = from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return cleaned

    def put(self, key: str, cleaned: Cleaned) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / f"{key}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half an entry.
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(to_json(cleaned), ensure_ascii=False))  # dumps: the C encoder; dump is pure Python
        os.replace(tmp, target)
