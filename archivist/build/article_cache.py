"""Each article's share of the build (its page and its cleaning report, as
Markdown, and its lines of the data export) cached by a key of everything
they are made of, so that a rebuild renders again only the articles a change
reaches.

An article's pages are made of its cleaning (whose cache key covers its
original, its ``article.yml`` and the package's code: ``cache.cache_key``),
the glossary mentions found in it and the entries they name, its related
articles (their cleaning and the terms they share with it), and the site's
name, address, rights statement and takedown contact. The key is a hash of
those (and of the package's files and libraries, ``cache.cleaner_version``);
a glossary edit renders again the articles that mention the edited term or
whose mentions it changes, adding an article those it becomes related to.
Entries are JSON files, one per key, holding their key; one that does not
read back as the article's own pages is rendered again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archivist.build.cache import cleaner_version, write_atomic
from archivist.common import site_paths as paths
from archivist.glossary.load import Glossary
from archivist.model import Article
from archivist.render.browse import terms_of
from archivist.rights import Contact, Rights


def article_key(
    article: Article,
    related: Sequence[Article],
    glossary: Glossary,
    site: tuple[str, str, Rights | None, Contact | None],
) -> str:
    """The key of an article's pages (empty when its cleaning has no key: no cache)."""
    if not article.source_key or any(not other.source_key for other in related):
        return ""
    terms = sorted(terms_of(article))
    parts = [
        cleaner_version(),
        repr(site),
        article.source_key,
        repr(article.rights),
        repr(article.mentions),
        repr([glossary.get(term) for term in terms]),
        repr([(other.id, other.source_key, sorted(terms_of(other))) for other in related]),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ArticleShare:
    """What an article adds to the build: its two pages (Markdown, by site path),
    its record in ``data/articles.json`` and its annotations, each as the line written."""

    pages: dict[str, str]
    record: str
    annotations: list[str]


class ArticleCache:
    """Article shares by article key, under ``folder`` (None: no cache).

    Entries are written by a thread beside the render loop: creating a file
    costs about a millisecond on a cold cache, time the loop spends rendering
    the next article instead. ``close`` (the end of a ``with``) waits for every
    write and raises the first that failed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list[Future[None]] = []

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._writer is None:
            return
        self._writer.shutdown(wait=True)
        self._writer = None
        writes, self._writes = self._writes, []
        for write in writes:
            write.result()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, article_id: str) -> ArticleShare | None:
        """The share kept under ``key``, if it is whole and the article's own
        (an entry copied to another key, from a restored backup, is not trusted)."""
        if self.folder is None or not key:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        pages, record, annotations = entry.get("pages"), entry.get("record"), entry.get("annotations")
        own = sorted((paths.article_page(article_id), paths.report_page(article_id)))
        if not (
            isinstance(pages, dict)
            and sorted(pages) == own
            and all(isinstance(v, str) for v in pages.values())
            and isinstance(record, str)
            and isinstance(annotations, list)
            and all(isinstance(line, str) for line in annotations)
        ):
            return None
        self.hits += 1
        return ArticleShare(pages, record, annotations)

    def put(self, key: str, share: ArticleShare) -> None:
        if self.folder is None or not key:
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="article-cache")
        self._writes.append(self._writer.submit(self._write, key, share))

    def _write(self, key: str, share: ArticleShare) -> None:
        entry = {"key": key, "pages": share.pages, "record": share.record, "annotations": share.annotations}
        write_atomic(self._path(key), json.dumps(entry))  # ASCII: a lone surrogate of a scrape survives
