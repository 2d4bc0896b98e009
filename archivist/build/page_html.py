"""Generated pages converted to HTML in the pipeline's processes, cached by hash.

MkDocs converts every page's Markdown in its one process: about 8 ms an
article page and 5 ms a report at 1,000 articles, most of a build, and all of
it again on every rebuild. Here each generated page is converted with the
same Python-Markdown extensions and configuration (read from the site's
mkdocs.yml by the plugin), over worker processes, and kept in the cache by a
hash of the page's Markdown, that configuration and the converter's code and
libraries: a rebuild converts only the pages that changed. MkDocs then only
renders each page's template (``site.plugin.RenderedPage``). The paragraphs,
quotations, citation blocks and tables made only of what the renderer writes
are written directly (``paragraph_html``), the rest by Python-Markdown.

Links are made relative to each page's address as MkDocs would
(``site_links``). A page this cannot convert exactly as MkDocs would is
left to MkDocs (``None``): no title in its front matter (MkDocs would take it
from the HTML), a link to a file the site lacks (MkDocs warns, and says
which), front matter that does not survive JSON. The Markdown tree that
``archive build --out`` writes is unchanged: tests/test_page_html.py builds
both ways and compares the pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
import yaml
from markdown.treeprocessors import Treeprocessor

from archivist.build.cache import converter_version, write_atomic
from archivist.build.paragraph_html import Paragraphs, Untouched
from archivist.build.workers import context as worker_context
from archivist.common.markdown_text import fenced_with_line_numbers
from archivist.common.site_links import SiteLinks
from archivist.progress import Progress
from archivist.render.capture_html import can_number, numbered_capture, writes_for

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# MkDocs' front matter: YAML between "---" lines, read with libyaml's safe loader as MkDocs does.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Stands for the report's numbered capture while the rest is converted; a
# paragraph of it ends the HTML, where the capture's own HTML goes.
_CAPTURE_MARK = "ARCHIVECAPTUREHERE"
_CAPTURE_HTML = f"<p>{_CAPTURE_MARK}</p>"

PARALLEL_MIN = 200  # fewer pages to convert than this are converted in this process (workers cost ~1 s)


@dataclass(frozen=True)
class MarkdownSettings:
    """What MkDocs converts with: its extensions, their configuration, its URL style."""

    extensions: tuple[str, ...]
    configs: str  # the extensions' configuration as canonical JSON (hashable, picklable)
    use_directory_urls: bool = True

    @classmethod
    def of(
        cls, extensions: Sequence[str], configs: dict[str, Any], use_directory_urls: bool = True
    ) -> MarkdownSettings:
        return cls(tuple(extensions), json.dumps(configs, sort_keys=True), use_directory_urls)

    def digest(self) -> str:
        text = json.dumps([self.extensions, self.configs, self.use_directory_urls])
        return hashlib.sha256(f"{converter_version()}\0{text}".encode()).hexdigest()


Capture = tuple[str, tuple[int, ...]]  # a report's capture text and its highlighted lines


@dataclass(frozen=True)
class PageHTML:
    """A converted page: what MkDocs' Page would hold after ``render``."""

    meta: dict[str, Any]
    html: str
    toc: list[Any]  # Python-Markdown's toc_tokens
    links: tuple[str, ...]  # the site files its links point to (each must still exist)


def front_matter(page: str) -> tuple[dict[str, Any] | None, str]:
    """MkDocs' reading of a page's YAML front matter: (meta, the Markdown after it);
    meta is None when the page has none (MkDocs would try other forms)."""
    found = _FRONT_MATTER.match(page)
    if not found:
        return None, page
    try:
        meta = yaml.load(found.group(1), Loader=_LOADER)
    except yaml.YAMLError:
        return {}, page
    if not isinstance(meta, dict):
        return {}, page
    return meta, page[found.end() :].lstrip("\n")


