"""Reading originals: any encoding decodes without loss, formats are recognised."""

from __future__ import annotations

import hashlib

import pytest

from archivist.ingest.originals import source_from_bytes

TEXT = "Café “quoted” — naïve façade, 5 €.\nSecond line.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_each_encoding_to_the_same_text(data: bytes, encoding: str) -> None:
    source = source_from_bytes(data, "x.txt")
    assert source.text == TEXT
    assert source.encoding.replace("_", "-").lower() in {encoding, "windows-1252"} | {
        encoding.replace("cp", "windows-")
    }
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_crlf_and_cr_become_lf() -> None:
    source = source_from_bytes(b"one\r\ntwo\rthree\n", "x.txt")
    assert source.lines == ["one", "two", "three", ""]


def test_latin1_bytes_never_fail() -> None:
    source = source_from_bytes(bytes(range(160, 256)) * 3, "x.txt")
    assert len(source.text) >= 96


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Plain words.\n\nMore words.", "original.txt", "text"),
        ("# Title\n\nBy [Someone](#)\n\n**CITY** – text", "original.txt", "markdown"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "original.txt", "html"),
        ("<div><p>a</p><p>b</p><p>c</p><span>d</span><a href=x>e</a></div>", "scrape", "html"),
        ("A line with # inside is not a heading.", "original.md", "text"),
    ],
)
def test_format_is_detected_from_content(text: str, name: str, expected: str) -> None:
    assert source_from_bytes(text.encode(), name).format == expected
