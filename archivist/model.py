"""Plain data passed between the pipeline stages: one frozen dataclass each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from archivist.rights import Rights

BlockKind = Literal["paragraph", "heading", "quote", "break"]
Format = Literal["text", "markdown", "html"]


@dataclass(frozen=True)
class Source:
    """An original scrape, decoded: what ``ingest`` makes of its bytes."""

    path: str  # as given, or repo-relative inside the archive
    sha256: str  # of the original bytes
    encoding: str  # the encoding the bytes were decoded with
    format: Format
    text: str  # decoded, newlines normalised to "\n"

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Block:
    """One kept block of the article body."""

    kind: BlockKind
    text: str  # plain text, scraping artifacts undone
    lines: tuple[int, int]  # 1-based first and last line in the original
    rule: str = ""  # the rule that kept it, in the report's words (for --explain)
    rule_id: str = ""  # that rule's stable id (archivist/clean/rulebook.py)


@dataclass(frozen=True)
class Removed:
    """Lines of the original left out of the body, and why."""

    lines: tuple[int, int]
    reason: str  # boilerplate, comment, pullquote, metadata, title, ...
    text: str  # the original lines, as captured
    rule: str = ""  # the rule that decided it, in the report's words
    curator: bool = False  # True when article.yml made this decision
    rule_id: str = ""  # that rule's stable id (archivist/clean/rulebook.py)


T = TypeVar("T", covariant=True)
Names = tuple[str, ...]

# The metadata fields by the type of their value.
TextName = Literal["title", "subtitle", "publisher", "original_url"]
NamesName = Literal["authors", "contributors"]
DateName = Literal["date", "updated", "reposted"]
TEXT_FIELDS: tuple[TextName, ...] = ("title", "subtitle", "publisher", "original_url")
NAMES_FIELDS: tuple[NamesName, ...] = ("authors", "contributors")
DATE_FIELDS: tuple[DateName, ...] = ("date", "updated", "reposted")


@dataclass(frozen=True)
class Field(Generic[T]):
    """A metadata value and where it came from."""

    value: T
    origin: str  # e.g. "line 12: byline", "article.yml", "URL"


@dataclass(frozen=True)
class Metadata:
    """An article's facts, each with its origin. A text field's value is None
    only where a curator's article.yml says the article has none."""

    title: Field[str | None] | None = None
    subtitle: Field[str | None] | None = None
    authors: Field[Names] | None = None
    contributors: Field[Names] | None = None
    date: Field[dt.date] | None = None
    updated: Field[dt.date] | None = None
    # The date of the repost a scrape was taken from, when a curator says the
    # only date known is that (article.yml): never the publisher's date.
    reposted: Field[dt.date] | None = None
    publisher: Field[str | None] | None = None
    original_url: Field[str | None] | None = None

    FIELDS = (
        "title",
        "subtitle",
        "authors",
        "contributors",
        "date",
        "updated",
        "reposted",
        "publisher",
        "original_url",
    )

    @classmethod
    def of(cls, fields: Mapping[str, Field[object]]) -> Metadata:
        """Metadata from fields gathered by name (the cleaners, article.yml, the
        cache), each value checked against its field's type: a wrong one is a bug
        where it was made, never a surprise where it is read."""
        for name, f in fields.items():
            if not _fits(name, f.value):
                raise TypeError(f"metadata {name!r}: {f.value!r} is not a {_KIND[name]}")
        checked: dict[str, Any] = dict(fields)
        return cls(**checked)

    def text(self, name: TextName) -> str:
        """A text field's value; "" when not known."""
        f: Field[str | None] | None = getattr(self, name)
        return (f.value or "") if f else ""

    def names(self, name: NamesName) -> Names:
        """The people named in ``authors`` or ``contributors``; () when none."""
        f: Field[Names] | None = getattr(self, name)
        return f.value if f else ()

    def day(self, name: DateName) -> dt.date | None:
        f: Field[dt.date] | None = getattr(self, name)
        return f.value if f else None

    def iso(self, name: DateName) -> str:
        """A date field as YYYY-MM-DD; "" when not known."""
        day = self.day(name)
        return day.isoformat() if day else ""

    def known_date(self) -> str:
        """The date an article is listed and browsed by: the publisher's, else
        its repost's (shown as such), else "" (undated)."""
        return self.iso("date") or self.iso("reposted")

    def supplied(self) -> tuple[str, ...]:
        """The fields a curator supplied in article.yml, in FIELDS order."""
        return tuple(n for n, origin in self.origins().items() if origin.startswith("article.yml"))

    # What a scrape can say: a repost's date is only ever a curator's word, so
    # the cleaner's verdict (``archive clean --json``) does not carry it.
    CURATED_ONLY = ("reposted",)

    def json_value(self, name: str) -> str | list[str] | None:
        """A field's value as the export writes it: text, a list of names ([] when
        none), a date as YYYY-MM-DD, or None when not known."""
        f: Field[object] | None = getattr(self, name)
        if name in NAMES_FIELDS:
            return list(f.value) if f and isinstance(f.value, tuple) else []
        if f is None or f.value is None:
            return None
        return f.value.isoformat() if isinstance(f.value, dt.date) else str(f.value)

    def as_dict(self) -> dict[str, object]:
        """The fields a scrape can give (not ``CURATED_ONLY``), by name, as the export writes them."""
        return {name: self.json_value(name) for name in self.FIELDS if name not in self.CURATED_ONLY}

    def origins(self) -> dict[str, str]:
        return {n: getattr(self, n).origin for n in self.FIELDS if getattr(self, n) is not None}


