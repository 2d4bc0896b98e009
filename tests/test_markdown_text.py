"""Scrape text rendered through Markdown shows literally: text is data, never markup."""

from __future__ import annotations

import markdown
import pytest

from archivist.common.markdown_text import code_block, escape

from .conftest import html_text

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "footnotes", "toc"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "* not a list",
        "1. not a numbered list",
        "> not a quote",
        "| not | a | table |",
        "<div>not html</div> <script>alert(1)</script>",
        "[x](javascript:alert(1)) and ![](http://example.org/i.png)",
        "{{ not a template }} {% nor this %} { .not-attr }",
        "**not bold** _not em_ `not code` \\ backslash",
        "!!! note not an admonition",
        "AT&T &amp; co; 5 < 6 > 4",
        "term [^1] not a footnote",
    ],
)
def test_escaped_text_renders_as_exactly_itself(text: str) -> None:
    html = render(escape(text))
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert html_text(html).strip() == text


def test_code_block_shows_any_text_verbatim() -> None:
    text = "code ``` inside\n# and <b>this</b>\n    indented"
    html = render("Removed:\n\n" + code_block(text))
    assert html.count("<pre>") == 1
    assert "code ``` inside\n# and &lt;b&gt;this&lt;/b&gt;\n    indented" in html
