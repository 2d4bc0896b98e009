"""Render articles as Markdown pages: stock Material and pymdown features only.

The generated tree builds with plain MkDocs + Material (and Zensical): no
plugin hook is needed to read it. All links are relative, so the site works
under any sub-path and from ``file://``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import yaml

from archivist.common import site_paths as paths
from archivist.common.calendar_names import MONTH_NAMES
from archivist.common.markdown_text import escape, fenced_with_line_numbers
from archivist.common.sanitise import safe_markdown
from archivist.model import REVIEW_BELOW, Article, Block, Capture
from archivist.render.description import description
from archivist.render.search_marks import STORY_END, searchable
from archivist.rights import Contact

MONTHS = MONTH_NAMES

# An article's page and its report sit side by side: each links to the other the same way.
_REPORT = paths.link(paths.article_page("id"), paths.report_page("id"))
_ARTICLE = paths.link(paths.report_page("id"), paths.article_page("id"))


def human_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def names(people: Sequence[str]) -> str:
    people = list(people)
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


# libyaml's dumper where installed: the same YAML, a fifth of the render time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# Front matter fields MkDocs and Material templates write into the HTML as they
# are, unescaped (<title>, the header, <meta content="...">): a term or a
# headline holding "<img onerror=...>" would be markup there.
_TEMPLATE_TEXT = ("title", "description")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def front_matter(**fields: object) -> str:
    data = {k: v.translate(_ENTITIES) if k in _TEMPLATE_TEXT and isinstance(v, str) else v for k, v in fields.items()}
    data = {k: v for k, v in data.items() if v is not None}
    return "---\n" + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def display_title(article: Article) -> str:
    title = article.meta.text("title")
    return str(title) if title else f"Untitled article ({article.id})"


def original_name(article: Article) -> str:
    """File name of the published copy of the original (always plain text)."""
    suffix = article.source_path.rsplit(".", 1)[-1]
    return "original.txt" if suffix == "txt" else f"original.{suffix}.txt"


def render_block(block: Block, text: str, anchor: str | None = None) -> str:
    """One body block; ``text`` is its Markdown (escaped, maybe annotated),
    ``anchor`` its id (``paragraph_anchors``), written with attr_list."""
    if block.kind == "heading":
        return f"## {text}"
    if block.kind == "break":
        return '<hr class="archive-break">'
    attrs = f"\n{{ #{anchor} }}" if anchor else ""
    if block.kind == "quote":
        return f"> {text}" + attrs.replace("\n", "\n> ")
    return text + attrs


# How the page names each metadata field when it says a curator supplied it.
FIELD_WORDS = {
    "title": "the title",
    "subtitle": "the dek",
    "authors": "the authors",
    "contributors": "the contributors",
    "date": "the date",
    "updated": "the date of the update",
    "reposted": "the date of the repost",
    "publisher": "the publisher",
    "original_url": "the original address",
}


# The fields the byline shows, bracketed when supplied (the headline and dek are not).
BRACKETED = ("authors", "contributors", "date", "updated", "reposted", "publisher")


def supplied(article: Article, name: str, shown: str) -> str:
    """``shown`` (Markdown) in brackets when a curator supplied the field, as
    library catalogues mark supplied data; as it is otherwise."""
    return f"\\[{shown}\\]" if name in article.meta.supplied() else shown


def _when(iso: object) -> str:
    return f'<time datetime="{iso}">{human_date(str(iso))}</time>'


def byline(article: Article) -> list[str]:
    meta = article.meta
    parts = []
    if meta.names("authors"):
        parts.append(f"By {supplied(article, 'authors', escape(names(meta.names('authors'))))}")
    if meta.names("contributors"):
        parts.append(f"with {supplied(article, 'contributors', escape(names(meta.names('contributors'))))}")
    return parts


def dates(article: Article) -> list[str]:
    """The publisher's date and update, and a repost's date said as such (never as the publisher's)."""
    meta = article.meta
    out = []
    if meta.iso("date"):
        out.append(supplied(article, "date", _when(meta.iso("date"))))
    if meta.iso("updated"):
        out.append("updated " + supplied(article, "updated", _when(meta.iso("updated"))))
    if meta.iso("reposted"):
        out.append("reposted on " + supplied(article, "reposted", _when(meta.iso("reposted"))))
    return out


def supplied_note(article: Article) -> str:
    """Which facts the archive's curator supplied (article.yml), linked to the report's account of each."""
    fields = [FIELD_WORDS[name] for name in article.meta.supplied()]
    if not fields:
        return ""
    bracketed = " (in brackets above)" if set(article.meta.supplied()) & set(BRACKETED) else ""
    return (
        f"Supplied by the archive's curator, not printed in the scrape as captured: {names(fields)}{bracketed}; "
        f"[where each comes from]({_REPORT}#metadata).\n{{ .archive-supplied data-search-exclude }}\n"
    )


READING_WORDS_PER_MINUTE = 230


def reading_minutes(article: Article) -> int:
    words = sum(len(b.text.split()) for b in article.cleaned.body)
    return max(1, round(words / READING_WORDS_PER_MINUTE))


def title_facts(article: Article) -> str:
    """Publisher and date, shown with the headline in search results."""
    meta = article.meta
    date = human_date(meta.iso("date")) if meta.iso("date") else ""
    if not date and meta.iso("reposted"):
        date = f"reposted {human_date(meta.iso('reposted'))}"
    return ", ".join(f for f in (str(meta.text("publisher")), date) if f)


def article_page(
    article: Article,
    body_markdown: Sequence[str],
    head: dict[str, object] | None = None,
    sections: Sequence[str] = (),
    takedown: Contact | None = None,
) -> str:
    """The article page: header, body, ``sections`` (terms, related, citation)
    and where it comes from, its rights and whom to ask for its removal
    (``takedown``). ``head`` (catalogue metadata) goes to the front matter
    for the template."""
    meta = article.meta
    title = display_title(article)
    subtitle = meta.text("subtitle")
    out = [
        front_matter(title=title, description=description(article) or None, archive=head),
        # The search index takes a page's title from its h1: the facts go in it,
        # hidden on the page, where the byline below already shows them.
        f"# {escape(title)}"
        + (f' <span class="archive-h1-facts">· {escape(h1_facts)}</span>' if (h1_facts := title_facts(article)) else "")
        + "\n",
    ]
    if subtitle:
        out.append(f"{escape(str(subtitle))}\n{{ .archive-dek }}\n")
    facts = byline(article) + dates(article)
    if meta.text("publisher"):
        facts.append(supplied(article, "publisher", escape(meta.text("publisher"))))
    facts.append(f"{reading_minutes(article)} min read")
    out.append(" · ".join(facts) + "\n{ .archive-byline }\n")
    if note := supplied_note(article):
        out.append(note)
    if article.notes:
        note = "\n".join(
            f"    {line}" if line else "" for line in safe_markdown(article.notes).rstrip("\n").split("\n")
        )
        out.append(f'!!! note "Curator\'s note"\n\n{note}\n')
    out.extend(text + "\n" for text in body_markdown)
    out.append(STORY_END + "\n")
    out.extend(section + "\n" for section in sections if section)
    out.append(provenance(article, takedown))
    return out[0] + "\n" + searchable("\n".join(out[1:]))


def rights_line(article: Article, takedown: Contact | None = None) -> str:
    """The article's rights statement, linked to its definition, and the takedown contact."""
    if not article.rights:
        return ""
    rights = article.rights
    line = f'- Rights: [{escape(rights.label)}]({rights.uri}){{ rel="license" }} (a rightsstatements.org statement)'
    if takedown:
        line += f"; to ask for this article's removal: [{escape(takedown.text)}]({takedown.href})"
    return line


def provenance(article: Article, takedown: Contact | None = None) -> str:
    meta = article.meta
    lines = ["## About this copy { .archive-provenance data-search-exclude }\n"]
    url = meta.text("original_url")
    if url:
        lines.append(
            f"- Original article: <{url}>" if _safe_url(str(url)) else f"- Original address: {escape(str(url))}"
        )
    if article.capture:
        lines.append(f"- {captured_line(article.capture)}")
    lines.append(
        f"- [The original scrape, as captured]({_REPORT}#{CAPTURE_ANCHOR}), every line numbered; "
        f"[its exact bytes]({original_name(article)}) (SHA-256 `{article.cleaned.source.sha256}`)"
    )
    removed = len(article.cleaned.removed)
    lines.append(f"- [Cleaning report]({_REPORT}): what was removed from the scrape, and why ({removed} entries)")
    if article.rights:
        lines.append(rights_line(article, takedown))
    return "\n".join(lines) + "\n"


def _literal(text: str) -> str:
    """A capture's fact in code style, as typed: a code span when it holds no backtick, escaped text otherwise."""
    return f"`{text}`" if "`" not in text and text.strip() == text and text else escape(text)


def captured_when(capture: Capture) -> str:
    """``<time datetime="...">1 March 2024, 12:00 UTC</time>`` from a WARC-Date (the text as is if unreadable)."""
    try:
        when = dt.datetime.fromisoformat(capture.date.replace("Z", "+00:00"))
    except ValueError:
        return escape(capture.date)
    shown = f"{when.day} {MONTHS[when.month - 1]} {when.year}, {when:%H:%M} UTC"
    return f'<time datetime="{capture.date}">{shown}</time>'  # parsed: digits, "-", ":", "T", "Z" and the like


def captured_line(capture: Capture) -> str:
    """When the page was captured, and in which record of which file."""
    where = f"{_literal(capture.file)} (its WARC {_literal(capture.warc)})" if capture.warc else _literal(capture.file)
    return f"Captured {captured_when(capture)} from the original address, in {where}, record {_literal(capture.record)}"


def capture_section(capture: Capture) -> list[str]:
    """The cleaning report's account of where an imported original came from."""
    rows = [
        ("Capture file", _literal(capture.file), "as given to `archive import`"),
        ("Its SHA-256", _literal(capture.sha256), "of the capture file's bytes"),
    ]
    if capture.warc:
        rows += [
            ("WARC in it", _literal(capture.warc), "the WACZ's archive/ folder"),
            ("The WARC's SHA-256", _literal(capture.warc_sha256), "of that WARC's bytes"),
        ]
    rows += [
        ("Record", _literal(capture.record), "WARC-Record-ID"),
        ("Captured", captured_when(capture), "WARC-Date"),
        ("Address", escape(capture.url), "WARC-Target-URI"),
    ]
    if capture.charset:
        rows.append(("Charset", _literal(capture.charset), "the HTTP response's Content-Type"))
    out = [
        "## Capture\n",
        "The original is the body of an HTTP response recorded in a web capture "
        "(decoded from its transfer and content encodings, nothing else):\n",
        scrolling_table(
            "The capture",
            ["| Fact | Value | Where it comes from |", "| --- | --- | --- |"]
            + [f"| {fact} | {value} | {origin} |" for fact, value, origin in rows],
        ),
    ]
    return [*out, ""]


def scrolling_table(name: str, rows: Sequence[str]) -> str:
    """A Markdown table in a box that scrolls sideways when the table is wider
    than the screen (a phone), instead of being cut at its edge. The box is a
    named region a keyboard can focus and scroll (md_in_html: any builder)."""
    body = "\n".join(rows)
    return (
        f'<div class="archive-table-scroll" role="region" tabindex="0" aria-label="{name} (table)" markdown="1">'
        f"\n\n{body}\n\n</div>\n"
    )


def _safe_url(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not any(c in url for c in "<> \"'`")


CAPTURE_ANCHOR = "original-capture"


def line_link(first: int, last: int) -> str:
    """'Line 12' or 'Lines 20–43', linked to that line of the numbered capture."""
    label = f"Line {first}" if first == last else f"Lines {first}–{last}"
    return f"[{label}](#__codelineno-0-{first})"


def removed_text(text: str) -> str:
    """A removed block as a quotation, line by line: the numbered capture
    below shows its exact characters."""
    lines = [escape(line) for line in text.split("\n")]
    return "  \n".join(f"> {line}" if line else ">" for line in lines)


def report_page(article: Article) -> str:
    """The cleaning report: metadata origins, every removed line with its
    reason, and the capture itself with every line numbered and the removed
    ones highlighted. One page, so a reader follows a line link without
    leaving it (and the archive renders one page less per article)."""
    title = display_title(article)
    meta = article.meta
    source = article.cleaned.source
    out = [
        front_matter(title=f"Cleaning report: {title}", search={"exclude": True}),
        f"# Cleaning report\n\n[{escape(title)}]({_ARTICLE})\n",
        f"Original: `{article.source_path}` ([numbered below](#{CAPTURE_ANCHOR}); "
        f"[its exact bytes]({original_name(article)})), {source.format}, {source.encoding}, "
        f"SHA-256 `{source.sha256}`. "
        f"{len(article.cleaned.body)} blocks kept, {len(article.cleaned.removed)} removed.\n",
        *(capture_section(article.capture) if article.capture else []),
        "## Metadata\n",
    ]
    origins = meta.origins()
    rows = ["| Field | Value | Where it comes from |", "| --- | --- | --- |"]
    for name in meta.FIELDS:
        value = meta.json_value(name)
        shown = names(value) if isinstance(value, list) else (value or "")
        rows.append(f"| {name} | {escape(str(shown))} | {escape(origins.get(name, 'not found'))} |")
    out.append(scrolling_table("Metadata", rows))
    out.append(confidence_section(article))
    out.append("\n## Removed lines\n")
    if not article.cleaned.removed:
        out.append("Nothing was removed.\n")
    for r in article.cleaned.removed:
        who = " — **decided by the curator** (article.yml)" if r.curator else ""
        out.append(f"**{line_link(*r.lines)}** · {escape(r.reason)} · {escape(r.rule)}{who}\n")
        out.append(removed_text(r.text) + "\n")
    text, removed = report_capture(article)
    out.append(f"## Original capture {{ #{CAPTURE_ANCHOR} }}\n")
    out.append(
        f"The scrape exactly as captured, decoded from {source.encoding}, every line numbered.\n\n"
        '<span class="archive-removed-sample">Lines highlighted like this</span> were removed from the article '
        "(each is listed above, under Removed lines, with its reason); the others are the article as kept.\n"
        "{ .archive-legend }\n"
    )
    out.append(fenced_with_line_numbers(text, highlighted=removed) + "\n")
    return "\n".join(out)


def report_capture(article: Article) -> tuple[str, tuple[int, ...]]:
    """The report's numbered capture: the text (less its final newline) and the removed lines' numbers."""
    source = article.cleaned.source
    text = source.text[:-1] if source.text.endswith("\n") else source.text
    return text, tuple(sorted({n for r in article.cleaned.removed for n in range(r.lines[0], r.lines[1] + 1)}))


def confidence_section(article: Article) -> str:
    """How sure the cleaner is of the article, what made it unsure, and whether a curator reviewed it."""
    confidence = article.confidence
    out = ["\n## Confidence { #confidence }\n", f"The cleaner's confidence: **{confidence.score:.2f}** of 1."]
    if not confidence.reasons:
        out[-1] += " Nothing made it unsure.\n"
    else:
        out[-1] += " What made it unsure:\n"
        out.append("\n".join(f"- {escape(reason)}" for reason in confidence.reasons) + "\n")
    if article.reviewed == "yes":
        out.append("Reviewed by a curator (article.yml).\n")
    elif article.reviewed:
        out.append(f"Reviewed by a curator (article.yml): {escape(article.reviewed)}.\n")
    elif confidence.low:
        out.append(
            f"Under {REVIEW_BELOW}, the article is listed for review until a curator writes "
            "`reviewed:` in its article.yml.\n"
        )
    return "\n".join(out)


def listing_entry(article: Article, prefix: str, extra: Sequence[str] = ()) -> str:
    """An article in a list: its linked title, then date, publisher and any
    extra facts. Not a heading: a page listing thousands of articles must not
    carry thousands of table-of-contents entries."""
    meta = article.meta
    if meta.iso("date"):
        facts = [human_date(meta.iso("date"))]
    else:
        facts = [f"Reposted {human_date(meta.iso('reposted'))}" if meta.iso("reposted") else "Undated"]
    if meta.text("publisher"):
        facts.append(escape(meta.text("publisher")))
    facts.extend(extra)
    link = f"[{escape(display_title(article))}]({prefix}{paths.article_page(article.id)}){{ .archive-listing-title }}"
    # Out of search: a list of titles would match whatever its articles match.
    return f"{link}  \n{' · '.join(facts)}\n{{ .archive-listing data-search-exclude }}\n"


def newest_first(articles: Sequence[Article]) -> list[Article]:
    dated = sorted(
        (a for a in articles if a.meta.known_date()), key=lambda a: (a.meta.known_date(), a.id), reverse=True
    )
    undated = sorted((a for a in articles if not a.meta.known_date()), key=lambda a: a.id)
    return dated + undated
