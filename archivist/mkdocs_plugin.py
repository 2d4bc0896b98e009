"""The thin MkDocs plugin: hand the pipeline's pages and files to the build.

All the work is in ``pipeline.build``; this module only adapts it to MkDocs'
events, reports problems as MkDocs warnings (fatal under ``--strict``) and
makes ``mkdocs serve`` rebuild on any edit under the archive folder. After the
build it writes ``manifest-sha256.txt`` (``fixity``) over every file in the site.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .fixity import MANIFEST, compute, format_manifest
from .pipeline import build

log = logging.getLogger("mkdocs.plugins.archive")


class ArchiveConfig(Config):
    archive_dir = c.Type(str, default="archive")
    """The archive folder (articles/, glossary/, pages/), relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/archive")
    """Where cleaning results are cached by content hash, relative to mkdocs.yml ('' for no cache)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.archive_dir

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        base = Path(config.config_file_path).parent
        cache = base / self.config.cache_dir if self.config.cache_dir else None
        output = build(self._root(config), cache, config.site_name, config.site_url or "")
        for problem in output.problems:
            log.warning("%s", problem)
        for uri, markdown in output.pages.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, uri, content=markdown)
            if uri in output.edit_paths:
                # "Edit this page" opens the contributor's file; edit_uri is
                # relative to docs_dir, and the repository URL join resolves "..".
                source = Path(config.config_file_path).parent / output.edit_paths[uri]
                generated.edit_uri = Path(os.path.relpath(source, config.docs_dir)).as_posix()
            files.append(generated)
        for uri, data in output.files.items():
            files.append(File.generated(config, uri, content=data))
        log.info("archive: %d articles", len(output.articles))
        return files

    @event_priority(-1000)  # after every other plugin's writes (Material's offline plugin runs at -100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write site/manifest-sha256.txt: the sha256 of every file the build wrote."""
        site = Path(config.site_dir)
        (site / MANIFEST).write_bytes(format_manifest(compute(site)).encode("utf-8"))

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self._root(config)))
        return server
