"""The site in a real browser: home page, an article, search, a glossary tooltip.

Playwright drives Debian's Chromium (`make test` installs it). Every request
is recorded: none may go to a host other than the local server, and the
console must stay free of errors. Screenshots go to test-artifacts/, at a
desktop width and at a phone width.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browsing import DEVICES, search, shoot
from .conftest import ROOT, SEED_IDS

pytestmark = pytest.mark.browser

SANCTUARY = "articles/agents-find-ways-around-sanctuary-policies/"


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, browser, base: str, device: str) -> None:
        self.context = browser.new_context(**DEVICES[device])
        self.page = self.context.new_page()
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))  # the search worker's too
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message) -> None:
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


@pytest.mark.parametrize("device", DEVICES)
def test_home_article_original_and_report(browser, site_server: str, device: str) -> None:
    w = Watched(browser, site_server, device)
    page = w.page
    page.goto(site_server)
    assert "annotated archive" in page.locator("h1").inner_text()
    links = page.locator("article a.archive-listing-title")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert sorted(hrefs) == sorted(f"articles/{article_id}/" for article_id in SEED_IDS.values())
    shoot(page, f"home-{device}")

    links.filter(has_text="Agents Find Ways Around").click()
    page.wait_for_url(site_server + SANCTUARY)
    assert "Sanctuary" in page.locator("h1").inner_text()
    assert "15 March 2019" in page.locator(".archive-byline").inner_text()
    assert page.locator("article p").count() > 20
    assert "Bernalillo County jail" in page.locator("article").inner_text()
    shoot(page, f"article-{device}")

    page.get_by_role("link", name="The original scrape, as captured").click()
    page.wait_for_url(site_server + SANCTUARY + "report/#original-capture")
    capture = page.locator("article .archive-original").inner_text()
    assert "New Mexico’s largest county" in capture  # decoded right, whatever the server says
    assert "No comments:" in capture  # the capture, whole, removed lines included
    with page.expect_response(re.compile(r"/original\.txt$")) as original:
        page.get_by_role("link", name="its exact bytes").click()
    assert original.value.status == 200
    assert original.value.headers["content-type"].startswith("text/plain")
    captured = ROOT / "archive" / SANCTUARY / "original.txt"
    assert page.request.get(original.value.url).body() == captured.read_bytes()  # byte for byte
    page.goto(site_server + SANCTUARY)

    page.get_by_role("link", name="Cleaning report").click()
    page.wait_for_url(re.compile(r"/report/$"))
    assert page.locator("h1").inner_text() == "Cleaning report"
    expect(page.get_by_role("heading", name="Removed lines")).to_be_visible()
    assert "No comments:" in page.locator("article").inner_text()
    line = page.locator("article a", has_text=re.compile(r"^Lines? \d+")).last  # a removed line's link
    number = re.search(r"\d+", line.inner_text()).group(0)
    line.click()
    page.wait_for_url(re.compile(rf"#__codelineno-0-{number}$"))
    shown = page.locator(f"#__codelineno-0-{number}")
    expect(shown).to_be_in_viewport()
    w.check_clean()


@pytest.mark.parametrize("device", DEVICES)
def test_search_finds_body_words_and_never_removed_lines(browser, site_server: str, device: str) -> None:
    w = Watched(browser, site_server, device)
    page = w.page
    page.goto(site_server)
    search(page, "Bernalillo")  # only in that article's body
    results = page.locator("a.md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert hrefs and all(SANCTUARY in href for href in hrefs), hrefs
    shoot(page, f"search-{device}")
    results.first.click()
    page.wait_for_url(re.compile(re.escape(SANCTUARY)))
    assert "Sanctuary" in page.locator("h1").inner_text()

    page.goto(site_server)
    search(page, "Nazi")  # only in reader comments, which the cleaner removed
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    assert page.locator("a.md-search-result__link").count() == 0
    w.check_clean()


def assert_readable_above(page, term, tooltip) -> None:
    """The tooltip in body text size, above its term: the term's line and the
    lines below stay in view; and under the header, not behind it."""
    tooltip.wait_for(state="visible")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    body_size = term.evaluate("e => parseFloat(getComputedStyle(e.closest('p')).fontSize)")  # the story's text
    size = tooltip.evaluate("e => parseFloat(getComputedStyle(e.querySelector('.md-tooltip2__inner') || e).fontSize)")
    assert size >= body_size, (size, body_size)
    box, host = tooltip.bounding_box(), term.bounding_box()
    assert box["y"] + box["height"] <= host["y"] + 1, (box, host)
    header = page.locator("header.md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)


def test_glossary_tooltip_on_keyboard_focus_and_link_back(browser, site_server: str) -> None:
    w = Watched(browser, site_server, "desktop")
    page = w.page
    article = f"{site_server}articles/la-officials-oppose-ice-sanctuary-deployment/"
    page.goto(article)
    term = page.locator("a.archive-term", has_text="Senate Bill 54")
    term.focus()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible")
    assert "California" in tooltip.inner_text()
    assert_readable_above(page, term, tooltip)
    shoot(page, "tooltip-desktop")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/sb-54/$"))
    assert page.locator("h1").inner_text() == "SB 54"
    page.go_back()
    page.wait_for_url(article)
    w.check_clean()


def test_glossary_tooltip_on_first_tap_then_link_on_second(browser, site_server: str) -> None:
    w = Watched(browser, site_server, "phone")
    page = w.page
    article = f"{site_server}articles/la-officials-oppose-ice-sanctuary-deployment/"
    page.goto(article)
    assert page.evaluate("matchMedia('(hover: none)').matches")
    term = page.locator("a.archive-term", has_text="Senate Bill 54")
    term.evaluate("e => e.scrollIntoView({block: 'center'})")  # mid-screen, where a reader taps
    term.tap()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    expect(tooltip).to_be_in_viewport()
    assert "California" in tooltip.inner_text()
    assert_readable_above(page, term, tooltip)
    assert page.url == article  # the first tap explains, it does not navigate
    shoot(page, "tooltip-phone")
    term.tap()
    page.wait_for_url(re.compile(r"/glossary/sb-54/$"))
    w.check_clean()


def test_a_term_near_the_top_has_its_tooltip_below_in_view(browser, site_server: str) -> None:
    w = Watched(browser, site_server, "desktop")
    page = w.page
    page.goto(f"{site_server}articles/la-officials-oppose-ice-sanctuary-deployment/")
    term = page.locator("a.archive-term").first
    # Just under the header: no room above it for a tooltip.
    term.evaluate(
        "e => window.scrollBy(0, e.getBoundingClientRect().top - document.querySelector('.md-header').offsetHeight - 8)"
    )
    term.hover()
    tooltip = page.locator(".md-tooltip2--active").first
    tooltip.wait_for(state="visible")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    expect(tooltip).to_be_in_viewport(ratio=1)
    box, host = tooltip.bounding_box(), term.bounding_box()
    assert box["y"] >= host["y"] + host["height"] - 1, (box, host)
    w.check_clean()


@pytest.mark.parametrize("device", DEVICES)
def test_an_article_links_each_term_once_per_section(browser, site_server: str, device: str) -> None:
    """A keyboard reader meets one tab stop per term and section, not one per "ICE"."""
    w = Watched(browser, site_server, device)
    page = w.page
    page.goto(f"{site_server}articles/la-social-workers-seek-ice-collaboration/")
    marks = page.evaluate(
        """() => [...document.querySelectorAll('article .archive-term, article .archive-mention')].map(e => {
            let section = 0;
            for (const h of document.querySelectorAll('article h2')) {
                if (h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) section++;
            }
            return {section, link: e.matches('a[href]'), href: e.getAttribute('href'), tabbable: e.tabIndex >= 0,
                    text: e.textContent, underlined: getComputedStyle(e).textDecorationLine};
        })"""
    )
    links = [(m["section"], m["href"]) for m in marks if m["link"]]
    later = [m for m in marks if not m["link"]]
    assert links and later, marks
    assert len(links) == len(set(links)), links  # one link per term per section
    assert not any(m["tabbable"] for m in later)  # later mentions: no tab stop
    assert all(m["underlined"] == "underline" for m in marks)  # and still marked
    shoot(page, f"article-marks-{device}")
    w.check_clean()


@pytest.mark.parametrize("device", DEVICES)
def test_a_term_page_links_each_mention_to_its_paragraph(browser, site_server: str, device: str) -> None:
    w = Watched(browser, site_server, device)
    page = w.page
    page.goto(f"{site_server}glossary/sb-54/")
    years = page.locator("svg.archive-chart text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert [y for y in years if len(y) == 4] == [str(y) for y in range(2014, 2026)]  # every year of the archive
    page.locator("svg.archive-chart").scroll_into_view_if_needed()
    shoot(page, f"term-{device}")
    item = page.locator("article li", has=page.locator("mark", has_text="Senate Bill 54")).first
    sentence = item.inner_text()
    assert sentence.startswith("Those tensions are especially evident in California")
    item.get_by_role("link", name=re.compile(r"^paragraph \d+$")).click()
    page.wait_for_url(re.compile(r"/articles/la-officials-oppose-ice-sanctuary-deployment/#p\d+$"))
    target = page.locator(f"[id='{page.url.rsplit('#', 1)[1]}']")
    expect(target).to_be_in_viewport()
    assert "Senate Bill 54" in target.inner_text()
    w.check_clean()


@pytest.mark.parametrize("device", DEVICES)
def test_a_report_reads_on_a_phone(browser, site_server: str, device: str) -> None:
    """The metadata table scrolls in its box (the page does not), wrapped
    capture lines hang right of their numbers, and the highlight has a legend."""
    w = Watched(browser, site_server, device)
    page = w.page
    page.goto(f"{site_server}articles/la-social-workers-seek-ice-collaboration/report/")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    box = page.get_by_role("region", name="Metadata (table)")
    box.scroll_into_view_if_needed()
    shoot(page, f"report-table-{device}")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    last = box.locator("th").last
    if device == "phone":
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the phone: it scrolls
        assert last.bounding_box()["x"] + last.bounding_box()["width"] > width  # ...its last column out of view
        box.focus()
        page.keyboard.press("ArrowRight")  # a keyboard scrolls it too
        page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())
        box.evaluate("e => e.scrollLeft = e.scrollWidth")
    edge = last.bounding_box()
    assert edge["x"] + edge["width"] <= width, edge  # every column can be brought into view, none is cut

    capture = page.locator("article .archive-original code")
    capture.scroll_into_view_if_needed()
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.archive-original code > span[id^="__span-"]')].map(line => {
            const range = document.createRange();
            const text = [...line.querySelectorAll('*')].concat([line]).flatMap(n => [...n.childNodes])
                .find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
            if (!text) return null;
            range.selectNodeContents(text);
            const starts = new Map();  // each line box of the text: where it starts
            for (const r of range.getClientRects()) {
                const top = Math.round(r.top);
                if (r.width > 0) starts.set(top, Math.min(r.left, starts.get(top) ?? r.left));
            }
            return {lefts: [...starts.values()], code: line.closest('code').getBoundingClientRect().left};
        }).filter(l => l)"""
    )
    wrapped = [line for line in lines if len(line["lefts"]) > 1]
    if device == "phone":
        assert wrapped, "no capture line wraps on a phone"
    for line in wrapped:  # every wrapped part starts where the line's text starts, right of its number
        first = line["lefts"][0]
        assert first > line["code"] + 20, line
        assert all(abs(left - first) <= 1 for left in line["lefts"]), line
    legend = page.locator(".archive-legend")
    expect(legend).to_be_visible()
    sample = legend.locator(".archive-removed-sample")
    assert "highlighted" in sample.inner_text()
    removed_colour = page.locator(".archive-original .hll").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert sample.evaluate("e => getComputedStyle(e).backgroundColor") == removed_colour
    page.locator(".archive-original .hll").first.scroll_into_view_if_needed()
    shoot(page, f"report-capture-{device}")
    w.check_clean()


def test_citation_copy_button_copies_the_bibtex(browser, site_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page = context.new_page()
    page.goto(site_server + "articles/la-officials-oppose-ice-sanctuary-deployment/")
    bibtex = page.locator("h2#cite-this-article ~ div.highlight").nth(2)
    bibtex.scroll_into_view_if_needed()
    bibtex.hover()
    bibtex.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@article{")
    assert "author = {Brittny Mejia and Molly Hennessy-Fiske and Leila Miller}" in copied
    shoot(page, "cite-desktop")
    context.close()


def test_print_shows_the_article_without_site_chrome(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server + SANCTUARY)
    page.emulate_media(media="print")
    for chrome in ("header.md-header", ".md-sidebar--primary", ".md-sidebar--secondary", "footer.md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible()
    assert page.get_by_text("Bernalillo County jail in Albuquerque").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()
