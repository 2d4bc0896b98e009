"""Index the built site with Pagefind: search that scales to a large archive.

Material's own search ships one index that every reader downloads whole
(about 13 MB at 1,000 articles). Pagefind splits its index into small
chunks, so a reader downloads only the chunks a query needs. The built
pages mark what to index: the content of each searchable page carries
``data-pagefind-body`` (``mark_searchable``), so pages without it (cleaning
reports) are left out. The Pagefind binary
comes from the ``pagefind[bin]`` package.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .render import STORY_END

BUNDLE = "pagefind"


class PagefindError(Exception):
    """Pagefind could not run or failed: the message says what to do."""


def mark_searchable(html: str) -> str:
    """A searchable page's content, marked for Pagefind. What follows the end
    of an article's story (its terms, related articles, citation, provenance)
    stays out: indexed, it would make every article match its neighbours' titles."""
    story, end, rest = html.partition(STORY_END)
    return f"<div data-pagefind-body>{story}</div>{end}{rest}"


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int


def index_site(site: Path) -> IndexStats:
    """Write ``site/pagefind/``, the search bundle, from the HTML pages in ``site``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise PagefindError(f"could not run Pagefind ({error}); reinstall with: pip install 'pagefind[bin]'") from error
    if done.returncode != 0:
        raise PagefindError(f"Pagefind failed to index {site}: {(done.stderr or done.stdout).strip()[-2000:]}")
    pages = re.search(r"Indexed (\d+) pages?", done.stdout)
    words = re.search(r"Indexed (\d+) words?", done.stdout)
    return IndexStats(int(pages.group(1)) if pages else 0, int(words.group(1)) if words else 0)
