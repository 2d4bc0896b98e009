"""Where each generated page lives in the site, defined once.

A page is named by its Markdown path from the site's root
(``articles/{id}/index.md``, which MkDocs serves at ``articles/{id}/``). A page
links to another by the path from its own folder (``link``), never from the
root, so the site works under any sub-path and from ``file://``.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
GLOSSARY_INDEX = "glossary/index.md"


def article_page(article_id: str) -> str:
    return f"articles/{article_id}/index.md"


def report_page(article_id: str) -> str:
    """The article's cleaning report, beside its page."""
    return f"articles/{article_id}/report.md"


def article_file(article_id: str, name: str) -> str:
    """A file kept beside the article's page (its original, byte for byte)."""
    return f"articles/{article_id}/{name}"


def article_address(article_id: str) -> str:
    """The article page's address from the site's root, as the export gives it."""
    return f"articles/{article_id}/"


def term_page(term_id: str) -> str:
    return f"glossary/{term_id}.md"


def term_address(term_id: str) -> str:
    """The term page's address from the site's root."""
    return f"glossary/{term_id}/"


def to_root(page: str) -> str:
    """The site's root as seen from ``page``: ``../../`` from an article's page."""
    return "../" * page.count("/")


def link(from_page: str, to_page: str) -> str:
    """The relative link from one page to another: ``../glossary/ice.md``."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    if any(part in ("", ".", "..") for part in (*here, *there)):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    common = 0  # (posixpath.relpath's own way, for paths already plain: a page links to dozens)
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."
