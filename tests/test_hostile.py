"""Hostile and broken input never breaks the archive or its readers.

Bad articles and glossary entries are reported with their file (and line)
and left out while the rest builds; `--strict` fails instead; nothing a
scrape or an entry holds reaches the reader as markup."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from . import hostile_corpus as corpus
from .conftest import mkdocs_build, project_copy, run_archive, serve

BIG_BYTES = 50 * 1024 * 1024


def make_project(tmp: Path) -> Path:
    """A copy of the project whose archive also holds the hostile corpus."""
    project = project_copy(tmp / "project")
    articles = project / "archive" / "articles"
    for name, (filename, data) in {**corpus.REFUSED, **corpus.BUILT}.items():
        (articles / name).mkdir()
        (articles / name / filename).write_bytes(data)
    for name, yml in corpus.ARTICLE_YML.items():
        (articles / name / "article.yml").write_text(yml, encoding="utf-8")
    big = articles / "fifty-megabytes"
    big.mkdir()
    line = b"The council met again on Tuesday and talked about the library for a long time.\n\n"
    (big / "original.txt").write_bytes(line * (BIG_BYTES // len(line) + 1))
    for name, text in corpus.GLOSSARY.items():
        (project / "archive" / "glossary" / name).write_text(text, encoding="utf-8")
    return project


def mkdocs(project: Path, out: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(out, project / "mkdocs.yml", *flags, cwd=project)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp)
    result = mkdocs(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return project, tmp / "site", result.stderr


def test_every_bad_input_is_named_with_what_to_do(hostile: tuple[Path, Path, str]) -> None:
    _, _, log = hostile
    assert "Traceback" not in log
    expected = {
        "empty-file/original.txt": "the capture is empty",
        "whitespace-only/original.txt": "the capture is empty",
        "png-named-txt/original.txt": "not text: the file is a PNG image",
        "control-bytes/original.txt": "not text: the file is mostly binary data",
        "fifty-megabytes/original.txt": "over the 20 MiB limit",
        "curator-names-missing-line/article.yml": "names line 999, which is not a non-blank line",
        "glossary/bad-yaml.md:3": "invalid YAML: a list opened with '[' is not closed",
        "glossary/dup-two.md:2": "id 'dup-one' does not match the file name 'dup-two.md'",
        "glossary/script-def.md:9": "the definition: a <script> element would be removed",
        "glossary/long-alias.md:5": "alias of 10000 characters is too long",
    }
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    for where, message in expected.items():
        assert any(where in w and message in w for w in warnings), f"{where}: {message}\n" + "\n".join(warnings)


def test_the_rest_of_the_archive_builds(hostile: tuple[Path, Path, str]) -> None:
    _, site, _ = hostile
    built = {p.parent.name for p in (site / "articles").glob("*/index.html")}
    assert {"la-social-workers-seek-ice-collaboration", "markdown-and-templates", "hostile-html"} <= built
    assert set(corpus.REFUSED).isdisjoint(built) and "fifty-megabytes" not in built
    assert {"invalid-utf8", "utf16-no-bom", "mixed-line-endings"} <= built
    assert (site / "glossary" / "ice" / "index.html").exists()
    assert not (site / "glossary" / "script-def").exists()


def test_strict_build_fails_on_a_bad_input(hostile: tuple[Path, Path, str], tmp_path: Path) -> None:
    project, _, _ = hostile
    result = mkdocs(project, tmp_path / "strict", "--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "png-named-txt/original.txt" in result.stderr


class _Markup(HTMLParser):
    """The tags and attributes inside <article>, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


PAGES = ("", "report/")  # the article; its cleaning report, with the capture


def article_markup(site: Path, name: str, page: str = "") -> _Markup:
    parser = _Markup()
    parser.feed((site / "articles" / name / page / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["markdown-and-templates", "hostile-html"])
def test_scrape_text_is_never_markup(hostile: tuple[Path, Path, str], name: str, page: str) -> None:
    _, site, _ = hostile
    markup = article_markup(site, name, page)
    for tag, attrs in markup.tags:
        assert tag not in ("script", "iframe", "img", "style", "svg", "object", "embed"), (tag, attrs)
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for key in ("href", "src"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")) and "203.0.113.9" not in value, (tag, attrs)


def test_markdown_and_template_lookalikes_show_as_typed(hostile: tuple[Path, Path, str]) -> None:
    _, site, _ = hostile
    # Kept lines show on the article, removed ones in the report: literally, either way.
    text = "".join("".join(article_markup(site, "markdown-and-templates", page).text) for page in PAGES)
    for typed in (
        "# not a heading, * not a list, 1. not a list, > not a quote, | not | a | table |",
        "<div>not a div</div> <script>window.__pwned = 1; alert('text script')</script> text goes on here.",
        "{{ config.site_name }} and {% raw %} stays as typed",
        "[click me](javascript:window.__pwned=1)",
        '<img src=x onerror="window.__pwned=1">',
    ):
        assert typed in text


@pytest.mark.parametrize("name", sorted({**corpus.REFUSED, **corpus.BUILT}))
def test_archive_clean_never_shows_a_traceback(hostile: tuple[Path, Path, str], name: str) -> None:
    project, _, _ = hostile
    folder = project / "archive" / "articles" / name
    (original,) = folder.glob("original.*")
    result = run_archive("clean", "--json", str(original))
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    if result.returncode == 1:
        assert str(original) in result.stderr


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_a_browser(hostile: tuple[Path, Path, str], browser) -> None:
    _, site, _ = hostile
    dialogs: list[str] = []
    outside: list[str] = []
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
        for name in ("markdown-and-templates", "hostile-html", "invalid-utf8", "utf16-no-bom"):
            for sub in PAGES:
                page.goto(f"{base}articles/{name}/{sub}")
                page.wait_for_load_state("networkidle")
                page.mouse.move(300, 300)  # give on* handlers their chance
                assert page.evaluate("typeof window.__pwned") == "undefined", f"{name}/{sub}: a script ran"
        page.goto(f"{base}articles/markdown-and-templates/report/")  # that line was left out: it shows here
        assert "<script>window.__pwned = 1; alert('text script')</script>" in page.locator("article").inner_text()
        context.close()
    assert dialogs == []
    assert outside == []
