"""``archive import``: captured pages in, one article folder per page out.

Each page becomes ``archive/articles/<id>/original.html`` (its body, byte for
byte as received) and ``article.yml`` (the capture's facts: address, date,
record, file hash). Ids come from the page's address: readable, and the same
address always gives the same id in a given archive. A page whose body is
already in the archive (same SHA-256) is skipped and reported: an import
never duplicates an article and never writes into an existing folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from archivist.common.digest import sha256_file
from archivist.errors import ArchiveError
from archivist.ingest import captures
from archivist.ingest.captures import LeftOut, Page

# Endings of a page's address that say nothing about the article.
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm")
INDEX_NAMES = ("index", "default", "home", "article", "story", "amp")
SLUG_MAX = 80  # characters: ids are URL path segments and folder names people type
# libyaml's dumper where installed: the same YAML, half the import's time without it.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HASH_SUFFIX = 8  # hex digits of the address's SHA-256 that tell two same-named pages apart


@dataclass(frozen=True)
class Imported:
    id: str
    page: Page


@dataclass(frozen=True)
class Duplicate:
    """A page whose body is already an article's original."""

    page: Page
    existing: str  # that article's id

    def __str__(self) -> str:
        return (
            f"{self.page.capture.where}: record {self.page.record_id} {self.page.url}: "
            f"skipped: already in the archive as {self.existing} (same body)"
        )


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug


def slug_for(url: str) -> str:
    """A readable id for a page from its address: its last meaningful path segment(s), else its host.

    ``https://example.org/news/2024/03/city-council-votes.html`` -> ``city-council-votes``;
    ``https://example.org/story/12345`` -> ``story-12345``."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments:
        last = segments[-1]
        for suffix in PAGE_SUFFIXES:
            if last.lower().endswith(suffix):
                last = last[: -len(suffix)]
        segments[-1] = last
    words = [s for s in segments if slugify(s) and slugify(s) not in INDEX_NAMES]
    if words:
        slug = slugify(words[-1])
        # A number or a short code alone is no name: keep the segment before it too.
        if (slug.isdigit() or len(slug) < 4) and len(words) > 1:
            slug = slugify(f"{words[-2]}-{words[-1]}")
        if slug:
            return slug
    host = re.sub(r"^www\.", "", parts.hostname or "")
    return slugify(host) or "page"


def new_id(url: str, record_id: str, taken: set[str]) -> str:
    """The first free id of: the page's slug, the slug and a hash of its address, then of its record."""
    slug = slug_for(url)
    candidates = [
        slug,
        f"{slug}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:HASH_SUFFIX]}",
        f"{slug}-{hashlib.sha256(f'{url} {record_id}'.encode()).hexdigest()[:HASH_SUFFIX]}",
    ]
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    n = 2
    while f"{candidates[-1]}-{n}" in taken:
        n += 1
    return f"{candidates[-1]}-{n}"


def article_yml(page: Page) -> str:
    """The curator's notes file of an imported page: its address (with its origin) and the capture's facts."""
    capture = page.capture
    where = f"{capture.name}!{capture.warc}" if capture.warc else capture.name
    facts: dict[str, str] = {
        "file": capture.name,
        "sha256": capture.sha256,
        "record": page.record_id,
        "date": page.date,
        "url": page.url,
    }
    if capture.warc:
        facts.update(warc=capture.warc, warc_sha256=capture.warc_sha256)
    if page.charset:
        facts["charset"] = page.charset
    origin = f"WARC-Target-URI of record {page.record_id} in {where}"
    data = {"metadata": {"original_url": {"value": page.url, "source": origin}}, "capture": facts}
    head = (
        "# Imported by `archive import` from a web capture: `capture` gives the record the original\n"
        "# came from (date: its WARC-Date; sha256: of the capture file). Curator notes may be added.\n"
    )
    return head + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)


def existing_originals(articles: Path) -> tuple[dict[str, str], set[str]]:
    """SHA-256 of every original already in the archive -> its article id; and every id taken."""
    hashes: dict[str, str] = {}
    taken: set[str] = set()
    if not articles.is_dir():
        return hashes, taken
    for folder in sorted(p for p in articles.iterdir() if p.is_dir()):
        taken.add(folder.name)
        for original in folder.glob("original.*"):
            if original.is_file():
                hashes.setdefault(sha256_file(original), folder.name)
    return hashes, taken


def write_article(articles: Path, article_id: str, page: Page) -> None:
    """Write the folder whole, then move it in place: never over an existing folder, never half-written."""
    target = articles / article_id
    if target.exists():
        raise ArchiveError(str(target), None, "already exists", "an import never writes into an existing folder")
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=articles.parent))
    try:
        (staging / "original.html").write_bytes(page.body)
        (staging / "article.yml").write_text(article_yml(page), encoding="utf-8")
        os.rename(staging, target)
    except BaseException:
        for child in staging.iterdir() if staging.exists() else ():
            child.unlink()
        if staging.exists():
            staging.rmdir()
        raise


def import_captures(
    root: Path,
    files: Iterable[str],
    select: tuple[str, ...] = (),
    advance: Callable[[], object] | None = None,
) -> Iterator[Imported | Duplicate | LeftOut | ArchiveError]:
    """Import every page of ``files`` into the archive at ``root``, yielding what became of each
    record as it goes: Imported, Duplicate, LeftOut; an ArchiveError for a file that cannot be
    read (the pages read before the problem stay imported)."""
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    hashes, taken = existing_originals(articles)
    for name in files:
        try:
            for item in captures.read(Path(name), name, select, advance):
                if isinstance(item, LeftOut):
                    yield item
                    continue
                digest = hashlib.sha256(item.body).hexdigest()
                if digest in hashes:
                    yield Duplicate(item, hashes[digest])
                    continue
                article_id = new_id(item.url, item.record_id, taken)
                write_article(articles, article_id, item)
                hashes[digest] = article_id
                taken.add(article_id)
                yield Imported(article_id, item)
        except ArchiveError as exc:
            yield exc
