"""The glossary mentions as W3C Web Annotations (``data/annotations.jsonld``), for other tools.

One ``Annotation`` per mention: its body is the glossary entry's page (and its
one-sentence definition, a ``TextualBody``), its target the article's page,
selected twice over the article's plain text (``plain_text``: its title, a
blank line, its body blocks separated by blank lines, the text of
``cleaned/<id>.txt`` in a bag): a ``TextQuoteSelector`` (the words, with
enough before and after to be found in one place only) and a
``TextPositionSelector`` (character offsets, counted in Unicode code points).

``data/annotations.jsonld`` is the ``AnnotationCollection``: how many there
are and where its pages are. The annotations themselves are in
``data/annotations/page-<n>.jsonld``, ``PAGE_ITEMS`` to an ``AnnotationPage``,
so no file grows with the archive. Addresses are relative to each file (a
JSON-LD processor resolves them against the file's own address), or absolute
when the site's address is known.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence

from archivist.common.site_paths import article_address, term_address
from archivist.glossary.load import Glossary
from archivist.model import Article
from archivist.render.article import display_title

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLLECTION = "data/annotations.jsonld"
PAGES = "data/annotations"
# Annotations per page: about 0.8 KB each with this glossary's definitions,
# so a page stays under half a megabyte, a size any JSON tool reads at once.
PAGE_ITEMS = 500
# Characters of prefix and suffix, as the W3C examples and Hypothesis use;
# more only where that is not enough to find the quote in one place.
QUOTE_CONTEXT = 32
BREAK = "* * *"  # a section break in the plain text
ANNOTATION_IDS = uuid.UUID("2b7c5f0e-3d1a-4f49-8e0b-5d7f6a9c1e24")  # uuid5 namespace of this archive's annotations


def block_texts(article: Article) -> list[str]:
    return [BREAK if block.kind == "break" else block.text for block in article.cleaned.body]


def plain_text(article: Article) -> str:
    """The article as plain text: title line, blank line, the body blocks' text separated by blank lines."""
    return "\n\n".join([display_title(article), *block_texts(article)]) + "\n"


def block_starts(article: Article) -> list[int]:
    """Where each body block begins in ``plain_text(article)``."""
    starts, pos = [], len(display_title(article)) + 2
    for text in block_texts(article):
        starts.append(pos)
        pos += len(text) + 2
    return starts


def _unique(text: str, quote: str) -> bool:
    first = text.find(quote)
    return first >= 0 and text.find(quote, first + 1) < 0


def quote_selector(text: str, start: int, end: int, lo: int, hi: int) -> dict[str, object]:
    """The words ``text[start:end]`` with up to ``QUOTE_CONTEXT`` characters either side within
    ``[lo, hi)`` (the block); more, then past the block, only until the quote is found once."""
    width = QUOTE_CONTEXT
    while True:
        before = max(lo, start - width)
        after = min(hi, end + width)
        quote = text[before:after]
        if _unique(text, quote) or (before == 0 and after == len(text)):
            break
        if before == lo and after == hi:
            lo, hi = 0, len(text)  # the block alone repeats: reach into its neighbours
        width *= 2
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[before:start],
        "suffix": text[end:after],
    }


def _article_annotations(article: Article, glossary: Glossary, to_site: str) -> Iterator[dict[str, object]]:
    """One Annotation per mention of the article, in text order. ``to_site`` is the
    site's root as seen from the file the annotations go in (``../../`` or an absolute address)."""
    text = plain_text(article)
    starts = block_starts(article)
    blocks = block_texts(article)
    for m in sorted(article.mentions, key=lambda m: (m.block, m.start)):
        entry = glossary.get(m.term)
        if entry is None:
            continue
        lo = starts[m.block]
        start, end = lo + m.start, lo + m.end
        yield {
            "id": f"urn:uuid:{uuid.uuid5(ANNOTATION_IDS, f'{article.id}/{m.block}/{m.start}/{m.term}')}",
            "type": "Annotation",
            "motivation": "identifying",
            "body": [
                f"{to_site}{term_address(entry.id)}",
                {"type": "TextualBody", "value": entry.short, "format": "text/plain", "purpose": "describing"},
            ],
            "target": {
                "source": f"{to_site}{article_address(article.id)}",
                "selector": [
                    quote_selector(text, start, end, lo, lo + len(blocks[m.block])),
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        }


def _to_site(site_url: str) -> str:
    """The site's root as the annotation pages (``data/annotations/``) address it."""
    return site_url.rstrip("/") + "/" if site_url else "../../"


def annotation_lines(article: Article, glossary: Glossary, site_url: str = "") -> list[str]:
    """An article's annotations, each as the line ``annotation_files`` writes it: an
    article's share of the files, which a build may keep (``build.article_cache``)."""
    return [
        json.dumps(item, ensure_ascii=False) for item in _article_annotations(article, glossary, _to_site(site_url))
    ]


def _document(head: dict[str, object], lines: list[str] | None = None) -> bytes:
    """Compact JSON, one annotation a line: the same data always gives the same bytes."""
    text = json.dumps({"@context": CONTEXT, **head}, ensure_ascii=False)
    if lines is not None:
        text = text[:-1] + ', "items": [\n' + ",\n".join(lines) + "\n]}"
    return (text + "\n").encode("utf-8")


def annotation_files(
    articles: Sequence[Article],
    glossary: Glossary,
    site_name: str,
    site_url: str = "",
    page_items: int = PAGE_ITEMS,
    lines: Sequence[Sequence[str]] | None = None,
) -> dict[str, bytes]:
    """``data/annotations.jsonld`` and its pages, by site path; ``lines``, when
    given, are each article's ``annotation_lines``, made already."""
    root = site_url.rstrip("/") + "/" if site_url else ""
    collection = f"{root}{COLLECTION}" if root else "../annotations.jsonld"

    def page_id(n: int, here: str) -> str:
        if root:
            return f"{root}{PAGES}/page-{n}.jsonld"
        return f"annotations/page-{n}.jsonld" if here == "collection" else f"page-{n}.jsonld"

    if lines is None:
        lines = [annotation_lines(article, glossary, site_url) for article in articles]
    items = [line for article_lines in lines for line in article_lines]
    chunks = [items[i : i + page_items] for i in range(0, len(items), page_items)]
    head: dict[str, object] = {
        "id": f"{root}{COLLECTION}" if root else "annotations.jsonld",
        "type": "AnnotationCollection",
        "label": f"Glossary mentions in the articles of {site_name}",
        "total": len(items),
    }
    if chunks:
        head.update(first=page_id(1, "collection"), last=page_id(len(chunks), "collection"))
    files = {COLLECTION: _document(head)}
    for n, chunk in enumerate(chunks, 1):
        page: dict[str, object] = {
            "id": page_id(n, "page"),
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": (n - 1) * page_items,
        }
        if n > 1:
            page["prev"] = page_id(n - 1, "page")
        if n < len(chunks):
            page["next"] = page_id(n + 1, "page")
        files[f"{PAGES}/page-{n}.jsonld"] = _document(page, chunk)
    return files
