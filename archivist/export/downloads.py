"""The archive's data downloads beside articles.json: CSV, glossary, data package, feed.

Every file is made from the same data as the pages, in a stable order, with
no clock involved: the same archive always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Sequence
from xml.sax.saxutils import escape as xml_escape

from archivist.common.site_paths import article_address, term_address
from archivist.export.web_annotation import COLLECTION
from archivist.glossary.load import Glossary
from archivist.model import Article
from archivist.render.article import display_title
from archivist.rights import Contact, Rights

CSV_FIELDS = (
    ("id", "string", "The article's permanent identifier, also its URL slug"),
    ("url", "string", "The article's page, relative to the site's root"),
    ("title", "string", "Headline"),
    ("subtitle", "string", "Dek or standfirst"),
    ("authors", "string", "Authors, separated by '; '"),
    ("contributors", "string", "Contributors, separated by '; '"),
    ("date", "date", "Publication date (YYYY-MM-DD)"),
    ("updated", "date", "Date of the last update (YYYY-MM-DD)"),
    ("publisher", "string", "Publisher"),
    ("original_url", "string", "Address of the article as published"),
    ("source", "string", "Path of the original capture in the repository"),
    ("sha256", "string", "SHA-256 of the original capture's bytes"),
    ("format", "string", "Format of the capture: text, markdown or html"),
    ("encoding", "string", "Character encoding the capture was read with"),
    ("words", "integer", "Words in the cleaned body"),
    ("removed", "integer", "Entries in the cleaning report"),
    ("terms", "string", "Glossary terms mentioned, separated by '; '"),
    ("rights", "string", "URI of the article's rights statement (rightsstatements.org)"),
    ("reposted", "date", "Date of the repost the capture comes from, where the publisher's is unknown (YYYY-MM-DD)"),
)
FEED_NAMESPACE = uuid.UUID("6f1c7d0e-1f6b-4c1e-9a53-6a1f2d0c8b11")  # ids of this archive's feed entries


def words(article: Article) -> int:
    return sum(len(b.text.split()) for b in article.cleaned.body)


def terms_of(article: Article) -> list[str]:
    return sorted({m.term for m in article.mentions})


def articles_csv(articles: Sequence[Article]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in CSV_FIELDS])
    for a in articles:
        meta = a.meta
        source = a.cleaned.source
        writer.writerow(
            [
                a.id,
                article_address(a.id),
                meta.text("title"),
                meta.text("subtitle"),
                "; ".join(meta.names("authors")),
                "; ".join(meta.names("contributors")),
                meta.iso("date"),
                meta.iso("updated"),
                meta.text("publisher"),
                meta.text("original_url"),
                a.source_path,
                source.sha256,
                source.format,
                source.encoding,
                words(a),
                len(a.cleaned.removed),
                "; ".join(terms_of(a)),
                a.rights.uri if a.rights else "",
                meta.iso("reposted"),
            ]
        )
    return out.getvalue()


def glossary_json(glossary: Glossary, articles: Sequence[Article]) -> list[dict[str, object]]:
    counts = Counter(m.term for a in articles for m in a.mentions)
    mentioning: dict[str, list[str]] = {}
    for a in articles:
        for term in terms_of(a):
            mentioning.setdefault(term, []).append(a.id)
    return [
        {
            "id": e.id,
            "url": term_address(e.id),
            "term": e.term,
            "full_name": e.full_name or None,
            "aliases": list(e.aliases),
            "case_sensitive": e.case_sensitive,
            "short": e.short,
            "body": e.body or None,
            "related": glossary.related(e.id),
            "sources": [{k: v for k, v in vars(s).items() if v} for s in e.sources],
            "definition": e.definition,
            "source": e.path,
            "mentions": counts.get(e.id, 0),
            "articles": mentioning.get(e.id, []),
        }
        for e in glossary.entries
    ]


def statements(articles: Sequence[Article], archive: Rights) -> list[dict[str, str]]:
    """The rights statements the articles carry, the archive's first, as Data Package licenses."""
    used = [archive] + sorted({a.rights for a in articles if a.rights and a.rights != archive}, key=lambda r: r.id)
    return [{"path": r.uri, "title": r.label} for r in used]


