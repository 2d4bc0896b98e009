"""Link check of a built site, from its files on disk: no server needed.

``check_site(folder)`` reads every HTML page under ``folder`` and checks every
address a page links to or loads (``a``/``area``/``link`` ``href``; ``script``,
``img``, ``iframe``, ``source``, ``audio``, ``video``, ``embed``, ``track``
``src``; ``srcset``; ``video`` ``poster``; ``object`` ``data``) the way a
static server under any prefix would answer it:

- an internal address must name a file of the site (``folder/`` is
  ``folder/index.html``, as a server's directory index);
- its ``#anchor``, if any, must be an ``id`` (or an ``a`` ``name``) of the
  target page;
- it must stay inside the site: a relative link that climbs above the site's
  root, or a root-absolute one (``/assets/...``), breaks when the site is served
  under a sub-path. MkDocs writes the 404 page's links root-absolute (from
  ``site_url``'s path, ``/`` without it), since that page is shown at any
  depth: those pages (``absolute_ok``) may use root-absolute links, which are
  checked against ``site_url``'s path;
- every HTML page must be reachable by following links from ``start``,
  except the pages meant to have no link (``unlinked``: the 404 page).

The search index's ``location`` entries (Material's ``search/search_index.json``)
are links too: each must name a page and, with an anchor, one of its headings.

External addresses (another host, or ``site_url``'s host for an address
outside ``site_url``) are not fetched: ``scan`` lists them.

Pure functions: they read the folder and return data.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "http://site.invalid"  # stands for whatever host serves the folder
PREFIX = "/above-the-site"  # and for whatever path it serves the folder under
SEARCH_INDEX = "search/search_index.json"

# Addresses that are not resources of any server: nothing to check.
_NOT_FETCHED = {"mailto", "tel", "data", "javascript", "blob", "about", "sms", "urn"}

# Which attribute of which element is an address the page links to or loads.
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "track": ("src",),
    "object": ("data",),
}

Kind = Literal["missing", "anchor", "outside", "absolute", "unreached"]


@dataclass(frozen=True, order=True)
class Problem:
    """One broken link, anchor or unreachable page, with where it is."""

    page: str  # the file holding the link, relative to the folder
    line: int  # its line (0 for a whole-page problem)
    url: str  # the address as written (the page's own path for "unreached")
    kind: Kind
    detail: str = ""

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        if self.kind == "unreached":
            return f"{where}: no link leads to this page from the home page"
        return f"{where}: {self.url}: {self.detail}"


@dataclass(frozen=True)
class Link:
    tag: str
    attr: str
    url: str
    line: int


@dataclass
class Page:
    """What one HTML page links to, and the anchors it offers."""

    links: list[Link] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    base: str | None = None  # its <base href>, if any


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.anchors.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.anchors.add(values["name"])
        if tag == "base" and "href" in values and self.page.base is None:
            self.page.base = values["href"].strip()
        for attr in _URL_ATTRS.get(tag, ()):
            value = values.get(attr, "").strip()
            if not value:
                continue
            if attr == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.links.append(Link(tag, attr, url, line))
            else:
                self.page.links.append(Link(tag, attr, value, line))

    handle_startendtag = handle_starttag


def parse_page(text: str) -> Page:
    """The links, anchors and base address of an HTML document."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


@dataclass(frozen=True)
class Target:
    """Where an address leads: a file of the site (and anchor), or elsewhere."""

    kind: Literal["file", "external", "ignored", "outside"]
    path: str = ""  # for "file": relative to the folder, directory index resolved; else the URL
    fragment: str = ""


class Site:
    """A built site on disk, seen from a server that serves it at ``site_url``'s path."""

    def __init__(self, folder: Path, site_url: str | None = None) -> None:
        self.folder = folder
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.served_at = urlsplit(self.site_url).path if self.site_url else "/"
        # Relative links are resolved as if the site were served under a prefix
        # of its own, so that one climbing above the site's root shows.
        self.base_path = PREFIX + self.served_at
        self._pages: dict[str, Page] = {}

    def url_of(self, rel: str) -> str:
        """The address a file is served at, under the stand-in origin."""
        return ORIGIN + self.base_path + rel

    def page(self, rel: str) -> Page:
        if rel not in self._pages:
            self._pages[rel] = parse_page((self.folder / rel).read_text(encoding="utf-8", errors="replace"))
        return self._pages[rel]

    def resolve(self, page_url: str, url: str) -> Target:
        """Where ``url``, written in the page served at ``page_url``, leads."""
        if url.startswith("/") and not url.startswith("//"):  # root-absolute: against where the site is served
            if not url.startswith(self.served_at):
                return Target("outside", urlsplit(url).path)
            url = ORIGIN + self.base_path + url[len(self.served_at) :]
        absolute = urljoin(page_url, url)
        parts = urlsplit(absolute)
        if parts.scheme in _NOT_FETCHED:
            return Target("ignored", absolute)
        if self.site_url and absolute.startswith(self.site_url):
            absolute = ORIGIN + self.base_path + absolute[len(self.site_url) :]
            parts = urlsplit(absolute)
        elif f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            return Target("external", absolute)
        if not parts.path.startswith(self.base_path):
            return Target("outside", parts.path.removeprefix(PREFIX.rstrip("/")))
        rel = unquote(parts.path[len(self.base_path) :])
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        elif (self.folder / rel).is_dir():  # a server redirects folder to folder/
            rel += "/index.html"
        return Target("file", rel, unquote(parts.fragment))

    def has_anchor(self, rel: str, fragment: str) -> bool:
        if fragment in ("", "top") or fragment.startswith(":~:"):  # HTML: "" and "top" scroll to the top
            return True
        return rel.endswith(".html") and fragment in self.page(rel).anchors


