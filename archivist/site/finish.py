"""The last step of a site build, whoever built it: index it for Pagefind, then write its fixity manifest.

The archive plugin runs it after `mkdocs build`; ``archive finish SITE`` runs it
on a site another builder made of the ``archive build --out`` tree (its pages
carry Pagefind's marks, ``search_marks``). The manifest comes last: it covers
the search bundles too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archivist.build.memory import give_back_memory
from archivist.preserve.fixity import MANIFEST, compute, format_manifest
from archivist.progress import Progress
from archivist.site.search_shards import SHARD_SIZE, Indexed, index_bundles, marked_pages, plan


def finish(
    site: Path,
    pages: Sequence[str] | None = (),
    progress: Progress | None = None,
    shard_size: int = SHARD_SIZE,
    cache: Path | None = None,
) -> Indexed | None:
    """Have Pagefind index the searchable ``pages`` of ``site`` (site paths; empty:
    those that carry its body mark; None: no Pagefind index, as for the offline
    copy), in bundles of about ``shard_size`` articles kept in ``cache``
    (``search_shards``), then write ``site/manifest-sha256.txt``, the sha256 of
    every file in it. Raises ``PagefindError`` when Pagefind fails."""
    progress = progress or Progress(enabled=False)
    indexed = None
    if pages is not None:
        pages = list(pages) or marked_pages(site)
        progress.start("pagefind: index the site", len(plan(pages, shard_size)))
        give_back_memory()  # Pagefind's memory comes on top of this process's
        indexed = index_bundles(site, pages, shard_size, cache, progress.advance)
    progress.start(MANIFEST)
    (site / MANIFEST).write_bytes(format_manifest(compute(site)).encode("utf-8"))
    return indexed
