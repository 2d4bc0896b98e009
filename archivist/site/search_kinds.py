"""What kind of page a search result is: an article, a glossary term, or
another page. The hosted search (Pagefind, through search-worker.js) tells
them apart by address; the offline copy's Material search by a tag on each
page, from the same rule here. The labels are the ones the worker shows."""

from __future__ import annotations

import re

KINDS = {"article": "Article", "term": "Glossary term", "page": "Page"}
_ARTICLE = re.compile(r"articles/[^/]+/index\.md")
_TERM = re.compile(r"glossary/[^/]+\.md")


def search_kind(src_uri: str) -> str:
    """The kind of the page generated from the Markdown file at ``src_uri``."""
    if _ARTICLE.fullmatch(src_uri):
        return "article"
    if _TERM.fullmatch(src_uri) and src_uri != "glossary/index.md":
        return "term"
    return "page"
