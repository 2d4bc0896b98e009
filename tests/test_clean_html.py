"""The HTML cleaner on small pages written here: structure, metadata, and nothing lost."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.clean import rulebook as R
from archivist.clean.cleaner import clean
from archivist.clean.html import MAX_CANDIDATES, SKIPPED_TAGS, classify_html, parse, read_story, title_block, walk
from archivist.ingest.curation import Curation, Pick
from archivist.ingest.originals import source_from_bytes
from archivist.model import Cleaned

from .conftest import ROOT, run_archive
from .story import PARAGRAPHS, TITLE

# The text tests' story, one paragraph longer.
STORY = [
    *PARAGRAPHS,
    "The library system first cut its evening hours in 2010, when the county budget fell by a fifth.",
]


def page(body: str, head: str = "") -> str:
    head = f"<head>\n<title>{TITLE} | Daily Courier</title>\n{head}\n</head>"
    return f"<!DOCTYPE html>\n<html>\n{head}\n<body>\n{body}\n</body>\n</html>\n"


def article(extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in STORY)
    return f"<article>\n<h1>{TITLE}</h1>\n{paragraphs}\n{extra}\n</article>"


def run(html: str, curation: Curation | None = None) -> Cleaned:
    return clean(source_from_bytes(html.encode(), "original.html"), curation)


def body_texts(cleaned: Cleaned) -> list[str]:
    return [b.text for b in cleaned.body]


def removed(cleaned: Cleaned) -> dict[str, tuple[str, str]]:
    return {r.text: (r.reason, r.rule) for r in cleaned.removed}


def test_story_kept_and_title_read_as_metadata() -> None:
    cleaned = run(page(article()))
    assert cleaned.source.format == "html"
    assert body_texts(cleaned) == STORY
    assert all(b.kind == "paragraph" for b in cleaned.body)
    assert removed(cleaned)[TITLE] == ("metadata", "title")
    assert cleaned.metadata.text("title") == TITLE


def test_nav_footer_and_aside_removed_with_their_reasons() -> None:
    html = page(
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li></ul></nav>\n'
        + article("<aside><p>Sign up for our morning newsletter and never miss a story.</p></aside>")
        + "\n<footer><p>Copyright 2024 Daily Courier. All rights reserved.</p></footer>"
    )
    cleaned = run(html)
    assert body_texts(cleaned) == STORY
    gone = removed(cleaned)
    assert gone["Home"] == ("boilerplate", "inside <nav>")
    assert gone["Local news"] == ("boilerplate", "inside <nav>")
    assert gone["Sign up for our morning newsletter and never miss a story."] == ("boilerplate", "inside <aside>")
    assert gone["Copyright 2024 Daily Courier. All rights reserved."] == ("boilerplate", "inside <footer>")


def test_reader_comments_removed_as_comments() -> None:
    comments = (
        '<div id="comments" class="comments-area">\n<h2>3 Comments</h2>\n<ol class="comment-list">\n'
        "<li><p>Finally! My kids have been asking for this for years, great news for our family.</p></li>\n"
        "<li><p>Who is paying for this? Not me I hope, my taxes are already far too high.</p></li>\n"
        "</ol>\n</div>"
    )
    cleaned = run(page(article() + "\n" + comments))
    assert body_texts(cleaned) == STORY
    for text in ("3 Comments", "Who is paying for this? Not me I hope, my taxes are already far too high."):
        entry = next(r for r in cleaned.removed if text in r.text.split("\n"))
        assert entry.reason == "comment"
        assert entry.rule.startswith("inside a comments container")


def test_json_ld_and_meta_tags_give_the_metadata_and_say_so() -> None:
    jsonld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Not this one"},
            {
                "@type": "NewsArticle",
                "headline": TITLE,
                "description": "Council approves longer evenings after years of requests",
                "author": [{"@type": "Person", "name": "Sam Lee"}, {"@type": "Person", "name": "Priya Natarajan"}],
                "datePublished": "2024-03-05T18:30:00-05:00",
                "dateModified": "2024-03-06T09:00:00-05:00",
                "publisher": {"@type": "Organization", "name": "Daily Courier"},
            },
        ],
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>\n'
        '<meta property="og:title" content="Library hours expand (og)">\n'
        '<meta property="og:site_name" content="The Courier (og)">\n'
        '<link rel="canonical" href="https://courier.example/news/library-hours">'
    )
    meta = run(page(article(), head)).metadata
    assert meta.as_dict() == {
        "title": TITLE,
        "subtitle": "Council approves longer evenings after years of requests",
        "authors": ["Sam Lee", "Priya Natarajan"],
        "contributors": [],
        "date": "2024-03-05",
        "updated": "2024-03-06",
        "publisher": "Daily Courier",
        "original_url": "https://courier.example/news/library-hours",
    }
    origins = meta.origins()
    assert origins["title"] == "JSON-LD NewsArticle.headline"
    assert origins["date"] == "JSON-LD NewsArticle.datePublished"
    assert origins["original_url"] == "link rel=canonical"


def test_meta_tags_time_and_byline_when_there_is_no_json_ld() -> None:
    head = (
        '<meta property="og:title" content="Library Hours Expand">\n'
        '<meta property="og:site_name" content="Daily Courier">\n'
        '<meta name="description" content="Longer evenings at every branch">'
    )
    byline = '<p class="byline">By Sam Lee and Priya Natarajan</p>\n<time datetime="2024-03-05">March 5</time>'
    cleaned = run(page(article(byline), head))
    meta = cleaned.metadata
    assert meta.text("title") == "Library Hours Expand"
    assert meta.origins()["title"] == "meta og:title"
    assert meta.text("subtitle") == "Longer evenings at every branch"
    assert meta.text("publisher") == "Daily Courier"
    assert meta.names("authors") == ("Sam Lee", "Priya Natarajan")
    assert re.fullmatch(r"line \d+: byline", meta.origins()["authors"])
    assert meta.iso("date") == "2024-03-05"
    assert meta.origins()["date"].endswith("<time datetime>")
    assert removed(cleaned)["By Sam Lee and Priya Natarajan"] == ("metadata", "byline")


def test_title_falls_back_to_h1_then_title_element() -> None:
    assert run(page(article())).metadata.origins()["title"].endswith("<h1>")
    story = "\n".join(f"<p>{p}</p>" for p in STORY)
    meta = run(page(f"<div>{story}</div>")).metadata
    assert meta.text("title") == f"{TITLE} | Daily Courier"
    assert meta.origins()["title"] == "<title>"


def test_figure_caption_is_metadata() -> None:
    figure = (
        '<figure><img src="branch.jpg" alt="A branch"><figcaption>The central branch on Monday.</figcaption></figure>'
    )
    cleaned = run(page(article(figure)))
    assert body_texts(cleaned) == STORY
    assert removed(cleaned)["The central branch on Monday."] == ("metadata", "figure caption")


def test_script_style_and_template_text_never_appear() -> None:
    hidden = (
        "<script>var secret = 'SCRIPT-TEXT';</script><style>.x{content:'STYLE-TEXT'}</style>"
        "<noscript>NOSCRIPT-TEXT</noscript><template><p>TEMPLATE-TEXT</p></template>"
        "<svg><text>SVG-TEXT</text></svg>"
    )
    cleaned = run(page(article(hidden)))
    everything = json.dumps([b.text for b in cleaned.body] + [r.text for r in cleaned.removed])
    for marker in ("SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG"):
        assert f"{marker}-TEXT" not in everything


def test_every_block_of_visible_text_is_kept_or_removed() -> None:
    html = page(
        '<nav><a href="/">Home</a> | <a href="/about">About</a></nav>\n'
        + article(
            "<blockquote><p>The hours are a promise kept, the mayor said in a statement.</p></blockquote>"
            '<div class="share">Share this <a href="#">Facebook</a><script>track()</script> or print</div>'
        )
        + "\nLoose text after the article\n<footer>Contact us <br> 555-0100</footer>"
    )
    verdicts, _ = classify_html(source_from_bytes(html.encode(), "original.html"))
    assert visible_text(html) == squeeze("".join(v.line.raw for v in verdicts))
    texts = [v.line.text for v in verdicts]
    assert "Share this Facebook or print" in texts
    assert "Contact us 555-0100" in texts
    assert all(v.kept or v.reason for v in verdicts)
    assert all(bool(v.rule) for v in verdicts)


def test_line_numbers_are_the_originals() -> None:
    html = page(article())
    cleaned = run(html)
    lines = html.split("\n")
    for block in cleaned.body:
        assert block.text in lines[block.lines[0] - 1]


def test_a_teaser_repeating_the_story_is_removed_once_and_the_story_kept() -> None:
    teaser = f'<div class="ticker"><a href="/x">{TITLE}</a> {STORY[0]}</div>\n'
    cleaned = run(page(teaser + article()))
    assert body_texts(cleaned) == STORY
    assert removed(cleaned)[f"{TITLE} {STORY[0]}"][0] == "boilerplate"


def test_curator_keeps_and_drops_html_blocks_by_line_or_text() -> None:
    html = page(article("<aside><p>Sign up for our morning newsletter and never miss a story.</p></aside>"))
    aside_line = next(i for i, line in enumerate(html.split("\n"), 1) if "newsletter" in line)
    curation = Curation(keep=(Pick(aside_line, None),), drop=(Pick(None, "Critics on the council", "off topic"),))
    cleaned = run(html, curation)
    assert "Sign up for our morning newsletter and never miss a story." in body_texts(cleaned)
    assert STORY[4] not in body_texts(cleaned)
    dropped = next(r for r in cleaned.removed if r.text == STORY[4])
    assert dropped.curator and dropped.reason == "off topic"


def test_a_byline_the_curator_keeps_in_the_story_names_no_author_in_html_as_in_text() -> None:
    """Metadata is read after the curator's keeps and drops, for both cleaners:
    a line kept as story is no longer read as a byline."""
    byline = "By Maria Lopez and Tom Reyes"
    html = page(article().replace("</h1>", f'</h1>\n<p class="byline">{byline}</p>'))
    text = f"{TITLE}\n\n{byline}\n\n" + "\n\n".join(STORY) + "\n"
    for name, data in (("original.html", html), ("original.txt", text)):
        line = next(i for i, raw in enumerate(data.split("\n"), 1) if raw.endswith(byline) or byline + "<" in raw)
        as_found = clean(source_from_bytes(data.encode(), name))
        assert as_found.metadata.names("authors") == ("Maria Lopez", "Tom Reyes"), name
        kept = clean(source_from_bytes(data.encode(), name), Curation(keep=(Pick(line, None),)))
        assert byline in body_texts(kept), name
        assert kept.metadata.names("authors") == (), name


def test_archive_clean_json_on_an_html_file(tmp_path: Path) -> None:
    path = tmp_path / "scrape.html"
    path.write_text(page(article()), encoding="utf-8")
    result = run_archive("clean", "--json", str(path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert obj["format"] == "html"
    assert [b["text"] for b in obj["body"]] == STORY
    assert obj["metadata"]["title"] == TITLE
    assert {"lines": obj["removed"][0]["lines"], "reason": "metadata"}.items() <= obj["removed"][0].items()


# --- Invariant: nothing vanishes, on any page ------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def visible_text(html: str) -> str:
    """All the text a browser could show: the body's, without script and the like."""
    root = lxml.html.document_fromstring(html)
    for el in list(root.iter(*SKIPPED_TAGS, "head")):
        if el.getparent() is not None:
            el.drop_tree()  # keeps its tail, which is visible
    return squeeze(root.text_content())


