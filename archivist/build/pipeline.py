"""The build, one named call per stage: load → clean → glossary → annotate → render → export.

``build(root)`` reads an ``archive/`` folder and returns the generated pages
and files; it never writes and never imports MkDocs. One bad article is
reported and skipped, the rest still build; the caller decides whether a
problem is fatal (``--strict``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from archivist.build.article_cache import ArticleCache, ArticleShare, article_key
from archivist.build.cache import CleanCache, cache_key
from archivist.build.clean_engine import Engine, run_dask
from archivist.build.workers import JobTimedOut, run_all, traceback_text
from archivist.clean.cleaner import clean
from archivist.clean.confidence import assess
from archivist.common import site_paths as paths
from archivist.errors import ArchiveError, FatalError
from archivist.export.data import article_json, dumps, json_line, lines_array
from archivist.export.downloads import articles_csv, atom_feed, data_package, glossary_json
from archivist.export.web_annotation import annotation_files, annotation_lines
from archivist.glossary import load as glossary_mod
from archivist.glossary.annotate import Matcher, annotated_markdown, mentions
from archivist.glossary.load import Glossary
from archivist.ingest import curation as curation_mod
from archivist.ingest.originals import source_from_bytes
from archivist.model import Article, Cleaned
from archivist.progress import Progress
from archivist.render.article import (
    article_page,
    display_title,
    newest_first,
    original_name,
    render_block,
    report_capture,
    report_page,
)
from archivist.render.browse import REVIEW_PAGE, related_index, review_page, terms_and_related
from archivist.render.browse_lists import publisher_pages, timeline_pages
from archivist.render.catalog import json_ld, meta_tags, open_graph
from archivist.render.citation import cite_section
from archivist.render.home import home_page
from archivist.render.paragraph_anchors import paragraph_anchors
from archivist.render.term_pages import archive_years, index_page, mentions_by_term, term_page
from archivist.rights import DEFAULT as DEFAULT_RIGHTS
from archivist.rights import Contact, Rights

ARTICLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_INTRO = "# Archive\n"
DEFAULT_SITE_NAME = "News archive"


@dataclass(frozen=True)
class ArticleInput:
    id: str
    original: Path
    source_path: str  # repo-relative
    curation_path: Path


@dataclass(frozen=True)
class Output:
    """Everything a build makes: Markdown pages and other files, by site path."""

    pages: dict[str, str]
    files: dict[str, bytes]
    articles: tuple[Article, ...]
    glossary: Glossary
    edit_paths: dict[str, str] = field(default_factory=dict)  # page -> the file a contributor edits
    problems: tuple[ArchiveError, ...] = field(default=())
    # How the build went (not part of what it makes): seconds per stage, in
    # order, and how many articles were cleaned afresh (not from the cache).
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    cleaned: int = field(default=0, compare=False)
    rendered: int = field(default=0, compare=False)  # articles whose pages were rendered afresh (not from the cache)
    # Each report's capture (text, highlighted lines), by page: page_html writes its HTML without pygments.
    captures: dict[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict, compare=False)

    @property
    def fatal(self) -> tuple[ArchiveError, ...]:
        """The problems that stop every build (``errors.FatalError``), strict or not."""
        return tuple(p for p in self.problems if isinstance(p, FatalError))


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def discover(root: Path) -> tuple[list[ArticleInput], list[ArchiveError]]:
    """The article folders under ``root/articles``, sorted by id."""
    found, problems = [], []
    folder = root / "articles"
    if not folder.is_dir():
        return [], [ArchiveError(str(folder), None, "no articles folder", "create archive/articles/<id>/original.txt")]
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        rel = f"{root.name}/articles/{path.name}"
        if not ARTICLE_ID.match(path.name):
            problems.append(
                ArchiveError(
                    rel, None, "folder name is not a valid article id", "use lower-case letters, digits and hyphens"
                )
            )
            continue
        originals = sorted(p for p in path.glob("original.*") if p.is_file())
        if len(originals) != 1:
            problems.append(
                ArchiveError(
                    rel,
                    None,
                    f"expected exactly one original.* file, found {len(originals)}",
                    "put the scrape, byte for byte, in original.txt, original.html or original.md",
                )
            )
            continue
        found.append(ArticleInput(path.name, originals[0], f"{rel}/{originals[0].name}", path / "article.yml"))
    return found, problems


PARALLEL_MIN = 500  # fewer articles to clean than this are cleaned in this process: workers cost more (~0.5 s)


def default_workers() -> int:
    """The cores this process may use (``ARCHIVE_WORKERS`` overrides; 1 cleans in this process)."""
    chosen = os.environ.get("ARCHIVE_WORKERS", "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


DEFAULT_TIME_LIMIT = 60.0  # seconds per article; the slowest bench page cleans in 0.63 s


def default_time_limit() -> float | None:
    """Seconds an article may take to clean (``ARCHIVE_CLEAN_TIME_LIMIT`` overrides; 0: no limit)."""
    chosen = os.environ.get("ARCHIVE_CLEAN_TIME_LIMIT", "").strip()
    try:
        seconds = float(chosen) if chosen else DEFAULT_TIME_LIMIT
    except ValueError:
        seconds = DEFAULT_TIME_LIMIT
    return seconds if seconds > 0 else None


def _where(exc: BaseException) -> str:
    """The innermost place of the traceback of ``exc``, in its worker or here (``clean/text.py:123``)."""
    frames = re.findall(r'File "([^"]+)", line (\d+)', traceback_text(exc))
    if not frames:
        return ""
    parts = Path(frames[-1][0]).parts
    inside = len(parts) - parts[::-1].index("archivist") if "archivist" in parts else len(parts) - 1
    return f"{'/'.join(parts[inside:])}:{frames[-1][1]}"


def _not_cleaned(item: ArticleInput, exc: BaseException) -> ArchiveError:
    """The problem to report for an article whose cleaning raised ``exc`` (in a worker or here)."""
    if isinstance(exc, ArchiveError):
        return exc
    if isinstance(exc, JobTimedOut):
        return ArchiveError(
            item.source_path,
            None,
            f"the cleaner ran past the time limit ({exc.seconds:g} s) and was stopped; the article is left out",
            "if the page is only long, raise clean_time_limit (mkdocs.yml), ARCHIVE_CLEAN_TIME_LIMIT or "
            "archive build --clean-time-limit; otherwise report it with this file",
        )
    where = _where(exc)
    return ArchiveError(
        item.source_path,
        None,
        f"could not be cleaned ({type(exc).__name__}: {exc}{f', at {where}' if where else ''})",
        "the article is left out; this is a bug in the cleaner, please report it with this file",
    )


CleanJob = tuple[bytes, str, curation_mod.Curation]


def _clean_job(job: CleanJob) -> Cleaned:
    """Clean one original (in a worker process, or in this one); errors are raised as they are."""
    original, source_path, curation = job
    declared = curation.capture.charset if curation.capture else ""  # the HTTP response's charset
    return clean(source_from_bytes(original, source_path, declared), curation)


def _clean_here(jobs: list[CleanJob], progress: Progress) -> list[Cleaned | Exception]:
    results: list[Cleaned | Exception] = []
    for job in jobs:
        try:
            results.append(_clean_job(job))
        except Exception as exc:  # noqa: BLE001 - reported for this article only
            results.append(exc)
        progress.advance()
    return results


def _clean_all(
    jobs: list[CleanJob],
    workers: int,
    progress: Progress,
    time_limit: float | None = None,
    engine: Engine | None = None,
) -> list[Cleaned | Exception]:
    """Each job's result, or the exception it raised, in order.

    With the Dask ``engine`` every job is a task on its cluster (``clean_engine``).

    With a ``time_limit`` (seconds per article) every job runs in a worker
    process, stopped when past it (``workers.run_all``): one when there are few
    jobs, ``workers`` when there are enough. Without one, few jobs (or
    ``workers`` 1) are cleaned in this process. Where worker processes cannot
    be had (no semaphores) the jobs are cleaned in this process: slower, with
    no time limit, never different."""
    if not jobs:
        return []
    if engine is not None and engine.name == "dask":
        return run_dask(_clean_job, jobs, workers, time_limit, progress.advance, engine.scheduler)
    many = workers > 1 and len(jobs) >= PARALLEL_MIN
    if time_limit or many:
        try:
            return run_all(_clean_job, jobs, workers if many else 1, time_limit, progress.advance)
        except (OSError, BrokenProcessPool):
            progress.start("clean articles (one process)", len(jobs))
    return _clean_here(jobs, progress)


def _article(item: ArticleInput, cleaned: Cleaned, curation: curation_mod.Curation, key: str) -> Article:
    """An article: its cleaning (from the cache or just done, under ``key``) with its curator's notes."""
    return Article(
        item.id,
        item.source_path,
        cleaned,
        assess(cleaned),
        notes=curation.note,
        reviewed=curation.reviewed,
        capture=curation.capture,
        rights=curation.rights,
        source_key=key,
    )


