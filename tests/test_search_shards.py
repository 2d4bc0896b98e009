"""A large archive's search index in bundles (``site.search_shards``): each
article in exactly one, one bundle changed by adding an article, and a
bundle whose pages did not change copied from the cache, as Pagefind wrote it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from archivist.site.search_shards import OTHERS_APART, SHARD_SIZE, index_bundles, index_key, plan

from .conftest import run_archive

PAGE = """<!doctype html>
<html lang="en" class="no-js"><head><title>{title}</title></head><body>
<nav>{nav}</nav>
<h1 data-pagefind-ignore data-pagefind-meta="title">{title}</h1>
<div data-pagefind-body><p>{story}</p></div>
<hr class="archive-end">
<section>Related: {related}</section>
</body></html>
"""


def page(title: str, story: str, nav: str = "Home", related: str = "none") -> str:
    return PAGE.format(title=title, story=story, nav=nav, related=related)


def article(n: int) -> str:
    return f"articles/story-{n}/index.html"


def write_site(site: Path, stories: dict[str, str]) -> list[str]:
    """Pages at their site paths, and beside each article a report, unmarked as the build's are: no bundle reads it."""
    for path, text in stories.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
        if path.startswith("articles/"):
            report = site / path.replace("index.html", "report/index.html")
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text('<html lang="en"><body><p>zebraword removed lines</p></body></html>', encoding="utf-8")
    return sorted(stories)


def indexed_urls(bundle: Path) -> list[str]:
    """The addresses of the pages a bundle holds (its fragments: gzip, a signature, JSON)."""
    urls = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        urls.append(data["url"])
    return sorted(urls)


def test_a_small_archive_has_one_bundle_and_a_large_one_splits_its_articles_only() -> None:
    small = [article(n) for n in range(OTHERS_APART)] + ["index.html"]
    assert plan(small) == {"pagefind": sorted(small)}
    # past OTHERS_APART articles, in one bundle still, the other pages have their own (a glossary edit changes them)
    middling = [article(n) for n in range(OTHERS_APART + 1)] + ["index.html"]
    assert plan(middling) == {"pagefind": ["index.html"], "pagefind-1": sorted(middling[:-1])}
    assert plan(middling, shard_size=0) == {"pagefind": sorted(middling)}  # 0: one bundle, as documented
    pages = [article(n) for n in range(100)] + ["index.html", "glossary/ice/index.html"]
    bundles = plan(pages, shard_size=30)
    assert list(bundles) == ["pagefind", "pagefind-1", "pagefind-2", "pagefind-3", "pagefind-4"]
    assert bundles["pagefind"] == ["glossary/ice/index.html", "index.html"]
    held = sorted(p for name, members in bundles.items() if name != "pagefind" for p in members)
    assert held == sorted(article(n) for n in range(100))  # each article in one bundle
    assert all(10 <= len(members) <= 45 for name, members in bundles.items() if name != "pagefind")
    # Adding an article changes one bundle (the number of bundles staying the same).
    grown = plan([*pages, article(100)], shard_size=30)
    assert sum(grown[name] != bundles[name] for name in bundles) == 1


def test_the_key_sees_the_story_and_language_not_the_navigation_or_what_follows_the_story() -> None:
    def key(html: str) -> bytes:
        return index_key(html.encode("utf-8"))

    base = key(page("Raid", "Agents came at dawn"))
    assert key(page("Raid", "Agents came at dawn", nav="Home · Glossary", related="Another raid")) == base
    assert key(page("Raid", "Agents came at noon")) != base
    assert key(page("Raid", "Agents came at dawn").replace('lang="en"', 'lang="es"')) != base
    assert key(page("Raid", "Agents came at dawn").replace("Raid</h1>", "Raids</h1>")) != base
    marked_after = page("Raid", "Agents came at dawn").replace("<section>", '<section data-pagefind-meta="x:1">')
    assert key(marked_after) != base  # a mark after the story is read too


def tooltip(definition: str, alt: str = "a photo") -> str:
    """An article whose story links a term with its definition as the tooltip (as the build's glossary links)."""
    story = f'Agents of <a href="../glossary/ice/" title="{definition}">ICE</a> came. <img src="p.png" alt="{alt}">'
    return page("Raid", story)