def data_package(
    name: str,
    articles: Sequence[Article] = (),
    rights: Rights | None = None,
    takedown: Contact | None = None,
    site_url: str = "",
) -> dict[str, object]:
    """A Frictionless Data Package describing the data files.

    The files that hold the articles' text (the export, the table, the
    annotations that quote it) carry the articles' rights statements as
    their ``licenses``; each article's own is its ``rights`` field. The
    glossary is the contributors' work: no statement is claimed for it."""
    licenses = {"licenses": statements(articles, rights)} if rights else {}
    package: dict[str, object] = {
        "profile": "data-package",
        "name": "news-archive",
        "title": name,
        "description": "Articles of the archive (metadata, cleaned text, removed lines) and its glossary.",
    }
    if site_url:
        package["homepage"] = site_url
    if takedown:
        where = {"email": takedown.email} if takedown.email else {"path": takedown.href}
        package["contributors"] = [{"title": name, "role": "publisher", **where}]
        package["takedown"] = {"title": "Ask here for an article to be taken down", "path": takedown.href}
    package["resources"] = [
        {
            "name": "articles",
            "path": "articles.json",
            "format": "json",
            "mediatype": "application/json",
            "description": "One object per article: metadata, body blocks with glossary terms, removed lines.",
            **licenses,
        },
        {
            "name": "articles-table",
            "path": "articles.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [{"name": n, "type": t, "description": d} for n, t, d in CSV_FIELDS],
                "primaryKey": "id",
            },
            **licenses,
        },
        {
            "name": "glossary",
            "path": "glossary.json",
            "format": "json",
            "mediatype": "application/json",
            "description": "One object per glossary term: names, definition, sources, relations, mentions.",
        },
        {
            "name": "annotations",
            "path": COLLECTION.removeprefix("data/"),
            "format": "jsonld",
            "mediatype": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "description": (
                "Every glossary mention as a W3C Web Annotation: an AnnotationCollection whose pages "
                "(annotations/page-<n>.jsonld) quote the words of the article they mark."
            ),
            **licenses,
        },
    ]
    return package


def atom_feed(articles: Sequence[Article], name: str, site_url: str = "") -> str:
    """An Atom feed of the articles, newest first. Its links are absolute when
    ``site_url`` is known; otherwise relative to the feed's own address, which
    Atom readers resolve them against (RFC 4287, section 2). Each entry names
    its rights statement (``rights``, and a ``license`` link, RFC 4946)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    dated = [a for a in articles if a.meta.known_date()]
    updated = max((str(a.meta.iso("updated") or a.meta.known_date()) for a in dated), default="1970-01-01")
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_escape(name)}</title>",
        f"  <id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed')}</id>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        f'  <link rel="self" href="{xml_escape(base)}feed.xml"/>',
        f'  <link rel="alternate" type="text/html" href="{xml_escape(base) or "./"}"/>',
        f"  <author><name>{xml_escape(name)}</name></author>",
    ]
    for a in articles:
        meta = a.meta
        day = str(meta.iso("updated") or meta.known_date() or "1970-01-01")  # a repost's date, not as <published>
        out.append("  <entry>")
        out.append(f"    <title>{xml_escape(display_title(a))}</title>")
        out.append(f"    <id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, a.id)}</id>")
        out.append(f'    <link rel="alternate" type="text/html" href="{xml_escape(base)}articles/{a.id}/"/>')
        out.append(f"    <updated>{day}T00:00:00Z</updated>")
        if meta.iso("date"):
            out.append(f"    <published>{meta.iso('date')}T00:00:00Z</published>")
        for author in meta.names("authors"):
            out.append(f"    <author><name>{xml_escape(author)}</name></author>")
        if meta.text("subtitle"):
            out.append(f"    <summary>{xml_escape(meta.text('subtitle'))}</summary>")
        if a.rights:
            out.append(f'    <link rel="license" type="text/html" href="{a.rights.uri}"/>')
            out.append(f"    <rights>{xml_escape(a.rights.label)} ({a.rights.uri})</rights>")
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"
