"""What kind of page a search result is: an article, a glossary term, or
another page. The hosted search (Pagefind, through search-worker.js) tells
them apart by address; the offline copy's Material search by a tag on each
page, from the same rule here. The labels are the ones the worker shows."""

from __future__ import annotations

import re

from archivist.common import site_paths as paths

KINDS = {"article": "Article", "term": "Glossary term", "page": "Page"}


def _pattern(page: str) -> re.Pattern[str]:
    """The pages a path of ``site_paths`` names, any id in place of ``ID``."""
    return re.compile(re.escape(page).replace("ID", "[^/]+"))


_ARTICLE = _pattern(paths.article_page("ID"))
_TERM = _pattern(paths.term_page("ID"))


def search_kind(src_uri: str) -> str:
    """The kind of the page generated from the Markdown file at ``src_uri``."""
    if _ARTICLE.fullmatch(src_uri):
        return "article"
    if _TERM.fullmatch(src_uri) and src_uri != paths.GLOSSARY_INDEX:
        return "term"
    return "page"