def load_articles(
    root: Path,
    cache: CleanCache | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    time_limit: float | None = None,
    engine: Engine | None = None,
) -> tuple[list[Article], list[ArchiveError]]:
    """Every article, read, cleaned and curated, in id order, and the problems found.

    An unchanged article comes from the cache; the others are cleaned over
    ``workers`` processes (when there are at least ``PARALLEL_MIN`` of them),
    with the same results, in the same order, as in one process. An article
    whose cleaning runs past ``time_limit`` seconds is reported and left out.
    ``engine`` (``clean_engine.Engine``; None: the process pool) cleans the
    misses; this process reads and writes the cache either way."""
    items, problems = discover(root)
    progress = progress or Progress(enabled=False)
    cache = cache or CleanCache(None)
    progress.start("load articles", len(items))
    slots: list[Article | ArchiveError | None] = []
    misses: list[tuple[int, str]] = []  # (slot, cache key)
    jobs: list[tuple[bytes, str, curation_mod.Curation]] = []
    for item in items:
        progress.advance()
        try:
            yml_path = f"{item.source_path.rsplit('/', 1)[0]}/article.yml"
            curation = curation_mod.load(item.curation_path, yml_path)
            original = item.original.read_bytes()
            notes = item.curation_path.read_bytes() if item.curation_path.exists() else b""
            key = cache_key(original, notes, item.source_path)
            cleaned = cache.get(key)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the archive
            slots.append(_not_cleaned(item, exc))
            continue
        if cleaned is None:
            misses.append((len(slots), key))
            jobs.append((original, item.source_path, curation))
            slots.append(None)
        else:
            slots.append(_article(item, cleaned, curation, key if cache.folder else ""))
    progress.start("clean articles", len(jobs))
    results = _clean_all(jobs, workers, progress, time_limit, engine)
    for (slot, key), job, result in zip(misses, jobs, results, strict=True):
        item = items[slot]
        if isinstance(result, Cleaned):
            cache.put(key, result)
            slots[slot] = _article(item, result, job[2], key if cache.folder else "")
        else:
            slots[slot] = _not_cleaned(item, result)
    articles: list[Article] = []
    for slot_value in slots:
        if isinstance(slot_value, Article):
            articles.append(slot_value)
        elif isinstance(slot_value, ArchiveError):
            problems.append(slot_value)
    return articles, problems


