"""The generated tree without the archive plugin: `archive build --out`, a plain
Material `mkdocs build`, then `archive finish` gives article pages, term links,
Pagefind search and a manifest `archive verify` accepts."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import yaml

from .conftest import ARCHIVE, ROOT, mkdocs_build, run_archive

SANCTUARY = "articles/agents-find-ways-around-sanctuary-policies"


def indexed_pages(site: Path) -> dict[str, dict]:
    """The pages Pagefind's bundle holds, by address: its fragment files (gzip, a
    "pagefind_dcd" signature, then JSON) are what a query's results are read from."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        page = json.loads(data)
        pages[page["url"]] = page
    return pages


def plain_site(tmp_path: Path) -> Path:
    tree, site = tmp_path / "tree", tmp_path / "site"
    built = run_archive("build", "--out", str(tree), "--cache", "", cwd=ROOT)
    assert built.returncode == 0, built.stderr
    for path in (ARCHIVE / "pages").iterdir():  # the hand-written pages, beside the generated ones
        if not (tree / path.name).exists():
            (shutil.copytree if path.is_dir() else shutil.copy)(path, tree / path.name)
    ours = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {
        "site_name": "Plain build",
        "docs_dir": str(tree),
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    assert "archive" not in str(plain["plugins"])
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(plain), encoding="utf-8")
    result = mkdocs_build(site, config, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return site


def test_a_plain_mkdocs_build_of_the_tree_is_finished_into_a_searchable_verified_site(tmp_path: Path) -> None:
    site = plain_site(tmp_path)
    finished = run_archive("finish", str(site))
    assert finished.returncode == 0, finished.stderr
    assert re.search(r"Pagefind indexed ([1-9]\d*) pages", finished.stdout), finished.stdout

    article = (site / SANCTUARY / "index.html").read_text(encoding="utf-8")
    assert "Bernalillo County jail" in article  # the story
    body = re.search(r'<div data-pagefind-body[^>]*>(.*?)</div>\s*<hr class="archive-end"', article, re.S)
    assert body and "Bernalillo County jail" in body.group(1)
    assert "Cite this article" not in body.group(1)  # what follows the story is not indexed
    assert 'data-pagefind-meta="title"' in article  # the title, before the box: Pagefind's title

    terms = re.findall(r'<a class="archive-term" href="([^"]+)"', article)
    assert terms, "no glossary link in the article"
    for href in terms:
        target = (site / SANCTUARY / href.split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href

    assert (site / "pagefind" / "pagefind.js").is_file()
    pages = indexed_pages(site)
    story = pages[f"/{SANCTUARY}/"]
    assert "Bernalillo County jail" in story["content"]
    assert story["meta"]["title"].startswith("US Immigration Agents Find Ways Around")
    assert "Cite this article" not in story["content"]
    assert "SB 54" in pages["/glossary/sb-54/"]["meta"]["names"]  # a term's names, for the worker to rank
    assert not [url for url in pages if url.endswith("/report/")]  # cleaning reports are never found

    verified = run_archive("verify", str(site))
    assert verified.returncode == 0, verified.stderr
    (site / SANCTUARY / "index.html").write_text(article + "changed", encoding="utf-8")
    assert run_archive("verify", str(site)).returncode == 1  # the manifest covers the pages
