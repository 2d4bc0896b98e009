"""Catalogue metadata as harvesters read it from the built pages: extruct for
JSON-LD and OpenGraph, an HTML parser for the <meta name> tags (Dublin Core,
Highwire). Each article's description, OpenGraph tags, contributors and
language; facts its curator supplied marked as such on the page; a date a
curator says is a repost's never given as the publisher's."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import extruct
import pytest

from archivist.errors import ArchiveError
from archivist.ingest.curation import load as load_curation
from archivist.model import Article, Block, Cleaned, Confidence, Field, Metadata, Source
from archivist.render.description import LONGEST, SHORTEST, description

from .conftest import html_text, mkdocs_build, project_copy, run_archive

SITE_NAME = "Immigration Enforcement News Archive"
SENTENCE_END = re.compile(r"[.!?][”’\"')]*$")


class Head(HTMLParser):
    """The <html lang>, the <meta name> pairs and the text of the elements of a given class."""

    def __init__(self, wanted: str = "") -> None:
        super().__init__()
        self.lang = ""
        self.names: list[tuple[str, str]] = []
        self.wanted, self.depth, self.found = wanted, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "meta" and a.get("name"):
            self.names.append((str(a["name"]), a.get("content") or ""))
        if self.depth:
            self.depth += 1
        elif self.wanted and self.wanted in (a.get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


def read(html: str, wanted: str = "") -> Head:
    head = Head(wanted)
    head.feed(html)
    return head


def values(pairs: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in pairs if k == name]


def harvest(html: str) -> tuple[dict, list[tuple[str, str]], Head]:
    """The page's one JSON-LD object, its OpenGraph properties (in order) and its head."""
    found = extruct.extract(html, syntaxes=["json-ld", "opengraph"])
    (data,) = found["json-ld"]
    (og,) = found["opengraph"]
    return data, og["properties"], read(html)


def exported(site: Path) -> list[dict]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


def page(site: Path, article: dict) -> str:
    return (site / article["url"] / "index.html").read_text(encoding="utf-8")


# -- the description ----------------------------------------------------------------------------------


def test_every_scheme_gives_the_dek_or_the_first_whole_sentences_as_the_description(built_site: Path) -> None:
    articles = exported(built_site)
    assert {bool(a["subtitle"]) for a in articles} == {True, False}  # both kinds are checked
    for a in articles:
        data, og, head = harvest(page(built_site, a))
        described = {
            data["description"],
            *values(og, "og:description"),
            *values(head.names, "description"),
            *values(head.names, "DC.description"),
        }
        assert len(described) == 1, (a["id"], described)
        (text,) = described
        if a["subtitle"]:
            assert text == " ".join(a["subtitle"].split())
            continue
        story = " ".join(" ".join(b["text"].split()) for b in a["body"] if b["kind"] == "paragraph")
        assert story.startswith(text) and SENTENCE_END.search(text), (a["id"], text)
        assert SHORTEST <= len(text) <= LONGEST or len(story) < SHORTEST, (a["id"], len(text))


def article_of(paragraphs: list[str], subtitle: str = "") -> Article:
    blocks = tuple(Block("paragraph", text, (n, n)) for n, text in enumerate(paragraphs, 1))
    meta = Metadata(subtitle=Field(subtitle, "line 1: dek") if subtitle else None)
    source = Source("original.txt", "0" * 64, "utf-8", "text", "\n".join(paragraphs))
    return Article("a", "original.txt", Cleaned(source, blocks, (), meta), Confidence(1.0))


def test_the_first_sentences_stop_at_a_sentence_end_and_a_long_one_at_a_whole_word() -> None:
    short = "Agents came on Monday. "
    many = [short * 3, "The department said Friday that the visits were welfare checks. " * 6]
    text = description(article_of(many))
    assert SHORTEST <= len(text) <= LONGEST and text.endswith(".") and " ".join(" ".join(many).split()).startswith(text)
    words = "An unusually long sentence about immigration enforcement in Los Angeles " * 8
    cut = description(article_of([words.strip() + "."]))
    assert len(cut) <= LONGEST and cut.endswith("…")
    assert words.startswith(cut[:-1]) and words[len(cut) - 1] == " "  # never mid-word
    assert description(article_of(["Brief."])) == "Brief."
    assert description(article_of(many, subtitle="The dek, as published")) == "The dek, as published"