def annotate(articles: list[Article], glossary: Glossary, progress: Progress | None = None) -> list[Article]:
    """Each article with the glossary mentions in its body."""
    progress = progress or Progress(enabled=False)
    progress.start("annotate articles", len(articles))
    matcher = Matcher.build(glossary)
    out = []
    for a in articles:
        out.append(replace(a, mentions=mentions(a.cleaned.body, matcher)))
        progress.advance()
    return out


def render_glossary(glossary: Glossary, articles: list[Article]) -> dict[str, str]:
    pages = {paths.GLOSSARY_INDEX: index_page(glossary, articles)}
    hits = mentions_by_term(articles)
    titles = {a.id: display_title(a) for a in articles}
    years = archive_years(articles)
    for entry in glossary.entries:
        pages[paths.term_page(entry.id)] = term_page(entry, glossary, hits.get(entry.id, []), titles, years)
    return pages


def article_url(article: Article, site_url: str) -> str:
    """The article's absolute address when ``site_url`` is known; "" otherwise (never a relative one posing as it)."""
    return f"{site_url.rstrip('/')}/{paths.article_address(article.id)}" if site_url else ""


def render_article(
    article: Article,
    related: list[Article],
    glossary: Glossary,
    site_name: str,
    site_url: str,
    takedown: Contact | None = None,
) -> dict[str, str]:
    page = paths.article_page(article.id)
    glossary_folder = paths.link(page, paths.GLOSSARY_INDEX).removesuffix("index.md")  # ../../glossary/
    texts = annotated_markdown(article.cleaned.body, article.mentions, glossary, glossary_folder)
    anchors = paragraph_anchors(article.cleaned.body)
    body = [render_block(*parts) for parts in zip(article.cleaned.body, texts, anchors, strict=True)]
    address = article_url(article, site_url)
    head: dict[str, object] = {
        "jsonld": json_ld(article, site_name, address, site_url),
        "meta": meta_tags(article, site_name, address),
        "og": open_graph(article, site_name, address),
    }
    sections = [terms_and_related(article, related, glossary), cite_section(article, site_name, address)]
    return {
        page: article_page(article, body, head, sections, takedown),
        paths.report_page(article.id): report_page(article),
    }


def read_intro(root: Path) -> str:
    path = root / "pages" / "index.md"
    return path.read_text(encoding="utf-8") if path.exists() else DEFAULT_INTRO