class _Converter:
    """One Python-Markdown instance per process, reset between pages (as fast, the same HTML)."""

    def __init__(self, settings: MarkdownSettings, known: Iterable[str]) -> None:
        configs = json.loads(settings.configs)
        self.md = markdown.Markdown(extensions=list(settings.extensions), extension_configs=configs)
        highlight = configs.get("pymdownx.highlight") or {}
        # The capture is written directly only for the highlight options capture_html knows.
        self.fast_capture = "pymdownx.highlight" in settings.extensions and writes_for(highlight)
        self.line_spans = str(highlight.get("line_spans") or "")
        self.links = SiteLinks(known, settings.use_directory_urls)
        self.relpath = _RelativeLinks(self.links)
        self.paragraphs = Paragraphs(self.links)
        self.md.treeprocessors.register(self.relpath, "relpath", 0)  # where MkDocs puts its own
        self.md.treeprocessors.register(Untouched(self.md), "archive_untouched", Untouched.PRIORITY)

    def convert(self, uri: str, page: str, capture: Capture | None) -> PageHTML | None:
        meta, text = front_matter(page)
        if not meta or not isinstance(meta.get("title"), str) or not _survives_json(meta):
            return None
        tail = ""
        if capture is not None and self.fast_capture and can_number(capture[0]):
            fence = fenced_with_line_numbers(*capture) + "\n"
            if text.endswith(fence):
                text, tail = text[: -len(fence)] + _CAPTURE_MARK + "\n", numbered_capture(*capture, self.line_spans)
        taken = self.paragraphs.take(text, uri, keep=_CAPTURE_MARK)
        if taken.missing or (html := self._html(uri, taken.markdown)) is None:
            return None
        if (put := self.paragraphs.put(html, taken)) is not None:
            self.relpath.targets |= taken.targets
            html = put
        elif (html := self._html(uri, text)) is None:  # a placeholder went astray: the page as it is
            return None
        if tail:
            if not html.endswith(_CAPTURE_HTML):
                return None
            html = html[: -len(_CAPTURE_HTML)] + tail
        toc = json.loads(json.dumps(getattr(self.md, "toc_tokens", [])))
        return PageHTML(meta, html, toc, tuple(sorted(self.relpath.targets)))

    def _html(self, uri: str, text: str) -> str | None:
        """``text`` converted, None when a link points to a file the site lacks."""
        self.md.reset()
        self.relpath.start(uri)
        html = self.md.convert(text)
        return None if self.relpath.missing else html


def _survives_json(value: object) -> bool:
    """Whether ``value`` reads back from JSON as it is (no dates, tuples or number keys)."""
    try:
        read_back: object = json.loads(json.dumps(value))
        return read_back == value
    except (TypeError, ValueError):
        return False


class _RelativeLinks(Treeprocessor):
    """MkDocs' link rewriting (its ``_RelativePathTreeprocessor``) for one page at a time."""

    uri: str
    targets: set[str]
    missing: bool

    def __init__(self, links: SiteLinks) -> None:
        super().__init__()
        self.site = links
        self.start("")

    def start(self, uri: str) -> None:
        self.uri, self.targets, self.missing = uri, set(), False

    def run(self, root: Element) -> Element:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key is None or (url := element.get(key)) is None:
                continue
            new, target = self.site.resolve(url, self.uri)
            if target == "":
                self.missing = True
            elif target:
                self.targets.add(target)
            element.set(key, new)
        return root


class PageCache:
    """Converted pages, one file per key (``entry_text``); an entry that does not read back is converted again."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` is (``stage_html`` links staged pages to it)."""
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get_text(self, key: str) -> tuple[str, dict[str, Any]] | None:
        """The entry's text as stored and its head (``entry_head``), when it is
        the entry for ``key``; its HTML is not parsed, only seen to be there."""
        if self.folder is None:
            return None
        try:
            text = self.path(key).read_text(encoding="utf-8")
            head, html = _entry_parts(text)
            shapes = (dict, list, list)
            fields = all(isinstance(head[k], t) for k, t in zip(("meta", "toc", "links"), shapes, strict=True))
            whole = html.startswith('"') and html.endswith('"\n')  # (a truncated file is not)
            return (text, head) if head.get("key") == key and fields and whole else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put_text(self, key: str, text: str) -> None:
        if self.folder is None:
            return
        write_atomic(self.path(key), text)


def entry_text(key: str, page: PageHTML) -> str:
    """A converted page as the cache keeps it and the staged folder holds it: the same text both ways,
    so a page from the cache is staged byte for byte as a page converted afresh. Two lines of JSON:
    its head (key, front matter, table of contents, links), which MkDocs' process and the cache's
    checks read alone, then its HTML as a JSON string, read only when the page is rendered."""
    head = {"key": key, "meta": page.meta, "toc": page.toc, "links": list(page.links)}
    return json.dumps(head, ensure_ascii=False) + "\n" + json.dumps(page.html, ensure_ascii=False) + "\n"


def _entry_parts(text: str) -> tuple[dict[str, Any], str]:
    head, _, html = text.partition("\n")
    data: dict[str, Any] = json.loads(head)
    return data, html


def entry_head(path: Path) -> dict[str, Any]:
    """The head of an entry (``entry_text``), its first line only read."""
    with open(path, encoding="utf-8") as f:
        head: dict[str, Any] = json.loads(f.readline())
        return head


def entry_html(path: Path) -> str:
    """The HTML of an entry (``entry_text``): its second line, the head not parsed."""
    html: str = json.loads(path.read_text(encoding="utf-8").partition("\n")[2])
    return html


def page_key(settings_digest: str, uri: str, page: str) -> str:
    return hashlib.sha256(f"{settings_digest}\0{uri}\0".encode() + page.encode("utf-8", "surrogatepass")).hexdigest()


RENDERED = ".html"  # the staged folder's sub-folder of converted pages, one JSON file each


