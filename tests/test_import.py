"""`archive import`: WARC and WACZ captures of pages served on loopback become article folders."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from archivist.cli import main

from . import captures as cap
from .conftest import ARCHIVE, html_text, mkdocs_build, project_copy, run_archive

IMPORTED = {  # id -> the page's bytes as the server meant them (before gzip and chunking)
    "city-council-votes": cap.COUNCIL.encode("utf-8"),
    "training-staff": cap.CHUNKED.encode("utf-8"),
    "judge-orders-release": cap.MOVED.encode("utf-8"),
    "rada-miasta": cap.LATIN2.encode("iso-8859-2"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The captures, made once: a gzip WARC of the site, a WARC with truncated records, a WACZ."""
    folder = tmp_path_factory.mktemp("captures")
    made = {"warc": folder / "site.warc.gz", "cut": folder / "cut.warc", "wacz": folder / "crawl.wacz"}
    with cap.news_site() as base:
        cap.capture_warc(made["warc"], base)
        cap.truncated_warc(made["cut"], base)
        cap.capture_wacz(made["wacz"], base)
    return made


def new_project(root: Path) -> Path:
    """A copy of the project's site (config, overrides, the archive) to import into."""
    return project_copy(root)


def run_import(archive: Path, *args: str) -> tuple[int, list[str], list[str]]:
    result = run_archive("import", "--archive", str(archive), *args)
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


@pytest.fixture(scope="module")
def imported(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    project = new_project(tmp_path_factory.mktemp("project"))
    code, out, err = run_import(project / "archive", str(files["warc"]), str(files["cut"]))
    assert (code, err) == (0, [])
    return project, out


def warc_records(path: Path) -> dict[str, dict[str, str]]:
    """The response records of a WARC by target URL: id and date, as warcio reads them."""
    with path.open("rb") as f:
        return {
            r.rec_headers.get_header("WARC-Target-URI"): {
                "id": r.rec_headers.get_header("WARC-Record-ID"),
                "date": r.rec_headers.get_header("WARC-Date"),
            }
            for r in ArchiveIterator(f)
            if r.rec_type == "response"
        }


def test_each_html_page_becomes_one_folder_with_its_body_byte_for_byte(imported: tuple[Path, list[str]]) -> None:
    project, _ = imported
    articles = project / "archive" / "articles"
    before = {p.name for p in (ARCHIVE / "articles").iterdir()}
    assert {p.name for p in articles.iterdir()} - before == set(IMPORTED)
    for article_id, body in IMPORTED.items():
        folder = articles / article_id
        assert sorted(p.name for p in folder.iterdir()) == ["article.yml", "original.html"]
        assert (folder / "original.html").read_bytes() == body, article_id  # gzip and chunks undone, nothing else


def test_article_yml_gives_the_capture_facts_with_their_origin(
    imported: tuple[Path, list[str]], files: dict[str, Path]
) -> None:
    project, _ = imported
    records = warc_records(files["warc"])
    digest = hashlib.sha256(files["warc"].read_bytes()).hexdigest()
    for article_id in IMPORTED:
        notes = yaml.safe_load((project / "archive" / "articles" / article_id / "article.yml").read_text("utf-8"))
        url = notes["capture"]["url"]
        record = records[url]
        assert notes["metadata"]["original_url"] == {
            "value": url,
            "source": f"WARC-Target-URI of record {record['id']} in site.warc.gz",
        }
        assert {k: notes["capture"][k] for k in ("file", "sha256", "record", "date")} == {
            "file": "site.warc.gz",
            "sha256": digest,
            "record": record["id"],
            "date": record["date"],
        }
    latin = yaml.safe_load((project / "archive/articles/rada-miasta/article.yml").read_text("utf-8"))
    assert latin["capture"]["charset"] == "iso-8859-2"  # from the Content-Type header: the page names none


def test_every_record_left_out_is_listed_with_its_reason(
    imported: tuple[Path, list[str]], files: dict[str, Path]
) -> None:
    _, out = imported
    records = warc_records(files["warc"])
    base = re.match(r"(http://127\.0\.0\.1:\d+)/", next(iter(records))).group(1)

    def left_out(path: str, reason: str) -> str:
        url = base + path
        return f"archive import: {files['warc']}: record {records[url]['id']} {url}: left out: {reason}"

    assert left_out("/old/judge-story", "redirect (HTTP 301 Moved Permanently) to /courts/judge-orders-release") in out
    assert left_out("/missing-page", "HTTP 404 Not Found") in out
    assert left_out("/assets/site.css", "not HTML (text/css)") in out
    dup = base + "/news/2024/03/city-council-votes.html?utm=feed"
    assert (
        f"archive import: {files['warc']}: record {records[dup]['id']} {dup}: "
        "skipped: already in the archive as city-council-votes (same body)"
    ) in out
    cut = [line for line in out if line.startswith(f"archive import: {files['cut']}: ")]
    assert len(cut) == 2
    assert cut[0].endswith(
        f"{base}/marked: left out: truncated: the crawler cut the record short (WARC-Truncated: length)"
    )
    assert re.search(
        r"/cut: left out: truncated: the capture file ends \d+ bytes before the end of this record$", cut[1]
    )
    assert out[-1] == (
        f"archive import: 4 page(s) imported into {imported[0] / 'archive'}/articles, "
        "1 already in the archive, 5 record(s) left out"
    )


def test_importing_the_same_capture_again_duplicates_and_overwrites_nothing(
    imported: tuple[Path, list[str]], files: dict[str, Path], tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(imported[0] / "archive", archive)
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    code, out, err = run_import(archive, str(files["warc"]))
    assert (code, err) == (0, [])
    assert not [line for line in out if line.startswith("imported ")]
    assert out[-1].startswith("archive import: 0 page(s) imported") and "5 already in the archive" in out[-1]
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before


def test_select_imports_only_the_matching_addresses(files: dict[str, Path], tmp_path: Path) -> None:
    code, out, _ = run_import(tmp_path / "archive", "--select", "*/schools/*", str(files["warc"]))
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "archive" / "articles").iterdir()) == ["training-staff"]
    assert any(line.endswith("/courts/judge-orders-release: left out: not selected (--select)") for line in out)