def build(
    root: Path,
    cache_dir: Path | None = None,
    site_name: str = DEFAULT_SITE_NAME,
    site_url: str = "",
    progress: Progress | None = None,
    workers: int = 1,
    rights: Rights | None = None,
    takedown: Contact | None = None,
    repo_url: str = "",
    time_limit: float | None = None,
    engine: Engine | None = None,
) -> Output:
    """Build the archive under ``root``: pages, data and originals, by site path.

    With ``cache_dir``, cleaning results are kept there by content hash;
    ``site_name`` names the archive in citations and catalogue metadata, and
    ``site_url`` (when known) gives citations, JSON-LD, the feed and the
    annotations absolute addresses (without it they give none, or relative
    ones where the format reads them so). ``rights`` is the archive's
    rights statement (an article's ``article.yml`` may set its own;
    ``rights.DEFAULT`` when None) and ``takedown`` whom to ask for an
    article's removal.
    ``progress`` shows each stage's count and rate (on a terminal); the
    output's ``timings`` give each stage's seconds. ``workers`` processes
    clean the articles not in the cache (``default_workers()``: every core);
    the output is the same whatever their number. ``repo_url`` (mkdocs.yml's)
    is where the home page sends a reader to propose a glossary term. With
    ``time_limit`` (``default_time_limit()``: 60 s), an article still being
    cleaned after that many seconds has its worker stopped and is reported and
    left out; without one, a small build cleans in this process. ``engine``
    (``clean_engine.choose()``) cleans the articles not in the cache on a Dask
    cluster instead of the process pool, with the same output."""
    progress = progress or Progress(enabled=False)
    timings: dict[str, float] = {}
    cache = CleanCache(cache_dir)
    with timed(timings, "load/clean"):
        articles, problems = load_articles(root, cache, progress, workers, time_limit, engine)
        archive_rights = rights or Rights(DEFAULT_RIGHTS)
        articles = [a if a.rights else replace(a, rights=archive_rights) for a in articles]
    with timed(timings, "glossary"):
        progress.start("glossary")
        glossary, glossary_problems = glossary_mod.load(
            root / "glossary", f"{root.name}/glossary", glossary_mod.article_ids(root)
        )
        problems.extend(glossary_problems)
    with timed(timings, "annotate"):
        ordered = newest_first(annotate(articles, glossary, progress))
    with timed(timings, "render"):
        progress.start("render index, glossary and browse pages")
        pages: dict[str, str] = {"index.md": home_page(read_intro(root), ordered, glossary, repo_url)}
        pages.update(render_glossary(glossary, ordered))
        pages.update(timeline_pages(ordered))
        pages.update(publisher_pages(ordered))
        pages[REVIEW_PAGE] = review_page(ordered)
        progress.start("render article pages", len(ordered))
        related = related_index(ordered)
        site = (site_name, site_url, archive_rights, takedown)
        shares: list[ArticleShare] = []
        with ArticleCache(cache_dir / "articles" if cache_dir is not None else None) as rendered:
            for article in ordered:
                key = article_key(article, related[article.id], glossary, site)
                share = rendered.get(key, article.id)
                if share is None:
                    share = ArticleShare(
                        render_article(article, related[article.id], glossary, site_name, site_url, takedown),
                        json_line(article_json(article)),
                        annotation_lines(article, glossary, site_url),
                    )
                    rendered.put(key, share)
                pages.update(share.pages)
                shares.append(share)
                progress.advance()
    with timed(timings, "export"):
        progress.start("export data files")
        files: dict[str, bytes] = {}
        for article in ordered:
            files[paths.article_file(article.id, original_name(article))] = (
                root.parent / article.source_path
            ).read_bytes()
        files["data/articles.json"] = lines_array(share.record for share in shares)
        files["data/articles.csv"] = articles_csv(ordered).encode("utf-8")
        files["data/glossary.json"] = dumps(glossary_json(glossary, ordered)).encode("utf-8")
        lines = [share.annotations for share in shares]
        annotations = annotation_files(ordered, glossary, site_name, site_url, lines=lines)  # W3C Web Annotations
        package = data_package(site_name, ordered, archive_rights, takedown, site_url)
        files["data/datapackage.json"] = dumps(package).encode("utf-8")
        files["feed.xml"] = atom_feed(ordered, site_name, site_url).encode("utf-8")
        files.update(annotations)
    progress.finish()
    edit_paths = {paths.term_page(e.id): e.path for e in glossary.entries}
    cleaned = cache.misses if cache_dir is not None else len(articles)
    captures = {paths.report_page(a.id): report_capture(a) for a in ordered}
    rendered_afresh = len(ordered) - rendered.hits
    return Output(
        pages, files, tuple(ordered), glossary, edit_paths, tuple(problems), timings, cleaned, rendered_afresh, captures
    )


def format_timings(timings: dict[str, float]) -> str:
    """``load/clean 1.23 s, glossary 0.01 s, ...`` in stage order."""
    return ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in timings.items())


def write_tree(output: Output, out_dir: Path, advance: Callable[[], object] | None = None) -> None:
    """Write the generated pages and files under ``out_dir`` (for Zensical or review);
    ``advance`` is called after each file."""
    for rel, text in output.pages.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if advance:
            advance()
    for rel, data in output.files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if advance:
            advance()