def test_the_description_is_text_in_every_scheme_whatever_a_curator_writes(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    article = "agents-find-ways-around-sanctuary-policies"
    dek = 'A "quoted" <b onmouseover=alert(1)>dek</b> & a </script> in it'
    notes = project / "archive" / "articles" / article / "article.yml"
    notes.write_text("metadata:\n  subtitle: " + json.dumps(dek) + "\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", project / "mkdocs.yml", "--strict")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "articles" / article / "index.html").read_text(encoding="utf-8")
    data, og, head = harvest(html)
    assert data["description"] == dek
    assert values(og, "og:description") == [dek]
    assert values(head.names, "description") == values(head.names, "DC.description") == [dek]
    assert "<b onmouseover" not in html and "</script> in it" not in html


# -- OpenGraph ------------------------------------------------------------------------------------------


def test_article_pages_give_opengraph_its_article_tags(built_site: Path) -> None:
    for a in exported(built_site):
        _, og, _ = harvest(page(built_site, a))
        assert values(og, "og:type") == ["article"]
        assert values(og, "og:title") == [a["title"]]
        assert values(og, "og:site_name") == [SITE_NAME]
        assert values(og, "og:url") == []  # no site_url here: no relative address posing as absolute
        assert values(og, "article:published_time") == ([a["date"]] if a["date"] else [])
        assert values(og, "article:modified_time") == ([a["updated"]] if a["updated"] else [])
        assert values(og, "article:author") == a["authors"]


@pytest.mark.parametrize("path", ["index.html", "glossary/ice/index.html", "data/index.html", "about/index.html"])
def test_other_pages_give_opengraph_its_minimum(built_site: Path, path: str) -> None:
    html = (built_site / path).read_text(encoding="utf-8")
    (og,) = extruct.extract(html, syntaxes=["opengraph"])["opengraph"]
    props = dict(og["properties"])
    assert props["og:type"] == "website" and props["og:site_name"] == SITE_NAME
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert html_text(title).startswith(props["og:title"])
    assert props["og:description"] == (values(read(html).names, "description") or [""])[0]
    assert "og:url" not in props


# -- contributors, language ---------------------------------------------------------------------------


def test_contributors_are_in_every_scheme_that_has_a_place_for_them_and_on_the_page(built_site: Path) -> None:
    articles = exported(built_site)
    assert any(a["contributors"] for a in articles)
    for a in articles:
        html = page(built_site, a)
        data, _, head = harvest(html)
        assert [p["name"] for p in data.get("contributor", [])] == a["contributors"]
        assert [p["name"] for p in data.get("author", [])] == a["authors"]
        assert values(head.names, "DC.contributor") == a["contributors"]
        assert values(head.names, "DC.creator") == a["authors"]
        assert values(head.names, "citation_author") == a["authors"]  # Highwire: authors only
        byline = " ".join(read(html, "archive-byline").found)
        assert all(name in byline for name in a["contributors"] + a["authors"])


