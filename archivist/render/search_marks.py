"""Pagefind's marks, written into the generated Markdown pages themselves.

Any builder of the ``archive build --out`` tree (MkDocs with or without the
archive plugin, with Material's ``attr_list`` and ``md_in_html``) then writes
pages Pagefind indexes as the hosted site does: the story in a
``data-pagefind-body`` box (what follows the story's end, its terms, related
articles, citation and provenance, stays out: indexed, it would make every
article match its neighbours' titles), the title and byline as metadata, not
text, so that a result's excerpt does not repeat its title line, and what
Material's search leaves out (``data-search-exclude``, a heading with its
section) left out by Pagefind too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

# The rule after an article's story: what follows (terms, related articles,
# citation, provenance) is about the article, not of it.
STORY_END = '<hr class="archive-end">'

_HEADING = re.compile(r"(#{1,6}) ")
_ATTR_LIST = re.compile(r"(?<!\\)\{:?([^{}]*)(?<!\\)\}\s*$")  # not an escaped "\{"
_FENCE = re.compile(r"(```|~~~)")
_TITLE = 'data-pagefind-ignore data-pagefind-meta="title"'
_BYLINE = "{ .archive-byline }"


def _with_attrs(line: str, attrs: str) -> str:
    """A heading or attribute-list line with ``attrs`` added to its attr_list (one made when it has none)."""
    found = _ATTR_LIST.search(line)
    if found and line.startswith("#") and not found.group(1).strip():
        found = None
    if found:
        return f"{line[: found.start()]}{{ {found.group(1).strip()} {attrs} }}"
    return f"{line.rstrip()} {{ {attrs} }}"


def _mark_story(story: str) -> str:
    lines, out = story.split("\n"), []
    fenced, titled, bylined = False, False, False
    ignoring = 0  # the level of the excluded heading whose section is open, 0 for none
    for line in lines:
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        level = len(heading.group(1)) if heading else 0
        if ignoring and heading and level <= ignoring:
            out += ["", "</div>", ""]
            ignoring = 0
        excluded = not fenced and "data-search-exclude" in line and bool(_ATTR_LIST.search(line))
        if heading and excluded and not ignoring:
            out += ["<div data-pagefind-ignore markdown>", ""]
            ignoring = level
        elif excluded and line.startswith("{"):
            line = _with_attrs(line, "data-pagefind-ignore")
        if level == 1 and not titled:
            line, titled = _with_attrs(line, _TITLE), True
        elif line.strip() == _BYLINE and not bylined and not fenced:
            line, bylined = '{ .archive-byline data-pagefind-ignore data-pagefind-meta="byline" }', True
        out.append(line)
    if ignoring:
        out += ["", "</div>"]
    return "\n".join(out)


def searchable(body: str, names: Sequence[str] = ()) -> str:
    """A searchable page's Markdown (after its front matter), marked for Pagefind.
    ``names`` (a term's name, full name and other spellings) are metadata, which
    the search worker weighs most and reads to put the terms a query names first."""
    story, end, rest = body.partition(STORY_END + "\n")
    marks = 'data-pagefind-body=""'
    if names:
        # One attribute holds "key:value" pairs split at commas: none in the value.
        value = " | ".join(n.replace(",", " ") for n in names)
        marks += f' data-pagefind-meta="names:{escape(value, quote=True)}"'
    marked, title = _mark_story(story).strip(), ""
    if marked.startswith("# "):
        # The title stays outside the box, first on the page (its marks make it Pagefind's title):
        # Material's search reads a page's first heading as its title only when nothing comes before it.
        title, _, marked = marked.partition("\n")
        title, marked = title + "\n\n", marked.strip()
    return f"{title}<div {marks} markdown>\n\n{marked}\n\n</div>\n{end}{rest}"
