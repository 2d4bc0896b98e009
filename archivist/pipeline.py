"""The build, one named call per stage: load → clean → glossary → annotate → render → export.

``build(root)`` reads an ``archive/`` folder and returns the generated pages
and files; it never writes and never imports MkDocs. One bad article is
reported and skipped, the rest still build; the caller decides whether a
problem is fatal (``--strict``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import curation as curation_mod
from . import glossary as glossary_mod
from .annotate import Matcher, annotated_markdown, mentions
from .browse import publishers_page, terms_and_related, timeline_page
from .cache import CleanCache, cache_key
from .catalog import json_ld, meta_tags
from .citation import cite_section
from .clean import clean
from .downloads import articles_csv, atom_feed, data_package, glossary_json
from .errors import ArchiveError
from .export import article_json, dumps
from .glossary import Glossary
from .glossary_pages import index_page, term_page
from .ingest import source_from_bytes
from .model import Article
from .render import article_page, home_page, newest_first, original_name, original_page, render_block, report_page

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


def load_article(item: ArticleInput, cache: CleanCache | None = None) -> Article:
    """Read, clean and curate one article; an unchanged one comes from the cache."""
    yml_path = f"{item.source_path.rsplit('/', 1)[0]}/article.yml"
    curation = curation_mod.load(item.curation_path, yml_path)
    original = item.original.read_bytes()
    cache = cache or CleanCache(None)
    key = cache_key(original, item.curation_path.read_bytes() if item.curation_path.exists() else b"", item.source_path)
    cleaned = cache.get(key)
    if cleaned is None:
        cleaned = clean(source_from_bytes(original, item.source_path), curation)
        cache.put(key, cleaned)
    return Article(item.id, item.source_path, cleaned, notes=curation.note)


def load_articles(root: Path, cache: CleanCache | None = None) -> tuple[list[Article], list[ArchiveError]]:
    items, problems = discover(root)
    articles = []
    for item in items:
        try:
            articles.append(load_article(item, cache))
        except ArchiveError as exc:
            problems.append(exc)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the archive
            problems.append(
                ArchiveError(
                    item.source_path,
                    None,
                    f"could not be cleaned ({type(exc).__name__}: {exc})",
                    "the article is left out; this is a bug in the cleaner, please report it with this file",
                )
            )
    return articles, problems


def annotate(articles: list[Article], glossary: Glossary) -> list[Article]:
    """Each article with the glossary mentions in its body."""
    matcher = Matcher.build(glossary)
    return [replace(a, mentions=mentions(a.cleaned.body, matcher)) for a in articles]


def render_glossary(glossary: Glossary, articles: list[Article]) -> dict[str, str]:
    pages = {"glossary/index.md": index_page(glossary, articles)}
    for entry in glossary.entries:
        pages[f"glossary/{entry.id}.md"] = term_page(entry, glossary, articles)
    return pages


def render_article(
    article: Article, articles: list[Article], glossary: Glossary, site_name: str, site_url: str
) -> dict[str, str]:
    texts = annotated_markdown(article.cleaned.body, article.mentions, glossary, "../../glossary/")
    body = [render_block(block, text) for block, text in zip(article.cleaned.body, texts, strict=True)]
    head = {"jsonld": json_ld(article, site_name), "meta": meta_tags(article, site_name)}
    address = f"{site_url.rstrip('/')}/articles/{article.id}/" if site_url else f"articles/{article.id}/"
    sections = [terms_and_related(article, articles, glossary), cite_section(article, site_name, address)]
    return {
        f"articles/{article.id}/index.md": article_page(article, body, head, sections),
        f"articles/{article.id}/report.md": report_page(article),
        f"articles/{article.id}/original.md": original_page(article),
    }


def read_intro(root: Path) -> str:
    path = root / "pages" / "index.md"
    return path.read_text(encoding="utf-8") if path.exists() else DEFAULT_INTRO


def build(
    root: Path, cache_dir: Path | None = None, site_name: str = DEFAULT_SITE_NAME, site_url: str = ""
) -> Output:
    """Build the archive under ``root``: pages, data and originals, by site path.

    With ``cache_dir``, cleaning results are kept there by content hash;
    ``site_name`` names the archive in citations and catalogue metadata, and
    ``site_url`` (when known) makes citations give absolute addresses."""
    articles, problems = load_articles(root, CleanCache(cache_dir))
    glossary, glossary_problems = glossary_mod.load(root / "glossary", f"{root.name}/glossary")
    problems.extend(glossary_problems)
    ordered = newest_first(annotate(articles, glossary))
    pages: dict[str, str] = {"index.md": home_page(read_intro(root), ordered)}
    pages.update(render_glossary(glossary, ordered))
    pages["browse/timeline.md"] = timeline_page(ordered)
    pages["browse/publishers.md"] = publishers_page(ordered)
    files: dict[str, bytes] = {}
    for article in ordered:
        pages.update(render_article(article, ordered, glossary, site_name, site_url))
        files[f"articles/{article.id}/{original_name(article)}"] = (root.parent / article.source_path).read_bytes()
    files["data/articles.json"] = dumps([article_json(a) for a in ordered]).encode("utf-8")
    files["data/articles.csv"] = articles_csv(ordered).encode("utf-8")
    files["data/glossary.json"] = dumps(glossary_json(glossary, ordered)).encode("utf-8")
    files["data/datapackage.json"] = dumps(data_package(site_name)).encode("utf-8")
    files["feed.xml"] = atom_feed(ordered, site_name).encode("utf-8")
    edit_paths = {f"glossary/{e.id}.md": e.path for e in glossary.entries}
    return Output(pages, files, tuple(ordered), glossary, edit_paths, tuple(problems))


def write_tree(output: Output, out_dir: Path) -> None:
    """Write the generated pages and files under ``out_dir`` (for Zensical or review)."""
    for rel, text in output.pages.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, data in output.files.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