def test_the_language_is_the_site_s_theme_language_in_every_scheme(built_site: Path, tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", config, "--strict")
    assert result.returncode == 0, result.stderr
    for site, language in ((built_site, "en"), (tmp_path / "site", "fr")):
        for a in exported(site):
            data, _, head = harvest(page(site, a))
            assert data["inLanguage"] == head.lang == language
            assert values(head.names, "DC.language") == [language]


# -- supplied facts and reposts -----------------------------------------------------------------------

BRACKETED = {"authors", "contributors", "date", "updated", "reposted", "publisher"}


def test_facts_a_curator_supplied_are_marked_as_supplied_on_the_page(built_site: Path) -> None:
    articles = exported(built_site)
    supplied = {a["id"]: {n for n, o in a["metadata_origins"].items() if o.startswith("article.yml")} for a in articles}
    assert any(supplied.values()) and not all(supplied.values())
    words = {"title": "the title", "date": "the date", "publisher": "the publisher"}
    words["reposted"] = "the date of the repost"
    for a in articles:
        html = page(built_site, a)
        notes = read(html, "archive-supplied").found
        byline = read(html, "archive-byline").found[0]
        if not supplied[a["id"]]:
            assert notes == [] and "[" not in byline
            continue
        (note,) = notes
        assert note.startswith("Supplied by the archive's curator")
        assert re.search(r'<p class="archive-supplied"[^>]*data-search-exclude', html)  # not what a search finds
        assert all(words[name] in note for name in supplied[a["id"]])
        assert ("(in brackets above)" in note) == bool(supplied[a["id"]] & BRACKETED)
        for name in supplied[a["id"]] & {"publisher"}:
            assert f"[{a[name]}]" in byline
        if supplied[a["id"]] & {"date", "reposted"}:
            assert re.search(r"\[\d{1,2} \w+ \d{4}\]", byline)
        for name in set(a["metadata_origins"]) - supplied[a["id"]] - {"title", "subtitle", "original_url"}:
            shown = a[name] if isinstance(a[name], str) else ", ".join(a[name])
            assert f"[{shown}" not in byline


def test_a_repost_s_date_is_never_the_publisher_s(built_site: Path) -> None:
    articles = exported(built_site)
    reposts = [a for a in articles if a["reposted"]]
    assert reposts and all(a["date"] is None for a in reposts)
    for a in reposts:
        html = page(built_site, a)
        data, og, head = harvest(html)
        assert "datePublished" not in data and "dateCreated" not in data
        assert data["publication"] == {"@type": "PublicationEvent", "name": "Repost", "startDate": a["reposted"]}
        assert not [k for k, _ in head.names if k in ("DC.date", "citation_publication_date", "citation_date")]
        assert values(og, "article:published_time") == []
        byline = read(html, "archive-byline").found[0]
        assert re.search(r"reposted on \[\d{1,2} \w+ \d{4}\]", byline)
        cite = html_text(html[html.index('id="cite-this-article"') :])
        assert a["reposted"][:4] not in cite.split("Archived in")[0]  # no citation dates the story by its repost
    rows = csv.DictReader(io.StringIO((built_site / "data" / "articles.csv").read_text(encoding="utf-8")))
    assert {r["id"]: r["reposted"] for r in rows} == {a["id"]: a["reposted"] or "" for a in articles}
    timeline = html_text((built_site / "browse" / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert all(a["reposted"][:4] in timeline for a in reposts)  # browsed by the repost's year, said so
    home = html_text((built_site / "index.html").read_text(encoding="utf-8"))
    assert all(f"Reposted {int(a['reposted'][8:])}" in home for a in reposts)


# -- the check ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yml", "line", "problem"),
    [
        ("metadata:\n  title: T\n  reposted: last spring\n", 3, "metadata 'reposted': 'last spring' is not a date"),
        (
            "metadata:\n  date: 2020-02-15\n  reposted:\n    value: 2019-01-01\n    source: the blog\n",
            4,
            "metadata 'reposted' (2019-01-01) is before 'date' (2020-02-15)",
        ),
        ("# notes\nmetadata:\n  date:\n    source: s\n    value: 2020-13-01\n", 5, "metadata 'date': "),
    ],
)
def test_a_bad_repost_date_is_reported_at_its_line(tmp_path: Path, yml: str, line: int, problem: str) -> None:
    path = tmp_path / "article.yml"
    path.write_text(yml, encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        load_curation(path, "article.yml")
    assert (caught.value.path, caught.value.line) == ("article.yml", line)
    assert problem in str(caught.value)


def test_archive_check_reports_a_repost_before_the_publication_with_file_and_line(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    notes = project / "archive" / "articles" / "agents-find-ways-around-sanctuary-policies" / "article.yml"
    notes.write_text("metadata:\n  date: 2019-03-15\n  reposted: 2018-01-01\n", encoding="utf-8")
    result = run_archive("check", "--archive", "archive", "--config", "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    assert (
        "archive/articles/agents-find-ways-around-sanctuary-policies/article.yml:3: "
        "metadata 'reposted' (2018-01-01) is before 'date' (2019-03-15)"
    ) in result.stderr