@dataclass
class Scan:
    """What ``scan`` found: the problems, and every external address by the pages that link to it."""

    problems: list[Problem]
    external: dict[str, set[str]]
    reached: set[str]
    pages: list[str]


def html_pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file())


def scan(
    folder: Path,
    *,
    site_url: str | None = None,
    start: str = "index.html",
    unlinked: Iterable[str] = ("404.html",),
    absolute_ok: Iterable[str] = ("404.html",),
) -> Scan:
    """Check every link and anchor of the site in ``folder``; see the module's docstring."""
    site = Site(folder, site_url)
    pages = html_pages(folder)
    absolute_ok = set(absolute_ok)
    problems: list[Problem] = []
    external: dict[str, set[str]] = {}
    edges: dict[str, set[str]] = {}

    def check(rel: str, line: int, page_url: str, url: str) -> str | None:
        """Check one address; the file it leads to, if it is one of the site's."""
        if url.startswith("/") and not url.startswith("//") and rel not in absolute_ok:
            problems.append(Problem(rel, line, url, "absolute", "root-absolute: breaks under a sub-path"))
        target = site.resolve(page_url, url)
        if target.kind == "external":
            external.setdefault(target.path, set()).add(rel)
            return None
        if target.kind == "outside":
            problems.append(Problem(rel, line, url, "outside", f"leads outside the site, to {target.path}"))
            return None
        if target.kind != "file":
            return None
        if not (folder / target.path).is_file():
            problems.append(Problem(rel, line, url, "missing", f"no such file: {target.path}"))
            return None
        if not site.has_anchor(target.path, target.fragment):
            problems.append(Problem(rel, line, url, "anchor", f"no id or name {target.fragment!r} in {target.path}"))
        return target.path

    for rel in pages:
        page = site.page(rel)
        page_url = site.url_of(rel)
        if page.base is not None:
            page_url = urljoin(page_url, page.base)
        edges[rel] = set()
        for link in page.links:
            found = check(rel, link.line, page_url, link.url)
            if found is not None and found != rel:
                edges[rel].add(found)

    index = folder / SEARCH_INDEX
    if index.is_file():
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        for doc in docs:
            check(SEARCH_INDEX, 0, site.url_of(""), doc.get("location", ""))

    reached: set[str] = set()
    if (folder / start).is_file():
        queue = deque([start])
        reached.add(start)
        while queue:
            for target in sorted(edges.get(queue.popleft(), ())):
                if target not in reached:
                    reached.add(target)
                    queue.append(target)
    skip = set(unlinked)
    for rel in pages:
        if rel not in reached and rel not in skip:
            problems.append(Problem(rel, 0, rel, "unreached"))
    return Scan(sorted(set(problems)), external, reached, pages)


def check_site(
    folder: Path,
    *,
    site_url: str | None = None,
    start: str = "index.html",
    unlinked: Iterable[str] = ("404.html",),
    absolute_ok: Iterable[str] = ("404.html",),
) -> list[Problem]:
    """Every broken internal link or anchor, link out of the site and unreachable page, sorted."""
    return scan(folder, site_url=site_url, start=start, unlinked=unlinked, absolute_ok=absolute_ok).problems


def main(argv: list[str] | None = None) -> int:
    """``python -m archivist.site.linkcheck SITE [--site-url URL]``: print each problem, exit 1 on any."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m archivist.site.linkcheck", description=main.__doc__)
    parser.add_argument("folder", type=Path, help="a built site (site/)")
    parser.add_argument("--site-url", help="the site_url it was built with, if any")
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        print(f"linkcheck: {args.folder}: no index.html (build the site first)")
        return 2
    result = scan(args.folder, site_url=args.site_url)
    for problem in result.problems:
        print(f"linkcheck: {problem}")
    pages = len(result.pages)
    print(f"linkcheck: {pages} pages, {len(result.problems)} problem(s), {len(result.external)} external address(es)")
    return 1 if result.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
