"""The home page presents the collection: how many articles, from which years
and publishers, the ways to browse it, the glossary's terms and how to propose
one; the About page says who keeps the archive, how articles are chosen and how
to reach the keepers; the archive's name, logo and colours, the name whole on a
phone. Checked in the built HTML and in Chromium."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from archivist.build.pipeline import Output
from archivist.render import home
from archivist.render.home import home_page

from .browsing import DEVICES, shoot
from .conftest import ROOT, SEED_IDS, html_text

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO = CONFIG["repo_url"].rstrip("/")
# The seeds' years and publishers, as their scrapes and curators' notes give them
# (la-social-workers-seek-ice-collaboration has no date of publication).
ARTICLES_BY_YEAR = {
    "2025": ["homeland-security-officers-visit-la-schools"],
    "2020": ["la-officials-oppose-ice-sanctuary-deployment"],
    "2019": ["agents-find-ways-around-sanctuary-policies"],
    "2014": ["federal-immigration-crackdown-falls-apart"],
}
PUBLISHERS = ["Associated Press", "Los Angeles Times", "The Chronicle of Social Change", "MSNBC", "Unknown publisher"]
TERMS = {"HSI": "hsi", "ICE": "ice", "MART": "mart", "SB 54": "sb-54", "Secure Communities": "secure-communities"}
# How many seeds mention each term (archive/glossary/, in the originals).
ARTICLES_PER_TERM = {"ice": 5, "hsi": 2, "mart": 1, "sb-54": 1, "secure-communities": 1}


class Links(HTMLParser):
    """Every link of the page's content (inside <article>): its address and text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._depth = 0
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "article":
            self._depth += 1
        if tag == "a" and self._depth:
            self._href, self._text = a.get("href") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_the_home_page_gives_the_collection_in_figures(built_site: Path) -> None:
    text = " ".join(html_text((built_site / "index.html").read_text(encoding="utf-8")).split())
    assert (
        "The archive holds 5 articles published from 2014 to 2025, "
        "by 4 publishers, annotated with 5 glossary terms."  # an unknown publisher is not counted
    ) in text


def test_the_home_page_links_each_year_publisher_and_term_to_its_place(built_site: Path) -> None:
    by_text = {text: href for href, text in parsed(built_site / "index.html").links}
    for year, dated in ARTICLES_BY_YEAR.items():
        href = by_text[year]  # the year's own page lists its articles
        assert href.startswith("browse/timeline/"), (year, href)
        page = (built_site / href / "index.html").read_text(encoding="utf-8")
        assert f"Articles of {year}" in page
        assert all(f'href="../../../articles/{article_id}/"' in page for article_id in dated), year
    for publisher in PUBLISHERS:
        href = by_text[publisher]  # the publisher's own page
        assert href.startswith("browse/publishers/"), (publisher, href)
        page = (built_site / href / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{re.escape(html.escape(publisher, quote=False))}<", page), publisher
    for term, entry_id in TERMS.items():
        assert by_text[term] == f"glossary/{entry_id}/"
    assert by_text["By date"] == "browse/timeline/"
    assert by_text["By publisher"] == "browse/publishers/"
    assert by_text["By term"] == "glossary/"


def test_propose_a_term_links_to_the_issue_form_and_the_guide(built_site: Path) -> None:
    links = {text: href for href, text in parsed(built_site / "index.html").links}
    form = links["Propose a term"]
    assert form == f"{REPO}/issues/new?template=glossary.yml"
    template = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "glossary.yml").read_text(encoding="utf-8"))
    assert template["name"] and any(field.get("id") == "term" for field in template["body"])  # an issue form
    assert links["CONTRIBUTING.md"] == f"{REPO}/blob/HEAD/CONTRIBUTING.md"
    assert (ROOT / "CONTRIBUTING.md").is_file()


def test_without_a_repository_propose_a_term_leads_to_the_about_page(seed_output: Output) -> None:
    page = home_page("# Home", seed_output.articles, seed_output.glossary, repo_url="")
    assert "[Propose one](about.md#contributing)" in page and "issues/new" not in page


