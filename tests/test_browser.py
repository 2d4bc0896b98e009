"""The site in a real browser: home page, an article, search, a glossary tooltip.

Playwright drives Debian's Chromium (`make test` installs it). Every request
is recorded: none may go to a host other than the local server, and the
console must stay free of errors. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, browser, base: str, width: int) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        # A plain-text page (the original scrape) has no icon, so Chromium asks
        # for /favicon.ico on its own: not a request the site makes.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def check_clean(self) -> None:
        host = urlsplit(self.base).netloc
        outside = [u for u in self.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != host]
        assert not outside, f"requests to other hosts: {outside}"
        assert not self.errors, f"console errors: {self.errors}"
        self.context.close()


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def search(page, query: str) -> None:  # type: ignore[no-untyped-def]
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    page.locator(".md-search-result__meta").wait_for(state="visible")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )


@pytest.mark.parametrize("device", WIDTHS)
def test_home_article_original_and_report(browser, site_server: str, device: str) -> None:  # type: ignore[no-untyped-def]
    w = Watched(browser, site_server, WIDTHS[device])
    page = w.page
    page.goto(site_server)
    assert "annotated archive" in page.locator("h1").inner_text()
    links = page.locator("article h3 a[href^='articles/']")
    assert links.count() == 5
    shoot(page, f"home-{device}")
    links.filter(has_text="Agents Find Ways Around").click()
    page.wait_for_url(re.compile(r"/articles/agents-find-ways-around-sanctuary-policies/$"))
    assert "Sanctuary" in page.locator("h1").inner_text()
    assert "15 March 2019" in page.locator(".archive-byline").inner_text()
    assert page.locator("article p").count() > 20
    shoot(page, f"article-{device}")
    page.get_by_role("link", name="The original scrape, as captured").click()
    page.wait_for_url(re.compile(r"/original\.txt$"))
    assert "No comments:" in page.locator("body").inner_text()  # the capture, whole
    page.go_back()
    page.get_by_role("link", name="Cleaning report").click()
    page.wait_for_url(re.compile(r"/report/$"))
    assert "No comments:" in page.locator("article").inner_text()
    w.check_clean()


def test_search_finds_body_words_and_never_removed_lines(browser, site_server: str) -> None:  # type: ignore[no-untyped-def]
    w = Watched(browser, site_server, WIDTHS["desktop"])
    page = w.page
    page.goto(site_server)
    search(page, "Bernalillo")
    result = page.locator("a.md-search-result__link").first
    result.wait_for()
    assert "articles/agents-find-ways-around-sanctuary-policies/" in (result.get_attribute("href") or "")
    shoot(page, "search-desktop")
    result.click()
    page.wait_for_url(re.compile(r"/articles/agents-find-ways-around-sanctuary-policies/"))
    page.goto(site_server)
    search(page, "Nazi")
    assert page.locator("a.md-search-result__link").count() == 0
    assert "No matching documents" in page.locator(".md-search-result__meta").inner_text()
    w.check_clean()


def test_glossary_tooltip_on_keyboard_focus_and_link_back(browser, site_server: str) -> None:  # type: ignore[no-untyped-def]
    w = Watched(browser, site_server, WIDTHS["desktop"])
    page = w.page
    article = f"{site_server}articles/la-officials-oppose-ice-sanctuary-deployment/"
    page.goto(article)
    term = page.locator("a.archive-term", has_text="Senate Bill 54")
    term.focus()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible")
    assert "California" in tooltip.inner_text()
    shoot(page, "tooltip-desktop")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/sb-54/$"))
    assert page.locator("h1").inner_text() == "SB 54"
    page.go_back()
    page.wait_for_url(article)
    w.check_clean()


def test_glossary_tooltip_on_first_tap_then_link_on_second(browser, site_server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    article = f"{site_server}articles/la-officials-oppose-ice-sanctuary-deployment/"
    page.goto(article)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    term = page.locator("a.archive-term", has_text="Senate Bill 54")
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible")
    assert "California" in tooltip.inner_text()
    assert page.url == article  # the first tap explains, it does not navigate
    shoot(page, "tooltip-phone")
    term.tap()
    page.wait_for_url(re.compile(r"/glossary/sb-54/$"))
    context.close()
