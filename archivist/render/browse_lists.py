"""The pages listing every article, by date and by publisher, in parts of bounded size.

One page of every article weighed about 3 MB at 10,000 articles (issue 13), so
each list is an index page (``browse/timeline.md``, ``browse/publishers.md``,
the pages the site's nav names) linking to its parts: one page per year, one
per publisher, and a year or publisher with more than ``PAGE_ARTICLES``
articles in numbered pages of that many, newest first. Every page stays out of
both search indexes: a list of titles would match whatever its articles match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from archivist.common.markdown_text import escape
from archivist.common.site_links import PUBLISHER_PAGES, YEAR_PAGES
from archivist.common.site_paths import to_root
from archivist.model import Article
from archivist.render.article import MONTHS, front_matter, listing_entry, newest_first

# Listing entries on one page. An entry is about 220 bytes of HTML, so a part
# of 500 is about 110 KB before the page's chrome (measured in BENCHMARKS.md).
PAGE_ARTICLES = 500

TIMELINE = "browse/timeline.md"
PUBLISHERS = "browse/publishers.md"
UNDATED = "Undated"
UNKNOWN_PUBLISHER = "Unknown publisher"
_NOT_SEARCHED = {"exclude": True}


@dataclass(frozen=True)
class Part:
    """One page of a list: ``number`` of ``count`` pages of its group."""

    path: str  # site path of the page's Markdown, under browse/
    group: str  # the year or publisher, as shown
    number: int
    count: int
    articles: tuple[Article, ...]

    @property
    def label(self) -> str:
        return self.group if self.count == 1 else f"{self.group} ({self.number} of {self.count})"


def slug(name: str) -> str:
    """A file name for a group: "The Harbor Post" is "the-harbor-post"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "untitled"


def parts(folder: str, groups: dict[str, list[Article]], per_page: int) -> list[Part]:
    """Each group's articles (newest first) cut into pages of ``per_page``,
    named ``<folder>/<slug>.md``, then ``<slug>-2.md``...; two names with one
    slug get the second a number ("-b")."""
    out, taken = [], set()
    for group, items in groups.items():
        name = slug(group)
        while name in taken:
            name += "-b"
        taken.add(name)
        pieces = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
        for n, piece in enumerate(pieces, 1):
            path = f"{folder}/{name}.md" if n == 1 else f"{folder}/{name}-{n}.md"
            out.append(Part(path, group, n, len(pieces), tuple(piece)))
    return out


def date_of(article: Article) -> str:
    """The date an article is browsed by: the publisher's, else its repost's."""
    return article.meta.known_date()


def span(articles: Sequence[Article]) -> str:
    """The dates a part covers, newest first: "March 2020 to June 2019"."""
    dated = [date_of(a) for a in articles if date_of(a)]
    if not dated:
        return UNDATED.lower()

    def month(iso: str) -> str:
        return f"{MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"

    first, last = month(dated[0]), month(dated[-1])
    return first if first == last else f"{first} to {last}"


def _relative(from_path: str, to_path: str) -> str:
    """A link between two pages of browse/ (one folder deep at most)."""
    depth = from_path.count("/") - 1
    return "../" * depth + to_path.removeprefix("browse/")


