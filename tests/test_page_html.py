"""Pages converted by the pipeline (page_html) are the pages MkDocs would make.

Built both ways: the whole build (the plugin hands MkDocs the pipeline's HTML)
and a plain ``mkdocs build`` of the Markdown tree ``archive build --out``
writes; every article page and cleaning report must show the same article.
The numbered capture written without pygments is checked against pymdownx
itself, and builds are byte-identical over one or two workers, cold or warm.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.build import page_html, pipeline
from archivist.common.markdown_text import fenced_with_line_numbers
from archivist.render.capture_html import can_number, numbered_capture, writes_for
from archivist.site.config import load as load_site

from .conftest import ROOT, mkdocs_build, project_with_corpus

# mkdocs.yml's markdown_extensions, as MkDocs hands them to Python-Markdown (its defaults first).
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "footnotes"]
EXTENSIONS += ["pymdownx.highlight", "pymdownx.superfences"]
CONFIGS = {
    "footnotes": {"USE_DEFINITION_ORDER": False},
    "toc": {"permalink": False},
    "pymdownx.highlight": {
        "anchor_linenums": True,
        "line_spans": "__span",
        "linenums_style": "pymdownx-inline",
        "stripnl": False,
    },
}


def test_the_extensions_here_are_those_mkdocs_reads_from_mkdocs_yml() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config["markdown_extensions"] == EXTENSIONS
    assert config["mdx_configs"] == CONFIGS


CAPTURE_TEXT = st.lists(
    st.sampled_from(list("ab <>&\"'\t`~*_#{}[]()|\\é中🙂-=.:\n") + ["    ", "```", "<div>", "</code>", "&amp;"]),
    min_size=1,
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(CAPTURE_TEXT, st.data())
def test_the_numbered_capture_is_what_pymdownx_writes(text: str, data: st.DataObject) -> None:
    if not can_number(text):
        return
    count = text.count("\n") + 1
    marked = data.draw(st.lists(st.integers(1, count), unique=True).map(sorted))
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    line_spans = CONFIGS["pymdownx.highlight"]["line_spans"]
    assert numbered_capture(text, marked, line_spans) == md.convert(fenced_with_line_numbers(text, marked))
    without = {**CONFIGS, "pymdownx.highlight": {**CONFIGS["pymdownx.highlight"], "line_spans": ""}}
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=without)
    assert numbered_capture(text, marked) == md.convert(fenced_with_line_numbers(text, marked))


def test_a_highlight_configuration_the_fast_capture_does_not_know_is_left_to_pymdownx() -> None:
    assert writes_for(CONFIGS["pymdownx.highlight"])
    assert not writes_for({**CONFIGS["pymdownx.highlight"], "linenums_style": "table"})
    assert not writes_for({**CONFIGS["pymdownx.highlight"], "pygments_lang_class": True})


def test_a_capture_pymdownx_would_rewrite_is_left_to_it() -> None:
    for text in ("a\r\nb", "\ufeffa", "form\x0cfeed", "ends\n", "ends\n\t", ""):
        assert not can_number(text), repr(text)
    assert can_number("a\n\tb  \n   \nc")


def article_of(page: Path) -> str:
    """A page's <article>, the edit button (generated pages have none) aside:
    Pagefind's marks are in the generated Markdown, so both builds have them."""
    found = re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S)
    assert found, page
    text = re.sub(r'<a href="[^"]*" title="Edit this page".*?</a>', "", found.group(0), flags=re.S)
    return re.sub(r"\n\s*\n", "\n", text)


