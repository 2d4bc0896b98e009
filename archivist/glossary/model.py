"""The glossary as the build uses it: entries, their sources, and lookups between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Citation:
    """A source of a glossary entry: a public document or an archive article."""

    id: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    article: str = ""  # an archive article id
    date: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    short: str
    definition: str  # Markdown as written: pages show sanitise.safe_markdown of it
    path: str  # repo-relative
    full_name: str = ""
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = True
    body: str = ""  # the body it belongs to
    related: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    # The line of each name ("name:ICE"), related id and source id, for messages.
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, key: str) -> int | None:
        return dict(self.lines).get(key)

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form that counts as a mention, longest first."""
        forms = {self.term, *self.aliases}
        if self.full_name:
            forms.add(self.full_name)
        return tuple(sorted(forms, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        """Entries by id: every mention of every article looks its entry up."""
        return {e.id: e for e in self.entries}

    def related(self, entry_id: str) -> list[str]:
        """Related ids both ways: what an entry names and what names it."""
        entry = self.get(entry_id)
        out = set(entry.related if entry else ())
        out |= {e.id for e in self.entries if entry_id in e.related}
        out.discard(entry_id)
        return sorted(out)
