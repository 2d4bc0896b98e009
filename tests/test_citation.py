"""BibTeX citations read back as written: a reference manager gets the title, names and addresses the page shows."""

from __future__ import annotations

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from archivist.model import Article, Cleaned, Confidence, Field, Metadata, Source
from archivist.render.citation import bibtex


def article(**fields: object) -> Article:
    meta = Metadata.of({name: Field(tuple(v) if isinstance(v, list) else v, "test") for name, v in fields.items()})
    source = Source("archive/articles/a-b/original.txt", "0" * 64, "utf-8", "text", "")
    return Article("a-b", source.path, Cleaned(source, (), (), meta), Confidence(1.0))


def parse(text: str) -> dict[str, object]:
    """The one entry of ``text``, its fields decoded from LaTeX as a reference manager would."""
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()])
    assert not library.failed_blocks and len(library.entries) == 1, text
    return {f.key: f.value for f in library.entries[0].fields}


def raw_fields(text: str) -> dict[str, str]:
    library = bibtexparser.parse_string(text)
    return {f.key: f.value for f in library.entries[0].fields}


TITLES = [
    r"Files in C:\Users\ICE\records leaked",  # a backslash: once a\textbackslash\{\}b
    "Sheriff {and} the {ICE} detainer",  # braces
    "Police & ICE: 40% of the county's detainers, $2 million, #1 issue, tier_2 jails",
    "Stay ~ home",
    "Дмитрий Иванов и «ICE»",  # non-Latin text
    "移民执法新闻",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_with_latex_specials_reads_back_as_written(title: str) -> None:
    entry = bibtex(
        article(title=title, publisher="News & Views {Weekly}"), "The 100% Archive", "https://a.example/x_y/"
    )
    fields = parse(entry)
    assert fields["title"] == title
    assert fields["journal"] == "News & Views {Weekly}"
    assert fields["howpublished"] == "Archived in The 100% Archive: https://a.example/x_y/"


def test_a_backslash_is_one_command() -> None:
    assert r"title = {a\textbackslash{}b}" in bibtex(article(title="a\\b"), "Archive", "x")


def test_non_latin_and_accented_names_read_back_as_authors() -> None:
    authors = ["Zoë Ñúñez-O’Brien", "Дмитрий Иванов", "王小明", "Leila Al-Amin & Co"]
    fields = parse(bibtex(article(title="T", authors=authors), "Archive", "x"))
    assert fields["author"] == authors


def test_a_url_stays_verbatim_and_reads_back_whole() -> None:
    url = "https://news.example/2020/03/ice_raids?q=a%20b&x=1#top"
    entry = bibtex(article(title="T", original_url=url), "Archive", "x")
    assert f"url = {{{url}}}" in entry  # biblatex and \url print a url field as given: no \_ or \%
    assert raw_fields(entry)["url"] == url
    odd = bibtex(article(title="T", original_url="https://news.example/a b/{x}"), "Archive", "x")
    assert raw_fields(odd)["url"] == "https://news.example/a%20b/%7Bx%7D"


@pytest.mark.parametrize("title", ["Left { only", "Right } only", "} backwards {"])
def test_a_lone_brace_leaves_the_entry_balanced(title: str) -> None:
    entry = bibtex(article(title=title), "Archive", "x")
    # BibTeX itself counts every brace, escaped or not: one unmatched brace swallows the file's next entries.
    depth = 0
    for c in entry:
        depth += {"{": 1, "}": -1}.get(c, 0)
        assert depth >= 0, entry
    assert depth == 0, entry
    assert "\\textbrace" in raw_fields(entry)["title"]
