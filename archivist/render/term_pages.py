"""Render the glossary: one page per term and an index, from entries and mentions.

Each term page says what the term is, where that comes from, which terms
relate to it (both ways), and where the archive mentions it, newest first,
with each mention in its sentence (the newest 50) and a small chart by year.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import quote

from archivist.common.markdown_text import escape
from archivist.common.sanitise import URL_SAFE, safe_markdown
from archivist.common.sentences import sentence_spans
from archivist.common.site_paths import GLOSSARY_INDEX, article_page, link, to_root
from archivist.glossary.load import Citation, Entry, Glossary
from archivist.model import Article, Mention
from archivist.render.article import front_matter, listing_entry, newest_first
from archivist.render.paragraph_anchors import paragraph_anchors
from archivist.render.search_marks import searchable


def highlighted_sentences(text: str, marks: list[tuple[int, int]]) -> list[str]:
    """Markdown of each sentence holding a mention, every mention in it marked."""
    out = []
    for start, end in sentence_spans(text):
        inside = sorted((s, e) for s, e in marks if start <= s < end)
        if not inside:
            continue
        pieces, pos = [], start
        for s, e in inside:
            pieces.append(escape(text[pos:s], strip=False))
            pieces.append(f"<mark>{escape(text[s:e])}</mark>")
            pos = e
        pieces.append(escape(text[pos:end], strip=False))
        out.append("".join(pieces).strip())
    return out


def citation_markdown(source: Citation, titles: dict[str, str]) -> str:
    if source.article:
        title = titles.get(source.article, source.article)
        return f"[{escape(title)}]({link(GLOSSARY_INDEX, article_page(source.article))}), in this archive."
    parts = [escape(source.title or source.url)]
    if source.publisher:
        parts.append(escape(source.publisher))
    if source.date:
        parts.append(escape(source.date))
    return ", ".join(parts) + f". [{escape(source.url)}]({quote(source.url, safe=URL_SAFE)})"


def chart_years(per_year: Counter[str], span: tuple[int, int] | None) -> list[str]:
    """The chart's axis: every year from the archive's first to its last, so a
    year without mentions shows as an empty bar, not as no year at all; then
    "undated" when some are."""
    years = {y for y in per_year if y.isdigit()}
    if span:
        years.update(str(y) for y in range(span[0], span[1] + 1))
    return sorted(years) + [y for y in per_year if not y.isdigit()]


def year_chart(entry: Entry, per_year: Counter[str], span: tuple[int, int] | None = None) -> str:
    """Mentions by year as an inline SVG bar chart with a text alternative;
    ``span``: the archive's first and last years."""
    if not per_year:
        return ""
    years = chart_years(per_year, span)
    top = max(per_year.values())
    bar, gap, height = 28, 8, 80
    width = len(years) * (bar + gap) + gap
    summary = ", ".join(f"{y}: {per_year[y]}" for y in years)
    label = f"Mentions of {entry.term} by year: {summary}"
    bars = []
    for i, year in enumerate(years):
        h = round(per_year[year] / top * height)
        h = max(2, h) if per_year[year] else 0
        x = gap + i * (bar + gap)
        bars.append(
            (f'<rect x="{x}" y="{height - h + 16}" width="{bar}" height="{h}" class="archive-bar"/>' if h else "")
            + f'<text x="{x + bar / 2}" y="{height - h + 12}" text-anchor="middle">{per_year[year]}</text>'
            f'<text x="{x + bar / 2}" y="{height + 30}" text-anchor="middle">{year}</text>'
        )
    svg = (
        f'<svg class="archive-chart" role="img" aria-label="{escape_attr_plain(label)}" '
        f'viewBox="0 0 {width} {height + 36}" width="{width}" height="{height + 36}">'
        f"<title>{escape_attr_plain(label)}</title>{''.join(bars)}"
        f'<line x1="0" y1="{height + 16}" x2="{width}" y2="{height + 16}" class="archive-axis"/></svg>'
    )
    return f'<figure class="archive-figure">\n{svg}\n<figcaption>{escape_attr_plain(label)}</figcaption>\n</figure>\n'


def escape_attr_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


Hits = list[tuple[Article, list[Mention]]]  # articles mentioning a term, newest first, with their mentions


def mentions_by_term(articles: Sequence[Article]) -> dict[str, Hits]:
    """Every term's articles, newest first, with their mentions: one pass over
    the archive for all term pages, not one per term."""
    out: dict[str, Hits] = {}
    for a in newest_first(articles):
        mine: dict[str, list[Mention]] = {}
        for m in a.mentions:
            mine.setdefault(m.term, []).append(m)
        for term, ms in mine.items():
            out.setdefault(term, []).append((a, ms))
    return out


def archive_years(articles: Sequence[Article]) -> tuple[int, int] | None:
    """The first and last years of the archive's dated articles (None if none is dated)."""
    years = [int(d[:4]) for a in articles if (d := a.meta.known_date()) and d[:4].isdigit()]
    return (min(years), max(years)) if years else None


