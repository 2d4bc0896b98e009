"""Search on the hosted site: Material's search box, answered by Pagefind.

The reader types in Material's box; assets/search-worker.js asks Pagefind,
which downloads only the index chunks and fragments a query needs. Tested on
the built site, served under a sub-path, in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browsing import search
from .subpath import serve

SANCTUARY = "articles/agents-find-ways-around-sanctuary-policies/"


def test_material_index_is_empty_and_pagefind_indexes_stories_not_reports(built_site: Path) -> None:
    index = built_site / "search" / "search_index.json"
    assert json.loads(index.read_text(encoding="utf-8"))["docs"] == []  # nothing large for readers to load
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    article = (built_site / SANCTUARY / "index.html").read_text(encoding="utf-8")
    body = re.search(
        r'<div data-pagefind-body[^>]*>(.*?)</div>\s*<hr class="archive-end"',
        article,
        re.S,
    )
    assert body and "Bernalillo County jail" in body.group(1)
    assert "Cite this article" not in body.group(1)  # what follows the story is not indexed
    report = (built_site / SANCTUARY / "report" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in report  # removed lines are never found
    assert "data-pagefind-body" in (built_site / "glossary" / "sb-54" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_search_under_a_sub_path_answers_from_pagefind(browser, built_site: Path) -> None:
    with serve(built_site) as server:
        base = server.origin + server.prefix
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + SANCTUARY)

        search(page, "Bernalillo")  # a word of one article's body
        results = page.locator("a.md-search-result__link")
        expect(results.first).to_be_visible()
        hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
        assert hrefs and all(href.startswith(base + SANCTUARY) for href in hrefs), hrefs
        assert "Sanctuary" in results.first.inner_text()  # the title, with publisher and date
        assert results.first.locator("mark").first.inner_text().lower() == "bernalillo"  # the excerpt marks it
        assert any(url.startswith(base + "pagefind/") and url.endswith(".pf_index") for url in requests)

        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").press_sequentially(" Nazi")  # only in removed comments
        expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")

        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").press_sequentially("ICE")
        expect(results.first).to_have_attribute("href", re.compile(re.escape(base + "glossary/ice/")))
        results.first.click()
        page.wait_for_url(re.compile(re.escape(base + "glossary/ice/")))
        assert not errors, errors
        assert all(url.startswith(server.origin) for url in requests)
        page.close()


# Words in no article, each of which Pagefind alone answers with pages holding a
# shorter word that begins it (issue 16): "over", "co-director", "MART".
ABSENT = ("Overton", "cojones", "martian")


def article_words(site: Path) -> set[str]:
    """Every word of every article's title and body, as the export has them."""
    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    text = " ".join([a["title"] for a in articles] + [b["text"] for a in articles for b in a["body"]])
    return set(re.findall(r"\w+", text.lower()))


def pagefind_alone(page, query: str) -> list[str]:
    """The pages Pagefind itself returns for ``query``, without the worker's check."""
    return page.evaluate(
        """async query => {
            const pf = await import(new URL("pagefind/pagefind.js", document.baseURI).href)
            await pf.options({ baseUrl: new URL(".", document.baseURI).pathname })
            const found = await pf.search(query)
            return Promise.all(found.results.map(async r => (await r.data()).url))
        }""",
        query,
    )


@pytest.mark.browser
@pytest.mark.parametrize("word", ABSENT)
def test_a_word_in_no_article_finds_nothing_though_pagefind_alone_finds_pages(
    browser, built_site: Path, word: str
) -> None:
    assert not any(w.startswith(word.lower()) for w in article_words(built_site))
    with serve(built_site) as server:
        page = browser.new_page()
        page.goto(server.origin + server.prefix)
        assert pagefind_alone(page, word)  # the trap: a shorter word's pages
        search(page, word)
        expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
        assert page.locator("a.md-search-result__link").count() == 0
        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").press_sequentially(f"county {word}")  # one word missing of two
        expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Bernal", SANCTUARY),  # the start of a word: the reader is still typing "Bernalillo"
        ("raid", "articles/"),  # begins "raids": the archive has no "raid"
        ("co-director", "articles/federal-immigration-crackdown-falls-apart/"),  # "co" and "director"
        ("Bernalillo county", SANCTUARY),  # every word, anywhere in the page
    ],
)
def test_typed_words_find_the_words_they_begin(browser, built_site: Path, typed: str, found: str) -> None:
    with serve(built_site) as server:
        base = server.origin + server.prefix
        page = browser.new_page()
        page.goto(base)
        search(page, typed)
        results = page.locator("a.md-search-result__link")
        expect(results.first).to_be_visible()
        hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
        assert any(h.startswith(base + found) for h in hrefs), hrefs
        page.close()


def results_of(page) -> list[dict[str, object]]:
    """Each result Material shows: its address, title, kind tags and excerpt."""
    return page.locator("a.md-search-result__link").evaluate_all(
        """links => links.map(a => ({
            href: a.getAttribute("href"),
            title: a.querySelector("h1, h2")?.innerText || "",
            tags: [...a.querySelectorAll(".md-tag")].map(t => t.innerText),
            excerpt: a.querySelector("p")?.innerText || "",
        }))"""
    )


