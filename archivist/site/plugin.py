"""The thin MkDocs plugin: hand the pipeline's pages and files to the build.

All the work is in ``pipeline.build``, run in a child process that stages its
output in a temporary folder (``staged``); this module only adapts it to
MkDocs' events, reports problems as MkDocs warnings (fatal under ``--strict``) and
makes ``mkdocs serve`` rebuild on any edit under the archive folder. With
``search: pagefind`` (the default) it marks each searchable page's story for
Pagefind, keeps Material's own index empty, and after the build has Pagefind
index the site (``pagefind_index``). A page whose rendered template an
earlier build kept (``render_cache``, by a key of all it shows) is not
rendered again. Last it writes ``manifest-sha256.txt``
(``fixity``) over every file in the site: both are ``finish``, the core step
``archive finish SITE`` runs for another builder of the generated tree.
On a terminal (not in CI) a long build shows its stage, count and rate on one
updating line (``progress``); each stage's time is logged at INFO level
(``mkdocs build`` without ``-q`` shows it).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from archivist.build.clean_engine import ENGINES, EngineError, choose
from archivist.build.page_html import MarkdownSettings, entry_head, entry_html, rendered_path
from archivist.build.pipeline import default_time_limit, default_workers, format_timings
from archivist.build.staged import Staged, build_staged
from archivist.errors import ArchiveError
from archivist.progress import Progress
from archivist.rights import DEFAULT as DEFAULT_RIGHTS
from archivist.rights import Contact, Rights, contact, statement
from archivist.site import config as site_config
from archivist.site.finish import finish
from archivist.site.pagefind_index import PagefindError, mark_searchable
from archivist.site.render_cache import (
    CACHED_SOURCE,
    CACHED_TEMPLATE,
    EARLIER,
    OWN_TEMPLATE,
    RenderCache,
    content_digest,
    nav_digest,
    page_key,
    site_digest,
)
from archivist.site.search_kinds import KINDS, search_kind
from archivist.site.search_shards import SHARD_SIZE

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.utils.templates import TemplateContext

# Every message starts "archive: ", the plugin's name in mkdocs.yml (the package's, archivist, would not say which
# entry of plugins: speaks).
log = get_plugin_logger(site_config.PLUGIN)


def _stop(message: object) -> PluginError:
    """A problem that stops the build, named as the log's messages are (MkDocs prints it as it is)."""
    return PluginError(f"{site_config.PLUGIN}: {message}")


class OptionalDir(c.Dir):
    """A folder relative to mkdocs.yml, as ``c.Dir`` resolves it, or '' for none (``c.Dir`` would read ''
    as mkdocs.yml's own folder)."""

    def run_validation(self, value: object) -> str:
        return "" if value == "" else super().run_validation(value)


Number = TypeVar("Number", bound=float)  # int or float


class NotNegative(c.Type[Number]):
    """A number, 0 or more: ``c.Type(int)`` takes -1, and True, as numbers."""

    def __init__(self, type_: type[Number], *, zero: str, default: Number | None = None) -> None:
        super().__init__(type_, default=default)
        self.zero = zero  # what 0 means, for the message

    def run_validation(self, value: object) -> Number:
        if self._type is float and type(value) is int:  # a whole number of seconds is a float too
            value = float(value)
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 0:
            raise ValidationError(f"expected a number, 0 ({self.zero}) or more, not {value!r}")
        return number


class ArchiveConfig(Config):
    archive_dir = c.Dir(default="archive")
    """The archive folder (articles/, glossary/, pages/), relative to mkdocs.yml (absolute once read)."""
    cache_dir = OptionalDir(default=".cache/archive")
    """Where cleaning results are cached by content hash, relative to mkdocs.yml ('' for no cache)."""
    workers = NotNegative(int, zero="one per core", default=0)
    """Processes that clean the articles not in the cache (0: one per core)."""
    clean_time_limit = c.Optional(NotNegative(float, zero="no limit"))
    """Seconds an article may take to clean before its worker is stopped and the
    article is reported and left out (default: $ARCHIVE_CLEAN_TIME_LIMIT or 60; 0: no limit)."""
    clean_engine = c.Optional(c.Choice(ENGINES))
    """What cleans the articles not in the cache: ``pool``, this machine's worker
    processes, or ``dask``, a Dask cluster (the ``dask`` extra) at ``dask_scheduler``
    (default: $ARCHIVE_CLEAN_ENGINE or pool)."""
    dask_scheduler = c.Optional(c.Type(str))
    """The Dask scheduler's address, e.g. tcp://10.0.0.5:8786 (default: $ARCHIVE_DASK_SCHEDULER;
    empty: a local cluster of ``workers`` processes for the build)."""
    search = c.Choice(("pagefind", "material"), default="pagefind")
    """Who answers Material's search box: Pagefind's chunked index (a hosted site:
    a reader downloads only what a query needs), or Material's own single index
    (the offline copy: Pagefind cannot load its chunks from file://)."""
    search_shard_size = NotNegative(int, zero="one bundle", default=SHARD_SIZE)
    """Articles per Pagefind bundle, about (``search_shards``): Pagefind holds a bundle's
    whole index in memory while writing it (some 190 KB a page), and a rebuild indexes
    again only the bundles whose pages changed. The browser merges them."""
    rights = c.Type(str, default=DEFAULT_RIGHTS)
    """The articles' rights statement, from rightsstatements.org: its id (InC, InC-EDU, NoC-US, CNE, UND, ...)
    or URI. An article's article.yml may name its own (``rights:``)."""
    takedown = c.Type(str, default="")
    """Whom to ask for an article to be taken down: an email address or a web page ('' for none)."""


