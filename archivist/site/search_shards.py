"""Pagefind's index in bundles of a bounded size, each kept for the next build.

Pagefind holds a whole bundle's index in memory while it writes it (about
190 KB a page: 1.9 GB at 10,000 articles, beside MkDocs' own process), and
indexes every page again on every build. So the articles are split into
bundles of about ``SHARD_SIZE`` pages each (``pagefind-1/``, ``pagefind-2/``,
... beside ``pagefind/``, which holds the other searchable pages), indexed one
after the other; the search worker merges them in the browser
(``pagefind.mergeIndex``), and ``pagefind/shards.json`` names them. Past
``OTHERS_APART`` articles, the other pages are never in an articles' bundle;
an archive of up to ``OTHERS_APART`` articles has the one bundle, ``pagefind/``.

An article's bundle follows from its address alone (a hash of it), so adding
an article changes one bundle. A bundle whose pages show Pagefind what they
showed before (``index_key``: what Pagefind reads of each page) is taken
from the cache instead of indexed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from archivist.build.cache import write_atomic
from archivist.render.search_marks import STORY_END
from archivist.site.pagefind_index import BUNDLE, IndexStats, index_site

SHARD_SIZE = 2_500  # articles a bundle holds, about: at 190 KB a page (measured at 1,000), some 470 MB to write one
# Past this many articles the other pages (home, glossary, lists) have a bundle
# of their own: a glossary edit changes them, and then none of the articles'
# bundles is indexed again (at 1,000: Pagefind and the manifest 3.37 s -> 1.06 s). Below
# it, indexing everything again is quick, and one bundle is the smaller download.
OTHERS_APART = 500
SHARDS_FILE = "shards.json"  # in pagefind/: the other bundles the search worker merges
_ARTICLE = re.compile(r"articles/([^/]+)/index\.html")
_ATTRIBUTE = b"data-pagefind-"  # in a tag: one of Pagefind's marks
_STORY_END = STORY_END.removesuffix(">").encode()  # "<hr ... />" too
# Pagefind indexes no title attribute (unless a page names attributes for it
# with data-pagefind-index-attrs), and each glossary link carries its term's
# short definition as one, for Material's tooltip: with them left out of the
# key, editing a definition re-indexes no article's bundle.
_TITLE_ATTRIBUTE = re.compile(rb'\stitle="[^"]*"')
_INDEX_ATTRS = b"data-pagefind-index-attrs"
_BUNDLE_FOLDER = re.compile(rf"{BUNDLE}(?:-\d+)?")


def plan(pages: Sequence[str], shard_size: int = SHARD_SIZE, apart: int = OTHERS_APART) -> dict[str, list[str]]:
    """Each bundle's folder (site path) and the pages (site paths of HTML files) it indexes, in order.

    Article pages (``articles/<id>/index.html``) of an archive of more than
    ``apart`` of them go to ``pagefind-<k>/`` (one bundle for each
    ``shard_size``, by a hash of their id); every other page, and every article
    of a smaller archive, to ``pagefind/``, the bundle the search worker loads
    first (it holds the script and the WebAssembly the others are searched
    with). A ``shard_size`` of 0 makes one bundle of every page."""
    ordered = sorted(pages)
    article_ids = {page: found.group(1) for page in ordered if (found := _ARTICLE.fullmatch(page))}
    count = -(-len(article_ids) // shard_size) if shard_size > 0 else 0  # the articles' bundles
    if count == 1 and len(article_ids) <= apart:
        count = 0  # a small archive: one bundle of every page
    bundles: dict[str, list[str]] = {BUNDLE: []}
    if count == 0:
        bundles[BUNDLE] = ordered
        return bundles
    for k in range(1, count + 1):
        bundles[f"{BUNDLE}-{k}"] = []
    for page in ordered:
        article_id = article_ids.get(page)
        if article_id is None:
            bundles[BUNDLE].append(page)
        else:
            bundles[f"{BUNDLE}-{zlib.crc32(article_id.encode('utf-8')) % count + 1}"].append(page)
    if not bundles[BUNDLE]:  # no other page: the last bundle of articles is the one the worker loads first
        bundles[BUNDLE] = bundles.pop(f"{BUNDLE}-{count}")
    return {name: members for name, members in bundles.items() if members or name == BUNDLE}


def index_key(html: bytes) -> bytes:
    """What Pagefind reads of a page the build marked: its ``<html>`` tag (the
    language), the story from its first marked element to the story's end
    (``search_marks.STORY_END``; the page's end on pages without one), and any
    marked tag after it. The navigation, the head and what follows the story
    (related articles, the citation) are left out: they change without changing
    the index, when an article is added beside them; so are title attributes,
    which Pagefind does not read (a glossary link's tooltip). (Plain searches,
    not one regular expression over the page, and on its bytes: this reads every searchable page.)"""
    first = html.find(_ATTRIBUTE)
    if first < 0:
        return html  # no marks: Pagefind reads the whole page
    begin = html.rfind(b"<", 0, first)
    end = html.find(_STORY_END, first)
    stop = end if end >= 0 else len(html)
    opening = html.find(b"<html", 0, first)
    parts = [html[opening : html.find(b">", opening) + 1] if opening >= 0 else b"", html[begin:stop]]
    at = html.find(_ATTRIBUTE, stop)
    while at >= 0:
        tag_end = html.find(b">", at)
        parts.append(html[html.rfind(b"<", 0, at) : tag_end + 1])
        at = html.find(_ATTRIBUTE, tag_end if tag_end >= 0 else len(html))
    key = b"\n".join(parts)
    return key if _INDEX_ATTRS in key else _TITLE_ATTRIBUTE.sub(b"", key)


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return metadata.version("pagefind")


def bundle_key(site: Path, pages: Sequence[str], version: str) -> str:
    """The cache key of a bundle: Pagefind's version and what it reads of each page, by address."""
    digest = hashlib.sha256(f"pagefind {version}\n".encode())
    for page in pages:
        digest.update(f"{page}\n".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(index_key((site / page).read_bytes())).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Indexed:
    """What indexing the site did: Pagefind's counts over every bundle, and how many bundles came from the cache."""

    stats: IndexStats
    bundles: int
    reused: int


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link (thousands of small files: a copy of a bundle costs more than
    indexing some of it), or a copy where the two folders cannot share files."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=_link_or_copy, dirs_exist_ok=True)


def _index_view(site: Path, pages: Sequence[str], output: Path) -> IndexStats:
    """Index ``pages`` of ``site`` alone: Pagefind is pointed at a folder holding
    only them (hard links, at the same site paths), so that it reads no other page
    and its URLs are the site's."""
    with tempfile.TemporaryDirectory(prefix="pagefind-view-", dir=site.parent) as view:
        for page in pages:
            _link_or_copy(site / page, Path(view) / page)
        return index_site(Path(view), output=output)


def _stats_file(folder: Path) -> Path:
    return folder.parent / f"{folder.name}.stats"


def index_bundles(
    site: Path,
    pages: Sequence[str],
    shard_size: int = SHARD_SIZE,
    cache: Path | None = None,
    advance: Callable[[], object] | None = None,
) -> Indexed:
    """Write the search bundles of ``site`` for its searchable ``pages``, and
    ``pagefind/shards.json``; a bundle whose key is in ``cache`` is taken from it
    (hard links: a later build removes the site's files, never writes into them)."""
    bundles = plan(pages, shard_size)
    version = pagefind_version()
    for old in site.iterdir() if site.is_dir() else ():
        if _BUNDLE_FOLDER.fullmatch(old.name) and old.is_dir():
            shutil.rmtree(old)  # an earlier run's, on a site finished again
    used: set[str] = set()
    total_pages = total_words = reused = 0
    for folder, members in bundles.items():
        output = site / folder
        key = bundle_key(site, members, version) if cache is not None else ""
        used.add(key)
        kept = cache / key if cache is not None else None
        earlier = _kept_stats(kept) if kept is not None else None
        if kept is not None and earlier is not None:
            _link_tree(kept, output)
            stats, reused = earlier, reused + 1
        else:
            stats = _index_view(site, members, output) if members else IndexStats(0, 0)
            if kept is not None and members:
                _keep(output, kept, stats)
        total_pages, total_words = total_pages + stats.pages, total_words + stats.words
        if advance:
            advance()
    if cache is not None:
        _prune(cache, used)
    others = [f"../{folder}/" for folder in bundles if folder != BUNDLE]
    (site / BUNDLE).mkdir(parents=True, exist_ok=True)
    (site / BUNDLE / SHARDS_FILE).write_text(json.dumps(others) + "\n", encoding="utf-8")
    return Indexed(IndexStats(total_pages, total_words), len(bundles), reused)


def _kept_stats(kept: Path) -> IndexStats | None:
    """The counts of a bundle the cache holds whole (its stats file is written last), or None."""
    try:
        counts = json.loads(_stats_file(kept).read_text(encoding="utf-8"))
        stats = IndexStats(int(counts["pages"]), int(counts["words"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stats if kept.is_dir() else None


def _keep(output: Path, kept: Path, stats: IndexStats) -> None:
    """Keep a bundle just written in the cache, whole or not at all (its stats file last)."""
    staging = kept.parent / f".{kept.name}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    _link_tree(output, staging)
    shutil.rmtree(kept, ignore_errors=True)
    staging.rename(kept)
    write_atomic(_stats_file(kept), json.dumps({"pages": stats.pages, "words": stats.words}))


def _prune(cache: Path, used: set[str]) -> None:
    """Drop the bundles this build did not use: each is megabytes, and a rebuild makes one anew."""
    for entry in cache.iterdir() if cache.is_dir() else ():
        if entry.name.split(".", 1)[0] not in used and not entry.name.startswith("."):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def marked_pages(site: Path) -> list[str]:
    """The HTML pages of ``site`` that carry Pagefind's body mark (every page when
    none does, as Pagefind reads them), by site path: for a site built elsewhere."""
    found, every = [], []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        top, inside, _ = rel.partition("/")
        if inside and _BUNDLE_FOLDER.fullmatch(top):
            continue  # a search bundle's own files
        every.append(rel)
        if b"data-pagefind-body" in path.read_bytes():
            found.append(rel)
    return found or every
