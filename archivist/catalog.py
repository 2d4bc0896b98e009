"""Catalogue metadata for an article page, as harvesters and reference managers read it.

schema.org ``NewsArticle`` JSON-LD, Dublin Core ``DC.*`` and Highwire
``citation_*`` meta tags: the values come from the article's metadata (with
the curator's corrections), so they always agree with the data export.
The rights statement goes in as a URI, as rightsstatements.org and DCMI
recommend: schema.org's ``license`` (which takes a URL) and ``DC.rights``.
The article's own address (``url``, ``DC.identifier``) is given only when
``site_url`` is known: a relative one would pose as absolute.
"""

from __future__ import annotations

from .model import Article
from .render import display_title


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
    if meta.value("subtitle"):
        data["description"] = meta.value("subtitle")
    authors = meta.value("authors") or []
    if authors:
        data["author"] = [{"@type": "Person", "name": name} for name in authors]  # type: ignore[union-attr]
    if meta.value("date"):
        data["datePublished"] = meta.value("date")
    if meta.value("updated"):
        data["dateModified"] = meta.value("updated")
    if meta.value("publisher"):
        data["publisher"] = {"@type": "Organization", "name": meta.value("publisher")}
    if meta.value("original_url"):
        data["isBasedOn"] = meta.value("original_url")
    if article.rights:
        data["license"] = article.rights.uri
    return data


def meta_tags(article: Article, site_name: str, url: str = "") -> list[list[str]]:
    """[name, content] pairs for <meta> tags, Dublin Core then Highwire."""
    meta = article.meta
    title = display_title(article)
    authors = list(meta.value("authors") or [])  # type: ignore[call-overload]
    date = str(meta.value("date") or "")
    tags = [["DC.title", title]]
    tags += [["DC.creator", name] for name in authors]
    if date:
        tags.append(["DC.date", date])
    if meta.value("publisher"):
        tags.append(["DC.publisher", str(meta.value("publisher"))])
    if meta.value("original_url"):
        tags.append(["DC.source", str(meta.value("original_url"))])
    if url:
        tags.append(["DC.identifier", url])
    if article.rights:
        tags.append(["DC.rights", article.rights.uri])
    tags += [["DC.type", "Text"], ["DC.format", "text/html"], ["DC.language", "en"]]
    tags.append(["DC.relation.isPartOf", site_name])
    tags.append(["citation_title", title])
    tags += [["citation_author", name] for name in authors]
    if date:
        tags.append(["citation_publication_date", date.replace("-", "/")])
        tags.append(["citation_date", date.replace("-", "/")])
    if meta.value("publisher"):
        tags.append(["citation_publisher", str(meta.value("publisher"))])
    if meta.value("original_url"):
        tags.append(["citation_public_url", str(meta.value("original_url"))])
    return tags
