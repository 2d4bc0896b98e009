"""Read web captures (WARC, WACZ): each captured HTML page, and every record left out with why.

A WARC (``.warc``, ``.warc.gz``) is read record by record with warcio, as a
stream: a capture of gigabytes is never loaded whole, only one page's body at
a time. A WACZ is a zip of WARCs (under ``archive/``) with a list of the pages
a person captured (``pages/pages.jsonl``); each WARC in it is streamed from
the zip the same way.

A page is a ``response`` record of status 200 whose Content-Type is HTML. Its
body is decoded from the transfer encoding (chunked) and the content encodings
(gzip, deflate, br) it was sent with, strictly: a body that does not decode
whole is left out as truncated, never kept cut short. Nothing else is done to
it: those bytes are the page as the browser received it.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archivist.common.digest import sha256_file
from archivist.errors import ArchiveError
from archivist.ingest.originals import MAX_ORIGINAL_BYTES

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
WACZ_PAGE_LISTS = ("pages/pages.jsonl", "pages/extraPages.jsonl")
CHUNK = 1 << 20  # bytes read at a time when hashing a WARC inside a WACZ
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


@dataclass(frozen=True)
class CaptureFile:
    """A capture file as given, and the WARC a record was read from (inside a WACZ)."""

    path: str  # as given on the command line
    sha256: str  # of the file's bytes
    warc: str = ""  # the WARC's path inside a WACZ ("" for a plain WARC)
    warc_sha256: str = ""  # of that WARC's bytes

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def where(self) -> str:
        """The capture file, and the WARC in it: ``crawl.wacz!archive/data.warc.gz``."""
        return f"{self.path}!{self.warc}" if self.warc else self.path


@dataclass(frozen=True)
class Page:
    """One captured HTML page: its body as received, and the capture's facts about it."""

    url: str  # WARC-Target-URI
    date: str  # WARC-Date, as written (ISO 8601, UTC)
    record_id: str  # WARC-Record-ID, e.g. <urn:uuid:...>
    body: bytes  # decoded from transfer and content encodings, nothing else
    charset: str  # the Content-Type's charset, "" when it names none
    capture: CaptureFile


@dataclass(frozen=True)
class LeftOut:
    """A record of a capture that is not imported, and why."""

    capture: CaptureFile
    record_id: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.capture.where}: record {self.record_id} {self.url}: left out: {self.reason}"


class _Iterator(ArchiveIterator):
    """warcio's iterator, noting whether the file ended inside a gzip member (a cut ``.warc.gz``):
    warcio itself then stops as at a clean end, and the last records would vanish unreported."""

    cut_short = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not decompressor.eof:
            self.cut_short = True
        super().close()


class NotAPage(Exception):
    """Why a response record is not taken as a page (a reason for LeftOut)."""