# What a build without site_url lacks, in the one warning it logs.
SITE_URL_UNSET = (
    "site_url is not set in mkdocs.yml: the build gives no canonical links, an empty sitemap.xml, "
    "citations and JSON-LD without the articles' addresses, a feed with relative links, and a 404 page "
    "that finds its styles only at a domain's root. Set site_url to the address the site is served at "
    "(see the commented example in mkdocs.yml and HOSTING.md)."
)


# Plugins whose page_context reads nothing of an excluded page's content (Material's search,
# under both its names, and this one).
_CONTENT_UNREAD = frozenset({"search", "material/search", site_config.PLUGIN})


class _NotCounted(logging.Filter):
    """Keeps a record out of MkDocs' --strict count: the site_url advice is a warning, not a fault.
    The repository's own build (and CI's) has no address to give, and must still pass --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "archive_advice", False)


class RenderedPage(Page):
    """A page the pipeline has converted to HTML (``page_html``): MkDocs reads
    its front matter and table of contents from the staged JSON file and only
    renders its template. Its HTML is read again just before its template is
    rendered (``load_content``) and let go once the page is written, so that
    MkDocs' process never holds every page's HTML at once: to other plugins its
    Markdown and, until then, its content are empty."""

    staged_key = ""  # the pipeline's key of its converted HTML (page_html.page_key)

    def read_source(self, config: MkDocsConfig) -> None:
        head = entry_head(self._path())  # its first line: the HTML is not read yet
        self.markdown, self.meta = "", head["meta"]
        self._toc, self.staged_key = head["toc"], head["key"]

    def _path(self) -> Path:
        assert self.file.abs_src_path is not None
        return Path(self.file.abs_src_path)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc, self._toc = get_toc(self._toc), None

    def load_content(self) -> str:
        """The page's HTML, from the staged file."""
        return entry_html(self._path())


def markdown_settings(config: MkDocsConfig) -> MarkdownSettings | None:
    """What MkDocs converts pages with, when the pipeline's processes can take it
    (extensions named, configuration plain data); None leaves every page to MkDocs."""
    extensions = config.markdown_extensions
    if not all(isinstance(e, str) for e in extensions):
        return None
    try:
        return MarkdownSettings.of(extensions, dict(config.mdx_configs or {}), bool(config.use_directory_urls))
    except (TypeError, ValueError):
        return None