TAGS = [
    "div",
    "p",
    "span",
    "a",
    "li",
    "ul",
    "h2",
    "blockquote",
    "nav",
    "aside",
    "td",
    "em",
    "br",
    "script",
    "figcaption",
]
WORDS = st.text(alphabet="abcdefghij XYZ,.", min_size=0, max_size=12)


def _tree() -> st.SearchStrategy[str]:
    leaf = WORDS.map(lambda s: s.replace("<", "").replace("&", ""))

    def element(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(TAGS), children, leaf).map(
            lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>{t[2]}" if t[0] != "br" else f"<br>{t[2]}"
        )

    return st.recursive(leaf, lambda inner: element(st.lists(inner, max_size=4)), max_leaves=25)


@settings(max_examples=60, deadline=None)
@given(_tree())
def test_nothing_vanishes_on_any_page(fragment: str) -> None:
    html = page(fragment + "\n" + article())
    verdicts, _ = classify_html(source_from_bytes(html.encode(), "original.html"))
    assert squeeze("".join(v.line.raw for v in verdicts)) == visible_text(html)


@pytest.mark.parametrize("declared", ["iso-8859-1", "utf-8"])
def test_an_xml_declaration_does_not_mislead_the_parser(declared: str) -> None:
    html = f'<?xml version="1.0" encoding="{declared}"?>\n' + page(article("<p>Café société, naïve résumé.</p>"))
    verdicts, _ = classify_html(source_from_bytes(html.encode("utf-8"), "original.html"))
    assert "Café société, naïve résumé." in [v.line.text for v in verdicts]


