#!/usr/bin/env python3
"""Bytes a reader downloads before the first search result, measured in Chromium.

Serves a built site on loopback, opens its home page, waits until it has
loaded, then types a query in Material's search box as a reader would and
counts the bytes of every response from the first key stroke until the first
result shows (search worker, index chunks, fragments: whatever the search
engine fetches). Needs Playwright and Chromium (`make setup-test chromium`).

usage: python scripts/search_payload.py SITE [QUERY ...]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def payload(site: Path, queries: list[str]) -> dict[str, tuple[int, int]]:
    """query -> (bytes downloaded before its first result, results shown)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None)
        for query in queries:
            page = browser.new_page()  # a fresh page and cache: a reader's first search
            page.goto(base)
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            page.on("response", lambda r, sizes=sizes: sizes.append(len(r.body()) if r.ok else 0))
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").press_sequentially(query)
            page.locator("a.md-search-result__link").first.wait_for(timeout=60_000)
            out[query] = (sum(sizes), page.locator("a.md-search-result__link").count())
            page.close()
        browser.close()
    return out


def main() -> None:
    site = Path(sys.argv[1])
    for query, (size, shown) in payload(site, sys.argv[2:] or ["court"]).items():
        print(f"{query!r}: {size / 1000:,.1f} KB before the first result ({shown} results shown)")


if __name__ == "__main__":
    main()