def test_a_wacz_gives_its_listed_pages_even_through_a_redirect_and_names_the_warc_inside(
    files: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = run_import(tmp_path / "archive", str(files["wacz"]))
    assert code == 0
    folder = tmp_path / "archive" / "articles" / "judge-orders-release"
    assert (folder / "original.html").read_bytes() == IMPORTED["judge-orders-release"]
    notes = yaml.safe_load((folder / "article.yml").read_text("utf-8"))["capture"]
    assert (notes["file"], notes["warc"]) == ("crawl.wacz", "archive/data.warc.gz")
    assert notes["sha256"] == hashlib.sha256(files["wacz"].read_bytes()).hexdigest()
    import zipfile

    with zipfile.ZipFile(files["wacz"]) as zf:
        assert notes["warc_sha256"] == hashlib.sha256(zf.read("archive/data.warc.gz")).hexdigest()
    assert any(
        line.startswith(f"archive import: {files['wacz']}!archive/data.warc.gz: record <urn:uuid:")
        and line.endswith("/ads/frame.html: left out: not a page of pages.jsonl (a frame or a resource of a page)")
        for line in out
    )


def test_a_cut_gzip_warc_is_reported_with_the_last_record_read(files: dict[str, Path], tmp_path: Path) -> None:
    data = files["warc"].read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 3000])  # inside the last page's compressed record
    code, out, err = run_import(tmp_path / "archive", str(cut))
    assert code == 1
    assert len(err) == 1 and err[0].startswith(f"archive import: {cut}: unreadable after record <urn:uuid:")
    assert err[0].endswith(
        ": truncated: the file ends inside a compressed record (the pages before it are imported; is the file whole?)"
    )
    assert "city-council-votes" in {p.name for p in (tmp_path / "archive" / "articles").iterdir()}


