"""Each article's pages and export lines cached by what they are made of
(``build.article_cache``): after an edit, a build with the cache writes every
page and data file as a build without it does, and renders again only the
articles the edit reaches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archivist.build.pipeline import Output, build
from archivist.rights import Rights

from .conftest import make_corpus


def scratch(root: Path, **options: object) -> Output:
    return build(root, None, **options)  # type: ignore[arg-type]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_corpus(60, tmp_path / "corpus")


def cached(root: Path, cache: Path, **options: object) -> Output:
    return build(root, cache, **options)  # type: ignore[arg-type]


def test_a_rebuild_with_no_change_renders_nothing_and_writes_the_same_pages(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cached(archive, cache)
    assert first.rendered == len(first.articles) == 60
    again = cached(archive, cache)
    assert again.rendered == 0
    fresh = scratch(archive)
    assert again.pages == first.pages == fresh.pages
    assert again.files == first.files == fresh.files  # the data export too


def test_a_glossary_edit_renders_the_articles_that_mention_the_term(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = cached(archive, cache)
    entry = archive / "glossary" / "term-1.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("short: A ", "short: An edited ", 1), encoding="utf-8")
    after = cached(archive, cache)
    mentioning = [a for a in before.articles if any(m.term == "term-1" for m in a.mentions)]
    assert mentioning and after.rendered == len(mentioning)
    fresh = scratch(archive)
    assert after.pages == fresh.pages  # the new definition in every tooltip, nothing stale
    assert after.files == fresh.files  # and in every annotation
    assert any("An edited synthetic term" in page for page in after.pages.values())


def test_a_new_article_renders_itself_and_those_it_becomes_related_to(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached(archive, cache)
    source = sorted((archive / "articles").iterdir())[0]
    shutil.copytree(source, archive / "articles" / "a-new-article")
    after = cached(archive, cache)
    assert 1 <= after.rendered < len(after.articles)
    fresh = scratch(archive)
    assert (after.pages, after.files) == (fresh.pages, fresh.files)


def test_a_curators_note_and_the_sites_options_reach_the_pages(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached(archive, cache)
    article = sorted((archive / "articles").iterdir())[3]
    (article / "article.yml").write_text("note: Checked against the print edition.\n", encoding="utf-8")
    after = cached(archive, cache)
    assert after.rendered == 1
    fresh = scratch(archive)
    assert (after.pages, after.files) == (fresh.pages, fresh.files)
    options = {"site_name": "Another archive", "site_url": "https://example.org/news/", "rights": Rights("NoC-US")}
    renamed = cached(archive, cache, **options)
    assert renamed.rendered == len(renamed.articles)
    fresh = scratch(archive, **options)
    assert (renamed.pages, renamed.files) == (fresh.pages, fresh.files)


def test_a_damaged_or_misplaced_entry_is_rendered_again(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cached(archive, cache)
    one, two, three = sorted((cache / "articles").rglob("*.json"))[:3]
    texts = one.read_bytes(), two.read_bytes()
    one.write_bytes(texts[1])  # another article's pages under this key (a restored backup, a bad copy)
    two.write_bytes(texts[0])
    three.write_bytes(three.read_bytes()[:-40])  # cut short
    again = cached(archive, cache)
    assert again.rendered == 3
    assert (again.pages, again.files) == (first.pages, first.files)


def test_a_cache_that_cannot_be_written_fails_the_build_and_says_where(archive: Path, tmp_path: Path) -> None:
    # entries are written beside the render loop: a failed write must still stop the build
    cache = tmp_path / "cache"
    cached(archive, cache)
    shutil.rmtree(cache / "articles")
    (cache / "articles").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError, match="articles"):
        cached(archive, cache)
