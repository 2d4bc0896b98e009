"""Browsing and citing: timeline, publishers, terms as tags, related articles, citations, search ranking."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from archivist.build.pipeline import Output
from archivist.render.citation import apa, bibtex, chicago

from .conftest import SEED_IDS, SEEDS_NEWEST_FIRST, material_search_docs

# Each seed's publisher, as its scrape or its curator names it.
PUBLISHERS = {
    "homeland-security-officers-visit-la-schools": "Associated Press",
    "la-officials-oppose-ice-sanctuary-deployment": "Los Angeles Times",
    "agents-find-ways-around-sanctuary-policies": "Unknown publisher",  # a lawyer's blog, no publisher named
    "la-social-workers-seek-ice-collaboration": "The Chronicle of Social Change",
    "federal-immigration-crackdown-falls-apart": "MSNBC",
}


def listed(html: str) -> list[str]:
    """The article ids a built list page links to, in order."""
    return re.findall(r'class="archive-listing-title" href="(?:\.\./)+articles/([a-z0-9-]+)/"', html)


def test_timeline_lists_the_years_newest_first_and_each_year_by_month(built_site: Path) -> None:
    index = (built_site / "browse" / "timeline" / "index.html").read_text(encoding="utf-8")
    years = re.findall(r'<a href="(\d{4})/">\1</a>: 1 article', index)
    assert years == sorted(years, reverse=True) == ["2025", "2020", "2019", "2017", "2014"]
    year = (built_site / "browse" / "timeline" / "2020" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>February 2020", year)
    assert listed(year) == ["la-officials-oppose-ice-sanctuary-deployment"]
    assert 'href="../">All years</a>' in year
    found = [
        i for y in years for i in listed((built_site / "browse" / "timeline" / y / "index.html").read_text("utf-8"))
    ]
    assert found == SEEDS_NEWEST_FIRST  # every article once, newest first


def test_publishers_page_links_each_publisher_to_its_articles(built_site: Path) -> None:
    index = (built_site / "browse" / "publishers" / "index.html").read_text(encoding="utf-8")
    for article_id, publisher in PUBLISHERS.items():
        link = re.search(rf'<a href="([a-z0-9-]+)/">{re.escape(publisher)}</a>: 1 article', index)
        assert link, publisher
        page = (built_site / "browse" / "publishers" / link.group(1) / "index.html").read_text(encoding="utf-8")
        assert listed(page) == [article_id] and f">{publisher}</h1>" in page


def synthetic(base, count: int, years: int = 2, publishers: int = 1) -> list:
    """``count`` copies of the seed article ``base`` with dates over ``years`` years
    and ``publishers`` publishers."""
    import dataclasses

    from archivist.model import Field

    out = []
    for n in range(count):
        meta = dataclasses.replace(
            base.meta,
            date=Field(dt.date(2020 - n % years, 1 + n % 12, 1 + n % 28), "test"),
            publisher=Field(f"Publisher {n % publishers}", "test"),
        )
        out.append(dataclasses.replace(base, id=f"a{n:05d}", cleaned=dataclasses.replace(base.cleaned, metadata=meta)))
    return out


def test_a_large_year_or_publisher_is_cut_into_linked_pages_of_bounded_length(seed_output: Output) -> None:
    from archivist.render.article import newest_first
    from archivist.render.browse_lists import publisher_pages, timeline_pages

    articles = newest_first(synthetic(seed_output.articles[0], 23))
    for pages, index in (
        (timeline_pages(articles, per_page=5), "browse/timeline.md"),
        (publisher_pages(articles, per_page=5), "browse/publishers.md"),
    ):
        parts = [p for p in pages if p != index]
        # 2020 and 2019 (12 and 11 articles) in pages of at most 5; one publisher in 5 pages
        assert len(parts) == (6 if "timeline" in index else 5)
        entries = {p: re.findall(r"articles/(a\d+)/index\.md", pages[p]) for p in parts}
        assert all(0 < len(ids) <= 5 for ids in entries.values()), entries
        assert [i for p in parts for i in entries[p]] == [a.id for a in articles]  # each once, newest first
        linked = re.findall(r"\]\((?:timeline|publishers)/([a-z0-9-]+\.md)\)", pages[index])
        assert sorted(linked) == sorted(p.rsplit("/", 1)[1] for p in parts)  # the index links every page
        for part in parts:  # each page links back to the index and to its neighbours, which exist
            for target in re.findall(r"\]\(((?:\.\./)?[a-z0-9-]+\.md)\)", pages[part]):
                assert posixpath.normpath(posixpath.join(posixpath.dirname(part), target)) in pages, (part, target)
        assert "[older]" in pages[parts[0]] and "[newer]" in pages[parts[1]]


def test_no_list_page_passes_a_few_hundred_kilobytes_at_ten_thousand_articles(seed_output: Output) -> None:
    from archivist.render.article import newest_first
    from archivist.render.browse_lists import publisher_pages, timeline_pages

    # 2,000 a year, 3,333 a publisher
    articles = newest_first(synthetic(seed_output.articles[0], 10_000, years=5, publishers=3))
    pages = {**timeline_pages(articles), **publisher_pages(articles)}
    biggest = max(len(text.encode("utf-8")) for text in pages.values())
    assert biggest < 200_000, biggest  # the Markdown; one list of all was 3 MB of HTML
    assert sum(len(re.findall(r"articles/a\d+/index\.md", t)) for t in pages.values()) == 2 * 10_000


def test_article_shows_its_terms_as_tags_and_related_articles(built_site: Path) -> None:
    html = (built_site / "articles" / "la-social-workers-seek-ice-collaboration" / "index.html").read_text("utf-8")
    tags = re.findall(r'<a class="archive-tag" href="../../glossary/([a-z0-9-]+)/">', html)
    assert tags == ["hsi", "ice", "mart"]
    related = html.split('id="related-articles"', 1)[1].split("<h2", 1)[0]
    linked = re.findall(r'href="\.\./([a-z0-9-]+)/"', related)
    # The schools article shares two terms (hsi, ice); the others only ice.
    assert linked[0] == "homeland-security-officers-visit-la-schools"
    assert "la-social-workers-seek-ice-collaboration" not in linked


def test_citations_name_the_original_and_the_archive(seed_output: Output) -> None:
    by_id = {a.id: a for a in seed_output.articles}
    article = by_id["la-officials-oppose-ice-sanctuary-deployment"]
    address = "https://archive.example.org/articles/la-officials-oppose-ice-sanctuary-deployment/"
    text = chicago(article, "The Archive", address)
    assert text.startswith("Mejia, Brittny, Molly Hennessy-Fiske, and Leila Miller. “LA officials oppose ICE plan")
    assert "Los Angeles Times, February 15, 2020." in text and text.endswith(f"Archived in The Archive, {address}.")
    expected_apa = "Mejia, B., Hennessy-Fiske, M., & Miller, L. (2020, February 15)."
    assert apa(article, "The Archive", address).startswith(expected_apa)
    bib = bibtex(article, "The Archive", address)
    assert "author = {Brittny Mejia and Molly Hennessy-Fiske and Leila Miller}" in bib
    assert bib.count("{") == bib.count("}")
    msnbc = bibtex(by_id["federal-immigration-crackdown-falls-apart"], "A & B_C {x}", address)
    assert "url = {http://www.msnbc.com/msnbc/cities-resist-secure-communities}" in msnbc
    assert r"A \& B\_C \{x\}" in msnbc


def test_cite_section_is_on_every_article_and_out_of_search(built_site: Path) -> None:
    for article_id in SEED_IDS.values():
        html = (built_site / "articles" / article_id / "index.html").read_text(encoding="utf-8")
        assert 'id="cite-this-article"' in html and "BibTeX" in html
        assert "data-search-exclude" in html.split('id="cite-this-article"')[0][-200:]


def test_search_index_knows_titles_authors_publishers_and_boosts_the_glossary(offline_site: Path) -> None:
    pages = {d["location"]: d for d in material_search_docs(offline_site)}
    article = pages["articles/la-officials-oppose-ice-sanctuary-deployment/"]
    assert "Los Angeles Times" in article["title"] and "15 February 2020" in article["title"]
    assert "Brittny Mejia" in article["text"]
    sb54 = pages["glossary/sb-54/"]
    assert sb54.get("boost", 1) > 1
    assert "Senate Bill 54" in sb54["text"] and "California Values Act" in sb54["text"]
    assert "Immigration and Customs Enforcement" in pages["glossary/ice/"]["text"]


def test_reading_time_in_the_byline(built_site: Path) -> None:
    html = (built_site / "articles" / "federal-immigration-crackdown-falls-apart" / "index.html").read_text("utf-8")
    assert re.search(r"· \d+ min read</p>", html)


def test_a_term_page_shows_the_newest_articles_in_context_and_counts_them_all(seed_output: Output) -> None:
    from archivist.render.term_pages import mentions_by_term, mentions_section

    ice = next(e for e in seed_output.glossary.entries if e.id == "ice")
    newest, *older = SEEDS_NEWEST_FIRST  # every seed names ICE (or Immigration and Customs Enforcement)
    hits = mentions_by_term(seed_output.articles)["ice"]
    capped = mentions_section(ice, hits, shown=1)
    assert "The 1 newest of the 5 articles follow" in capped
    assert f"articles/{newest}/index.md" in capped
    assert not any(f"articles/{a}/index.md" in capped for a in older)
    assert "in 5 articles" in capped  # the count and the chart still cover them all
    whole = mentions_section(ice, hits)
    assert "newest of the" not in whole and all(f"articles/{a}/index.md" in whole for a in SEEDS_NEWEST_FIRST)


def test_related_articles_are_those_sharing_the_most_terms_then_the_newest(seed_output: Output) -> None:
    """The bit-plane count agrees with counting shared terms pair by pair."""
    import dataclasses
    import random

    from archivist.model import Field, Mention
    from archivist.render.article import newest_first
    from archivist.render.browse import related_index, terms_of

    base = seed_output.articles[0]
    rng = random.Random(7)
    terms = [f"t{i}" for i in range(12)]
    articles = []
    for n in range(150):
        picked = rng.sample(terms, rng.choice([0, 1, 2, 3, 5, 8]))
        year, month, day = 2000 + rng.randrange(10, 13), rng.randrange(1, 4), 10 + rng.randrange(0, 3)
        date = Field(dt.date(year, month, day), "test")  # many ties
        cleaned = dataclasses.replace(base.cleaned, metadata=dataclasses.replace(base.meta, date=date))
        mentions = tuple(Mention(t, 0, 0, 1) for t in picked)
        articles.append(dataclasses.replace(base, id=f"a{n:03d}", cleaned=cleaned, mentions=mentions))
    order = {a.id: i for i, a in enumerate(newest_first(articles))}
    found = related_index(articles)
    for a in articles:
        shared = {b.id: len(terms_of(a) & terms_of(b)) for b in articles if b.id != a.id}
        expected = sorted((b for b in shared if shared[b]), key=lambda b: (-shared[b], order[b]))[:5]
        assert [b.id for b in found[a.id]] == expected, a.id
    assert any(len(v) == 5 for v in found.values()) and any(not v for v in found.values())
