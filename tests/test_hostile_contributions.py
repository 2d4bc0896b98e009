"""Hostile contributions never reach a reader as markup.

Every entry of hostile_contributions.py is refused by `archive check` (and
left out of the build) with file:line: problem (hint), or builds and shows
every field as typed. Two small builds per module: the archive with the
corpus (the check's side), and a plain MkDocs site of what the sanitiser makes
of every definition, refused ones included (the sanitiser's side, should a
check ever be skipped). Both are read as HTML and in Chromium."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from archivist.common.sanitise import safe_markdown

from . import hostile_contributions as corpus
from .conftest import ARCHIVE, ROOT, mkdocs_build, run_archive, serve


def definition(text: str) -> str:
    return text.split("\n---\n", 1)[1]


def make_project(tmp: Path) -> Path:
    """The site config, the hand-written pages, three articles and the corpus's entries."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    archive = project / "archive"
    shutil.copytree(ARCHIVE / "pages", archive / "pages")
    glossary = archive / "glossary"
    glossary.mkdir()
    texts = {name: text for name, (text, _, _) in corpus.REFUSED.items()} | corpus.SAFE
    texts["fifty-megabytes"] = corpus.big_entry()
    for name, text in texts.items():
        (glossary / f"{name}.md").write_text(text, encoding="utf-8")
    for name in ("council-expands-library-hours", *corpus.NOTES):
        (archive / "articles" / name).mkdir(parents=True)
        (archive / "articles" / name / "original.txt").write_text(corpus.STORY, encoding="utf-8")
    for name, yml in corpus.NOTES.items():
        (archive / "articles" / name / "article.yml").write_text(yml, encoding="utf-8")
    return project


