"""Data downloads, the feed and catalogue metadata agree with the export and are documented."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import extruct

from archivist.export.downloads import CSV_FIELDS

from .conftest import ARCHIVE, SEEDS_NEWEST_FIRST

ATOM = "{http://www.w3.org/2005/Atom}"


def load(site: Path, name: str) -> object:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_csv_has_one_row_per_article_matching_the_export(built_site: Path) -> None:
    articles = load(built_site, "articles.json")
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "articles.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [a["id"] for a in articles]
    for row, a in zip(rows, articles, strict=True):
        assert row["title"] == (a["title"] or "")
        assert row["authors"].split("; ") == (a["authors"] or [""])
        assert row["date"] == (a["date"] or "")
        assert row["sha256"] == a["sha256"]
        assert row["terms"].split("; ") == (sorted({t for b in a["body"] for t in b["terms"]}) or [""])


def test_a_csv_row_holds_what_the_scrape_and_its_curator_say(built_site: Path) -> None:
    """The Los Angeles Times seed's row, written out from its scrape, its
    article.yml and archive/glossary/; the digest is sha256sum's."""
    rows = csv.DictReader(io.StringIO((built_site / "data" / "articles.csv").read_text(encoding="utf-8")))
    row = next(r for r in rows if r["id"] == "la-officials-oppose-ice-sanctuary-deployment")
    assert {**row, "words": "", "removed": ""} == {
        "id": "la-officials-oppose-ice-sanctuary-deployment",
        "url": "articles/la-officials-oppose-ice-sanctuary-deployment/",
        "title": "LA officials oppose ICE plan to add officers in sanctuary cities",
        "subtitle": "LA Mayor Eric Garcetti and LAPD chief Michel Moore released a video saying local police "
        "won’t be working with ICE",
        "authors": "Brittny Mejia; Molly Hennessy-Fiske; Leila Miller",
        "contributors": "",
        "date": "2020-02-15",
        "updated": "",
        "publisher": "Los Angeles Times",
        "original_url": "",
        "source": "archive/articles/la-officials-oppose-ice-sanctuary-deployment/original.txt",
        "sha256": "c754d717711e752474848ed77964a9e99919f9163eb08d30e9f9d38fd678f6e2",
        "format": "text",
        "encoding": "utf-8",
        "words": "",
        "removed": "",
        "terms": "ice; sb-54",
        "rights": "http://rightsstatements.org/vocab/InC/1.0/",
        "reposted": "",
    }


def test_data_package_describes_the_files(built_site: Path) -> None:
    package = load(built_site, "datapackage.json")
    paths = [r["path"] for r in package["resources"]]
    assert paths == ["articles.json", "articles.csv", "glossary.json", "annotations.jsonld"]
    for path in paths:
        assert (built_site / "data" / path).is_file()
    table = package["resources"][1]
    header = (built_site / "data" / "articles.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert [f["name"] for f in table["schema"]["fields"]] == header


def test_glossary_json_lists_terms_with_both_way_relations(built_site: Path) -> None:
    terms = {t["id"]: t for t in load(built_site, "glossary.json")}
    assert set(terms) == {p.stem for p in (ARCHIVE / "glossary").glob("*.md")}
    assert "mart" in terms["hsi"]["related"] and "hsi" in terms["mart"]["related"]
    articles = load(built_site, "articles.json")
    ice_blocks = sum(1 for a in articles for b in a["body"] if "ice" in b["terms"])
    assert terms["ice"]["mentions"] >= ice_blocks > 0


def test_atom_feed_lists_articles_newest_first(built_site: Path) -> None:
    feed = ET.parse(built_site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"articles/{article_id}/" for article_id in SEEDS_NEWEST_FIRST]
    published = [e.findtext(f"{ATOM}published") for e in entries if e.findtext(f"{ATOM}published")]
    assert published == sorted(published, reverse=True)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="(\./)?feed.xml"', html)


def test_catalogue_metadata_matches_the_export(built_site: Path) -> None:
    for a in load(built_site, "articles.json"):
        html = (built_site / a["url"] / "index.html").read_text(encoding="utf-8")
        data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
        (article,) = [d for d in data if d.get("@type") == "NewsArticle"]
        assert article["headline"] == a["title"]
        assert [p["name"] for p in article.get("author", [])] == a["authors"]
        assert article.get("datePublished") == a["date"]
        assert article.get("publisher", {}).get("name") == a["publisher"]
        assert article.get("isBasedOn") == a["original_url"]
        assert article["isPartOf"]["name"]
        metas = re.findall(r'<meta name="([^"]+)" content="([^"]*)"', html)
        assert [v for k, v in metas if k == "citation_author"] == a["authors"]
        assert [v for k, v in metas if k == "DC.creator"] == a["authors"]
        assert ("citation_title", a["title"].replace("'", "&#39;")) in metas or ("citation_title", a["title"]) in metas
        if a["date"]:
            assert ("DC.date", a["date"]) in metas
            assert ("citation_publication_date", a["date"].replace("-", "/")) in metas


def test_data_page_explains_every_field(built_site: Path) -> None:
    page = (ARCHIVE / "pages" / "data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", page))
    a = load(built_site, "articles.json")[0]
    fields = set(a) | set(a["body"][0]) | {k for r in a["removed"] for k in r}
    fields |= {name for name, _, _ in CSV_FIELDS}
    fields |= {k for t in load(built_site, "glossary.json") for k in t}
    assert fields - documented == set()
