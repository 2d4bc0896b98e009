"""The export contract (README.md, "The export contract"; the Data page):
site/data/articles.json and `archive clean --json`."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .conftest import ROOT, SEED_COPIES, Ran, run_archive

ARTICLE_FIELDS = {
    "id": str,
    "url": str,
    "title": (str, type(None)),
    "subtitle": (str, type(None)),
    "authors": list,
    "contributors": list,
    "date": (str, type(None)),
    "updated": (str, type(None)),
    "publisher": (str, type(None)),
    "original_url": (str, type(None)),
    "source": str,
    "sha256": str,
    "body": list,
    "removed": list,
}
BLOCK_KINDS = {"paragraph", "heading", "quote", "break"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_blocks(body: list) -> None:
    for block in body:
        assert block["kind"] in BLOCK_KINDS
        assert isinstance(block["text"], str) and isinstance(block["terms"], list)


def check_removed(removed: list) -> None:
    for r in removed:
        first, last = r["lines"]
        assert 1 <= first <= last
        assert r["reason"] and isinstance(r["text"], str) and r["text"].strip()


def test_articles_json_follows_the_contract(built_site: Path) -> None:
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert isinstance(articles, list) and len(articles) == 5
    for a in articles:
        for name, kind in ARTICLE_FIELDS.items():
            assert isinstance(a[name], kind), (a["id"], name)
        assert a["url"] == f"articles/{a['id']}/"
        assert (built_site / a["url"] / "index.html").exists()
        assert hashlib.sha256((ROOT / a["source"]).read_bytes()).hexdigest() == a["sha256"]
        for name in ("date", "updated"):
            assert a[name] is None or ISO_DATE.match(a[name])
        check_blocks(a["body"])
        check_removed(a["removed"])


def test_the_readme_and_the_data_page_document_the_contract_themselves() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The export contract", 1)[1].split("\n## ", 1)[0]
    named = {name for row in re.findall(r"^\| (`.+?`) \|", table, re.M) for name in re.findall(r"`(\w+)`", row)}
    assert named == set(ARTICLE_FIELDS)
    data_page = (ROOT / "archive" / "pages" / "data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", data_page, re.M))
    assert set(ARTICLE_FIELDS) | {"kind", "text", "terms", "lines", "reason"} <= documented
    assert "shared" not in table and "DESIGN.md" not in readme + data_page  # no file outsiders cannot read


def test_curated_facts_carry_their_source(built_site: Path) -> None:
    articles = {a["id"]: a for a in json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))}
    schools = articles["homeland-security-officers-visit-la-schools"]
    assert schools["date"] == "2025-04-11"
    assert schools["title"].startswith("Homeland Security says agents went to LA schools")
    assert schools["metadata_origins"]["date"].startswith("article.yml: ")
    assert articles["la-officials-oppose-ice-sanctuary-deployment"]["date"] == "2020-02-15"


def run_clean(*args: str) -> Ran:
    return run_archive("clean", *args, cwd=ROOT)


def test_archive_clean_json_prints_one_object_per_file() -> None:
    files = [str(SEED_COPIES[seed]) for seed in sorted(SEED_COPIES)]
    result = run_clean("--json", *files)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=True):
        obj = json.loads(line)
        assert obj["source"] == path
        assert obj["sha256"] == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert obj["format"] in ("text", "markdown", "html")
        assert set(obj["metadata"]) >= {"title", "authors", "date", "publisher", "original_url"}
        check_blocks(obj["body"])
        check_removed(obj["removed"])


def test_archive_clean_accepts_any_path_and_touches_nothing(tmp_path: Path) -> None:
    scrape = tmp_path / "scrape with spaces.txt"
    scrape.write_text("A Headline For Testing Here\n\n" + "A sentence of the story that runs on for a while. " * 3)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_clean("--json", str(scrape))
    assert result.returncode == 0
    assert json.loads(result.stdout)["metadata"]["title"] == "A Headline For Testing Here"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_archive_clean_names_a_missing_file_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Some words of a story that is long enough to be prose, it goes on and on.\n")
    result = run_clean("--json", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 1
    assert "missing.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["source"] == str(good)


def test_archive_clean_explain_shows_each_verdict_and_rule() -> None:
    result = run_clean("--explain", str(SEED_COPIES["003_0636be93f76aa3f5.txt"]))
    assert result.returncode == 0
    assert re.search(r"^\s+20\s+DROP comment\s+reader comments", result.stdout, re.M)
    assert re.search(r"^\s+1\s+KEEP paragraph\s+story paragraph", result.stdout, re.M)
