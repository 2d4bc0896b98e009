"""A build of the whole site into a temporary folder, checked as a reader and a librarian would."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from .conftest import ARCHIVE, GOLD, SEED_IDS, SEEDS, SHARED, material_search_docs, needs_shared


@needs_shared("seeds")
def test_seed_originals_are_in_the_archive_byte_for_byte() -> None:
    for seed, article_id in SEED_IDS.items():
        original = ARCHIVE / "articles" / article_id / "original.txt"
        assert original.read_bytes() == (SEEDS / seed).read_bytes(), article_id


@needs_shared("gold/score.py", "gold/seeds.json")
def test_gold_score_of_the_export(built_site: Path) -> None:
    """Every gold paragraph kept, nothing else in any body, every gold metadata field
    right, and every glossary mention found (term F1 1.0)."""
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "gold" / "score.py"),
            str(built_site / "data" / "articles.json"),
            str(GOLD),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "body recall 1.000 precision 1.000" in result.stdout
    assert "metadata 1.000; missing 0" in result.stdout
    assert "term F1 1.000 (fp 0, fn 0)" in result.stdout


def test_search_index_has_every_body_word_and_no_removed_line(built_site: Path, offline_site: Path) -> None:
    docs = material_search_docs(offline_site)
    text = " ".join(d["text"] + " " + d["title"] for d in docs)
    assert "Bernalillo" in text
    assert "Nazi" not in text and "nazi" not in text  # only in reader comments
    assert "Subscribe to the SJS Weekly Newsletter" not in text
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    for article in articles:
        pages = [d for d in docs if d["location"].startswith(article["url"]) and "report" not in d["location"]]
        page_text = " ".join(d["title"] + " " + d["text"] for d in pages)
        for block in article["body"]:
            words = re.findall(r"\w+", block["text"])
            if words:
                assert words[-1] in page_text, (article["id"], block["text"][:50])


def test_home_page_lists_articles_newest_first_with_date_publisher_and_dek(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    positions = [html.index(f'href="{a["url"]}"') for a in articles]
    assert positions == sorted(positions)
    dates = [a["date"] for a in articles if a["date"]]
    assert dates == sorted(dates, reverse=True)
    assert "15 February 2020" in html and "Los Angeles Times" in html
    assert "LA Mayor Eric Garcetti and LAPD chief Michel Moore released a video" in html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.in_nav = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key):
                self.urls.append((tag, key, a[key] or ""))


def test_no_request_leaves_the_site(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, key, url in parser.urls:
            if tag in ("script", "img", "iframe") or (tag == "link" and key == "href" and "stylesheet" in url):
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag} loads {url}"
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8")


def test_articles_stay_out_of_the_navigation(built_site: Path) -> None:
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "articles/" not in nav


def test_article_page_header_body_and_provenance(built_site: Path) -> None:
    page = built_site / "articles" / "federal-immigration-crackdown-falls-apart"
    html = (page / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Federal immigration crackdown begins to fall apart" in html
    assert "By Amanda Sakuma" in html and "24 July 2014" in html and "MSNBC" in html
    assert 'href="http://www.msnbc.com/msnbc/cities-resist-secure-communities"' in html
    assert html.count('class="archive-break"') == 2
    assert 'href="report/#original-capture"' in html and 'href="original.txt"' in html and 'href="report/"' in html
    original = (page / "original.txt").read_bytes()
    sha = hashlib.sha256(original).hexdigest()
    assert sha in html
    report = (page / "report" / "index.html").read_text(encoding="utf-8")
    assert "pullquote" in report and "Jennie Pasquarella, attorney for the ACLU" in report


def test_headings_of_the_story_are_headings(built_site: Path) -> None:
    html = (built_site / "articles" / "la-social-workers-seek-ice-collaboration" / "index.html").read_text("utf-8")
    assert re.search(r"<h2[^>]*>Trump Expands Deportation Priorities", html)


def test_cleaning_report_lists_every_removed_line_with_its_reason(built_site: Path) -> None:
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    for article in articles:
        report = (built_site / article["url"] / "report" / "index.html").read_text(encoding="utf-8")
        for removed in article["removed"]:
            first = removed["text"].split("\n")[0]
            escaped = first.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped[:40] in report, (article["id"], first)
            assert removed["reason"] in report


def test_term_page_says_what_where_and_how_often(built_site: Path) -> None:
    html = (built_site / "glossary" / "hsi" / "index.html").read_text(encoding="utf-8")
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    mentioning = [a for a in articles if any("hsi" in b["terms"] for b in a["body"])]
    assert "Homeland Security Investigations" in html
    assert 'href="../ice/"' in html and 'href="../mart/"' in html  # related, both ways
    assert 'class="footnote"' in html and "https://www.ice.gov/about-ice" in html  # sources
    positions = [html.index(f'href="../../{a["url"]}"') for a in mentioning]
    assert positions == sorted(positions)  # newest first, as in the export
    assert f"in {len(mentioning)} articles" in html
    assert "<mark>Homeland Security Investigations</mark>" in html
    assert re.search(r'<svg class="archive-chart" role="img" aria-label="Mentions of HSI by year: [^"]+"', html)
    assert 'href="https://github.com/immigration-news-archive/archive/edit/main/archive/glossary/hsi.md"' in html


def test_related_terms_are_linked_both_ways(built_site: Path) -> None:
    # mart.md names hsi as related; hsi's page must link back even where hsi.md does not name mart.
    for a, b in [("mart", "hsi"), ("hsi", "mart"), ("sb-54", "ice"), ("ice", "sb-54")]:
        html = (built_site / "glossary" / a / "index.html").read_text(encoding="utf-8")
        assert f'href="../{b}/"' in html, (a, b)


def test_glossary_is_in_the_navigation_and_lists_every_term(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/"' in html
    index = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in ("ice", "hsi", "mart", "secure-communities", "sb-54"):
        assert f'href="{term}/"' in index


def test_article_links_are_relative_with_tooltips(built_site: Path) -> None:
    html = (built_site / "articles" / "la-officials-oppose-ice-sanctuary-deployment" / "index.html").read_text("utf-8")
    first = re.search(r'<a class="archive-term" href="([^"]+)" title="([^"]+)">Senate Bill 54</a>', html)
    assert first and first.group(1) == "../../glossary/sb-54/"
    assert html.count('class="archive-term" href="../../glossary/ice/"') == 1  # one section: one link
    assert html.count('<span class="archive-mention">ICE</span>') >= 5  # the later mentions: marked, not linked
    assert not re.search(r'href="/(?!/)', html)  # no root-absolute link: works under any sub-path


def test_the_report_numbers_every_line_of_the_capture_and_links_to_them(built_site: Path) -> None:
    page = built_site / "articles" / "homeland-security-officers-visit-la-schools"
    report = (page / "report" / "index.html").read_text(encoding="utf-8")
    lines = (page / "original.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert f'id="__codelineno-0-{len(lines)}"' in report
    assert f'id="__codelineno-0-{len(lines) + 1}"' not in report
    assert "Anyone still arguing the Nazi thing?" in report
    assert 'href="#__codelineno-0-20"' in report
    # The capture highlights exactly the removed lines the report lists.
    listed = set()
    for first, last in re.findall(r">Lines? (\d+)(?:–(\d+))?</a>", report):
        listed |= set(range(int(first), int(last or first) + 1))
    highlighted = {int(n) for n in re.findall(r'<span class="hll"><a href="#__codelineno-0-(\d+)"', report)}
    assert highlighted and highlighted == listed