def test_a_large_archive_shows_its_most_common_publishers_and_terms_and_links_to_the_rest(
    monkeypatch: pytest.MonkeyPatch, seed_output: Output
) -> None:
    monkeypatch.setattr(home, "HOME_PUBLISHERS", 2)
    monkeypatch.setattr(home, "HOME_TERMS", 3)
    page = home_page("# Home", seed_output.articles, seed_output.glossary, REPO, shown=2)
    assert "and [3 others](browse/publishers.md)" in page  # 5 publishers, "Unknown publisher" one of them
    assert "and [2 others](glossary/index.md)" in page
    terms = re.findall(r"\]\(glossary/([a-z0-9-]+)\.md\)\{ \.archive-tag \}", page)
    # the terms in the most articles: ICE (5), HSI (2), then one of those in 1
    assert len(terms) == 3 and {"ice", "hsi"} < set(terms)
    assert ARTICLES_PER_TERM[(set(terms) - {"ice", "hsi"}).pop()] == 1
    assert "all 5 are listed [by date](browse/timeline.md)" in page
    shown = {a for a in SEED_IDS.values() if f"articles/{a}/index.md" in page}
    assert shown == {"homeland-security-officers-visit-la-schools", "la-officials-oppose-ice-sanctuary-deployment"}
    small = home_page("# Home", seed_output.articles, seed_output.glossary)
    assert "newest follow" not in small  # a small archive: every article


def test_the_about_page_says_who_keeps_the_archive_how_it_chooses_and_how_to_reach_them(built_site: Path) -> None:
    page = built_site / "about" / "index.html"
    headings = re.findall(r"<h2[^>]*>(.*?)<", page.read_text(encoding="utf-8"))
    assert {"Who keeps the archive", "How articles are selected", "How to reach the keepers"} <= set(headings)
    outside = [href for href, _ in parsed(page).links if href.startswith("https://github.com/")]
    assert outside and all(href.startswith(REPO) for href in outside), outside  # they follow repo_url
    assert f"{REPO}/issues/new?template=glossary.yml" in outside
    assert f"{REPO}/blob/HEAD/CONTRIBUTING.md" in outside


def test_the_archive_name_logo_and_colours_come_from_mkdocs_yml(built_site: Path) -> None:
    theme = CONFIG["theme"]
    assert (ROOT / "archive" / "pages" / theme["logo"]).is_file()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<img src="{theme["logo"]}" alt="logo">' in html
    assert f"<title>{CONFIG['site_name']}</title>" in html
    for palette in theme["palette"]:
        primary = palette["primary"].replace(" ", "-")
        assert f'data-md-color-primary="{primary}"' in html


@pytest.mark.browser
@pytest.mark.parametrize("device", DEVICES)
def test_the_site_name_is_whole_in_the_header(browser, site_server: str, device: str) -> None:
    context = browser.new_context(**DEVICES[device])
    page = context.new_page()
    page.goto(site_server)
    name = page.locator(".md-header__title .md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_have_text(CONFIG["site_name"])
    box = name.bounding_box()
    width = page.viewport_size["width"]
    cut = name.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1")
    assert not cut, f"the site name is cut off at {width}px"
    header = page.locator(".md-header").bounding_box()
    assert box and header and box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    buttons = page.locator(".md-header__button:visible, .md-header__option:visible, .md-search:visible").all()
    right = [b.bounding_box() for b in buttons]
    after = [b["x"] for b in right if b and b["x"] > box["x"]]
    assert box["x"] + box["width"] <= min(after, default=width), "the site name runs under the header's buttons"
    shoot(page, f"home-collection-{device}")
    context.close()


@pytest.mark.browser
def test_a_reader_goes_from_a_publisher_on_the_home_page_to_its_articles(browser, site_server: str) -> None:
    context = browser.new_context(**DEVICES["phone"])
    page = context.new_page()
    page.goto(site_server)
    page.get_by_role("link", name="Los Angeles Times").tap()
    page.wait_for_url(re.compile(r"/browse/publishers/los-angeles-times/$"))
    expect(page.get_by_role("heading", name="Los Angeles Times", level=1)).to_be_in_viewport()
    expect(page.locator("article a[href*='articles/']").first).to_be_visible()
    context.close()
