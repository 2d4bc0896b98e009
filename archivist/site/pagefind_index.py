"""Index the built site with Pagefind: search that scales to a large archive.

Material's own search ships one index that every reader downloads whole
(about 13 MB at 1,000 articles). Pagefind splits its index into small
chunks, so a reader downloads only the chunks a query needs. The built
pages mark what to index: the content of each searchable page carries
``data-pagefind-body`` (``mark_searchable``), so pages without it (cleaning
reports, the browse lists) are left out. The Pagefind binary
comes from the ``pagefind[bin]`` package.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from archivist.render.search_marks import STORY_END

BUNDLE = "pagefind"


class PagefindError(Exception):
    """Pagefind could not run or failed: the message says what to do."""


_EXCLUDED_HEADING = re.compile(r"<h([1-6])\b[^>]*\sdata-search-exclude\b[^>]*>")
_EXCLUDED_BLOCK = re.compile(r"<(?!h[1-6]\b)([a-z]+)\b([^>]*\s)data-search-exclude\b")


def _ignore_excluded(html: str) -> str:
    """Material's search marks, read by Pagefind too: a block marked
    ``data-search-exclude`` is ignored, and a heading so marked takes its
    section (to the next heading of its level or higher) with it. The
    generated pages put such headings at the top level of the content."""
    html = _EXCLUDED_BLOCK.sub(r"<\1\2data-pagefind-ignore data-search-exclude", html)
    out, pos = [], 0
    for start in _EXCLUDED_HEADING.finditer(html):
        if start.start() < pos:
            continue  # inside a section already ignored
        level = int(start.group(1))
        end = re.compile(rf"<h[1-{level}]\b").search(html, start.end())
        stop = end.start() if end else len(html)
        out += [html[pos : start.start()], "<div data-pagefind-ignore>", html[start.start() : stop], "</div>"]
        pos = stop
    return "".join(out) + html[pos:]


def mark_searchable(html: str, names: Sequence[str] = ()) -> str:
    """A searchable page's content, marked for Pagefind. What follows the end
    of an article's story (its terms, related articles, citation, provenance)
    stays out: indexed, it would make every article match its neighbours' titles.
    The title and the byline are searched as metadata, not as text, so that a
    result's excerpt does not repeat its title line. ``names`` (a term's name,
    full name and other spellings) are metadata too, which the worker weighs
    most and reads to put the terms a query names first. (What a result is,
    article, term or page, the worker reads from its address: Pagefind writes
    its filters in an order that changes from one run to the next, and builds
    must be byte-identical.)"""
    story, end, rest = html.partition(STORY_END)
    story = re.sub(r"<h1\b", '<h1 data-pagefind-ignore data-pagefind-meta="title"', story, count=1)
    story = story.replace(
        '<p class="archive-byline">', '<p class="archive-byline" data-pagefind-ignore data-pagefind-meta="byline">', 1
    )
    marks = "data-pagefind-body"
    if names:
        # One attribute holds "key:value" pairs split at commas: none in the value.
        value = " | ".join(n.replace(",", " ") for n in names)
        marks += f' data-pagefind-meta="names:{escape(value, quote=True)}"'
    return f"<div {marks}>{_ignore_excluded(story)}</div>{end}{rest}"


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int


def index_site(site: Path, glob: str = "**/*.html", output: Path | None = None) -> IndexStats:
    """Write a search bundle, ``output`` (``site/pagefind/`` by default), from the
    HTML pages in ``site`` that ``glob`` names."""
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE]
    command = [sys.executable, "-m", "pagefind", "--site", str(site), *where, "--glob", glob]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PagefindError(f"could not run Pagefind ({error}); reinstall with: pip install 'pagefind[bin]'") from error
    if done.returncode != 0:
        raise PagefindError(f"Pagefind failed to index {site}: {(done.stderr or done.stdout).strip()[-2000:]}")
    pages = re.search(r"Indexed (\d+) pages?", done.stdout)
    words = re.search(r"Indexed (\d+) words?", done.stdout)
    return IndexStats(int(pages.group(1)) if pages else 0, int(words.group(1)) if words else 0)
