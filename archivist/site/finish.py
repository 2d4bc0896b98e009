"""The last step of a site build, whoever built it: index it for Pagefind, then write its fixity manifest.

The archive plugin runs it after `mkdocs build`; ``archive finish SITE`` runs it
on a site another builder made of the ``archive build --out`` tree (its pages
carry Pagefind's marks, ``search_marks``). The manifest comes last: it covers
the search bundle too.
"""

from __future__ import annotations

from pathlib import Path

from archivist.build.memory import give_back_memory
from archivist.preserve.fixity import MANIFEST, compute, format_manifest
from archivist.progress import Progress
from archivist.site.pagefind_index import IndexStats, index_site


def finish(site: Path, glob: str | None = "**/*.html", progress: Progress | None = None) -> IndexStats | None:
    """Have Pagefind index the pages of ``site`` that ``glob`` names (None: no
    Pagefind index, as for the offline copy), then write ``site/manifest-sha256.txt``,
    the sha256 of every file in it. Raises ``PagefindError`` when Pagefind fails."""
    progress = progress or Progress(enabled=False)
    stats = None
    if glob is not None:
        progress.start("pagefind: index the site")
        give_back_memory()  # Pagefind's memory comes on top of this process's
        stats = index_site(site, glob)
    progress.start(MANIFEST)
    (site / MANIFEST).write_bytes(format_manifest(compute(site)).encode("utf-8"))
    return stats