def make_sanitised_site(tmp: Path) -> Path:
    """A plain MkDocs + Material site (the archive's Markdown extensions, no
    plugin, no check) of what the sanitiser makes of every definition."""
    project = tmp / "sanitised"
    (project / "docs").mkdir(parents=True)
    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    theme = {"name": "material", "font": False}  # no font CDN: no request may leave the page
    config = {"site_name": "Sanitised", "theme": theme, "markdown_extensions": extensions}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    texts = {name: text for name, (text, _, _) in corpus.REFUSED.items()} | corpus.SAFE
    for name, text in texts.items():
        page = f"# {name}\n\n{safe_markdown(definition(text), ('doc',))}\n[^doc]: A source.\n"
        (project / "docs" / f"{name}.md").write_text(page, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Sanitised\n", encoding="utf-8")
    result = mkdocs_build(tmp / "s", project / "mkdocs.yml", "-q")
    assert result.returncode == 0, result.stderr
    return tmp / "s"


class Built:
    def __init__(self, project: Path, site: Path, check: str, log: str, sanitised: Path) -> None:
        self.project, self.site, self.check, self.log, self.sanitised = project, site, check, log, sanitised


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("contributions")
    project = make_project(tmp)
    check = run_archive("check", cwd=project)
    assert check.returncode == 1
    site = tmp / "site"
    result = mkdocs_build(site, project / "mkdocs.yml", cwd=project)
    assert result.returncode == 0, result.stderr
    return Built(project, site, check.stderr, result.stderr, make_sanitised_site(tmp))


REFUSED = [
    *((f"glossary/{name}.md", line, message) for name, (_, line, message) in corpus.REFUSED.items()),
    ("articles/" + corpus.NOTE_REFUSED[0], corpus.NOTE_REFUSED[1], corpus.NOTE_REFUSED[2]),
]


@pytest.mark.parametrize("where, line, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_the_check_refuses_it_at_its_line_and_the_build_leaves_it_out(
    built: Built, where: str, line: int, message: str
) -> None:
    expected = f"archive/{where}:{line}: {message}"
    assert expected in built.check.splitlines(), built.check
    assert f"WARNING -  archive: {expected}" in built.log.splitlines()
    page = built.site / where.removesuffix(".md").removesuffix("/article.yml")  # its page, or its article's
    assert not page.exists()


def test_a_fifty_megabyte_entry_is_refused_unread(built: Built) -> None:
    size = (built.project / "archive" / "glossary" / "fifty-megabytes.md").stat().st_size
    assert size > corpus.BIG_BYTES
    assert f"archive/glossary/fifty-megabytes.md:1: {corpus.BIG.format(size=size)}" in built.check.splitlines()


def test_a_name_two_entries_claim_is_named_in_both(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "glossary"
    folder.mkdir(parents=True)
    for name, text in corpus.CLASHING.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    result = run_archive("check", cwd=tmp_path)
    assert result.returncode == 1
    hint = "(a name links to one entry only: keep it in one of them)"
    assert [row for row in result.stderr.splitlines() if "also a name" in row] == [
        f"archive/glossary/first-claim.md:6: 'Shared Name Office' is also a name of 'second-claim' "
        f"(archive/glossary/second-claim.md:6) {hint}",
        f"archive/glossary/second-claim.md:6: 'Shared Name Office' is also a name of 'first-claim' "
        f"(archive/glossary/first-claim.md:6) {hint}",
    ]


class Page(HTMLParser):
    """Every tag with its attributes, the text of scripts (JSON-LD data blocks apart), and the text inside <article>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.data_blocks: list[str] = []  # <script type="application/ld+json">: data, never run
        self.article: list[str] = []
        self.stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "hr", "img", "meta", "link", "input", "path", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            script = next(a for t, a in reversed(self.tags) if t == "script")
            (self.data_blocks if script.get("type") == "application/ld+json" else self.scripts).append(data)
        elif "article" in self.stack:
            self.article.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.article).split())


def assert_runs_nothing(page: Page) -> None:
    """No handler, script, frame, image or link a contributor could have written."""
    for tag, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert tag not in ("iframe", "object", "embed") and not (tag == "img" and attrs.get("src") == "x")
        for key in ("href", "src", "action"):
            value = "".join((attrs.get(key) or "").split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:", "//")), (tag, attrs)
            assert "203.0.113.9" not in value, (tag, attrs)
            assert value.startswith("#") or "__pwned" not in value, (tag, attrs)  # a heading's slug may hold it
    assert not [s for s in page.scripts if "__pwned" in s]
    for block in page.data_blocks:  # an article's text is in its JSON-LD description: as JSON text only
        assert "<" not in block and isinstance(json.loads(block), dict), block


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def test_every_field_of_a_safe_entry_shows_as_typed(built: Built) -> None:
    for name, shown in corpus.SAFE_SHOWN.items():
        page = read(built.site / "glossary" / name / "index.html")
        assert_runs_nothing(page)
        for text in shown:
            assert " ".join(text.split()) in page.text, text
        links = [a.get("href") for tag, a in page.tags if tag == "a"]
        assert "https://example.org/ok" in links and "https://example.org/doc" in links


def test_the_article_mentioning_it_and_its_tooltip_run_nothing(built: Built) -> None:
    page = read(built.site / "articles" / "council-expands-library-hours" / "index.html")
    assert_runs_nothing(page)
    assert corpus.SAFE_TERM in page.text
    links = [a for tag, a in page.tags if tag == "a" and "typed-as-written" in (a.get("href") or "")]
    assert [a["title"] for a in links if "title" in a] == [
        'A sentence with "quotes", {{ braces }}, {% raw %} and &amp; shown as typed.'
    ]


def test_a_curators_note_shows_as_typed(built: Built) -> None:
    page = read(built.site / "articles" / "note-typed" / "index.html")
    assert_runs_nothing(page)
    assert corpus.NOTE_SHOWN in page.text
    assert ("a", {"href": "https://example.org/minutes"}) in page.tags


SANITISED = sorted({*corpus.REFUSED, *corpus.SAFE})


@pytest.mark.parametrize("name", SANITISED)
def test_what_the_sanitiser_makes_of_every_definition_runs_nothing(built: Built, name: str) -> None:
    assert_runs_nothing(read(built.sanitised / name / "index.html"))


@pytest.mark.browser
def test_nothing_runs_in_a_browser(built: Built, browser) -> None:
    pages = [
        (built.site, "glossary/typed-as-written/"),
        (built.site, "articles/council-expands-library-hours/"),
        (built.site, "articles/note-typed/"),
        (built.site, "glossary/"),
        *((built.sanitised, f"{name}/") for name in SANITISED),
    ]
    dialogs: list[str] = []
    outside: list[str] = []
    for site in (built.site, built.sanitised):
        with serve(site) as base:
            context = browser.new_context()
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r, base=base: outside.append(r.url) if not r.url.startswith(base) else None)
            for _, path in (p for p in pages if p[0] == site):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                for link in page.locator("article a").all()[:12]:  # tooltips and hover handlers get their chance
                    link.hover()
                    link.focus()
                assert page.evaluate("typeof window.__pwned") == "undefined", f"{path}: a script ran"
                assert page.title().count("<img") == (1 if path == "glossary/typed-as-written/" else 0)
            context.close()
    assert dialogs == []
    assert outside == []
