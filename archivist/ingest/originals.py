"""Read an original scrape: bytes in, decoded text, encoding, format and hash out.

Originals are evidence, so they are only ever read. Decoding never fails: the
encoding is detected (BOM first, then strict UTF-8, then charset-normalizer)
and recorded with the result.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import re
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from archivist.errors import ArchiveError
from archivist.model import Format, Source

# Larger originals are refused: cleaning is line by line, and a capture this
# big is a mistake (a whole crawl, a log), not an article.
MAX_ORIGINAL_BYTES = 20 * 1024 * 1024
# File signatures of formats that are not text (an image renamed .txt, ...).
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"RIFF": "a RIFF file (WebP image, WAV audio, AVI video)",
    b"\x7fELF": "a program",
}
# Share of control characters above which decoded bytes are not text.
# (Counted in the text's UTF-8 bytes, where each is one byte and no other
# character has a byte below 0x20: deleting them is much faster than a regex.)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
MAX_CONTROL_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# An HTML page's own word on its encoding (browsers read ISO-8859-1 as Windows-1252).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
MARKUP_SHARE = 0.3  # a text starting with a tag, a third of it tags: HTML
MARKDOWN_MIN_SIGNS = 3
PREFERRED_LEGACY = ("utf_16", "utf_16_le", "utf_16_be", "cp1252")
CHAOS_TOLERANCE = 0.05

_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|h[1-6]|article|section|br|img|ul|li|table|script|meta)\b[^>]*>", re.I)
_MD_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),  # ATX headings
    re.compile(r"\[[^\]\n]+\]\([^)\n]*\)"),  # links
    re.compile(r"\*\*[^*\n]+\*\*"),  # strong
    re.compile(r"^\s{0,3}>\s", re.M),  # block quotes
    re.compile(r"<https?://[^>\s]+>"),  # autolinks
)


def _legacy_name(name: str) -> str:
    """Browsers read ISO-8859-1 and ASCII labels as Windows-1252."""
    return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name


def decode(data: bytes, declared: str = "") -> tuple[str, str]:
    """Decoded text and the name of the encoding used.

    ``declared``: the charset the HTTP response named (for a page imported from a
    web capture), taken after a BOM and strict UTF-8, before the page's own meta tag."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        meta = _META_CHARSET.search(data[:4096])
        names = [declared.lower()] if declared else []
        names += [meta.group(1).decode("ascii", "replace").lower()] if meta else []
        for name in map(_legacy_name, names):
            try:
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    matches = list(from_bytes(data))
    if matches:
        best = min(m.chaos for m in matches)
        # Among equally clean readings, prefer the legacy encoding most common on
        # the web (Windows-1252, which browsers also use for Latin-1 labels):
        # short texts otherwise often tie with rarer code pages such as cp775.
        for preferred in PREFERRED_LEGACY:
            for m in matches:
                if m.chaos <= best + CHAOS_TOLERANCE and preferred in m.could_be_from_charset:
                    return data.decode(preferred, errors="replace"), preferred
        top = matches[0]
        return str(top), top.encoding
    # Nothing fits: Latin-1 maps every byte, so no byte is lost.
    return data.decode("latin-1"), "latin-1"


def normalise_newlines(text: str) -> str:
    if "\r" not in text:  # one scan of the page, not two replacements' (most pages use "\n" alone)
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(data: bytes, text: str, path: str = "") -> Format:
    """'html', 'markdown' or 'text', from the content first and the name second."""
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    if _HTML_START.match(head):
        return "html"
    # Markup all through, line after line: a page saved without its doctype.
    # A text scrape that quotes a few tags stays text.
    lines = [line.strip() for line in text[:20000].split("\n") if line.strip()]
    tagged = sum(1 for line in lines if line.startswith("<") and _HTML_TAG.match(line))
    if lines and tagged >= 3 and tagged / len(lines) >= 0.5:
        return "html"
    sample = text[:20000]
    markup = sum(len(m) for m in _HTML_TAG.findall(sample))
    if sample.lstrip().startswith("<") and markup >= MARKUP_SHARE * len(sample.strip()):
        return "html"
    # Markdown by its signs: several kinds of them in a text file (a story may
    # show a "#" or a bracket), any in a file named .md.
    signs = sum(1 for pattern in _MD_SIGNS if pattern.search(text))
    if signs >= MARKDOWN_MIN_SIGNS or (signs >= 1 and path.endswith((".md", ".markdown"))):
        return "markdown"
    if path.endswith((".html", ".htm")) and _HTML_TAG.search(text):
        return "html"
    return "text"


def read_source(path: Path, display_path: str | None = None) -> Source:
    data = path.read_bytes()
    return source_from_bytes(data, display_path or str(path))


def unwrap(data: bytes) -> bytes:
    """The page inside a gzip-compressed capture (a saved ``.html.gz``), else the bytes."""
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return data
    return data


def check_text(data: bytes, text: str, path: str) -> None:
    """Refuse what is not a text capture, with what it looks like and what to do."""
    hint = "an original must be the page's text, HTML or Markdown, as captured"
    if len(data) > MAX_ORIGINAL_BYTES:
        size, limit = len(data) / 2**20, MAX_ORIGINAL_BYTES / 2**20
        raise ArchiveError(path, None, f"capture of {size:.1f} MiB is over the {limit:.0f} MiB limit", hint)
    if not text.strip():
        raise ArchiveError(path, None, "the capture is empty (no text in it)", hint)
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ArchiveError(path, None, f"not text: the file is {kind}", hint)
    sample = text[:100_000]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise ArchiveError(path, None, "not text: the file is mostly binary data", hint)


def source_from_bytes(data: bytes, path: str, declared: str = "") -> Source:
    """A Source; the hash is of the bytes as captured, compressed or not.
    ``declared``: the charset of the HTTP response the page was captured from.

    Raises ArchiveError for what is not a text capture (binary, too large)."""
    page = unwrap(data)
    text, encoding = decode(page, declared)
    check_text(page, text, path)
    text = normalise_newlines(text)
    name = path[:-3] if path.endswith(".gz") else path
    return Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        format=detect_format(page, text, name),
        text=text,
    )
