"""Web captures made in the test: pages served on loopback, recorded by warcio as WARC and WACZ files."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import json
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import running


def article_html(title: str, paragraphs: list[str], charset: str = "utf-8", meta: bool = True) -> str:
    head = f'<meta charset="{charset}">' if meta else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>{title}</title></head>\n<body>\n"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/subscribe">Subscribe</a></nav>\n'
        f'<article>\n<h1>{title}</h1>\n<p class="byline">By Ana Ortiz</p>\n{body}\n</article>\n'
        "<footer>Copyright 2024 The Valley Ledger. All rights reserved.</footer>\n</body></html>\n"
    )


COUNCIL = article_html(
    "City council votes to limit cooperation with immigration agents",
    [
        "The city council voted 7-2 on Tuesday to limit how far the police may cooperate with U.S. Immigration "
        "and Customs Enforcement, after a hearing that ran past midnight.",
        "Under the new policy, officers will no longer hold people in the county jail for ICE unless a judge "
        "has signed a warrant, the council's legal office said.",
        "Supporters said the vote would rebuild trust between the police and immigrant families; opponents said "
        "it would make the city less safe.",
    ],
)
CHUNKED = article_html(
    "School district trains staff on what to do when agents arrive",
    [
        "Teachers and office staff in the district will be trained this spring on what to do if federal agents "
        "come to a school, the superintendent said on Monday.",
        "The district said agents from ICE have not visited any of its schools this year, but that parents had "
        "asked for a plan after rumours spread on social media.",
        "The training covers who may enter a campus, which documents staff must ask for and whom to call.",
    ],
)
MOVED = article_html(
    "Judge orders release of detained farm workers",
    [
        "A federal judge on Friday ordered the release of four farm workers detained during a raid in the valley "
        "last month, ruling that agents had no warrant to enter the packing plant.",
        "Lawyers for the workers said the ruling was the first of its kind in the district.",
        "A spokesperson for the agency said it was reviewing the decision and declined to comment further.",
    ],
)
# Polish text in ISO-8859-2, the charset named only in the HTTP header: a
# guesser alone reads these bytes as Windows-1252.
LATIN2 = article_html(
    "Rada miasta głosuje nad współpracą z agentami",
    [
        "Radni Łodzi zagłosowali we wtorek za ograniczeniem współpracy policji z agentami federalnymi; "
        "żółć, gęśl i jaźń nie mają tu nic do rzeczy.",
        "Zwolennicy uchwały mówią, że odbuduje ona zaufanie między policją a rodzinami imigrantów, "
        "a przeciwnicy, że miasto będzie mniej bezpieczne.",
        "Głosowanie zakończyło się tuż po północy, po wielogodzinnej debacie w sali obrad ratusza.",
    ],
    charset="iso-8859-2",
    meta=False,
)
FRAME = "<!DOCTYPE html><html><head><title>Ad</title></head><body><p>An advertisement frame.</p></body></html>\n"
NOT_FOUND = "<!DOCTYPE html><html><body><h1>Not found</h1></body></html>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Transfer_Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        html = "text/html; charset=utf-8"
        path = self.path
        if path in ("/news/2024/03/city-council-votes.html", "/news/2024/03/city-council-votes.html?utm=feed"):
            self.send(200, gzip.compress(COUNCIL.encode("utf-8"), mtime=0), html, Content_Encoding="gzip")
        elif path == "/schools/story/training-staff":
            data = CHUNKED.encode("utf-8")
            thirds = [data[: len(data) // 3], data[len(data) // 3 : 2 * len(data) // 3], data[2 * len(data) // 3 :]]
            chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in thirds) + b"0\r\n\r\n"
            self.send(200, chunked, html, Transfer_Encoding="chunked")
        elif path == "/old/judge-story":
            self.send(301, b"", html, Location="/courts/judge-orders-release")
        elif path == "/courts/judge-orders-release":
            self.send(200, MOVED.encode("utf-8"), html)
        elif path == "/pl/rada-miasta":
            self.send(200, LATIN2.encode("iso-8859-2"), "text/html; charset=ISO-8859-2")
        elif path == "/ads/frame.html":
            self.send(200, FRAME.encode("utf-8"), html)
        elif path == "/assets/site.css":
            self.send(200, b"body { color: black; }\n", "text/css")
        else:
            self.send(404, NOT_FOUND.encode("utf-8"), html)


@contextlib.contextmanager
def news_site() -> Iterator[str]:
    """The pages above on loopback; yields the base URL (no trailing slash)."""
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


PATHS = (
    "/news/2024/03/city-council-votes.html",  # gzip
    "/schools/story/training-staff",  # chunked
    "/old/judge-story",  # a redirect, then its target
    "/missing-page",  # 404
    "/assets/site.css",  # not HTML
    "/news/2024/03/city-council-votes.html?utm=feed",  # the same page again: a duplicate
    "/pl/rada-miasta",  # ISO-8859-2
)


def fetch_all(base: str, paths: tuple[str, ...]) -> None:
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            exc.read()


def capture_warc(target: Path, base: str, paths: tuple[str, ...] = PATHS) -> None:
    """Record ``paths`` of the loopback site into a WARC with warcio (gzip-compressed when ``.gz``)."""
    from warcio.capture_http import capture_http

    with capture_http(str(target)):
        fetch_all(base, paths)


def truncated_warc(target: Path, url: str) -> None:
    """An uncompressed WARC of two pages: one the crawler marked truncated, then one the file cuts short."""
    body = article_html("A story cut short", ["This paragraph is whole.", "So is this one, until the end."])
    with target.open("wb") as f:
        writer = WARCWriter(f, gzip=False)
        for name, extra in (("marked", {"WARC-Truncated": "length"}), ("cut", {})):
            http_headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"{url}/{name}",
                "response",
                payload=io.BytesIO(body.encode("utf-8")),
                http_headers=http_headers,
                warc_headers_dict=extra,
            )
            writer.write_record(record)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) - 120])  # the last record loses the end of its body


def capture_wacz(target: Path, base: str) -> None:
    """A WACZ as Webrecorder writes one: a WARC under archive/, pages.jsonl, datapackage.json."""
    warc = target.with_suffix(".warc.gz")
    capture_warc(warc, base, ("/old/judge-story", "/ads/frame.html"))  # the page, reached through a redirect
    pages = [
        {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"},
        {"id": "1", "url": f"{base}/old/judge-story", "ts": "2024-03-05T10:00:00Z", "title": "Judge"},
    ]
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
        zf.writestr("pages/pages.jsonl", "".join(json.dumps(p) + "\n" for p in pages))
        zf.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
    warc.unlink()