def mkdocs(config: str, out: str, cwd: Path) -> None:
    result = mkdocs_build(cwd / out, cwd / config, "--strict", cwd=cwd)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site with a synthetic archive of 30 articles beside its own."""
    return project_with_corpus(tmp_path_factory, 30, glossary=True)


def test_every_article_page_and_report_is_the_one_mkdocs_makes_from_the_markdown_tree(small_project: Path) -> None:
    mkdocs("mkdocs.yml", "site", cwd=small_project)
    site, problems = load_site(small_project / "mkdocs.yml")  # what archive build --out reads
    assert not problems
    output = pipeline.build(
        small_project / "archive", None, site.name, site.url, rights=site.rights, takedown=site.takedown
    )
    tree = small_project / "tree"
    pipeline.write_tree(output, tree)
    for path in (small_project / "archive" / "pages").iterdir():  # the hand-written pages, as the plugin serves them
        if not (tree / path.name).exists():
            (shutil.copytree if path.is_dir() else shutil.copy)(path, tree / path.name)
    (small_project / "plain.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: tree\nplugins:\n  - search\n")
    mkdocs("plain.yml", "plain", cwd=small_project)
    pages = sorted((small_project / "site" / "articles").glob("*/index.html"))
    pages += sorted((small_project / "site" / "articles").glob("*/report/index.html"))
    assert len(pages) == 2 * len(output.articles) == 2 * 35
    differ = [
        p.relative_to(small_project).as_posix()
        for p in pages
        if article_of(p) != article_of(small_project / "plain" / p.relative_to(small_project / "site"))
    ]
    assert not differ, differ


def test_a_rebuild_converts_only_the_pages_that_changed(small_project: Path, tmp_path: Path) -> None:
    root = small_project / "archive"
    output = pipeline.build(root, None)
    known = [p.relative_to(root / "pages").as_posix() for p in (root / "pages").rglob("*") if p.is_file()]
    known += list(output.files)
    the_settings = page_html.MarkdownSettings.of(EXTENSIONS, CONFIGS)
    cache = tmp_path / "cache"

    def stage(pages: dict[str, str], name: str, known: list[str] = known) -> tuple[page_html.Staged, Path]:
        folder = tmp_path / name
        return page_html.stage_html(pages, output.captures, folder, the_settings, known, cache, 1), folder

    def html_of(folder: Path, uri: str) -> str:
        return page_html.read_staged(folder, uri).html

    pages = {**output.pages, "untitled.md": "# Its title is in its heading\n"}
    cold, cold_dir = stage(pages, "cold")
    assert cold.converted == len(pages)
    assert "articles/story-00001/report.md" in cold.pages and "untitled.md" not in cold.pages  # left to MkDocs
    left = set(pages) - set(cold.pages)  # pages without a title of their own (the home page takes the site's)
    assert "untitled.md" in left and len(left) <= 2
    warm, warm_dir = stage(pages, "warm")
    assert warm.converted == len(left)  # only the pages left to MkDocs are tried again
    assert warm.pages == cold.pages
    assert all(
        page_html.rendered_path(warm_dir, uri).read_bytes() == page_html.rendered_path(cold_dir, uri).read_bytes()
        for uri in cold.pages
    )
    edited = dict(output.pages)
    edited["articles/story-00002/index.md"] += "\nOne more line.\n"
    again, again_dir = stage(edited, "again")
    assert again.converted == 1 + len(left - {"untitled.md"})
    assert "One more line." in html_of(again_dir, "articles/story-00002/index.md")
    assert "One more line." not in html_of(cold_dir, "articles/story-00002/index.md")
    gone, _ = stage(output.pages, "gone", [k for k in known if not k.startswith("articles/story-00001/original")])
    assert "articles/story-00001/index.md" not in gone.pages  # a link to a missing file: MkDocs says so


def staged_files(small_project: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    from archivist.build import staged

    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)  # a small archive still goes to the workers
    monkeypatch.setattr(page_html, "PARALLEL_MIN", 2)
    known = tuple(
        p.relative_to(small_project / "archive" / "pages").as_posix()
        for p in (small_project / "archive" / "pages").rglob("*")
        if p.is_file()
    )
    out = staged.build_staged(
        small_project / "archive",
        small_project / ".cache" / "staged",
        "Archive",
        "",
        workers,
        html=(page_html.MarkdownSettings.of(EXTENSIONS, CONFIGS), known),
    )
    try:
        assert len(out.rendered) > 70 and out.converted >= 0
        return site_files(out.folder)
    finally:
        out.remove()


def test_staged_pages_are_byte_identical_over_one_or_two_worker_processes_cold_or_warm(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(small_project / ".cache" / "staged", ignore_errors=True)
    two_cold = staged_files(small_project, 2, monkeypatch)
    two_warm = staged_files(small_project, 2, monkeypatch)
    shutil.rmtree(small_project / ".cache" / "staged")
    one_cold = staged_files(small_project, 1, monkeypatch)
    assert two_cold == two_warm == one_cold


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical_over_one_or_two_workers_cold_or_warm(small_project: Path) -> None:
    sites = []
    for workers, cache in ((1, "cold"), (2, "cold"), (2, "warm"), (1, "warm")):
        if cache == "cold":
            shutil.rmtree(small_project / ".cache", ignore_errors=True)
        config = small_project / f"w{workers}.yml"
        config.write_text(
            f"INHERIT: mkdocs.yml\nplugins:\n  - search\n  - archive:\n      workers: {workers}\n", encoding="utf-8"
        )
        out = f"site-{workers}-{cache}"
        mkdocs(config.name, out, cwd=small_project)
        sites.append(site_files(small_project / out))
    first = sites[0]
    for other in sites[1:]:
        assert other.keys() == first.keys()
        assert [k for k in first if first[k] != other[k]] == []


@pytest.mark.parametrize("damage", ["truncated", "garbage", "another key's", "an earlier format"])
def test_a_damaged_page_entry_is_not_read_so_the_page_is_converted_again(tmp_path: Path, damage: str) -> None:
    cache = page_html.PageCache(tmp_path)
    page = page_html.PageHTML({"title": "A page"}, "<p>Its text.</p>", [], ("glossary/ice.md",))
    text = page_html.entry_text("k1", page)
    cache.put_text("k1", text)
    assert cache.get_text("k1") == (
        text,
        {"key": "k1", "meta": {"title": "A page"}, "toc": [], "links": ["glossary/ice.md"]},
    )
    damaged = {
        "truncated": text[:-4],
        "garbage": "not an entry",
        "another key's": page_html.entry_text("k2", page),
        "an earlier format": '{"key": "k1", "meta": {}, "html": "<p>x</p>", "toc": [], "links": []}',
    }[damage]
    cache.put_text("k1", damaged)
    assert cache.get_text("k1") is None
