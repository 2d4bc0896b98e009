"""Catalogue metadata for an article page, as harvesters and reference managers read it.

schema.org ``NewsArticle`` JSON-LD, Dublin Core ``DC.*`` and Highwire
``citation_*`` meta tags: the values come from the article's metadata (with
the curator's corrections), so they always agree with the data export.
The rights statement goes in as a URI, as rightsstatements.org and DCMI
recommend: schema.org's ``license`` (which takes a URL) and ``DC.rights``.
The article's own address (``url``, ``DC.identifier``, ``og:url``) is given
only when ``site_url`` is known: a relative one would pose as absolute.

The description is the dek or the first sentences (``description``), the same
in every scheme. Contributors go where each scheme has a place for them
(schema.org ``contributor``, ``DC.contributor``); Highwire has none
(``citation_author`` is for authors, as Google Scholar reads it), so they are
not there. A date a curator says is a repost's is never the publisher's
date: no ``datePublished``, ``DC.date``, ``citation_*date`` or
``article:published_time``; JSON-LD carries it as the repost's publication
event. The language (``inLanguage``, ``DC.language``) is the site's
``theme.language``, which the template adds, as it does ``<html lang>``.
"""

from __future__ import annotations

from collections.abc import Sequence

from archivist.model import Article
from archivist.render.article import display_title
from archivist.render.description import description


def _people(names: Sequence[str]) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": str(name)} for name in (names or [])]


def json_ld(article: Article, site_name: str, url: str = "", site_url: str = "") -> dict[str, object]:
    """``url``: the article's absolute address, ``site_url`` the archive's ("" when unknown)."""
    meta = article.meta
    collection: dict[str, object] = {"@type": "Collection", "name": site_name}
    if site_url:
        collection["url"] = site_url
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": display_title(article),
        "identifier": article.id,
        "isPartOf": collection,
    }
    if url:
        data["url"] = url
    if text := description(article):
        data["description"] = text
    if meta.names("authors"):
        data["author"] = _people(meta.names("authors"))
    if meta.names("contributors"):
        data["contributor"] = _people(meta.names("contributors"))
    if meta.iso("date"):
        data["datePublished"] = meta.iso("date")
    if meta.iso("updated"):
        data["dateModified"] = meta.iso("updated")
    if meta.iso("reposted"):
        # schema.org has no repost date: the repost is a publication event of the work.
        data["publication"] = {"@type": "PublicationEvent", "name": "Repost", "startDate": meta.iso("reposted")}
    if meta.text("publisher"):
        data["publisher"] = {"@type": "Organization", "name": meta.text("publisher")}
    if meta.text("original_url"):
        data["isBasedOn"] = meta.text("original_url")
    if article.rights:
        data["license"] = article.rights.uri
    return data


def meta_tags(article: Article, site_name: str, url: str = "") -> list[list[str]]:
    """[name, content] pairs for <meta> tags, Dublin Core then Highwire."""
    meta = article.meta
    title = display_title(article)
    authors = list(meta.names("authors"))
    date = str(meta.iso("date"))
    tags = [["DC.title", title]]
    tags += [["DC.creator", name] for name in authors]
    tags += [["DC.contributor", str(name)] for name in meta.names("contributors")]
    if text := description(article):
        tags.append(["DC.description", text])
    if date:
        tags.append(["DC.date", date])
    if meta.text("publisher"):
        tags.append(["DC.publisher", meta.text("publisher")])
    if meta.text("original_url"):
        tags.append(["DC.source", meta.text("original_url")])
    if url:
        tags.append(["DC.identifier", url])
    if article.rights:
        tags.append(["DC.rights", article.rights.uri])
    tags += [["DC.type", "Text"], ["DC.format", "text/html"]]
    tags.append(["DC.relation.isPartOf", site_name])
    tags.append(["citation_title", title])
    tags += [["citation_author", name] for name in authors]
    if date:
        tags.append(["citation_publication_date", date.replace("-", "/")])
        tags.append(["citation_date", date.replace("-", "/")])
    if meta.text("publisher"):
        tags.append(["citation_publisher", meta.text("publisher")])
    if meta.text("original_url"):
        tags.append(["citation_public_url", meta.text("original_url")])
    return tags


def open_graph(article: Article, site_name: str, url: str = "") -> list[list[str]]:
    """[property, content] pairs for OpenGraph <meta property> tags (link previews, social sites)."""
    meta = article.meta
    tags = [["og:type", "article"], ["og:title", display_title(article)]]
    if text := description(article):
        tags.append(["og:description", text])
    if url:
        tags.append(["og:url", url])
    tags.append(["og:site_name", site_name])
    if meta.iso("date"):
        tags.append(["article:published_time", meta.iso("date")])
    if meta.iso("updated"):
        tags.append(["article:modified_time", meta.iso("updated")])
    tags += [["article:author", str(name)] for name in meta.names("authors")]
    return tags