def _count(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"


def _pager(part: Part, siblings: list[Part], index: str, index_name: str) -> str:
    links = [f"[{index_name}]({_relative(part.path, index)})"]
    if part.count > 1:
        mine = [p for p in siblings if p.group == part.group]
        if part.number > 1:
            links.append(f"[newer]({_relative(part.path, mine[part.number - 2].path)})")
        if part.number < part.count:
            links.append(f"[older]({_relative(part.path, mine[part.number].path)})")
    return " · ".join(links) + "\n"


def _index_lines(found: list[Part], index: str) -> list[str]:
    """One line per group: its name (linked when it has one page), its count,
    and its pages by the dates they cover."""
    lines = []
    by_group: dict[str, list[Part]] = {}
    for part in found:
        by_group.setdefault(part.group, []).append(part)
    for group, mine in by_group.items():
        total = sum(len(p.articles) for p in mine)
        if len(mine) == 1:
            lines.append(f"- [{escape(group)}]({_relative(index, mine[0].path)}): {_count(total)}")
        else:
            pages = ", ".join(f"[{span(p.articles)}]({_relative(index, p.path)})" for p in mine)
            lines.append(f"- {escape(group)}: {_count(total)}, in {len(mine)} pages: {pages}")
    return lines


def year_groups(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles of each year, newest first (the undated last)."""
    groups: dict[str, list[Article]] = {}
    for a in newest_first(articles):
        groups.setdefault(date_of(a)[:4] or UNDATED, []).append(a)
    return groups


def publisher_groups(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles of each publisher, newest first, publishers in alphabetical
    order ("The" aside), the unknown last."""
    groups: dict[str, list[Article]] = {}
    for a in newest_first(articles):
        groups.setdefault(str(a.meta.text("publisher") or UNKNOWN_PUBLISHER), []).append(a)
    order = sorted(groups, key=lambda n: (n == UNKNOWN_PUBLISHER, n.lower().removeprefix("the ")))
    return {name: groups[name] for name in order}


def year_parts(articles: Sequence[Article], per_page: int = PAGE_ARTICLES) -> list[Part]:
    return parts(YEAR_PAGES, year_groups(articles), per_page)


def publisher_parts(articles: Sequence[Article], per_page: int = PAGE_ARTICLES) -> list[Part]:
    return parts(PUBLISHER_PAGES, publisher_groups(articles), per_page)


def first_pages(found: list[Part]) -> dict[str, str]:
    """Each group's first page (its site path): where a link to the group goes."""
    return {part.group: part.path for part in found if part.number == 1}


def timeline_pages(articles: Sequence[Article], per_page: int = PAGE_ARTICLES) -> dict[str, str]:
    """``browse/timeline.md``, the years newest first (undated last), and a page
    for each year with its articles by month, newest first."""
    found = year_parts(articles, per_page)
    index = [
        front_matter(title="Articles by date", search=_NOT_SEARCHED),
        "# Articles by date\n",
        f"{_count(len(articles))}, by year of publication, newest first. Undated articles are listed last.\n",
        *_index_lines(found, TIMELINE),
    ]
    pages = {TIMELINE: "\n".join(index) + "\n"}
    for part in found:
        title = f"Articles of {part.label}"
        if part.group == UNDATED:
            title = part.label.replace(UNDATED, "Undated articles")
        out = [
            front_matter(title=title, search=_NOT_SEARCHED),
            f"# {escape(title)}\n",
            _pager(part, found, TIMELINE, "All years"),
            f"{_count(len(part.articles))}, newest first.\n",
        ]
        month = None
        for a in part.articles:
            m = int(date_of(a)[5:7]) if date_of(a) else 0
            if m and m != month:
                out.append(f"## {MONTHS[m - 1]} {part.group}\n")
                month = m
            out.append(listing_entry(a, to_root(part.path)))
        pages[part.path] = "\n".join(out)
    return pages


def publisher_pages(articles: Sequence[Article], per_page: int = PAGE_ARTICLES) -> dict[str, str]:
    """``browse/publishers.md``, the publishers in alphabetical order ("The"
    aside, the unknown last), and a page for each with its articles by year,
    newest first."""
    groups = publisher_groups(articles)
    found = parts(PUBLISHER_PAGES, groups, per_page)
    index = [
        front_matter(title="Articles by publisher", search=_NOT_SEARCHED),
        "# Articles by publisher\n",
        f"{_count(len(articles))} from {len(groups)} publisher{'s' if len(groups) != 1 else ''}.\n",
        *_index_lines(found, PUBLISHERS),
    ]
    pages = {PUBLISHERS: "\n".join(index) + "\n"}
    for part in found:
        out = [
            front_matter(title=part.label, search=_NOT_SEARCHED),
            f"# {escape(part.label)}\n",
            _pager(part, found, PUBLISHERS, "All publishers"),
            f"{_count(len(part.articles))}, newest first.\n",
        ]
        year = None
        for a in part.articles:
            y = date_of(a)[:4] or UNDATED
            if y != year:
                out.append(f"## {y}\n")
                year = y
            out.append(listing_entry(a, to_root(part.path)))
        pages[part.path] = "\n".join(out)
    return pages
