#!/usr/bin/env python3
"""Benchmark `archive import` and the size of data/annotations.jsonld.

- import: a gzip-compressed WARC of --pages synthetic HTML pages (each a
  request and a response record, every third response gzip-encoded, every
  fifth chunked, one CSS file per ten pages), written with warcio, then
  imported into an empty archive: pages imported per second (best of
  --repeat), the WARC's size, and that the second import of the same WARC
  imports nothing;
- annotations: synthetic archives of --sizes articles (scripts/make_corpus.py),
  run through the pipeline's load, glossary and annotate stages (no MkDocs),
  then the annotation files: bytes per article, the largest file, mentions.

usage: python scripts/bench_import.py [--pages 1000] [--sizes 1000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import make_corpus  # noqa: E402

from archivist.build.pipeline import annotate, default_workers, load_articles  # noqa: E402
from archivist.export.web_annotation import COLLECTION, annotation_files  # noqa: E402
from archivist.glossary import load as glossary_mod  # noqa: E402
from archivist.ingest.captures import LeftOut  # noqa: E402
from archivist.ingest.import_captures import Duplicate, Imported, import_captures  # noqa: E402
from archivist.render.article import newest_first  # noqa: E402


def write_warc(path: Path, pages: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    terms = make_corpus.glossary(20, rng)
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i in range(pages):
            title = " ".join(w.capitalize() for w in rng.sample(make_corpus.WORDS, 6))
            body = [make_corpus.paragraph(rng, terms) for _ in range(rng.randint(8, 20))]
            date = make_corpus.dt.date(2005, 1, 1) + make_corpus.dt.timedelta(days=rng.randrange(7000))
            byline = f"{rng.choice(make_corpus.FIRST)} {rng.choice(make_corpus.LAST)}"
            html = make_corpus.article_html(rng, title, byline, date, body, rng.choice(make_corpus.PUBLISHERS))
            data = html.encode("utf-8")
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if i % 3 == 0:
                data = gzip.compress(data, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            if i % 5 == 0:
                data = b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
                headers.append(("Transfer-Encoding", "chunked"))
            url = f"https://news.example/{date:%Y/%m}/story-{i + 1}.html"
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(data), http_headers=http))
            request = StatusAndHeaders(f"GET /{date:%Y/%m}/story-{i + 1}.html HTTP/1.1", [("Host", "news.example")])
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
            )
            if i % 10 == 0:
                css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
                payload = io.BytesIO(b"body { margin: 0 }\n" * 200)
                record = writer.create_warc_record(
                    f"https://news.example/site-{i}.css", "response", payload=payload, http_headers=css
                )
                writer.write_record(record)


def run_import(archive: Path, warc: Path) -> dict[str, int]:
    counts = {"imported": 0, "skipped": 0, "left out": 0, "errors": 0}
    for item in import_captures(archive, [str(warc)]):
        if isinstance(item, Imported):
            counts["imported"] += 1
        elif isinstance(item, Duplicate):
            counts["skipped"] += 1
        elif isinstance(item, LeftOut):
            counts["left out"] += 1
        else:
            counts["errors"] += 1
    return counts


def bench_import(pages: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        start = time.perf_counter()
        write_warc(warc, pages)
        written = time.perf_counter() - start
        best, counts = float("inf"), {}
        for n in range(repeat):
            archive = Path(tmp) / f"archive-{n}"
            start = time.perf_counter()
            counts = run_import(archive, warc)
            best = min(best, time.perf_counter() - start)
        again = run_import(Path(tmp) / "archive-0", warc)
        size = warc.stat().st_size
    print(f"import: WARC of {pages} pages, {size / 1e6:.1f} MB (gzip), written in {written:.1f} s")
    print(
        f"import: {counts['imported']} pages in {best:.2f} s (best of {repeat}): {counts['imported'] / best:,.0f} "
        f"pages/s; {counts['left out']} records left out; again: {again['imported']} imported, "
        f"{again['skipped']} skipped"
    )


def bench_annotations(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus.make(size, Path(tmp))
        root = Path(tmp) / "archive"
        start = time.perf_counter()
        articles, problems = load_articles(root, workers=default_workers())
        glossary, _ = glossary_mod.load(root / "glossary", "archive/glossary", glossary_mod.article_ids(root))
        ordered = newest_first(annotate(articles, glossary))
        staged = time.perf_counter() - start
        start = time.perf_counter()
        files = annotation_files(ordered, glossary, "Bench")
        made = time.perf_counter() - start
    total = sum(len(data) for data in files.values())
    largest = max(len(data) for name, data in files.items() if name != COLLECTION)
    mentions = sum(len(a.mentions) for a in ordered)
    print(
        f"annotations at {size:,} articles: {total / len(ordered) / 1000:.1f} KB per article "
        f"({total / 1e6:.1f} MB in {len(files) - 1} pages, the largest {largest / 1000:.0f} KB; "
        f"{mentions:,} mentions, {mentions / len(ordered):.1f} per article; made in {made:.2f} s "
        f"after {staged:.1f} s of load, clean and annotate; {len(problems)} problems)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    bench_import(a.pages, a.repeat)
    for size in (int(s) for s in a.sizes.split(",") if s):
        bench_annotations(size)


if __name__ == "__main__":
    main()
