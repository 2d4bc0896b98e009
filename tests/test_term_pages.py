"""Term pages: each mention in its sentence, linked to its paragraph; the chart's years."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from archivist.build.pipeline import Output, build
from archivist.model import Block
from archivist.render.paragraph_anchors import paragraph_anchors
from archivist.render.term_pages import year_chart

STORY = (
    "Agents Meet the Council\n\n"
    "The council met on Feb. 27 with officials from several agencies, a spokesman said.\n\n"
    "Officers of U.S. Immigration and Customs Enforcement attended. Mr. Smith of ICE spoke first.\n\n"
    "The meeting ended at 5 p.m. and the council said more meetings would follow this year.\n"
)


ICE = """---
id: ice
term: ICE
full_name: U.S. Immigration and Customs Enforcement
aliases:
  - Immigration and Customs Enforcement
short: The federal agency that enforces immigration laws.
sources:
  - id: doc
    title: A public document
    url: https://example.org/doc
---
It is an agency.[^doc]
"""


def archive_with(tmp_path: Path, yml: str = "") -> Path:
    root = tmp_path / "archive"
    (root / "articles" / "story").mkdir(parents=True)
    (root / "articles" / "story" / "original.txt").write_text(STORY, encoding="utf-8")
    if yml:
        (root / "articles" / "story" / "article.yml").write_text(yml, encoding="utf-8")
    (root / "glossary").mkdir()
    (root / "glossary" / "ice.md").write_text(ICE, encoding="utf-8")
    return root


def anchor_links(page: str) -> list[tuple[str, str]]:
    return re.findall(r"\]\(\.\./articles/([a-z0-9-]+)/index\.md#(p[0-9-]+)\)", page)


def test_a_mention_is_quoted_in_its_whole_sentence_and_links_to_its_paragraph(tmp_path: Path) -> None:
    output = build(archive_with(tmp_path))
    term = output.pages["glossary/ice.md"]
    article = output.pages["articles/story/index.md"]
    # "U.S." and "Mr." end no sentence: each mention is quoted in its own, whole.
    assert "- Officers of <mark>U\\.S\\. Immigration and Customs Enforcement</mark> attended\\. (" in term
    assert "- Mr\\. Smith of <mark>ICE</mark> spoke first\\. (" in term
    links = anchor_links(term)
    assert links == [("story", "p5"), ("story", "p5")]  # the paragraph on line 5 of the original
    paragraph = article.split("{ #p5 }")[0].rsplit("\n\n", 1)[1]
    assert paragraph.startswith("Officers of")  # the anchor is on the paragraph quoted


def test_a_paragraph_keeps_its_anchor_when_other_lines_change(tmp_path: Path) -> None:
    before = anchor_links(build(archive_with(tmp_path / "a")).pages["glossary/ice.md"])
    # A curator drops the paragraph before it: numbering paragraphs would move its anchor.
    after = build(archive_with(tmp_path / "b", "drop: [{line: 3, reason: duplicate paragraph}]\n"))
    assert anchor_links(after.pages["glossary/ice.md"]) == before
    assert "{ #p5 }" in after.pages["articles/story/index.md"]
    assert "{ #p3 }" not in after.pages["articles/story/index.md"]


def test_paragraphs_on_one_line_of_the_original_get_distinct_anchors() -> None:
    blocks = [
        Block("heading", "A", (1, 1)),
        Block("paragraph", "One.", (1, 1)),
        Block("quote", "Two.", (1, 1)),
        Block("break", "", (2, 2)),
        Block("paragraph", "Three.", (3, 4)),
    ]
    assert paragraph_anchors(blocks) == [None, "p1", "p1-2", None, "p3"]


def test_the_chart_keeps_every_year_of_the_archive_on_its_axis(seed_output: Output) -> None:
    entry = next(e for e in seed_output.glossary.entries if e.id == "sb-54")
    svg = year_chart(entry, Counter({"2017": 2, "2020": 1}), (2014, 2021))
    labels = re.findall(r">(\d{4})</text>", svg)
    assert labels == [str(y) for y in range(2014, 2022)]  # years without mentions too
    assert "2014: 0, 2015: 0, 2016: 0, 2017: 2, 2018: 0, 2019: 0, 2020: 1, 2021: 0" in svg  # the text alternative
    assert svg.count('class="archive-bar"') == 2  # a bar where there are mentions, none where there are none
