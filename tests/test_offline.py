"""The offline copy (mkdocs-offline.yml): opened from file://, it browses and searches with no network.

The variant is built here into a temporary folder (not by `make offline`).
Playwright drives Debian's Chromium, as in test_browser.py; every request is
recorded and none may go to an http(s) host.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from archivist.preserve.fixity import verify

SANCTUARY = "articles/agents-find-ways-around-sanctuary-policies/index.html"


class Loads(HTMLParser):
    """Every address a page loads on its own: scripts, styles, icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href") and a.get("rel") not in ("alternate", "next", "prev", "canonical"):
            self.urls.append(a["href"] or "")


def test_the_offline_build_loads_nothing_from_another_host(offline_site: Path) -> None:
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        loads = Loads()
        loads.feed(page.read_text(encoding="utf-8"))
        assert loads.urls, page
        outside = [u for u in loads.urls if re.match(r"(https?:)?//", u)]
        assert not outside, f"{page.relative_to(offline_site)} loads {outside}"
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in home  # workers from file://
    assert 'href="articles/agents-find-ways-around-sanctuary-policies/index.html"' in home  # no directory URLs
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert "search-worker.js" not in home and not (offline_site / "pagefind").exists()  # Material's own search


def test_the_offline_build_has_the_archive_and_its_manifest(offline_site: Path) -> None:
    assert (offline_site / SANCTUARY).is_file()  # the archive plugin ran
    assert (offline_site / "data" / "articles.json").is_file()
    assert verify(offline_site) == []  # the manifest covers the offline search index too


def test_each_offline_search_result_says_its_kind(offline_site: Path) -> None:
    text = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("var __index = ").rstrip().rstrip(";"))
    kinds = {doc["location"].split("#")[0]: doc.get("tags") for doc in index["docs"]}
    assert kinds[SANCTUARY] == ["Article"]
    assert kinds["glossary/ice.html"][0] == "Glossary term" and "ICE" in kinds["glossary/ice.html"]
    assert kinds["glossary/index.html"] == kinds["index.html"] == ["Page"]


@pytest.mark.browser
def test_browse_and_search_from_file_urls_with_no_network(browser, offline_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)

    home = (offline_site / "index.html").as_uri()
    page.goto(home)
    assert "annotated archive" in page.locator("h1").inner_text()
    page.locator("article a.archive-listing-title").filter(has_text="Agents Find Ways Around").click()
    page.wait_for_url((offline_site / SANCTUARY).as_uri())
    assert "Sanctuary" in page.locator("h1").inner_text()
    assert "Bernalillo County jail" in page.locator("article").inner_text()

    page.goto(home)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Bernalillo")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_be_visible()
    expect(meta).not_to_have_text(re.compile("Initializing|Type to start"))
    results = page.locator("a.md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert hrefs and all(SANCTUARY in href for href in hrefs), hrefs
    results.first.click()
    page.wait_for_url(re.compile(re.escape((offline_site / SANCTUARY).as_uri())))

    page.goto((offline_site / "glossary" / "ice.html").as_uri())  # a term page
    assert "ICE" in page.locator("h1").inner_text()
    expect(page.locator("article a.archive-listing-title").first).to_be_visible()

    online = [u for u in requests if urlsplit(u).scheme in ("http", "https")]
    assert not online, f"requests to http(s) hosts: {online}"
    assert all(urlsplit(u).scheme in ("file", "data", "blob", "about") for u in requests), requests
    assert not errors, f"console errors on the home page, an article, a search and a term page: {errors}"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("word", ["Overton", "cojones", "martian"])
def test_a_word_in_no_article_finds_nothing_offline(browser, offline_site: Path, word: str) -> None:
    page = browser.new_page()
    page.goto((offline_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=20_000)
    box.press_sequentially("Bernal")  # the start of a word: found, as on the hosted copy
    results = page.locator("a.md-search-result__link")
    expect(results.first).to_be_visible()
    box.fill("")
    box.press_sequentially(word)  # in no article (test_search.py checks the same words on the hosted copy)
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    assert results.count() == 0
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "first", "never"),
    [
        ("Immigration and Customs Enforcement", "glossary/ice.html", ()),  # ICE's full name: ICE, not HSI
        ("Garcetti", "articles/la-officials-oppose-ice-sanctuary-deployment/", ("glossary/",)),  # quoted by ICE
    ],
)
def test_offline_search_names_terms_first_and_finds_term_pages_by_their_definition(
    browser, offline_site: Path, typed: str, first: str, never: tuple[str, ...]
) -> None:
    page = browser.new_page()
    page.goto((offline_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=20_000)
    box.press_sequentially(typed)
    results = page.locator("a.md-search-result__link")
    expect(results.first).to_have_attribute("href", re.compile(re.escape((offline_site / first).as_uri())))
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert not any(n in h for h in hrefs for n in never), hrefs
    page.close()
