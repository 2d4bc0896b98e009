"""Paragraphs, quotations, code blocks and tables written directly (paragraph_html) are Python-Markdown's.

Pages are made of the pieces the renderer writes (escaped scrape text, glossary
links and marks, bold labels, code spans, attribute lines) and of hostile
text, and converted twice: with the direct HTML and by Python-Markdown alone.
The two must be the same, byte for byte, and the direct path must have been
taken where a page is made only of such pieces.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.build import page_html
from archivist.build.paragraph_html import PLACEHOLDER, Paragraphs, Taken
from archivist.common.markdown_text import code_block, escape, escape_title

from .test_page_html import CONFIGS, EXTENSIONS

SETTINGS = page_html.MarkdownSettings.of(EXTENSIONS, CONFIGS)
SITE = ["articles/a/index.md", "articles/a/report.md", "glossary/ice.md", "articles/a/original.txt"]
URI = "articles/a/index.md"

# Scrape text at its most awkward: Markdown and HTML syntax, entities, spaces, scripts.
RAW = st.lists(
    st.sampled_from(
        list("ab Z9 <>&\"'`~*_#{}[]()|\\!.-+=:^%\t\xa0é中🙂")
        + ["**", "__", "&amp;", "&#63;", "<span>", "[x](y)", "1. ", "- ", "> ", "    ", "\n", "original_url"]
    ),
    min_size=1,
    max_size=30,
).map("".join)


def _link(text: str, title: str) -> str:
    shown = escape(text) or "x"
    return f'[{shown}](../../glossary/ice.md "{escape_title(title) or "t"}"){{ .archive-term }}'


PIECE = st.one_of(
    RAW.map(lambda t: escape(t, strip=False)),
    st.tuples(RAW, RAW).map(lambda p: _link(*p)),
    RAW.map(lambda t: f'<span class="archive-mention">{escape(t) or "x"}</span>'),
    RAW.map(lambda t: f"**{escape(t) or 'x'}**"),
    RAW.map(lambda t: f"`{t.replace('`', '').replace(chr(10), ' ') or 'x'}`"),
    st.sampled_from(["[report](report.md#original-capture)", "[Line 3](#__codelineno-0-3)", " (a) ", "x_y"]),
)
LINE = st.lists(PIECE, min_size=1, max_size=6).map(lambda p: "".join(p).strip() or "x")
ATTRS = st.sampled_from(["", "{ #p3 }", "{ .archive-listing data-search-exclude }", "{ #p1-2 }"])


@st.composite
def block(draw: st.DrawFn) -> str:
    kinds = ["paragraph", "broken", "quote", "code", "table", "heading", "raw", "admonition", "list"]
    kind = draw(st.sampled_from(kinds))
    attrs = draw(ATTRS)
    if kind == "paragraph":
        return draw(LINE) + (f"\n{attrs}" if attrs else "")
    if kind == "broken":  # lines joined by hard breaks, as a listing entry
        return "  \n".join(draw(st.lists(LINE, min_size=2, max_size=3))) + (f"\n{attrs}" if attrs else "")
    if kind == "quote":
        return f"> {draw(LINE)}" + (f"\n> {attrs}" if attrs else "")
    if kind == "code":
        return "**Label**\n\n" + code_block(draw(RAW))
    if kind == "table":
        rows = draw(st.lists(st.tuples(LINE, st.sampled_from(["", "x"]), LINE), min_size=1, max_size=3))
        body = ["| Field | Value | Where |", "| --- | --- | --- |"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
        return '<div class="archive-table-scroll" markdown="1">\n\n' + "\n".join(body) + "\n\n</div>"
    if kind == "admonition":  # a curator's note: its indented body is not a code block
        return f'!!! note "Curator\'s note"\n\n    {draw(LINE)}\n\n' + code_block(draw(LINE))
    if kind == "list":  # an item's indented paragraph continues it
        return f"- {draw(LINE)}\n\n" + code_block(draw(LINE)) + "\n\n**Label**\n\n" + code_block(draw(LINE))
    if kind == "heading":
        return f"## {draw(LINE)}"
    return draw(RAW)  # anything at all: Python-Markdown alone must take it


PAGE = st.lists(block(), min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


class _Never(Paragraphs):
    """Takes nothing: the page is Python-Markdown's alone."""

    def take(self, markdown: str, uri: str, keep: str = "") -> Taken:
        return Taken(markdown)


def converters() -> tuple[page_html._Converter, page_html._Converter]:
    fast = page_html._Converter(SETTINGS, SITE)
    slow = page_html._Converter(SETTINGS, SITE)
    slow.paragraphs = _Never(slow.links)
    return fast, slow


FAST, SLOW = converters()


@settings(max_examples=400, deadline=None)
@given(PAGE)
def test_a_page_converts_to_the_same_html_with_or_without_the_direct_paragraphs(body: str) -> None:
    page = '---\ntitle: "A page"\n---\n\n<div data-pagefind-body="" markdown>\n\n' + body + "\n</div>\n"
    assert FAST.convert(URI, page, None) == SLOW.convert(URI, page, None)


STORY = [
    "The agency's [ICE](../../glossary/ice.md "
    '"Immigration and Customs Enforcement (ICE), a US agency."){ .archive-term } office said'
    " \\*nothing\\* (at first) about it\\. Later "
    '<span class="archive-mention">ICE</span> did\\.\n{ #p1 }',
    "&#63; A question at the start of a line, &amp; an ampersand, 3 &lt; 4\\.\n{ #p2 }",
    "> A quotation, cited whole\\.\n> { #p3 }",
    "**[Line 3](#__codelineno-0-3)** · boilerplate · inside &lt;nav&gt;",
    "[A related story](report.md){ .archive-listing-title }  \n1 May 2023 · shares ICE\n"
    "{ .archive-listing data-search-exclude }",
    "**Chicago**\n\n    Doe, Jane. “A story.” May 1, 2023.",
    "| Field | Value | Where it comes from |\n| --- | --- | --- |\n| original_url |  | not found |",
]


def test_the_renderers_paragraphs_take_the_direct_path_and_come_out_as_python_markdown_writes_them() -> None:
    fast, slow = converters()
    body = "\n\n".join(STORY) + "\n"
    taken = fast.paragraphs.take(body, URI)
    assert len(taken.html) == len(STORY) + 1  # the citation's label and its code block are two
    page = f'---\ntitle: "A page"\n---\n\n{body}'
    converted = fast.convert(URI, page, None)
    assert converted is not None and converted == slow.convert(URI, page, None)
    assert '<a class="archive-term" href="../../glossary/ice/" title="Immigration' in converted.html
    assert converted.links == ("articles/a/report.md", "glossary/ice.md")


def test_a_link_to_a_missing_file_is_left_to_python_markdown_which_reports_it() -> None:
    fast, _ = converters()
    page = '---\ntitle: "A page"\n---\n\nSee [the term](../../glossary/gone.md "t"){ .archive-term }.\n'
    assert fast.convert(URI, page, None) is None


def test_a_page_holding_the_placeholder_word_is_converted_as_it_is() -> None:
    fast, slow = converters()
    page = f'---\ntitle: "A page"\n---\n\n{PLACEHOLDER}0X\n\nplain text\n'
    assert fast.paragraphs.take(page, URI).html == []
    assert fast.convert(URI, page, None) == slow.convert(URI, page, None)
