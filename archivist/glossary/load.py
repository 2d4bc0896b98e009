"""Load and check the glossary: one Markdown file with YAML front matter per term.

Each file is read by ``glossary.entry``; here the checks across files (names
two entries claim, related terms, links between pages). Every problem is
reported with the file, the line and a hint, all at once; a file with a
problem is left out of the build (and ``--strict`` / ``archive check`` fail),
and a name clash stops every build.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

from archivist.common import sanitise
from archivist.common.site_links import PUBLISHER_PAGES, YEAR_PAGES
from archivist.common.site_paths import GLOSSARY_INDEX, HOME, article_page, report_page, term_page
from archivist.errors import ArchiveError, FatalError
from archivist.glossary.clash import clashes
from archivist.glossary.entry import is_english_word, parse_entry, shown
from archivist.glossary.git_changes import changed_files
from archivist.glossary.model import Citation, Entry, Glossary

__all__ = ["Citation", "Entry", "Glossary", "article_ids", "is_english_word", "load", "parse_entry"]

MAX_ENTRY_BYTES = 64 * 1024  # the longest entry (ice.md) is under 3 KB: a larger file is not a definition


def article_ids(root: Path) -> frozenset[str] | None:
    """The ids of the archive's article folders: what a source's ``article`` may name
    (None without an articles folder: the build reports that)."""
    folder = root / "articles"
    return frozenset(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else None


def load(
    folder: Path, display_root: str = "archive/glossary", articles: frozenset[str] | None = None
) -> tuple[Glossary, list[ArchiveError]]:
    """Every entry under ``folder`` and every problem, checked across entries too.

    An entry with a problem is left out; a name claimed by two entries is a
    ``FatalError`` and both stay (the build stops: leaving one out would send
    its mentions to the other)."""
    entries: list[Entry] = []
    problems: list[ArchiveError] = []
    files: dict[str, Path] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            display = f"{display_root}/{path.name}"
            files[display] = path
            size = path.stat().st_size
            if size > MAX_ENTRY_BYTES:
                problems.append(
                    ArchiveError(
                        display,
                        1,
                        f"the file is {size:,} bytes, over the {MAX_ENTRY_BYTES // 1024} KiB an entry may hold",
                        "an entry is a term and a few paragraphs; cite long documents as sources",
                    )
                )
                continue
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                problems.append(ArchiveError(display, line, "not UTF-8 text", "save the file as UTF-8"))
                continue
            entry, found = parse_entry(text, display, articles)
            problems.extend(found)
            if entry:
                entries.append(entry)
    problems.extend(clashes(entries, lambda: _changed(folder, files)))
    problems.extend(_dead_links(entries, site_pages(folder.parent, {p.stem for p in files.values()}, articles)))
    problems.extend(_missing_related(entries))
    bad = {p.path for p in problems if not isinstance(p, FatalError)}
    return Glossary(tuple(e for e in entries if e.path not in bad)), problems


def _changed(folder: Path, files: dict[str, Path]) -> set[str] | None:
    """The shown paths of the entries that differ from the default branch (None: unknown)."""
    changed = changed_files(folder)
    if changed is None:
        return None
    return {display for display, path in files.items() if path.resolve() in changed}


def site_pages(root: Path, entry_ids: set[str], articles: frozenset[str] | None) -> set[str] | None:
    """The Markdown pages of the site a definition may link to, by site path (None: unknown)."""
    if articles is None:
        return None
    pages = {HOME, GLOSSARY_INDEX, "browse/timeline.md", "browse/publishers.md", "browse/review.md"}
    pages |= {term_page(e) for e in entry_ids}
    pages |= {page(a) for a in articles for page in (article_page, report_page)}
    folder = root / "pages"
    if folder.is_dir():
        pages |= {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    return pages


def _dead_links(entries: list[Entry], pages: set[str] | None) -> list[ArchiveError]:
    """Links of definitions to Markdown pages the site does not have: MkDocs would warn, --strict fail."""
    if pages is None:
        return []
    problems = []
    for e in entries:
        lines = e.definition.split("\n")
        for href in sanitise.site_links(e.definition, tuple(s.id for s in e.sources)):
            target = unquote(href.split("#", 1)[0].split("?", 1)[0])
            path = posixpath.normpath(posixpath.join("glossary", target))
            if not target.endswith(".md") or path in pages or posixpath.dirname(path) in (YEAR_PAGES, PUBLISHER_PAGES):
                continue  # not a page, a page of the site, or a year's or publisher's page (the build checks those)
            line = e.line_of("definition") or 1
            line += next((i for i, text in enumerate(lines) if target in unquote(text)), 0)
            problems.append(
                ArchiveError(
                    e.path,
                    line,
                    f"the definition links to '{shown(target)}', which is not a page of the site",
                    "link to another entry as 'its-id.md', or to a page that exists",
                )
            )
    return problems


def _missing_related(entries: list[Entry]) -> list[ArchiveError]:
    ids = {e.id for e in entries}
    return [
        ArchiveError(
            e.path, e.line_of(f"related:{r}"), f"related term '{r}' does not exist", f"known: {', '.join(sorted(ids))}"
        )
        for e in entries
        for r in e.related
        if r not in ids
    ]
