"""The sanitiser keeps good Markdown as it was and only links a reader may follow."""

from __future__ import annotations

import markdown
import pytest

from archivist.common.sanitise import safe_link, safe_markdown
from archivist.glossary.load import load

from .conftest import ARCHIVE

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "footnotes", "toc"]
GOOD = """A paragraph with *emphasis*, **strength**, `code` and [a link](https://example.org/a "its title").[^a]

- a list item
- another, with [a page of the site](../about.md#contributing)

A paragraph between the lists.

1. first
2. second

> A quotation, [mail](mailto:someone@example.org).

### A heading

    an indented code block <kept> as typed

- a loose list

- of two paragraphs
"""


def html(text: str, ids: tuple[str, ...]) -> str:
    notes = "".join(f"\n[^{i}]: A source.\n" for i in ids)
    return markdown.markdown(text + "\n" + notes, extensions=EXTENSIONS)


@pytest.mark.parametrize("entry", load(ARCHIVE / "glossary")[0].entries, ids=lambda e: e.id)
def test_the_repository_definitions_render_as_before(entry) -> None:
    ids = tuple(s.id for s in entry.sources)
    assert html(safe_markdown(entry.definition, ids), ids) == html(entry.definition, ids)


def test_the_markdown_a_definition_may_use_renders_as_before() -> None:
    assert html(safe_markdown(GOOD, ("a",)), ("a",)) == html(GOOD, ("a",))


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.org/", True),
        ("HTTP://example.org/", True),
        ("mailto:a@example.org", True),
        ("../about.md#contributing", True),
        ("/glossary/ice/", True),
        ("#fn:a", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("//203.0.113.9/x", False),
        ("/\\203.0.113.9/x", False),
        ("\\\\203.0.113.9\\x", False),
    ],
)
def test_only_links_to_the_web_mail_and_this_site_are_safe(url: str, safe: bool) -> None:
    assert safe_link(url) is safe
