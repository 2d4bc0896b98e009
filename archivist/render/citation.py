"""How to cite an archived article: Chicago, APA and BibTeX.

Each form names the original (authors, title, publisher, date, address) and
the archived copy (the archive's name and, when ``site_url`` is known, the
article's address in it: without it the forms name the archive alone, since
a relative address is no address to a reader of the citation).
Access dates are left to the reader: the archived copy never changes, so the
policy is to add the date you consulted it where your style asks for one.
"""

from __future__ import annotations

import datetime as dt
import re

from archivist.common.markdown_text import code_block
from archivist.model import Article
from archivist.render.article import MONTHS, display_title

ACCESS_POLICY = (
    "These forms cite the original and this archive's copy of it. The archived copy never changes "
    "(its capture's SHA-256 is given below), so add the date you consulted it only where your style "
    "asks for an access date."
)


def _surname_first(name: str) -> str:
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def _initials(name: str) -> str:
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, " + " ".join(f"{p[0]}." for p in parts[:-1])


def _long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def chicago(article: Article, archive: str, address: str) -> str:
    meta = article.meta
    authors = list(meta.names("authors"))
    parts = []
    if authors:
        listed = [_surname_first(authors[0]), *authors[1:]]
        if len(listed) == 2:
            parts.append(f"{listed[0]}, and {listed[1]}.")
        else:
            parts.append(", ".join(listed[:-1]) + (", and " if len(listed) > 1 else "") + listed[-1] + ".")
    title = display_title(article).rstrip(".")
    parts.append(f"“{title}.”")
    date = _long_date(meta.iso("date")) if meta.iso("date") else ""
    source = ", ".join(x for x in (str(meta.text("publisher")), date) if x)
    if source:
        parts.append(source + ".")
    if meta.text("original_url"):
        parts.append(f"{meta.text('original_url')}.")
    parts.append(f"Archived in {archive}, {address}." if address else f"Archived in {archive}.")
    return " ".join(parts)


def apa(article: Article, archive: str, address: str) -> str:
    meta = article.meta
    authors = [_initials(a) for a in (meta.names("authors"))]
    if len(authors) > 1:
        who = ", ".join(authors[:-1]) + ", & " + authors[-1]
    else:
        who = "".join(authors)
    if meta.iso("date"):
        d = dt.date.fromisoformat(meta.iso("date"))
        when = f"({d.year}, {MONTHS[d.month - 1]} {d.day})"
    else:
        when = "(n.d.)"
    title = display_title(article).rstrip(".")
    parts = [f"{who} {when}." if who else "", f"{title}{'.' if who else ' ' + when + '.'}"]
    if meta.text("publisher"):
        parts.append(f"{meta.text('publisher')}.")
    if meta.text("original_url"):
        parts.append(meta.text("original_url"))
    parts.append(f"Archived in {archive}: {address}" if address else f"Archived in {archive}.")
    return " ".join(p for p in parts if p)


# LaTeX's special characters, each written as LaTeX prints it. One pass, so the
# braces of \textbackslash{} are not escaped again (a\b once came out as
# a\textbackslash\{\}b).
BIB_ESCAPES = {
    "\\": "\\textbackslash{}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}


def _unmatched_braces(value: str) -> set[int]:
    """Positions of the braces in ``value`` that have no partner."""
    open_at: list[int] = []
    lone = set()
    for i, c in enumerate(value):
        if c == "{":
            open_at.append(i)
        elif c == "}":
            if open_at:
                open_at.pop()
            else:
                lone.add(i)
    return lone | set(open_at)


def _bib(value: str) -> str:
    """A BibTeX field value that prints as ``value``. BibTeX counts every brace,
    escaped or not, so a brace without its partner is spelled out as a command."""
    lone = _unmatched_braces(value)
    out = []
    for i, c in enumerate(value):
        if c in "{}":
            out.append(("\\textbraceleft{}" if c == "{" else "\\textbraceright{}") if i in lone else "\\" + c)
        else:
            out.append(BIB_ESCAPES.get(c, c))
    return "".join(out)


def _bib_url(url: str) -> str:
    """A url field: verbatim (biblatex and the url package print it as given), so
    nothing is escaped; what could break the entry is percent-encoded instead."""
    return re.sub(r"[{}\\\s]", lambda m: "%" + m.group(0).encode().hex().upper(), url)


def bibtex(article: Article, archive: str, address: str) -> str:
    meta = article.meta
    fields = [("title", display_title(article))]
    if meta.names("authors"):
        fields.append(("author", " and ".join(meta.names("authors"))))
    if meta.text("publisher"):
        fields.append(("journal", meta.text("publisher")))
    if meta.iso("date"):
        fields.append(("date", meta.iso("date")))
        fields.append(("year", meta.iso("date")[:4]))
    if meta.text("original_url"):
        fields.append(("url", meta.text("original_url")))
    fields.append(("howpublished", f"Archived in {archive}: {address}" if address else f"Archived in {archive}"))
    key = re.sub(r"[^a-z0-9]+", "", article.id)[:40] or "article"
    body = ",\n".join(f"  {name} = {{{_bib_url(v) if name == 'url' else _bib(v)}}}" for name, v in fields)
    return f"@article{{{key},\n{body}\n}}"


def cite_section(article: Article, archive: str, address: str) -> str:
    """'Cite this article': each form in a code block, which has a copy button."""
    out = ["## Cite this article { .archive-cite data-search-exclude }\n", ACCESS_POLICY + "\n"]
    for label, text in (
        ("Chicago", chicago(article, archive, address)),
        ("APA", apa(article, archive, address)),
        ("BibTeX", bibtex(article, archive, address)),
    ):
        out.append(f"**{label}**\n")
        out.append(code_block(text) + "\n")
    return "\n".join(out)