def test_contribution_note_after_the_story_is_metadata() -> None:
    cleaned = run(page(article("<p>Jane Roe contributed to this report.</p>")))
    assert body_texts(cleaned) == STORY
    assert removed(cleaned)["Jane Roe contributed to this report."] == ("metadata", "contributors")
    assert cleaned.metadata.names("contributors") == ("Jane Roe",)


def test_hidden_elements_are_removed_not_lost() -> None:
    cleaned = run(page(article("<div hidden><p>Thanks for subscribing to the newsletter.</p></div>")))
    assert body_texts(cleaned) == STORY
    assert removed(cleaned)["Thanks for subscribing to the newsletter."] == ("boilerplate", "hidden element")


# Pages that once made the alignment quadratic: every block's words recur all
# down the main text, so each had a candidate at every place they recur.
SENTENCE = "The council met again on Tuesday to argue about the budget for the roads."


def _comment_thread(n: int) -> str:
    """n comments under the story, each with the same short buttons."""
    thread = "\n".join(f"<div><p>Reader {i % 50}</p><p>Reply</p><p>Like</p><p>Share this</p></div>" for i in range(n))
    return page(article(thread))


def _repeated_sentences(n: int) -> str:
    """n paragraphs opening with the same sentence (a line of the main text of its own)."""
    return page(article("\n".join(f"<p>{SENTENCE}<br>Item {i % 10} on the agenda.</p>" for i in range(n))))