@pytest.mark.browser
def test_results_are_marked_by_kind_and_the_terms_a_query_names_come_first(browser, built_site: Path) -> None:
    with serve(built_site) as server:
        base = server.origin + server.prefix
        page = browser.new_page()
        page.goto(base)
        search(page, "Immigration and Customs Enforcement")  # ICE's full name; HSI's page says it is part of ICE
        results = page.locator("a.md-search-result__link")
        expect(results.first).to_have_attribute("href", re.compile(re.escape(base + "glossary/ice/")))
        found = results_of(page)
        kinds = [r["tags"] for r in found]
        assert kinds[0] == ["Glossary term"] and all(len(k) == 1 for k in kinds), kinds
        order = {"Article": 1, "Glossary term": 2, "Page": 3}
        assert [order[k[0]] for k in kinds[1:]] == sorted(order[k[0]] for k in kinds[1:])  # articles, terms, pages
        hrefs = [str(r["href"]) for r in found]
        assert all(("/articles/" in h) == (r["tags"] == ["Article"]) for h, r in zip(hrefs, found, strict=True))
        hsi = next(i for i, h in enumerate(hrefs) if h.startswith(base + "glossary/hsi/"))
        assert hsi > max(i for i, h in enumerate(hrefs) if "/articles/" in h)  # after the articles, not before ICE
        page.close()


@pytest.mark.browser
def test_term_pages_are_found_by_their_definition_not_the_sentences_they_quote(browser, built_site: Path) -> None:
    ice = (built_site / "glossary" / "ice" / "index.html").read_text(encoding="utf-8")
    assert "Garcetti" in ice  # quoted from an article, in the list of mentions
    with serve(built_site) as server:
        base = server.origin + server.prefix
        page = browser.new_page()
        page.goto(base)
        search(page, "Garcetti")
        expect(page.locator("a.md-search-result__link").first).to_be_visible()
        hrefs = [str(r["href"]) for r in results_of(page)]
        assert any(h.startswith(base + "articles/la-officials-oppose-ice-sanctuary-deployment/") for h in hrefs)
        assert not any("/glossary/" in h for h in hrefs), hrefs
        page.close()


@pytest.mark.browser
def test_excerpts_do_not_repeat_the_title_line(browser, built_site: Path) -> None:
    with serve(built_site) as server:
        page = browser.new_page()
        page.goto(server.origin + server.prefix)
        search(page, "sanctuary")  # in two articles' titles and bodies
        expect(page.locator("a.md-search-result__link").first).to_be_visible()
        found = results_of(page)
        articles = [r for r in found if r["tags"] == ["Article"]]
        assert len(articles) == 2
        for r in articles:
            headline = str(r["title"]).split(" · ")[0]
            assert headline and headline not in str(r["excerpt"]), r
            assert "sanctuary" in str(r["excerpt"]).lower()  # the body's words, marked
            assert "min read" not in str(r["excerpt"])  # nor the byline
        page.close()


@pytest.fixture(scope="module")
def larger_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site with 40 synthetic articles more (scripts/make_corpus.py),
    its articles indexed in bundles of about 15 (``search_shards``), as a large archive's are."""
    import shutil
    import sys

    from .conftest import ROOT, mkdocs_build, project_copy

    sys.path.insert(0, str(ROOT / "scripts"))
    from make_corpus import make

    corpus, root = tmp_path_factory.mktemp("corpus"), project_copy(tmp_path_factory.mktemp("larger") / "project")
    make(40, corpus, terms=0)
    for folder in (corpus / "archive" / "articles").iterdir():
        shutil.copytree(folder, root / "archive" / "articles" / folder.name)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      search: pagefind\n", "      search: pagefind\n      search_shard_size: 15\n"))
    out = root / "site"
    result = mkdocs_build(out, config, "--strict")
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.browser
def test_the_count_says_how_many_pages_match_not_how_many_are_shown(browser, larger_site: Path) -> None:
    # 45 articles in bundles of about 15: the worker merges the three (and pagefind/, the other pages).
    shards = json.loads((larger_site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert shards == ["../pagefind-1/", "../pagefind-2/", "../pagefind-3/"]
    words = {
        a["id"]: set(re.findall(r"\w+", (a["title"] + " " + " ".join(b["text"] for b in a["body"])).lower()))
        for a in json.loads((larger_site / "data" / "articles.json").read_text(encoding="utf-8"))
    }
    matching = sum(1 for w in words.values() if any(x.startswith("council") for x in w))
    assert matching > 20  # more than the 20 results shown
    with serve(larger_site) as server:
        page = browser.new_page()
        page.goto(server.origin + server.prefix)
        search(page, "council")
        meta = page.locator(".md-search-result__meta")
        expect(meta).to_contain_text("20 shown: ")
        text = meta.inner_text()
        total = int(re.match(r"([\d,]+) matching documents", text).group(1).replace(",", ""))
        assert matching <= total <= matching + 2, text  # the articles, and the home page or a term at most
        shown = sum(int(n) for n in re.findall(r"(\d+) (?:articles?|glossary terms?|pages?)", text))
        assert shown == 20, text
        assert page.locator("a.md-search-result__link").count() <= 20
        page.locator("input.md-search__input").fill("")
        page.locator("input.md-search__input").press_sequentially("Bernalillo")  # one article: every result read
        expect(meta).to_have_text("1 matching document: 1 article")
        page.close()
