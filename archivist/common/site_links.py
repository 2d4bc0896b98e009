"""Relative links between a site's files, resolved as MkDocs resolves them.

A generated page links to other pages by their Markdown paths
(``../../glossary/ice.md``, ``report.md#original-capture``); MkDocs rewrites
each to the target's address relative to the page's own (``../../glossary/ice/``,
``report/#original-capture``, with directory URLs). ``page_html`` converts
pages outside MkDocs, so it does the same here: the rules of MkDocs 1.6's
``File.url`` and ``utils.get_relative_url``, for the links MkDocs would
rewrite without a warning. Any other link is left as written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from markdown.util import AMP_SUBSTITUTE

# MkDocs' Markdown file extensions: these files are pages, with a page's address.
PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
# The folders of the browse pages made from the cleaned articles: one page (or
# several) per year and per publisher, known only once the articles are cleaned.
YEAR_PAGES = "browse/timeline"
PUBLISHER_PAGES = "browse/publishers"


def site_url(uri: str, use_directory_urls: bool = True) -> str:
    """A file's address relative to the site root, as MkDocs' ``File.url``."""
    dest = uri
    if uri.endswith(PAGE_SUFFIXES):
        parent, filename = posixpath.split(uri)
        stem = posixpath.splitext(filename)[0]
        stem = "index" if stem == "README" else stem
        dest = posixpath.join(
            parent, f"{stem}.html" if not use_directory_urls or stem == "index" else f"{stem}/index.html"
        )
    dirname, filename = posixpath.split(dest)
    if use_directory_urls and filename == "index.html":
        dest = (dirname or ".") + "/"
    return quote(dest)


def _parts(path: str) -> list[str]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """``url`` relative to ``other``, as MkDocs' ``utils.get_relative_url``."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


class SiteLinks:
    """The site's files (by path from the docs folder) and their addresses."""

    def __init__(self, files: Iterable[str], use_directory_urls: bool = True) -> None:
        self.use_directory_urls = use_directory_urls
        self.files = frozenset(files)
        self._addresses: dict[str, str] = {}

    def resolve(self, url: str, page: str) -> tuple[str, str | None]:
        """(the link as MkDocs writes it on ``page``, the file it points to):
        the file is None for a link MkDocs leaves alone (another site, an
        anchor on the page, an absolute path) and "" for a file the site lacks."""
        scheme, netloc, path, query, anchor = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url or not path:
            return url, None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)).lstrip("/"))
        if target not in self.files:
            return url, ""
        here, there = self._address(page), self._address(target)
        return urlunsplit(("", "", relative_url(there, here), query, anchor)), target

    def _address(self, uri: str) -> str:
        """``site_url`` of ``uri``, worked out once: a page links to the same few files many times."""
        address = self._addresses.get(uri)
        if address is None:
            address = self._addresses[uri] = site_url(uri, self.use_directory_urls)
        return address