_KIND: dict[str, str] = {
    **dict.fromkeys(TEXT_FIELDS, "text"),
    **dict.fromkeys(NAMES_FIELDS, "tuple of names"),
    **dict.fromkeys(DATE_FIELDS, "date"),
}


def _fits(name: str, value: object) -> bool:
    if name in NAMES_FIELDS:
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    if name in DATE_FIELDS:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return name in TEXT_FIELDS and (value is None or isinstance(value, str))


@dataclass(frozen=True)
class Cleaned:
    """The cleaner's verdict on one source: body, removed lines, metadata."""

    source: Source
    body: tuple[Block, ...]
    removed: tuple[Removed, ...]
    metadata: Metadata


@dataclass(frozen=True)
class Mention:
    """A glossary term found in a body block (character span in block.text)."""

    term: str  # glossary id
    block: int  # index into the body
    start: int
    end: int


@dataclass(frozen=True)
class Capture:
    """Where an imported original comes from: a record of a web capture (article.yml ``capture:``)."""

    file: str  # the capture file's name (a WARC or a WACZ)
    sha256: str  # of the capture file's bytes
    record: str  # WARC-Record-ID of the response record
    date: str  # WARC-Date: when the page was captured (ISO 8601, UTC)
    url: str  # WARC-Target-URI
    warc: str = ""  # the WARC's path inside a WACZ
    warc_sha256: str = ""  # of that WARC's bytes
    charset: str = ""  # the charset the HTTP response's Content-Type named

    FIELDS = ("file", "sha256", "record", "date", "url", "warc", "warc_sha256", "charset")
    REQUIRED = ("file", "sha256", "record", "date", "url")


# Under this score an article needs a curator's review. One strong doubt
# (three prose lines cut before the story, comments cut on weak evidence,
# a story under 60 words and a fifth of its page) is enough; weak ones add up.
# On the development benchmark (629 pages) this lists 12 pages: 6 of them
# cleaned badly (word F1 < 0.8 against the gold), among them 6 of the 13 pages
# that lost more than half of their story. The 25 other badly cleaned pages
# score 0.7 or more: a confident mistake leaves no trace in the verdicts.
REVIEW_BELOW = 0.7


@dataclass(frozen=True)
class Confidence:
    """How sure the cleaner is (0 to 1, two decimals) and, in plain words, what made it unsure."""

    score: float
    reasons: tuple[str, ...] = ()

    @property
    def low(self) -> bool:
        return self.score < REVIEW_BELOW


@dataclass(frozen=True)
class Article:
    """One archived article: its cleaned text, metadata and curator notes."""

    id: str
    source_path: str  # repo-relative path of the original
    cleaned: Cleaned
    confidence: Confidence  # how sure the cleaner is of ``cleaned`` (clean.confidence.assess)
    notes: str = ""  # editorial note from article.yml
    mentions: tuple[Mention, ...] = field(default=())
    reviewed: str = ""  # a curator's review from article.yml (true, a date or a note); "" when none
    capture: Capture | None = None  # when the original was imported from a web capture
    rights: Rights | None = None  # its rights statement: article.yml's, else the archive's (set by the build)
    # The cleaning cache's key (build.cache.cache_key: original, article.yml, code); "" without a cache.
    source_key: str = field(default="", compare=False)

    @property
    def meta(self) -> Metadata:
        return self.cleaned.metadata
