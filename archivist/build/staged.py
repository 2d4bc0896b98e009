"""Run the pipeline in a child process that writes its output to a folder.

A large archive's pipeline holds every article, page and data file at once
(over a gigabyte at 10,000 articles), and a Python process keeps most of
what it has freed. Run in a child, the pipeline's memory goes back to the
system when it exits, before MkDocs renders the pages; MkDocs then reads each
generated page from the folder as it needs it. The child sends back only
what the build needs to know: the paths it wrote, the problems it found, the
files contributors edit, and how long each stage took.
"""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from archivist.build.clean_engine import Engine
from archivist.build.memory import give_back_memory
from archivist.build.page_html import MarkdownSettings, stage_html
from archivist.build.pipeline import Output, build, timed, write_tree
from archivist.build.workers import context
from archivist.progress import Progress
from archivist.rights import Contact, Rights


@dataclass(frozen=True)
class Staged:
    """The pipeline's output, written under ``folder``."""

    folder: Path
    pages: tuple[str, ...]  # site paths of generated Markdown pages
    files: tuple[str, ...]  # site paths of other generated files
    edit_paths: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # as messages: "path:line: what, (hint)"
    fatal: tuple[str, ...] = ()  # those of the problems that stop the build, strict or not
    timings: dict[str, float] = field(default_factory=dict)
    articles: int = 0
    cleaned: int = 0
    rendered: tuple[str, ...] = ()  # the pages converted to HTML (page_html.rendered_path), not to MkDocs
    converted: int = 0  # of which converted afresh (not from the cache)
    rendered_afresh: int = 0  # articles whose pages were rendered afresh (not from the cache)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


HtmlSettings = tuple[MarkdownSettings, tuple[str, ...]]  # MkDocs' Markdown settings, the site's other files


def _convert(
    output: Output, folder: Path, html: HtmlSettings | None, cache_dir: Path | None, workers: int
) -> tuple[Output, tuple[str, ...], int]:
    """The pages ``page_html`` converts, staged as HTML; the output left to write as Markdown."""
    if html is None:
        return output, (), 0
    settings, known = html
    with timed(output.timings, "convert"):
        pages_cache = cache_dir / "html" if cache_dir is not None else None
        converted = stage_html(
            output.pages, output.captures, folder, settings, (*known, *output.files), pages_cache, workers, Progress()
        )
    done = set(converted.pages)
    rest = {uri: text for uri, text in output.pages.items() if uri not in done}
    return replace(output, pages=rest, captures={}), converted.pages, converted.converted


def _run(
    root: Path,
    cache_dir: Path | None,
    site_name: str,
    site_url: str,
    workers: int,
    time_limit: float | None,
    folder: Path,
    rights: Rights | None = None,
    takedown: Contact | None = None,
    html: HtmlSettings | None = None,
    repo_url: str = "",
    engine: Engine | None = None,
) -> Staged:
    """The pipeline, in the child process: its output written to ``folder``, what the build needs returned.

    The data files are written, and they and the articles let go, before the
    pages are converted: this process then holds only the pages' Markdown."""
    output = build(
        root,
        cache_dir,
        site_name,
        site_url,
        Progress(),
        workers,
        rights,
        takedown,
        repo_url,
        time_limit=time_limit,
        engine=engine,
    )
    pages, articles = tuple(output.pages), len(output.articles)
    write_tree(replace(output, pages={}), folder)
    output = replace(output, files=dict.fromkeys(output.files, b""), articles=())
    give_back_memory()
    output, rendered, converted = _convert(output, folder, html, cache_dir, workers)
    write_tree(replace(output, files={}), folder)
    return Staged(
        folder,
        pages,
        tuple(output.files),
        dict(output.edit_paths),
        tuple(str(p) for p in output.problems),
        tuple(str(p) for p in output.fatal),
        dict(output.timings),
        articles,
        output.cleaned,
        rendered,
        converted,
        rendered_afresh=output.rendered,
    )


def build_staged(
    root: Path,
    cache_dir: Path | None,
    site_name: str,
    site_url: str,
    workers: int,
    rights: Rights | None = None,
    takedown: Contact | None = None,
    html: HtmlSettings | None = None,
    repo_url: str = "",
    time_limit: float | None = None,
    engine: Engine | None = None,
) -> Staged:
    """``pipeline.build`` in a child process, its pages and files written to a
    new temporary folder (the caller removes it with ``Staged.remove``). With
    ``html`` (MkDocs' Markdown settings, the paths of the site's other files),
    the pages are converted to HTML there too (``page_html``).

    The child is started by ``workers.context()`` (forkserver or spawn, never
    fork: ``mkdocs serve`` runs threads). An exception in it is raised here as
    it is, the child's traceback chained as its ``__cause__``."""
    folder = Path(tempfile.mkdtemp(prefix="archive-build-"))
    args = (root, cache_dir, site_name, site_url, workers, time_limit, folder, rights, takedown, html, repo_url, engine)
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context()) as pool:
            return pool.submit(_run, *args).result()
    except BrokenProcessPool as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError("the archive pipeline's process ended without an answer (killed? out of memory?)") from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