def test_the_key_leaves_out_title_attributes_which_pagefind_does_not_index(tmp_path: Path) -> None:
    base = index_key(tooltip("A federal agency").encode())
    assert index_key(tooltip("An edited federal agency").encode()) == base  # a definition edited
    assert index_key(tooltip("A federal agency", alt="a picture").encode()) != base  # alt text is indexed
    # a page asking Pagefind to index title attributes has them in its key
    asked = tooltip("A federal agency").replace(
        "<div data-pagefind-body>", '<div data-pagefind-body data-pagefind-index-attrs="title">'
    )
    assert index_key(asked.encode()) != index_key(asked.replace("A federal", "An edited federal").encode())
    # the premise, checked on this Pagefind: its bundle is the same whatever the title attribute says
    written = {}
    for name, definition in (("one", "A federal agency"), ("two", "An edited federal agency")):
        pages = write_site(tmp_path / name, {article(1): tooltip(definition)})
        index_bundles(tmp_path / name, pages)
        bundle = tmp_path / name / "pagefind"
        written[name] = {f.relative_to(bundle): f.read_bytes() for f in bundle.rglob("*") if f.is_file()}
    assert written["one"] == written["two"]


def test_bundles_are_indexed_once_then_copied_from_the_cache_until_their_pages_change(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    stories = {article(n): page(f"Story {n}", f"word{n} council meeting") for n in range(8)}
    stories["index.html"] = page("Home", "the archive council")
    pages = write_site(site, stories)

    first = index_bundles(site, pages, shard_size=3, cache=cache)
    assert (first.bundles, first.reused, first.stats.pages) == (4, 0, 9)
    listed = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert listed == ["../pagefind-1/", "../pagefind-2/", "../pagefind-3/"]
    every = sorted(u for b in ["pagefind", *(p.strip("./") for p in listed)] for u in indexed_urls(site / b))
    assert every == sorted(["/", *(f"/articles/story-{n}/" for n in range(8))])  # once each, no report
    fresh = {
        p.name: {f.relative_to(p): f.read_bytes() for f in p.rglob("*") if f.is_file()} for p in site.glob("pagefind*")
    }

    # The related list after one story changes (as when an article is added): no bundle changes.
    again = write_site(site, {**stories, article(0): page("Story 0", "word0 council meeting", related="Story 7")})
    second = index_bundles(site, again, shard_size=3, cache=cache)
    assert second.reused == 4
    kept = {
        p.name: {f.relative_to(p): f.read_bytes() for f in p.rglob("*") if f.is_file()} for p in site.glob("pagefind*")
    }
    assert kept == fresh  # what the cache gives is what Pagefind wrote

    # One story edited: its bundle alone is indexed again, and finds the new word.
    edited = write_site(site, {**stories, article(5): page("Story 5", "quagga council meeting")})
    third = index_bundles(site, edited, shard_size=3, cache=cache)
    assert third.reused == 3
    target = next(name for name, members in plan(edited, 3).items() if article(5) in members)
    assert any(b"quagga" in gzip.decompress(f.read_bytes()) for f in (site / target / "fragment").iterdir())
    assert len(list(cache.glob("*.stats"))) == 4  # the cache keeps the bundles of the last build only

    # A damaged entry (its counts unreadable) is indexed again, not trusted.
    sorted(cache.glob("*.stats"))[0].write_text("{not json", encoding="utf-8")
    assert index_bundles(site, edited, shard_size=3, cache=cache).reused == 3


def test_archive_finish_takes_a_shard_size(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, {article(n): page(f"Story {n}", f"word{n}") for n in range(6)})
    done = run_archive("finish", str(site), "--shard-size", "2")
    assert done.returncode == 0, done.stderr
    assert "in 3 bundle(s)" in done.stdout, done.stdout  # with no other page, pagefind/ holds articles too
    assert sorted(p.name for p in site.glob("pagefind*")) == ["pagefind", "pagefind-1", "pagefind-2"]
    assert (site / "pagefind" / "pagefind.js").is_file()
    bad = run_archive("finish", str(site), "--shard-size", "0")
    assert bad.returncode == 2 and "expected a whole number, 1 or more" in bad.stderr
    help_text = run_archive("finish", "--help").stdout
    assert f"default: {SHARD_SIZE:,}" in " ".join(help_text.split())


def test_a_site_built_elsewhere_is_read_for_its_marked_pages_not_its_bundles(tmp_path: Path) -> None:
    from archivist.site.search_shards import marked_pages

    site = tmp_path / "site"
    write_site(site, {"pagefinder/index.html": page("Finder", "a page"), article(1): page("Story", "text")})
    (site / "pagefind-2").mkdir()
    (site / "pagefind-2" / "old.html").write_text(page("Old", "a bundle's file"), encoding="utf-8")
    assert marked_pages(site) == [article(1), "pagefinder/index.html"]  # not the report, not a bundle's file
