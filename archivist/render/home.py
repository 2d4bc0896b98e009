"""The home page: what the collection holds, and the ways into it.

A reader landing here learns how many articles the archive keeps, from which
years and publishers, and where to browse them (by date, by publisher, by
term); the glossary's terms follow, with how to propose one, then the newest
articles. Every figure is counted from the build's articles and glossary, so
the page stays true as the archive grows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from archivist.common.markdown_text import escape
from archivist.common.site_paths import GLOSSARY_INDEX, HOME, link, term_page
from archivist.glossary.load import Glossary
from archivist.model import Article
from archivist.render.article import listing_entry
from archivist.render.browse_lists import PUBLISHERS as PUBLISHERS_PAGE
from archivist.render.browse_lists import TIMELINE as TIMELINE_PAGE
from archivist.render.browse_lists import UNDATED, first_pages, publisher_groups, publisher_parts, year_parts
from archivist.render.search_marks import searchable

# The home page lists the newest articles; the browse pages list them all. A
# home page of every article would weigh megabytes in a large archive.
HOME_ARTICLES = 50
# The publishers with the most articles, and the terms in the most articles;
# the publishers page and the glossary list them all.
HOME_PUBLISHERS = 12
HOME_TERMS = 30
# The glossary's issue form (.github/ISSUE_TEMPLATE/glossary.yml) and the guide.
ISSUE_FORM = "issues/new?template=glossary.yml"
GUIDE = "blob/HEAD/CONTRIBUTING.md"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def year_of(article: Article) -> str:
    return article.meta.known_date()[:4]  # the publisher's year, else the repost's


def summary(articles: Sequence[Article], glossary: Glossary) -> str:
    """One sentence: how many articles, from when, by how many publishers, with how many terms."""
    years = sorted({y for a in articles if (y := year_of(a))})
    publishers = {a.meta.text("publisher") for a in articles if a.meta.text("publisher")}
    text = f"The archive holds **{plural(len(articles), 'article')}**"
    if years:
        text += f" published in {years[0]}" if len(years) == 1 else f" published from {years[0]} to {years[-1]}"
    if publishers:
        text += f", by {plural(len(publishers), 'publisher')}"
    text += f", annotated with {plural(len(glossary.entries), 'glossary term')}."
    undated = sum(1 for a in articles if not year_of(a))
    if undated:
        text += f" {plural(undated, 'article')} {'has' if undated == 1 else 'have'} no known date."
    return text + "\n"


def years_line(articles: Sequence[Article]) -> str:
    """Each year (newest first, the undated last), linked to its page of the timeline."""
    counts = Counter(year_of(a) or UNDATED for a in articles)
    pages = first_pages(year_parts(articles))
    return " · ".join(f"[{y}]({pages[y]}) ({counts[y]:,})" for y in pages)


def publishers_line(articles: Sequence[Article]) -> str:
    """The publishers with the most articles, linked to their pages."""
    groups = publisher_groups(articles)
    pages = first_pages(publisher_parts(articles))
    top = sorted(groups, key=lambda n: -len(groups[n]))[:HOME_PUBLISHERS]  # stable: alphabetical among equals
    shown = [f"[{escape(n)}]({pages[n]}) ({len(groups[n]):,})" for n in groups if n in top]
    more = len(groups) - len(shown)
    return " · ".join(shown) + (f" · and [{plural(more, 'other')}]({PUBLISHERS_PAGE})" if more > 0 else "")


def terms_line(articles: Sequence[Article], glossary: Glossary) -> str:
    in_articles = Counter(term for a in articles for term in {m.term for m in a.mentions})
    entries = sorted(glossary.entries, key=lambda e: e.term.lower())
    top = {e.id for e in sorted(entries, key=lambda e: -in_articles[e.id])[:HOME_TERMS]}
    shown = [f"[{escape(e.term)}]({link(HOME, term_page(e.id))}){{ .archive-tag }}" for e in entries if e.id in top]
    more = len(entries) - len(shown)
    return " ".join(shown) + (f" and [{plural(more, 'other')}]({link(HOME, GLOSSARY_INDEX)})" if more > 0 else "")


def propose_line(repo_url: str) -> str:
    """Where a reader proposes a term: the repository's issue form and its guide,
    or the About page's section on contributing when the repository is not named."""
    if not repo_url:
        return "Missing a term? [Propose one](about.md#contributing).\n"
    repo = repo_url.rstrip("/")
    return (
        f"Missing a term, or a definition to improve? [Propose a term]({repo}/{ISSUE_FORM}) with a form, "
        f"no git needed, or add it yourself as [CONTRIBUTING.md]({repo}/{GUIDE}) explains.\n"
    )


def entry_points(articles: Sequence[Article], glossary: Glossary, repo_url: str) -> str:
    """The ways into the collection, as Material's grid cards: by date, by publisher, by term."""
    cards = [
        ("By date", TIMELINE_PAGE, years_line(articles)),
        ("By publisher", PUBLISHERS_PAGE, publishers_line(articles)),
        ("By term", GLOSSARY_INDEX, terms_line(articles, glossary)),
    ]
    out = ['<div class="grid cards archive-ways" markdown>\n']
    for title, page, line in cards:
        out.append(f"-   **[{title}]({page})**\n\n    ---\n\n    {line or 'None yet.'}\n")
    out.append("</div>\n")
    out.append(propose_line(repo_url))
    return "\n".join(out)


def home_page(
    intro: str, articles: Sequence[Article], glossary: Glossary, repo_url: str = "", shown: int = HOME_ARTICLES
) -> str:
    """The home page: the hand-written introduction, the collection in figures
    with the ways to browse it, then the newest articles (``articles`` newest first)."""
    out = [intro.rstrip() + "\n", "## The collection\n", summary(articles, glossary)]
    out.append(entry_points(articles, glossary, repo_url))
    out.append("## Newest articles { #articles }\n")
    if len(articles) > shown:
        out.append(
            f"The {shown} newest follow; all {len(articles):,} are listed [by date]({TIMELINE_PAGE}) "
            f"and [by publisher]({PUBLISHERS_PAGE}).\n"
        )
    for article in articles[:shown]:
        out.append(listing_entry(article, ""))
        if article.meta.text("subtitle"):
            out.append(escape(article.meta.text("subtitle")) + "\n{ .archive-listing-dek }\n")
    return searchable("\n".join(out))
