"""Glossary matching and annotation: every mention and nothing else, text unchanged."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from archivist.glossary.annotate import Matcher, annotated_markdown, mentions, trie_pattern
from archivist.glossary.load import load
from archivist.model import Block

from .conftest import ARCHIVE

GLOSSARY, PROBLEMS = load(ARCHIVE / "glossary")
MATCHER = Matcher.build(GLOSSARY)


def found(text: str) -> list[tuple[str, str]]:
    return [(term, text[s:e]) for term, s, e in MATCHER.find(text)]


def test_the_archive_glossary_has_no_problem() -> None:
    assert PROBLEMS == []
    assert {e.id for e in GLOSSARY.entries} >= {"ice", "hsi", "mart", "secure-communities", "sb-54"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("agents of ICE arrived", [("ice", "ICE")]),
        ("ICE’s office and ICE's agents", [("ice", "ICE"), ("ice", "ICE")]),
        ("U.S. Immigration and Customs Enforcement said", [("ice", "U.S. Immigration and Customs Enforcement")]),
        ("Immigration and Customs Enforcement (ICE), it", [("ice", "Immigration and Customs Enforcement (ICE)")]),
        ("Homeland Security Investigations (HSI) agents", [("hsi", "Homeland Security Investigations (HSI)")]),
        ("a “sanctuary” law, Senate Bill 54, which", [("sb-54", "Senate Bill 54")]),
        ("under SB 54 and the California Values Act", [("sb-54", "SB 54"), ("sb-54", "California Values Act")]),
        ("against Secured Communities when", [("secure-communities", "Secured Communities")]),
        ("the Secure Communities program", [("secure-communities", "Secure Communities")]),
        ("the Multi-Agency Response Team, known as MART", [("mart", "Multi-Agency Response Team"), ("mart", "MART")]),
    ],
)
def test_every_mention_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the police said",
        "ice on the road, a nice price, NOTICE, POLICE",
        "the Department of Homeland Security",
        "three Homeland Security agents arrived",
        "DHS stated in an email",
        "California’s TRUST Act",
        "a bare sanctuary law",
        "secure communities matter",  # matching is case-aware: the program is capitalised
        "SB 540 and SB 54x",
    ],
)
def test_nothing_else_is_found(text: str) -> None:
    assert found(text) == []


def test_headings_are_never_annotated() -> None:
    blocks = [Block("heading", "ICE Expands", (1, 1)), Block("paragraph", "ICE said.", (3, 3))]
    assert [m.block for m in mentions(blocks, MATCHER)] == [1]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[dict[str, str | None]] = []
        self.marks: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
        elif tag == "span":
            self.marks.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def render(blocks: list[Block]) -> list[_Text]:
    texts = annotated_markdown(blocks, mentions(blocks, MATCHER), GLOSSARY, "../../glossary/")
    out = []
    for text in texts:
        parser = _Text()
        parser.feed(markdown.markdown(text, extensions=["attr_list"]))
        out.append(parser)
    return out


def test_annotation_changes_no_character_and_links_a_term_once_per_section() -> None:
    blocks = [
        Block("paragraph", "Immigration and Customs Enforcement (ICE) and *HSI* agents [met] at 5 < 6.", (1, 1)),
        Block("paragraph", "Later, ICE’s agents and ICE again; also Homeland Security Investigations.", (3, 3)),
        Block("heading", "What ICE did next", (5, 5)),
        Block("quote", "ICE said it would return, and ICE did; HSI did not.", (7, 7)),
    ]
    rendered = render(blocks)
    for block, parser in zip(blocks, rendered, strict=True):
        assert "".join(parser.parts) == block.text
    first, second, heading, quote = rendered
    assert [link["class"] for link in first.links] == ["archive-term", "archive-term"]
    assert first.links[0]["href"] == "../../glossary/ice.md"
    assert first.links[0]["title"] == GLOSSARY.get("ice").short
    # Later mentions in the section: marked, but no link (no tab stop), no tooltip.
    assert second.links == [] and [m["class"] for m in second.marks] == ["archive-mention"] * 3
    assert all(set(m) == {"class"} for m in second.marks)
    assert heading.links == [] and heading.marks == []
    # A new section (after a heading) links each term again, once.
    assert [(link["class"], link["href"]) for link in quote.links] == [
        ("archive-term", "../../glossary/ice.md"),
        ("archive-term", "../../glossary/hsi.md"),
    ]
    assert [m["class"] for m in quote.marks] == ["archive-mention"]


def test_trie_pattern_prefers_the_longest_name() -> None:
    import re

    pattern = re.compile(trie_pattern(["SB", "SB 54", "S"]))
    assert pattern.match("SB 54").group(0) == "SB 54"
    assert pattern.match("SB 5").group(0) == "SB"


def test_a_new_entry_file_is_linked_without_code_change(tmp_path: Path) -> None:
    from archivist.build.pipeline import build

    root = tmp_path / "archive"
    (root / "articles" / "story").mkdir(parents=True)
    (root / "articles" / "story" / "original.txt").write_text(
        "Agents Meet the Council\n\n"
        "Officers of Enforcement and Removal Operations met the council on Tuesday, officials said.\n\n"
        "ERO agents said the meeting was routine and that more meetings would follow this year.\n",
        encoding="utf-8",
    )
    (root / "glossary").mkdir()
    template = (ARCHIVE.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    entry = template.split("```markdown\n", 1)[1].split("```", 1)[0]
    entry = (
        entry.replace("example-term", "ero")
        .replace("term: EXT", "term: ERO")
        .replace("Example Term Program", "Enforcement and Removal Operations")
        .replace("  - Example Term\n  - Exemplary Term Program\n", "")
        .replace("related: [ice]\n", "")
        .replace("article: federal-immigration-crackdown-falls-apart", "article: story")
    )
    (root / "glossary" / "ero.md").write_text(entry, encoding="utf-8")
    output = build(root)
    assert output.problems == ()
    page = output.pages["articles/story/index.md"]
    assert '[Enforcement and Removal Operations](../../glossary/ero.md "One plain sentence' in page
    assert '<span class="archive-mention">ERO</span>' in page
    assert "glossary/ero.md" in output.pages