def test_a_file_that_is_no_capture_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a capture\n", encoding="utf-8")
    assert main(["import", "--archive", str(tmp_path / "archive"), str(notes), str(tmp_path / "gone.warc")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"archive import: {notes}: not a capture file (give a WARC (.warc, .warc.gz) or a WACZ (.wacz) file)",
        f"archive import: {tmp_path / 'gone.warc'}: no such file",
    ]


@pytest.fixture(scope="module")
def imported_site(imported: tuple[Path, list[str]]) -> Path:
    project, _ = imported
    site = project / "site"
    result = mkdocs_build(site, project / "mkdocs.yml", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    return site


def test_the_imported_archive_builds_and_each_page_shows_its_capture_date_and_address(
    imported: tuple[Path, list[str]], imported_site: Path
) -> None:
    for article_id in IMPORTED:
        notes = (imported[0] / "archive" / "articles" / article_id / "article.yml").read_text("utf-8")
        capture = yaml.safe_load(notes)["capture"]
        page = (imported_site / "articles" / article_id / "index.html").read_text(encoding="utf-8")
        assert f'href="{capture["url"]}"' in page, article_id  # the original address, linked
        assert f'<time datetime="{capture["date"]}">' in page, article_id  # the capture date
        text = html_text(page)
        assert " UTC from the original address, in site.warc.gz, record " + capture["record"] in text, article_id


def test_a_page_in_the_charset_its_http_header_named_reads_right(imported_site: Path) -> None:
    text = html_text((imported_site / "articles" / "rada-miasta" / "index.html").read_text(encoding="utf-8"))
    assert "Rada miasta głosuje nad współpracą z agentami" in text
    assert "żółć, gęśl i jaźń" in text


def test_the_cleaning_report_says_where_the_capture_came_from(imported_site: Path, files: dict[str, Path]) -> None:
    records = warc_records(files["warc"])
    url = next(u for u in records if u.endswith("/schools/story/training-staff"))
    report = html_text((imported_site / "articles" / "training-staff" / "report" / "index.html").read_text("utf-8"))
    digest = hashlib.sha256(files["warc"].read_bytes()).hexdigest()
    for fact in ("Capture file", "site.warc.gz", digest, "Record", records[url]["id"], "WARC-Record-ID", "WARC-Date"):
        assert fact in report, fact


def test_the_bag_carries_the_capture_files_hashes(imported: tuple[Path, list[str]], files: dict[str, Path]) -> None:
    project, _ = imported
    bag = project.parent / f"{project.name}-bag"
    args = ["bag", str(bag), "--archive", str(project / "archive"), "--config", str(project / "mkdocs.yml")]
    assert main([*args, "--cache", ""]) == 0
    assert bagit.Bag(str(bag)).validate()
    digest = hashlib.sha256(files["warc"].read_bytes()).hexdigest()
    assert (bag / "captures-sha256.txt").read_text(encoding="utf-8") == f"{digest}  site.warc.gz\n"
    tagmanifest = (bag / "tagmanifest-sha256.txt").read_text(encoding="utf-8")
    assert " captures-sha256.txt\n" in tagmanifest


def test_the_data_page_explains_every_capture_field() -> None:
    from archivist.model import Capture

    page = (ARCHIVE / "pages" / "data.md").read_text(encoding="utf-8")
    section = page[page.index("`capture`, for an imported article:") :]
    assert set(Capture.FIELDS) - set(re.findall(r"^\| `([a-z_0-9]+)` \|", section, re.M)) == set()


def warc_with_a_large_resource(path: Path, megabytes: int) -> None:
    """A WARC of one page and, before it, a video record of ``megabytes`` (zeros, from a sparse file)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    blob = path.with_suffix(".blob")
    with blob.open("wb") as f:
        f.truncate(megabytes * 2**20)
    with path.open("wb") as f, blob.open("rb") as video:
        writer = WARCWriter(f, gzip=False)
        if megabytes:
            http = StatusAndHeaders("200 OK", [("Content-Type", "video/mp4")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://news.example/video.mp4",
                    "response",
                    payload=video,
                    length=megabytes * 2**20,
                    http_headers=http,
                )
            )
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(cap.COUNCIL.encode("utf-8"))
        writer.write_record(
            writer.create_warc_record("https://news.example/story", "response", payload=payload, http_headers=http)
        )
    blob.unlink()


def peak_memory_of_import(archive: Path, warc: Path) -> int:
    """The import's peak resident memory (kB), in a child process of its own."""
    script = (
        "import resource, sys\n"
        "from archivist.cli import main\n"
        "code = main(['import', '--archive', sys.argv[1], sys.argv[2]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(archive), str(warc)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 page(s) imported" in result.stdout
    return int(result.stdout.splitlines()[-1])


def test_a_large_capture_is_streamed_never_loaded_whole(tmp_path: Path) -> None:
    small, large = tmp_path / "small.warc", tmp_path / "large.warc"
    warc_with_a_large_resource(small, 0)
    warc_with_a_large_resource(large, 128)
    base = peak_memory_of_import(tmp_path / "a", small)
    peak = peak_memory_of_import(tmp_path / "b", large)
    assert peak - base < 32 * 1024, (base, peak)  # kB: a 128 MiB record read whole would add 128 MiB


def test_every_content_encoding_a_browser_reads_is_undone_and_a_cut_body_is_left_out() -> None:
    import gzip as gzip_module
    import zlib

    import brotli

    from archivist.ingest.captures import NotAPage, decode_content

    page = "<p>Le conseil a voté — 5 contre 2.</p>".encode()
    assert decode_content(brotli.compress(page), "br") == page
    assert decode_content(gzip_module.compress(brotli.compress(page)), "br, gzip") == page  # in the order applied
    assert decode_content(zlib.compress(page), "deflate") == page
    with pytest.raises(NotAPage, match="Content-Encoding br"):
        decode_content(brotli.compress(page)[:-3], "br")
