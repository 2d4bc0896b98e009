"""data/annotations.jsonld: W3C Web Annotations of every glossary mention, found again where they point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pyld import jsonld

from archivist.build.pipeline import Output
from archivist.export.web_annotation import CONTEXT, annotation_files
from archivist.model import Article, Block, Cleaned, Confidence, Mention, Metadata, Source

from .conftest import ARCHIVE, html_text

ANNO_CONTEXT = json.loads((Path(__file__).parent / "anno.jsonld").read_text(encoding="utf-8"))
SITE = "https://archive.example/collection/"  # where the files are taken to be served, to resolve their addresses
OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


def local_loader(url: str, options: object = None) -> dict[str, object]:
    """The W3C context from the local copy; any other address fails: the test makes no request."""
    if url.rstrip("/") in (CONTEXT, CONTEXT.replace("http:", "https:")):
        return {"contextUrl": None, "documentUrl": url, "document": ANNO_CONTEXT}
    raise AssertionError(f"the expansion asked for {url}")


def collection(site: Path) -> tuple[dict, list[tuple[str, dict]]]:
    """The collection and its pages, followed from ``first`` through each ``next``."""
    head = json.loads((site / "data" / "annotations.jsonld").read_text(encoding="utf-8"))
    pages, name, folder = [], head.get("first"), site / "data"
    while name:
        path = (folder / name).resolve()
        page = json.loads(path.read_text(encoding="utf-8"))
        pages.append((path.relative_to(site.resolve()).as_posix(), page))
        folder, name = path.parent, page.get("next")
    return head, pages


def exported_text(article: dict) -> str:
    """The plain text the Data page describes, made from articles.json: title, blank line, blocks."""
    blocks = ["* * *" if b["kind"] == "break" else b["text"] for b in article["body"]]
    return "\n\n".join([article["title"], *blocks]) + "\n"


def places(text: str, quote: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(quote), text)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def published(built_site: Path) -> tuple[dict, list[tuple[str, dict]], dict[str, dict]]:
    head, pages = collection(built_site)
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    return head, pages, {a["url"]: a for a in articles}


def test_one_annotation_per_glossary_mention(published: tuple[dict, list, dict], seed_output: Output) -> None:
    head, pages, _ = published
    items = [item for _, page in pages for item in page["items"]]
    mentions = sum(len(a.mentions) for a in seed_output.articles)
    assert mentions > 50  # the seed articles name ICE, HSI, SB 54...
    assert head["type"] == "AnnotationCollection" and head["total"] == len(items) == mentions
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        glossary_page, definition = item["body"]
        assert re.fullmatch(r"\.\./\.\./glossary/[a-z0-9-]+/", glossary_page)
        assert definition["type"] == "TextualBody" and definition["value"]


def test_every_selector_finds_its_words_once_in_the_exported_text_and_the_built_page(
    published: tuple[dict, list, dict], built_site: Path
) -> None:
    _, pages, articles = published
    page_texts: dict[str, str] = {}
    for path, page in pages:
        for item in page["items"]:
            source = item["target"]["source"]
            url = source.removeprefix("../../")
            quote, position = item["target"]["selector"]
            text = exported_text(articles[url])
            exact, prefix, suffix = quote["exact"], quote["prefix"], quote["suffix"]
            assert text[position["start"] : position["end"]] == exact, (path, item["id"])
            assert places(text, prefix + exact + suffix) == [position["start"] - len(prefix)], (path, item["id"])
            if url not in page_texts:
                html = (built_site / url / "index.html").read_text(encoding="utf-8")
                page_texts[url] = squeeze(html_text(html))
            assert len(places(page_texts[url], squeeze(prefix + exact + suffix))) == 1, (url, prefix, exact, suffix)


def scalars_compact(node: object) -> int:
    if isinstance(node, dict):
        return sum(scalars_compact(v) for k, v in node.items() if k != "@context")
    if isinstance(node, list):
        return sum(scalars_compact(v) for v in node)
    return 1


def scalars_expanded(node: object) -> int:
    """Values that survived expansion: node ids and types, literal values (not their datatype)."""
    if isinstance(node, list):
        return sum(scalars_expanded(v) for v in node)
    if not isinstance(node, dict):
        return 0
    if "@value" in node:
        return 1
    count = 0
    for key, value in node.items():
        if key == "@id":
            count += 1
        elif key == "@type":
            count += len(value)
        else:
            count += scalars_expanded(value)
    return count


def test_the_json_ld_expands_against_the_w3c_context_with_no_term_dropped(
    published: tuple[dict, list, dict], built_site: Path
) -> None:
    head, pages, _ = published
    documents = [("data/annotations.jsonld", head), *pages]
    for path, document in documents:
        expanded = jsonld.expand(document, {"base": SITE + path, "documentLoader": local_loader})
        assert scalars_expanded(expanded) == scalars_compact(document), path
    page = jsonld.expand(pages[0][1], {"base": SITE + pages[0][0], "documentLoader": local_loader})[0]
    assert page["@type"] == [f"{AS}OrderedCollectionPage"]
    assert page[f"{AS}partOf"] == [{"@id": f"{SITE}data/annotations.jsonld"}]
    annotation = page[f"{AS}items"][0]["@list"][0]
    assert annotation["@type"] == [f"{OA}Annotation"]
    assert annotation[f"{OA}motivatedBy"] == [{"@id": f"{OA}identifying"}]
    assert annotation[f"{OA}hasBody"][0]["@id"].startswith(f"{SITE}glossary/")
    target = annotation[f"{OA}hasTarget"][0]
    assert target[f"{OA}hasSource"][0]["@id"].startswith(f"{SITE}articles/")
    kinds = sorted(t for s in target[f"{OA}hasSelector"] for t in s["@type"])
    assert kinds == [f"{OA}TextPositionSelector", f"{OA}TextQuoteSelector"]


def synthetic(count: int) -> list[Article]:
    """Articles of one paragraph, each mentioning ICE twice."""
    out = []
    for i in range(count):
        text = f"Agents of ICE came on day {i}, and ICE left."
        source = Source(f"a{i}.txt", "0" * 64, "utf-8", "text", text)
        mentions = (Mention("ice", 0, 10, 13), Mention("ice", 0, text.rindex("ICE"), text.rindex("ICE") + 3))
        out.append(
            Article(
                f"a{i}",
                f"a{i}.txt",
                Cleaned(source, (Block("paragraph", text, (1, 1)),), (), Metadata()),
                Confidence(1.0),
                mentions=mentions,
            )
        )
    return out


def test_the_collection_is_paged_so_no_file_grows_with_the_archive(seed_output: Output) -> None:
    glossary = seed_output.glossary
    small = annotation_files(synthetic(100), glossary, "Test", page_items=50)
    large = annotation_files(synthetic(1000), glossary, "Test", page_items=50)
    assert len(small) == 1 + 4 and len(large) == 1 + 40
    largest = max(len(data) for name, data in large.items() if name != "data/annotations.jsonld")
    assert largest <= max(len(data) for name, data in small.items() if name != "data/annotations.jsonld") + 500
    head = json.loads(large["data/annotations.jsonld"])
    assert (head["total"], head["first"], head["last"]) == (
        2000,
        "annotations/page-1.jsonld",
        "annotations/page-40.jsonld",
    )
    page = json.loads(large["data/annotations/page-2.jsonld"])
    assert (page["startIndex"], page["prev"], page["next"], len(page["items"])) == (
        50,
        "page-1.jsonld",
        "page-3.jsonld",
        50,
    )


def test_with_the_site_address_every_address_is_absolute(seed_output: Output) -> None:
    files = annotation_files(synthetic(3), seed_output.glossary, "Test", site_url="https://news.example/archive")
    page = json.loads(files["data/annotations/page-1.jsonld"])
    assert page["id"] == "https://news.example/archive/data/annotations/page-1.jsonld"
    assert page["partOf"] == "https://news.example/archive/data/annotations.jsonld"
    item = page["items"][0]
    assert item["target"]["source"] == "https://news.example/archive/articles/a0/"
    assert item["body"][0] == "https://news.example/archive/glossary/ice/"


def test_the_data_page_explains_the_annotations(built_site: Path) -> None:
    page = (ARCHIVE / "pages" / "data.md").read_text(encoding="utf-8")
    section = page[page.index("## annotations.jsonld") :]
    head, pages = collection(built_site)
    item = pages[0][1]["items"][0]
    keys = set(head) | set(pages[0][1]) | set(item) | set(item["target"]) | set(item["body"][1])
    keys |= {k for s in item["target"]["selector"] for k in s} | {s["type"] for s in item["target"]["selector"]}
    keys |= {head["type"], pages[0][1]["type"], item["type"], item["motivation"]}
    assert keys - {"@context"} - set(re.findall(r"`([A-Za-z]+)`", section)) == set()
    assert "[annotations.jsonld](data/annotations.jsonld)" in page
