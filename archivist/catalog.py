"""Catalogue metadata for an article page, as harvesters and reference managers read it.

schema.org ``NewsArticle`` JSON-LD, Dublin Core ``DC.*`` and Highwire
``citation_*`` meta tags: the values come from the article's metadata (with
the curator's corrections), so they always agree with the data export.
"""

from __future__ import annotations

from .model import Article
from .render import display_title


def json_ld(article: Article, site_name: str) -> dict[str, object]:
    meta = article.meta
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": display_title(article),
        "identifier": article.id,
        "isPartOf": {"@type": "Collection", "name": site_name},
    }
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
    return data


def meta_tags(article: Article, site_name: str) -> list[list[str]]:
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