def nav_titles(nav: object, titles: dict[str, str] | None = None) -> dict[str, str]:
    """The title ``nav`` in mkdocs.yml gives each page (the first, as MkDocs takes it)."""
    titles = {} if titles is None else titles
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles.setdefault(value, title)
                else:
                    nav_titles(value, titles)
    return titles


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.progress = Progress()
        self.clock: dict[str, float] = {}
        self.staged: Staged | None = None
        self.searchable: list[str] = []  # pages' site paths, for Pagefind
        self.rights: Rights | None = None
        self.takedown: Contact | None = None
        self.warned_site_url = False
        self.rendered = RenderCache(None)
        self.render_keys: dict[str, str] = {}  # each page's key in the render cache (render_cache.page_key)
        self.rendered_before: set[str] = set()  # the pages whose template is not rendered again
        self.content_unread = False  # their HTML need not be read (_find_rendered_before)
        self.nav: Navigation | None = None

    def _lap(self, name: str) -> float:
        """Seconds since the last lap (``name`` starts the next)."""
        now = time.perf_counter()
        last = self.clock.get("lap", now)
        self.clock["lap"] = now
        self.clock[name] = now
        return now - last

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A warning logged mid-stage starts on a clean line, not after the progress line.
        for handler in logging.getLogger("mkdocs").handlers:
            if self.progress not in handler.filters:
                handler.addFilter(self.progress)
        # overrides/main.html points Material's search box at the Pagefind worker.
        config.extra["archive_search"] = self.config.search
        self.rights, self.takedown = self._rights_options(config)
        # overrides/partials/copyright.html shows them in every page's footer.
        config.extra["archive_rights"] = self.rights.as_dict()
        takedown = self.takedown
        config.extra["archive_takedown"] = {"href": takedown.href, "text": takedown.text} if takedown else {}
        if not config.site_url and not self.warned_site_url:
            self.warned_site_url = True  # once a process: `mkdocs serve` rebuilds call on_config again
            for handler in logging.getLogger("mkdocs").handlers:
                if isinstance(handler, CountHandler):  # --strict's count, added before on_config
                    handler.addFilter(_NotCounted())
            log.warning("%s", SITE_URL_UNSET, extra={"archive_advice": True})
        return config

    def _rights_options(self, config: MkDocsConfig) -> tuple[Rights, Contact | None]:
        """The ``rights`` and ``takedown`` options, checked: a bad one stops the build, named with its line."""
        path = Path(config.config_file_path)
        try:
            return statement(self.config.rights, path.name, None), contact(self.config.takedown, path.name, None)
        except ArchiveError as error:
            located = site_config.load(path)[1]  # the same problem, with its line in mkdocs.yml
            raise _stop(located[0] if located else error) from None

    @property
    def _pagefind(self) -> bool:
        return self.config.search == "pagefind"

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        base = Path(config.config_file_path).parent
        cache = Path(self.config.cache_dir) if self.config.cache_dir else None
        self._lap("pipeline")
        self.searchable = []
        workers = self.config.workers or default_workers()
        limit = self.config.clean_time_limit
        limit = default_time_limit() if limit is None else (limit or None)
        try:
            engine = choose(self.config.clean_engine, self.config.dask_scheduler)
        except EngineError as error:
            raise _stop(error) from None
        # In a child process, written to a folder MkDocs reads as it goes (staged).
        self._forget_staged()
        settings = markdown_settings(config)
        html = (settings, tuple(f.src_uri for f in files)) if settings is not None else None
        try:
            self.staged = output = build_staged(
                Path(self.config.archive_dir),
                cache,
                config.site_name,
                config.site_url or "",
                workers,
                self.rights,
                self.takedown,
                html,
                config.repo_url or "",
                time_limit=limit,
                engine=engine,
            )
        except EngineError as error:  # its scheduler does not answer
            raise _stop(error) from None
        for problem in output.problems:
            log.warning("%s", problem)
        if output.fatal:
            self._forget_staged()
            raise _stop(
                f"{len(output.fatal)} problem(s) stop the build, strict or not "
                "(building around a name clash would send one entry's mentions to another)"
            )
        rendered, titles = set(output.rendered), nav_titles(config.nav)
        for uri in output.pages:
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            staged = rendered_path(output.folder, uri) if uri in rendered else output.folder / uri
            generated = File.generated(config, uri, abs_src_path=str(staged))
            if uri in output.edit_paths:
                # "Edit this page" opens the contributor's file; edit_uri is
                # relative to docs_dir, and the repository URL join resolves "..".
                source = base / output.edit_paths[uri]
                generated.edit_uri = Path(os.path.relpath(source, config.docs_dir)).as_posix()
            if uri in rendered:
                RenderedPage(titles.get(uri), generated, config)  # becomes generated.page, as MkDocs' own would
            files.append(generated)
        for uri in output.files:
            files.append(File.generated(config, uri, abs_src_path=str(output.folder / uri)))
        log.info(
            "%d articles (%d cleaned afresh, %d rendered afresh)",
            output.articles,
            output.cleaned,
            output.rendered_afresh,
        )
        log.info(
            "%d of %d pages converted to HTML by the pipeline (%d afresh)",
            len(rendered),
            len(output.pages),
            output.converted,
        )
        log.info("pipeline %.2f s: %s", self._lap("files"), format_timings(output.timings))
        return files

    def _forget_staged(self) -> None:
        if self.staged is not None:
            self.staged.remove()
            self.staged = None

    def on_build_error(self, *, error: Exception) -> None:
        self._forget_staged()

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav  # for the render cache's key (render_cache.nav_digest)
        self.progress.start("mkdocs: convert Markdown pages", len(files.documentation_pages()))
        self._lap("markdown")
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._pagefind:
            # Pagefind indexes what Material's search would have; Material's own
            # index stays empty, so its search box loads no large file.
            search = page.meta.get("search") or {}
            page.meta["archive_searchable"] = not search.get("exclude")
            page.meta["search"] = {**search, "exclude": True}
        else:
            # Material's search shows a page's tags on its result: each result says its kind
            # first (a term page's names follow: they rank the term first when a query names it)
            label, tags = KINDS[search_kind(page.file.src_uri)], list(page.meta.get("tags") or ())
            page.meta["tags"] = [label, *(t for t in tags if t != label)]
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.progress.advance()
        if self._pagefind and page.meta.get("archive_searchable"):
            self.searchable.append(page.file.dest_uri)
        if isinstance(page, RenderedPage):
            return html  # its HTML is read, and marked, when its template is rendered (on_page_context)
        return self._marked(html, page)

    def _marked(self, html: str, page: Page) -> str:
        """``html`` marked for Pagefind when the page is searchable and carries no marks yet: a
        hand-written page of docs_dir (the generated ones carry their own, search_marks)."""
        if self._pagefind and page.meta.get("archive_searchable") and "data-pagefind-body" not in html:
            return mark_searchable(html, page.meta["search"].get("names") or ())
        return html

    @event_priority(100)  # before Material's search plugin reads (and rewrites) the content
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        uri = page.file.src_uri
        if uri in self.rendered_before:
            earlier = self.rendered.get(self.render_keys[uri])
            if earlier is not None:  # else the template renders the page after all
                page.meta[EARLIER] = earlier
                if self.content_unread:
                    return context  # written as before: its HTML is not read at all
        if isinstance(page, RenderedPage):
            page.content = self._marked(page.load_content(), page)
        return context

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.clock["markdown_s"] = self._lap("templates")
        self._find_rendered_before(env, config, files)
        self.progress.start("mkdocs: render and write pages", len(files.documentation_pages()))
        return env

    def _find_rendered_before(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        """Key every page for the render cache; a page rendered before gets the template
        that writes its earlier output (or, should that have gone, renders the page's own)."""
        folder = Path(self.config.cache_dir) / "rendered" if self.config.cache_dir else None
        self.rendered, self.render_keys, self.rendered_before = RenderCache(folder), {}, set()
        # Whether no plugin reads the content of a page whose template is not rendered again:
        # with Pagefind, Material's search indexes no page (each is excluded, and it only
        # strips attributes from the content); another plugin might read it.
        self.content_unread = self._pagefind and set(config.plugins) <= _CONTENT_UNREAD
        if folder is None or self.nav is None or env.loader is None:
            return
        site, navigation, keys = site_digest(config), nav_digest(self.nav), self.render_keys
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            content = page.staged_key if isinstance(page, RenderedPage) else content_digest(page.content or "")
            key = keys[file.src_uri] = page_key(site, navigation, page, content)
            if self.rendered.has(key):
                page.meta[OWN_TEMPLATE] = page.meta.get("template", "main.html")
                page.meta["template"] = CACHED_TEMPLATE
                self.rendered_before.add(file.src_uri)
        if self.rendered_before:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: CACHED_SOURCE}), env.loader])
        log.info("%d of %d pages rendered by an earlier build (render cache)", len(self.rendered_before), len(keys))

    @event_priority(100)  # the template's output, before any other plugin's post_page
    def _keep_rendered(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        if uri in self.render_keys and uri not in self.rendered_before:
            self.rendered.put(self.render_keys[uri], output)
        return output

    @event_priority(-1000)  # after every other plugin has read the page
    def _let_go(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.progress.advance()
        # Written: its HTML is not needed again (MkDocs would keep every page's to the end).
        page.content = None
        if isinstance(page, RenderedPage):
            # Nor its front matter (catalogue metadata, a few KB an article, kept by
            # MkDocs beside Pagefind's index otherwise); its title goes with its Markdown.
            page.markdown, page.meta = None, {}
        page.meta.pop(EARLIER, None)
        return output

    on_post_page = CombinedEvent(_keep_rendered, _let_go)

    @event_priority(-1000)  # after every other plugin's writes (Material's offline plugin runs at -100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site for Pagefind, then write site/manifest-sha256.txt:
        the sha256 of every file the build wrote."""
        templates = self._lap("search")
        pages = self.searchable if self._pagefind else None
        cache = Path(self.config.cache_dir) / "pagefind" if self.config.cache_dir else None
        try:  # as `archive finish SITE` does
            indexed = finish(Path(config.site_dir), pages, self.progress, self.config.search_shard_size, cache)
        except PagefindError as error:
            raise _stop(error) from error
        if indexed is not None:
            log.info(
                "pagefind indexed %d pages (%d words) in %d bundle(s), %d of them kept from an earlier build",
                indexed.stats.pages,
                indexed.stats.words,
                indexed.bundles,
                indexed.reused,
            )
        self.progress.finish()
        self._forget_staged()  # every page is written: the staged folder is not needed
        log.info(
            "mkdocs markdown %.2f s, templates and other plugins %.2f s, pagefind and manifest %.2f s",
            self.clock.get("markdown_s", 0.0),
            templates,
            self._lap("end"),
        )

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        server.watch(str(Path(self.config.archive_dir)))
        return server
