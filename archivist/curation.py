"""A curator's notes on one article (``article.yml``): corrections and overrides.

```yaml
metadata:                 # a field's value, or {value, source}
  date: {value: 2025-04-11, source: "the text says 'the department said Friday'; ..."}
  publisher: Los Angeles Times
keep: [12, "a line the cleaner removed"]   # line numbers or quoted text
drop: [30, {line: 31, reason: "duplicate paragraph"}]
note: Editorial note shown on the article page.
```
The curator always wins over the cleaner, and the cleaning report says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ArchiveError
from .model import Field, Metadata

_LIST_FIELDS = ("authors", "contributors")
_DATE_FIELDS = ("date", "updated")
KNOWN_KEYS = ("metadata", "keep", "drop", "note")


@dataclass(frozen=True)
class Pick:
    """A line chosen by number or by (a fragment of) its text."""

    line: int | None
    text: str | None
    reason: str = ""

    def matches(self, number: int, raw: str) -> bool:
        if self.line is not None:
            return self.line == number
        return bool(self.text) and self.text in raw


@dataclass(frozen=True)
class Curation:
    path: str = ""
    metadata: dict[str, Field] = field(default_factory=dict)
    keep: tuple[Pick, ...] = ()
    drop: tuple[Pick, ...] = ()
    note: str = ""

    def apply_metadata(self, meta: Metadata) -> Metadata:
        values = {name: getattr(meta, name) for name in Metadata.FIELDS}
        values.update(self.metadata)
        return Metadata(**values)


def _picks(raw: object, path: str, key: str) -> tuple[Pick, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ArchiveError(path, None, f"'{key}' must be a list of line numbers or quoted texts")
    picks = []
    for item in raw:
        reason = ""
        if isinstance(item, dict):
            reason = str(item.get("reason", ""))
            item = item.get("line", item.get("text"))
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            raise ArchiveError(path, None, f"'{key}': {item!r} is neither a line number nor a text")
        picks.append(Pick(item, None, reason) if isinstance(item, int) else Pick(None, item, reason))
    return tuple(picks)


def _field_value(name: str, value: object, path: str) -> object:
    if name in _LIST_FIELDS:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ArchiveError(path, None, f"metadata '{name}' must be a list of names")
        return value
    if name in _DATE_FIELDS:
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()[:10]
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ArchiveError(path, None, f"metadata '{name}': {value!r} is not a date (write YYYY-MM-DD)") from None
    if value is None:
        return None
    return str(value)


def load(path: Path, display: str | None = None) -> Curation:
    """Read an article.yml; a missing file means no curation."""
    shown = display or str(path)
    if not path.exists():
        return Curation(path=shown)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ArchiveError(shown, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ArchiveError(shown, 1, "article.yml must be a mapping of keys such as 'metadata', 'keep', 'drop'")
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise ArchiveError(shown, None, f"unknown key(s) {', '.join(unknown)}; known: {', '.join(KNOWN_KEYS)}")
    metadata: dict[str, Field] = {}
    for name, raw in (data.get("metadata") or {}).items():
        if name not in Metadata.FIELDS:
            raise ArchiveError(shown, None, f"unknown metadata field '{name}'; known: {', '.join(Metadata.FIELDS)}")
        origin = "article.yml"
        if isinstance(raw, dict):
            origin = f"article.yml: {raw['source']}" if raw.get("source") else origin
            raw = raw.get("value")
        metadata[name] = Field(_field_value(name, raw, shown), origin)
    return Curation(
        path=shown,
        metadata=metadata,
        keep=_picks(data.get("keep"), shown, "keep"),
        drop=_picks(data.get("drop"), shown, "drop"),
        note=str(data.get("note") or ""),
    )