def _deep_nesting(n: int) -> str:
    """n paragraphs, 200 levels deep in runs of nested <div>s (libxml2 keeps 255)."""
    runs = []
    for start in range(0, n, 200):
        depth = min(200, n - start)
        runs.append(
            "".join(f'<div class="level"><p>{SENTENCE}<br>Item {i % 10}.</p>' for i in range(depth)) + "</div>" * depth
        )
    return page(article("\n".join(runs)))


def _work(html: str) -> tuple[int, int]:
    """(the alignment's counted work, the number of words in the page's blocks) on one page."""
    root = parse(source_from_bytes(html.encode(), "original.html"))
    blocks, facts = walk(root)
    story = read_story(root, blocks, title_block(blocks, facts))
    return story.work, sum(len(w) for w in story.tokens)


@pytest.mark.parametrize("make", [_comment_thread, _repeated_sentences, _deep_nesting])
def test_work_per_page_grows_no_faster_than_the_page(make: Callable[[int], str]) -> None:
    (small, small_words), (large, large_words) = _work(make(1000)), _work(make(2000))
    assert large_words >= 1.9 * small_words >= 5000
    # Linear: twice the page, about twice the work (a square would be four times).
    assert large <= 2.2 * small, (small, large)
    # At most MAX_CANDIDATES places per word, in each of two passes and two readings.
    assert large <= 4 * MAX_CANDIDATES * large_words, (large, large_words)


def test_a_page_of_thousands_of_repeated_blocks_is_cleaned_and_nothing_vanishes() -> None:
    html = _comment_thread(3000)
    cleaned = run(html)
    assert body_texts(cleaned)[: len(STORY)] == STORY
    verdicts, _ = classify_html(source_from_bytes(html.encode(), "original.html"))
    assert len(verdicts) == 1 + len(STORY) + 4 * 3000


def test_a_streamed_react_segment_is_story_though_hidden() -> None:
    # React sends a late part of the page as <div hidden id="S:n"> and its script
    # moves it into place (<template id="B:n">): readers see it.
    first, rest = STORY[:-1], STORY[-1:]
    body = (
        f"<article>\n<h1>{TITLE}</h1>\n"
        + "\n".join(f"<p>{p}</p>" for p in first)
        + '\n<template id="B:0"></template>\n<div hidden id="S:0">\n'
        + "\n".join(f"<p>{p}</p>" for p in rest)
        + "\n</div>\n<div hidden><p>Thanks for subscribing to the newsletter.</p></div>\n</article>"
    )
    cleaned = run(page(body))
    assert body_texts(cleaned) == STORY
    assert removed(cleaned)["Thanks for subscribing to the newsletter."] == ("boilerplate", "hidden element")


def test_when_trafilatura_reads_a_sliver_of_the_prose_the_prose_is_kept() -> None:
    # trafilatura drops a "sidebar" and reads only the lede; no rule of ours
    # claims that box, so its paragraphs are the page's free prose.
    body = (
        f"<article><h1>{TITLE}</h1><p>{STORY[0]}</p></article>\n"
        + '<div class="sidebar-widget">'
        + "".join(f"<p>{p}</p>" for p in STORY[1:])
        + "</div>"
    )
    cleaned = run(page(body))
    assert body_texts(cleaned) == STORY
    assert {b.rule_id for b in cleaned.body[1:]} == {R.FREE_PROSE.id}


def test_a_bylines_names_end_where_its_date_begins_even_after_on_or_at() -> None:
    from archivist.clean.html import byline_names

    assert byline_names("Posted by Sam Lee on Friday December 19, 2025 @08:00PM") == ["Sam Lee"]
    assert byline_names("By Jane Doe and John Roe | Nov. 18, 2019") == ["Jane Doe", "John Roe"]
    assert byline_names("By Priya Natarajan at 8:03 am") == ["Priya Natarajan"]