def rendered_path(folder: Path, uri: str) -> Path:
    """Where ``stage_html`` writes the converted page ``uri`` under ``folder``."""
    return folder / RENDERED / f"{uri}.json"


def _write_staged(folder: Path, uri: str, text: str) -> None:
    """The converted page ``uri`` written where ``rendered_path`` says (``entry_text``'s text)."""
    target = rendered_path(folder, uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _stage_entry(folder: Path, uri: str, cache: PageCache, key: str, text: str) -> None:
    """A cached page staged as the cache's own file (a hard link: nothing is copied; entries
    are never written again), or as its text where the two folders cannot share a file."""
    target = rendered_path(folder, uri)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(cache.path(key), target)
    except OSError:
        _write_staged(folder, uri, text)


class _Stager:
    """Converts a page and writes it to the cache and the staged folder, in the
    process that converted it: only whether it could be converted goes back,
    so no process holds every page's HTML at once."""

    def __init__(self, settings: MarkdownSettings, known: Iterable[str], folder: Path, cache_dir: Path | None) -> None:
        self.converter = _Converter(settings, known)
        self.folder, self.cache = folder, PageCache(cache_dir)

    def stage(self, job: tuple[str, str, Capture | None, str]) -> bool:
        uri, page, capture, key = job
        result = self.converter.convert(uri, page, capture)
        if result is None:
            return False
        text = entry_text(key, result)
        self.cache.put_text(key, text)
        _write_staged(self.folder, uri, text)
        return True


_WORKER: _Stager | None = None


def _start_worker(settings: MarkdownSettings, known: frozenset[str], folder: Path, cache_dir: Path | None) -> None:
    global _WORKER
    _WORKER = _Stager(settings, known, folder, cache_dir)


def _stage_job(job: tuple[str, str, Capture | None, str]) -> bool:
    assert _WORKER is not None
    return _WORKER.stage(job)


@dataclass(frozen=True)
class Staged:
    pages: tuple[str, ...]  # site paths of the pages staged as HTML, in the order given; the rest are left to MkDocs
    converted: int  # how many were converted afresh (not from the cache)


def stage_html(
    pages: dict[str, str],
    captures: dict[str, Capture],
    folder: Path,
    settings: MarkdownSettings,
    known: Iterable[str],
    cache_dir: Path | None,
    workers: int,
    progress: Progress | None = None,
) -> Staged:
    """Write each page's HTML, TOC and front matter under ``folder``
    (``rendered_path``), for the plugin to hand MkDocs: from the cache when its
    Markdown, address and links are unchanged, else converted over ``workers``
    processes (which write it themselves); the same whatever their number."""
    progress = progress or Progress(enabled=False)
    known = frozenset(known) | frozenset(pages)
    cache = PageCache(cache_dir)
    digest = settings.digest()
    staged: set[str] = set()
    todo: list[tuple[str, str, Capture | None, str]] = []
    progress.start("convert pages: cache", len(pages))
    for uri, page in pages.items():
        progress.advance()
        key = page_key(digest, uri, page)
        hit = cache.get_text(key)
        if hit is not None and all(target in known for target in hit[1]["links"]):
            _stage_entry(folder, uri, cache, key, hit[0])
            staged.add(uri)
        else:
            todo.append((uri, page, captures.get(uri), key))
    progress.start("convert pages", len(todo))
    done = _stage_all(todo, settings, known, folder, cache_dir, workers, progress)
    staged.update(uri for (uri, _, _, _), ok in zip(todo, done, strict=True) if ok)
    return Staged(tuple(uri for uri in pages if uri in staged), len(todo))


def _stage_all(
    jobs: list[tuple[str, str, Capture | None, str]],
    settings: MarkdownSettings,
    known: frozenset[str],
    folder: Path,
    cache_dir: Path | None,
    workers: int,
    progress: Progress,
) -> list[bool]:
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        context = worker_context()  # never fork: this process may have threads
        chunk = max(1, min(32, len(jobs) // (workers * 8)))
        results: list[bool] = []
        try:
            with ProcessPoolExecutor(workers, context, _start_worker, (settings, known, folder, cache_dir)) as pool:
                for ok in pool.map(_stage_job, jobs, chunksize=chunk):
                    results.append(ok)
                    progress.advance()
            return results
        except (OSError, BrokenProcessPool):
            progress.start("convert pages (one process)", len(jobs))
    stager = _Stager(settings, known, folder, cache_dir)
    results = []
    for job in jobs:
        results.append(stager.stage(job))
        progress.advance()
    return results


def read_staged(folder: Path, uri: str) -> PageHTML:
    """A page ``stage_html`` wrote (for tests and tools; the plugin reads the file itself)."""
    head, html = _entry_parts(rendered_path(folder, uri).read_text(encoding="utf-8"))
    return PageHTML(head["meta"], json.loads(html), head["toc"], tuple(head["links"]))
