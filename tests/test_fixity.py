"""Fixity: site/manifest-sha256.txt lists every file of a build, and `archive verify` checks a copy."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from archivist.cli import main
from archivist.errors import ArchiveError
from archivist.preserve.fixity import MANIFEST, Mismatch, compute, format_manifest, parse_manifest, verify

from .conftest import ARCHIVE

SHA_EMPTY = hashlib.sha256(b"").hexdigest()
FILES = {
    "index.html": b"<h1>Home</h1>\n",
    "a/original.txt": "caf\u00e9\n".encode(),
    "a/b/empty.txt": b"",
    "z\u00e9.txt": b"z\n",
}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_folder(root: Path) -> Path:
    """A small site: nested files, one empty, one non-ASCII name."""
    for rel, data in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / MANIFEST).write_bytes(format_manifest(compute(root)).encode("utf-8"))
    return root


def test_manifest_lists_every_file_but_itself_sorted_with_its_sha256(tmp_path: Path) -> None:
    make_folder(tmp_path)
    text = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    order = ["a/b/empty.txt", "a/original.txt", "index.html", "z\u00e9.txt"]
    assert text == "".join(f"{sha(FILES[rel])}  {rel}\n" for rel in order)
    assert parse_manifest(text) == compute(tmp_path)
    assert verify(tmp_path) == []


def test_verify_finds_a_changed_a_missing_and_an_extra_file(tmp_path: Path) -> None:
    make_folder(tmp_path)
    (tmp_path / "index.html").write_bytes(b"<h1>Hacked</h1>\n")
    (tmp_path / "a" / "original.txt").unlink()
    (tmp_path / "a" / "b" / "new.js").write_bytes(b"alert(1)\n")
    assert verify(tmp_path) == [
        Mismatch("a/b/new.js", "extra"),
        Mismatch("a/original.txt", "missing", expected=sha(FILES["a/original.txt"])),
        Mismatch("index.html", "changed", sha(FILES["index.html"]), sha(b"<h1>Hacked</h1>\n")),
    ]


def test_manifest_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    first = format_manifest(compute(make_folder(tmp_path / "one")))
    second = format_manifest(compute(make_folder(tmp_path / "two")))
    assert first == second


def test_a_malformed_manifest_line_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        parse_manifest(f"{SHA_EMPTY}  a.txt\nnot a checksum  b.txt\n")
    assert caught.value.line == 2


def test_the_build_writes_a_manifest_of_every_file(built_site: Path) -> None:
    listed = parse_manifest((built_site / MANIFEST).read_text(encoding="utf-8"))
    files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert sorted(listed) == [f for f in files if f != MANIFEST]
    assert list(listed) == sorted(listed)  # sorted by path
    for rel, digest in listed.items():
        assert sha((built_site / rel).read_bytes()) == digest, rel
    assert verify(built_site) == []


def test_every_original_is_published_covered_by_the_manifest_and_shown(built_site: Path) -> None:
    """Each capture is at articles/<id>/original.txt byte for byte (original.<format>.txt
    for a capture that is not plain text); the manifest, the export and the article
    page give the same sha256."""
    listed = parse_manifest((built_site / MANIFEST).read_text(encoding="utf-8"))
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in articles) == sorted(p.name for p in (ARCHIVE / "articles").iterdir())
    for article in articles:
        original = (ARCHIVE.parent / article["source"]).read_bytes()
        suffix = article["source"].rsplit(".", 1)[-1]
        name = "original.txt" if suffix == "txt" else f"original.{suffix}.txt"
        published = f"articles/{article['id']}/{name}"
        assert (built_site / published).read_bytes() == original, published
        assert listed[published] == sha(original) == article["sha256"]
        page = (built_site / "articles" / article["id"] / "index.html").read_text(encoding="utf-8")
        assert sha(original) in page, article["id"]


def test_archive_verify_passes_on_a_fresh_build(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(built_site)]) == 0
    assert capsys.readouterr().out == f"archive verify: every file in {built_site} matches {MANIFEST}\n"


def test_archive_verify_names_each_mismatch_and_exits_1(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    (copy / "index.html").write_text("changed\n", encoding="utf-8")
    (copy / "feed.xml").unlink(missing_ok=True)
    (copy / "404.html").unlink()
    (copy / "extra.js").write_text("alert(1)\n", encoding="utf-8")
    assert main(["verify", str(copy)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "archive verify: missing: 404.html (listed in the manifest, not on disk)"
    assert "archive verify: extra: extra.js (on disk, not in the manifest)" in err
    changed = [line for line in err if line.startswith("archive verify: changed: index.html (manifest ")]
    assert len(changed) == 1 and changed[0].endswith(", file " + sha(b"changed\n") + ")")
    assert err[-1] == f"archive verify: {len(err) - 1} file(s) do not match {copy}/{MANIFEST}"


def test_archive_verify_without_a_manifest_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"archive verify: {tmp_path / MANIFEST}: no manifest")
