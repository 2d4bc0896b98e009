"""A curator's notes on one article (``article.yml``): corrections and overrides.

```yaml
metadata:                 # a field's value, or {value, source}
  date: {value: 2025-04-11, source: "the text says 'the department said Friday'; ..."}
  publisher: Los Angeles Times
  reposted: 2017-04-17    # the date of the repost the scrape comes from, when the publisher's is unknown
keep: [12, "a line the cleaner removed"]   # line numbers or quoted text
drop: [30, {line: 31, reason: "duplicate paragraph"}]
note: Editorial note shown on the article page.
reviewed: 2026-05-01      # true, a date or a note: the cleaner's doubts were checked
rights: InC-EDU           # a rightsstatements.org statement (its id or URI), for this article only
```
The curator always wins over the cleaner, and the cleaning report says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archivist.common import sanitise, yaml_lines
from archivist.errors import ArchiveError
from archivist.model import DATE_FIELDS, NAMES_FIELDS, Capture, Field, Metadata
from archivist.rights import Rights, statement

KNOWN_KEYS = ("metadata", "keep", "drop", "note", "reviewed", "capture", "rights")


@dataclass(frozen=True)
class Pick:
    """A line chosen by number or by (a fragment of) its text."""

    line: int | None
    text: str | None
    reason: str = ""

    def matches(self, number: int, raw: str) -> bool:
        if self.line is not None:
            return self.line == number
        return bool(self.text and self.text in raw)


@dataclass(frozen=True)
class Curation:
    path: str = ""
    metadata: dict[str, Field[object]] = field(default_factory=dict)
    keep: tuple[Pick, ...] = ()
    drop: tuple[Pick, ...] = ()
    note: str = ""
    reviewed: str = ""  # "" when not reviewed; "yes" for true, else the date or the note given
    capture: Capture | None = None  # written by `archive import`
    rights: Rights | None = None  # None: the archive's statement (mkdocs.yml)

    def apply_metadata(self, meta: Metadata) -> Metadata:
        values = {name: f for name in Metadata.FIELDS if (f := getattr(meta, name)) is not None}
        values.update(self.metadata)
        return Metadata.of(values)


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


def _field_value(name: str, value: object, path: str, line: int | None = None) -> object:
    if name in NAMES_FIELDS:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ArchiveError(path, line, f"metadata '{name}' must be a list of names")
        return tuple(value)
    if name in DATE_FIELDS:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ArchiveError(path, line, f"metadata '{name}': {value!r} is not a date (write YYYY-MM-DD)") from None
    if value is None:
        return None
    return str(value)


def load(path: Path, display: str | None = None) -> Curation:
    """Read an article.yml; a missing file means no curation."""
    shown = display or str(path)
    if not path.exists():
        return Curation(path=shown)
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml_lines.load(text)
    except yaml.YAMLError as exc:
        line, problem, hint = yaml_lines.plain_problem(exc)
        raise ArchiveError(shown, line, f"invalid YAML: {problem}", hint) from None
    data = doc.data or {}
    if not isinstance(data, dict):
        raise ArchiveError(shown, 1, "article.yml must be a mapping of keys such as 'metadata', 'keep', 'drop'")
    for dup in doc.duplicates:
        message = f"'{dup.path[-1]}' is written twice (first on line {dup.first_line})"
        raise ArchiveError(shown, dup.line, message, "keep one: YAML would silently use the last")
    unknown = sorted(map(str, set(data) - set(KNOWN_KEYS)))
    if unknown:
        message = f"unknown key(s) {', '.join(unknown)}; known: {', '.join(KNOWN_KEYS)}"
        raise ArchiveError(shown, doc.line(unknown[0]), message)
    note = data.get("note")
    if isinstance(note, (list, dict, bool)):
        raise ArchiveError(shown, doc.line("note"), "'note' must be a text", "write it after 'note:'")
    note = "" if note is None else str(note)
    found = sanitise.problems(note, shown, _value_line(text, doc.line("note")), "the note")
    if found:
        raise found[0]
    metadata: dict[str, Field[object]] = {}
    for name, raw in (data.get("metadata") or {}).items():
        if name not in Metadata.FIELDS:
            message = f"unknown metadata field '{name}'; known: {', '.join(Metadata.FIELDS)}"
            raise ArchiveError(shown, doc.line("metadata", name), message)
        origin = "article.yml"
        if isinstance(raw, dict):
            origin = f"article.yml: {raw['source']}" if raw.get("source") else origin
            raw = raw.get("value")
        metadata[name] = Field(_field_value(name, raw, shown, doc.line("metadata", name, "value")), origin)
    _check_repost(metadata, shown, doc)
    reviewed = _reviewed(data, shown, doc.line("reviewed"))
    return Curation(
        path=shown,
        metadata=metadata,
        keep=_picks(data.get("keep"), shown, "keep"),
        drop=_picks(data.get("drop"), shown, "drop"),
        note=note,
        reviewed=reviewed,
        capture=_capture(data.get("capture"), shown, doc),
        rights=statement(data["rights"], shown, doc.line("rights")) if data.get("rights") is not None else None,
    )


def _check_repost(metadata: dict[str, Field[object]], path: str, doc: yaml_lines.Located) -> None:
    """A repost comes after the publication it copies: a ``reposted`` date before ``date`` is a slip."""
    date, reposted = metadata.get("date"), metadata.get("reposted")
    if (
        date
        and reposted
        and isinstance(date.value, dt.date)
        and isinstance(reposted.value, dt.date)
        and reposted.value < date.value
    ):
        raise ArchiveError(
            path,
            doc.line("metadata", "reposted", "value"),
            f"metadata 'reposted' ({reposted.value}) is before 'date' ({date.value})",
            "'date' is the publisher's date, 'reposted' the date of the repost the scrape was taken from",
        )


def _reviewed(data: dict[str, Any], path: str, line: int) -> str:
    """A curator's review of the cleaner's doubts: true, a date or a note (false: not reviewed)."""
    if "reviewed" not in data or data["reviewed"] is False:
        return ""
    value = data["reviewed"]
    if value is True:
        return "yes"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ArchiveError(
        path,
        line,
        f"'reviewed' must be true, a date or a note, not {value!r}",
        "write 'reviewed: true', 'reviewed: 2026-05-01' or a few words on what was checked",
    )


def _capture(raw: object, shown: str, doc: yaml_lines.Located) -> Capture | None:
    """The ``capture:`` facts `archive import` wrote: which record of which capture file."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ArchiveError(shown, doc.line("capture"), "'capture' must be a mapping", "as `archive import` wrote it")
    unknown = sorted(map(str, set(raw) - set(Capture.FIELDS)))
    if unknown:
        message = f"unknown capture field(s) {', '.join(unknown)}; known: {', '.join(Capture.FIELDS)}"
        raise ArchiveError(shown, doc.line("capture", unknown[0]), message)
    missing = [name for name in Capture.REQUIRED if not raw.get(name)]
    if missing:
        message = f"'capture' lacks {', '.join(missing)}"
        raise ArchiveError(shown, doc.line("capture"), message, "as `archive import` wrote it")
    values = {}
    for name, value in raw.items():
        if isinstance(value, (dt.date, dt.datetime)):  # an unquoted date: YAML read it as one
            value = value.isoformat().replace("+00:00", "Z")
        if not isinstance(value, str):
            raise ArchiveError(shown, doc.line("capture", name), f"capture '{name}' must be a text")
        values[str(name)] = value
    return Capture(**values)


def _value_line(text: str, line: int) -> int:
    """The first line of a value that starts on ``line``: the next one for a block text (``note: |``)."""
    lines = text.split("\n")
    own = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    return line + 1 if re.search(r":\s*[|>][+-]?\d*$", own) else line
