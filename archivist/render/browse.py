"""Ways to browse the archive: by term, related articles, and the articles that need review.

The lists by date and by publisher are in ``browse_lists``."""

from __future__ import annotations

from collections.abc import Sequence

from archivist.clean.confidence import needs_review
from archivist.common.markdown_text import escape
from archivist.common.site_paths import article_page, link, report_page, term_page, to_root
from archivist.glossary.load import Glossary
from archivist.model import REVIEW_BELOW, Article
from archivist.render.article import front_matter, listing_entry, newest_first

RELATED_COUNT = 5


def terms_of(article: Article) -> set[str]:
    return {m.term for m in article.mentions}


def related_index(articles: Sequence[Article], count: int = RELATED_COUNT) -> dict[str, list[Article]]:
    """For every article, the ``count`` articles sharing the most glossary
    terms with it, the newest first among equals; none that shares no term.

    A common term (ICE) is in most articles, so counting shared terms pair by
    pair grows with the square of the archive. Instead each term is a bitset
    of the articles that have it (bit i: the i-th newest article), and an
    article's shared-term counts for all others are added up at once, as
    binary numbers held in bit planes (plane k: bit k of every count). The
    articles with the highest count are then found plane by plane from the
    top, and the lowest bits among them are the newest."""
    order = newest_first(articles)
    rank = {a.id: i for i, a in enumerate(order)}
    has_term: dict[str, int] = {}
    for a in articles:
        for term in terms_of(a):
            has_term[term] = has_term.get(term, 0) | 1 << rank[a.id]
    out: dict[str, list[Article]] = {}
    for a in articles:
        planes: list[int] = []
        for term in terms_of(a):
            carry = has_term[term]
            for k, plane in enumerate(planes):
                planes[k], carry = plane ^ carry, plane & carry
                if not carry:
                    break
            if carry:
                planes.append(carry)
        left = 0
        for plane in planes:
            left |= plane
        left &= ~(1 << rank[a.id])  # shares a term, and is not the article itself
        best: list[Article] = []
        while left and len(best) < count:
            top = left
            for plane in reversed(planes):
                if top & plane:
                    top &= plane
            while top and len(best) < count:
                newest = top & -top
                best.append(order[newest.bit_length() - 1])
                top ^= newest
                left ^= newest
        out[a.id] = best
    return out


def terms_and_related(article: Article, others: Sequence[Article], glossary: Glossary) -> str:
    """The article's terms as tags linking to their pages, and ``others``, its
    related articles (from ``related_index``)."""
    out = []
    entries = [glossary.get(t) for t in sorted(terms_of(article))]
    page = article_page(article.id)
    tags = [f"[{escape(e.term)}]({link(page, term_page(e.id))}){{ .archive-tag }}" for e in entries if e]
    if tags:
        out.append("**Terms in this article:** " + " ".join(tags) + "\n{ .archive-tags }\n")
    if others:
        out.append("## Related articles { data-search-exclude }\n")
        shared = terms_of(article)
        for other in others:
            common = sorted(e.term for e in (glossary.get(t) for t in shared & terms_of(other)) if e)
            out.append(listing_entry(other, to_root(page), ["shares " + ", ".join(escape(t) for t in common)]))
    return "\n".join(out)


REVIEW_PAGE = "browse/review.md"


def review_page(articles: Sequence[Article]) -> str:
    """The curators' list: every article the cleaner is unsure of (confidence
    under ``REVIEW_BELOW``) and no curator has reviewed, least sure first, with
    what made it unsure and a link to its cleaning report."""
    listed = sorted(
        (a for a in articles if needs_review(a.confidence, a.reviewed)), key=lambda a: (a.confidence.score, a.id)
    )
    reviewed = sum(1 for a in articles if a.confidence.low and a.reviewed)
    out = [
        front_matter(title="Needs review", search={"exclude": True}),
        "# Needs review\n",
        f"The articles whose cleaning the cleaner is unsure of (a confidence under {REVIEW_BELOW}), "
        "least sure first, with what made it unsure. Check each against its cleaning report; "
        "once checked, write `reviewed: true` (or the date, or a note on what you checked) in the "
        "article's `article.yml`, and it leaves this list.\n",
    ]
    if not listed:
        out.append("No article needs review: the cleaner is sure of every article, or a curator has reviewed it.\n")
    else:
        out.append(
            f"{len(listed)} article{'s' if len(listed) != 1 else ''} need{'' if len(listed) != 1 else 's'} review.\n"
        )
    if reviewed:
        out.append(
            f"{reviewed} article{'s' if reviewed != 1 else ''} under the threshold reviewed by a curator, not listed.\n"
        )
    for a in listed:
        report = f"[cleaning report]({link(REVIEW_PAGE, report_page(a.id))}#confidence)"
        out.append(listing_entry(a, to_root(REVIEW_PAGE), [f"confidence {a.confidence.score:.2f}", report]))
        out.append("\n".join(f"- {escape(reason)}" for reason in a.confidence.reasons) + "\n")
    return "\n".join(out)