def member_sha256(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with zf.open(name) as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def dechunk(data: bytes) -> bytes:
    """The body of a chunked HTTP message (RFC 9112 §7.1); NotAPage if it is cut short or malformed."""
    out, pos = bytearray(), 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise NotAPage("truncated: the chunked body ends before its last chunk")
        size_text = data[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise NotAPage(f"undecodable: bad chunk size {size_text[:20]!r}") from None
        if size == 0:
            return bytes(out)
        start, end = eol + 2, eol + 2 + size
        if end > len(data):
            raise NotAPage("truncated: the chunked body ends inside a chunk")
        out += data[start:end]
        if len(out) > MAX_ORIGINAL_BYTES:
            raise NotAPage(too_large())
        pos = end + 2


def too_large() -> str:
    return f"the page is over the {MAX_ORIGINAL_BYTES // 2**20} MiB limit of an original"


def _inflate(data: bytes, wbits: int, name: str) -> bytes:
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(data, MAX_ORIGINAL_BYTES + 1)
    except zlib.error as exc:
        raise NotAPage(f"undecodable: Content-Encoding {name}: {exc}") from None
    if len(out) > MAX_ORIGINAL_BYTES:
        raise NotAPage(too_large())
    if not d.eof:
        raise NotAPage(f"truncated: the {name} body ends before its end")
    return out


def decode_content(data: bytes, encodings: str) -> bytes:
    """Undo the Content-Encoding (``gzip``, ``deflate``, ``br``, in the order they were applied)."""
    names = [e.strip().lower() for e in encodings.split(",") if e.strip()]
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            data = _inflate(data, 31, name)
        elif name == "deflate":  # zlib-wrapped, as the RFC says, or raw, as some servers send
            try:
                data = _inflate(data, 15, name)
            except NotAPage:
                data = _inflate(data, -15, name)
        elif name == "br":
            import brotli

            try:
                data = brotli.decompress(data)
            except brotli.error as exc:
                raise NotAPage(f"undecodable or truncated: Content-Encoding br: {exc}") from None
        elif name != "identity":
            raise NotAPage(f"undecodable: unknown Content-Encoding {name!r}")
    return data


def page_body(record: ArcWarcRecord) -> bytes:
    """The record's HTTP body as the browser got it; NotAPage when it is truncated or does not decode."""
    headers = record.http_headers
    raw_stream = record.raw_stream
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        raise NotAPage(f"truncated: the crawler cut the record short (WARC-Truncated: {truncated})")
    raw = raw_stream.read(MAX_ORIGINAL_BYTES + 1)
    if len(raw) > MAX_ORIGINAL_BYTES:
        raise NotAPage(too_large())
    missing = getattr(raw_stream, "limit", 0)
    if missing > 0:
        raise NotAPage(f"truncated: the capture file ends {missing} bytes before the end of this record")
    if (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        raw = dechunk(raw)
    return decode_content(raw, headers.get_header("Content-Encoding") or "")


def _reason_not_page(record: ArcWarcRecord, status: str, content_type: str) -> str | None:
    headers = record.http_headers
    if status.startswith("3"):
        location = headers.get_header("Location")
        return f"redirect (HTTP {headers.statusline})" + (f" to {location}" if location else "")
    if status != "200":
        return f"HTTP {headers.statusline}"
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime not in HTML_TYPES:
        return f"not HTML ({mime or 'no Content-Type'})"
    return None


def selected(url: str, patterns: tuple[str, ...]) -> bool:
    """True when ``url`` matches one of the ``--select`` patterns (shell-style: ``*``, ``?``), or none is given."""
    return not patterns or any(fnmatchcase(url, p) for p in patterns)


def records(
    stream: IO[bytes],
    capture: CaptureFile,
    select: tuple[str, ...] = (),
    listed: set[str] | None = None,
    advance: Callable[[], object] | None = None,
) -> Iterator[Page | LeftOut]:
    """Every page of one WARC stream, and every response record left out with its reason.

    ``listed``: the pages of a WACZ's pages.jsonl (others are its frames and resources)."""
    last_id = "(before the first record)"
    iterator = _Iterator(stream)
    try:
        for record in iterator:
            if advance:
                advance()
            headers = record.rec_headers
            record_id = headers.get_header("WARC-Record-ID") or "(no WARC-Record-ID)"
            last_id = record_id
            url = headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "revisit":
                yield LeftOut(capture, record_id, url, "revisit record: the body of a repeat capture is not stored")
                continue
            if record.rec_type != "response" or not record.http_headers:
                continue  # requests, warcinfo, metadata: not captured pages
            content_type = record.http_headers.get_header("Content-Type") or ""
            reason = _reason_not_page(record, record.http_headers.get_statuscode(), content_type)
            if reason is None and not selected(url, select):
                reason = "not selected (--select)"
            if reason is None and listed is not None and url not in listed:
                reason = "not a page of pages.jsonl (a frame or a resource of a page)"
            if reason is not None:
                if listed is not None and url in listed and reason.startswith("redirect"):
                    # A listed page that redirected: the page is where it led.
                    location = record.http_headers.get_header("Location")
                    if location:
                        listed.add(urljoin(url, location))
                yield LeftOut(capture, record_id, url, reason)
                continue
            try:
                body = page_body(record)
            except NotAPage as exc:
                yield LeftOut(capture, record_id, url, str(exc))
                continue
            charset = _CHARSET.search(content_type)
            date = headers.get_header("WARC-Date") or ""
            yield Page(url, date, record_id, body, charset.group(1).lower() if charset else "", capture)
    except ArchiveLoadFailed as exc:
        raise _unreadable(capture, last_id, str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on a cut or damaged file
        raise _unreadable(capture, last_id, f"{type(exc).__name__}: {exc}") from None
    if iterator.cut_short:
        raise _unreadable(capture, last_id, "truncated: the file ends inside a compressed record")


def _unreadable(capture: CaptureFile, last_id: str, reason: str) -> ArchiveError:
    hint = "the pages before it are imported; is the file whole?"
    return ArchiveError(capture.where, None, f"unreadable after record {last_id}: {reason}", hint)


def wacz_pages(zf: zipfile.ZipFile, path: str) -> set[str] | None:
    """The URLs a WACZ lists as its pages (None when it lists none: every HTML page is taken)."""
    urls: set[str] = set()
    found = False
    for name in WACZ_PAGE_LISTS:
        if name not in zf.namelist():
            continue
        found = True
        with zf.open(name) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                except ValueError as exc:
                    raise ArchiveError(f"{path}!{name}", number, f"not JSON: {exc}") from None
                if isinstance(entry, dict) and isinstance(entry.get("url"), str):
                    urls.add(entry["url"])
    return urls if found else None


def read(
    path: Path,
    shown: str,
    select: tuple[str, ...] = (),
    advance: Callable[[], object] | None = None,
) -> Iterator[Page | LeftOut]:
    """Every page of a WARC or WACZ file, and every response left out; ArchiveError when it cannot be read."""
    if not path.is_file():
        raise ArchiveError(shown, None, "no such file")
    name = path.name.lower()
    if name.endswith(".wacz"):
        yield from _read_wacz(path, shown, select, advance)
    elif name.endswith(WARC_SUFFIXES):
        capture = CaptureFile(shown, sha256_file(path))
        with path.open("rb") as f:
            yield from records(f, capture, select, None, advance)
    else:
        raise ArchiveError(shown, None, "not a capture file", "give a WARC (.warc, .warc.gz) or a WACZ (.wacz) file")


def _read_wacz(
    path: Path, shown: str, select: tuple[str, ...], advance: Callable[[], object] | None
) -> Iterator[Page | LeftOut]:
    digest = sha256_file(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ArchiveError(shown, None, f"not a WACZ: {exc}", "a WACZ is a zip file of WARCs and pages.jsonl") from None
    with zf:
        warcs = sorted(n for n in zf.namelist() if n.startswith("archive/") and n.lower().endswith(WARC_SUFFIXES))
        if not warcs:
            raise ArchiveError(shown, None, "a WACZ with no WARC under archive/", "is this a WACZ?")
        listed = wacz_pages(zf, shown)
        for member in warcs:
            capture = CaptureFile(shown, digest, member, member_sha256(zf, member))
            with zf.open(member) as f:
                yield from records(f, capture, select, listed, advance)