def term_page(
    entry: Entry, glossary: Glossary, hits: Hits, titles: dict[str, str], years: tuple[int, int] | None = None
) -> str:
    """A term's page; ``hits`` from ``mentions_by_term``, ``titles`` of every
    article by id (a source may cite an article of the archive), ``years``
    the archive's first and last (``archive_years``), the chart's axis."""
    # A search for a term's name finds its explanation before the articles: the
    # names are Material's search tags (its most weighted field; shown with the
    # result) on the offline copy, and Pagefind's worker puts first the terms a
    # query names on the hosted one.
    names = list(dict.fromkeys([entry.term, *([entry.full_name] if entry.full_name else []), *entry.aliases]))
    matter = front_matter(title=entry.term, description=entry.short, tags=names, search={"boost": 4, "names": names})
    out = [matter, f"# {escape(entry.term)}\n"]
    if entry.full_name and entry.full_name != entry.term:
        out.append(f"**{escape(entry.full_name)}**\n{{ .archive-fullname }}\n")
    out.append(f"{escape(entry.short)}\n{{ .archive-dek }}\n")
    facts = []
    others = [a for a in entry.aliases if a != entry.full_name]
    if others:
        facts.append("Also written: " + ", ".join(f"“{escape(a)}”" for a in others))
    if entry.body:
        facts.append(f"Part of: {escape(entry.body)}")
    if facts:
        out.append("  \n".join(facts) + "\n")
    out.append("## Definition\n")
    out.append(safe_markdown(entry.definition, tuple(s.id for s in entry.sources)))
    for source in entry.sources:
        # Built from escaped fields and a checked address, and sanitised all the same.
        out.append(f"[^{source.id}]: {safe_markdown(citation_markdown(source, titles)).strip()}")
    out.append("")
    related = glossary.related(entry.id)
    if related:
        # Other terms' definitions: indexed here, "raids" would find every term related to MART.
        out.append("## Related terms { data-search-exclude }\n")
        for rid in related:
            other = glossary.get(rid)
            if other:
                out.append(f"- [{escape(other.term)}]({rid}.md): {escape(other.short)}")
        out.append("")
    out.append(mentions_section(entry, hits, years=years))
    return out[0] + "\n" + searchable("\n".join(out[1:]), names)


# Articles shown on a term's page, newest first, each mention in its sentence.
# A common term in a large archive is mentioned by thousands of articles: all
# of them would make a page of megabytes. The count, the chart by year and the
# search box cover the rest; data/articles.json lists every article's terms.
SHOWN_ARTICLES = 50


def mentions_section(
    entry: Entry, hits: Hits, shown: int = SHOWN_ARTICLES, years: tuple[int, int] | None = None
) -> str:
    total = sum(len(ms) for _, ms in hits)
    # Out of both search indexes: the articles' own pages hold these sentences.
    out = ["## In the archive { data-search-exclude }\n"]
    if not hits:
        out.append("No article in the archive mentions this term yet.\n")
        return "\n".join(out)
    out.append(
        f"Mentioned {total} time{'s' if total != 1 else ''} in {len(hits)} article{'s' if len(hits) != 1 else ''}.\n"
    )
    per_year: Counter[str] = Counter({})
    for a, ms in hits:
        year = a.meta.known_date()[:4] or "undated"
        per_year[year] += len(ms)
    out.append(year_chart(entry, per_year, years))
    if len(hits) > shown:
        out.append(
            f"The {shown} newest of the {len(hits)} articles follow. Search for {escape(entry.term)} to find "
            "the others; the [data export](../data.md) lists every article's terms.\n"
        )
    for a, ms in hits[:shown]:
        out.append(listing_entry(a, to_root(GLOSSARY_INDEX), [f"{len(ms)} mention{'s' if len(ms) != 1 else ''}"]))
        out.extend(mention_items(a, ms))
        out.append("")
    return "\n".join(out)


def mention_items(article: Article, ms: list[Mention]) -> list[str]:
    """An article's mentions of a term as list items: each sentence, its
    mentions marked, and a link to its paragraph in the article."""
    anchors = paragraph_anchors(article.cleaned.body)
    numbers = {i: n for n, i in enumerate((i for i, a in enumerate(anchors) if a), 1)}
    by_block: dict[int, list[tuple[int, int]]] = {}
    for m in ms:
        by_block.setdefault(m.block, []).append((m.start, m.end))
    out: list[str] = []
    for block, marks in sorted(by_block.items()):
        page = link(GLOSSARY_INDEX, article_page(article.id))  # from any page of glossary/
        to = f"[paragraph {numbers[block]}]({page}#{anchors[block]})"
        out.extend(
            f"- {sentence} ({to})" for sentence in highlighted_sentences(article.cleaned.body[block].text, marks)
        )
    return out


def index_page(glossary: Glossary, articles: Sequence[Article]) -> str:
    counts = Counter(m.term for a in articles for m in a.mentions)
    out = [
        front_matter(
            title="Glossary", description="Plain explanations of the agencies, programs and laws in the archive."
        ),
        "# Glossary\n",
        "Plain explanations of the agencies, programs and laws named in the archive's articles. "
        "Each term is linked where the articles mention it. Anyone can propose a term or an edit: "
        "see [how to contribute](../about.md#contributing).\n",
    ]
    for entry in sorted(glossary.entries, key=lambda e: e.term.lower()):
        out.append(f"## [{escape(entry.term)}]({entry.id}.md)\n")
        if entry.full_name and entry.full_name != entry.term:
            out.append(f"**{escape(entry.full_name)}**. {escape(entry.short)}\n")
        else:
            out.append(f"{escape(entry.short)}\n")
        n = counts.get(entry.id, 0)
        out.append(f"Mentioned {n} time{'s' if n != 1 else ''} in the archive.\n{{ .archive-listing-meta }}\n")
    return out[0] + "\n" + searchable("\n".join(out[1:]))
