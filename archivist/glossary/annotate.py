"""Find glossary mentions in article text, and render them as links around words.

The matcher is built once per build, as one regular expression shaped like a
trie of every name, so its cost grows with the text, not with the number of
terms. Annotation only wraps words: the text itself is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from archivist.common.markdown_text import escape, escape_title
from archivist.glossary.load import Entry, Glossary
from archivist.model import Block, Mention

# Blocks whose text may be annotated: never headings (nor links, code, titles,
# which body text does not contain).
ANNOTATED_KINDS = ("paragraph", "quote")
# "Immigration and Customs Enforcement (ICE)": the acronym in parentheses
# after a name belongs to the same mention.
_PAREN = re.compile(r"\s*\(\s*([^()]{1,60}?)\s*\)")

_Trie: TypeAlias = "dict[str, _Trie]"  # one character -> the rest; "" marks a word's end


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, as a trie."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@dataclass(frozen=True)
class Matcher:
    """Every name of every entry, compiled once."""

    pattern: re.Pattern[str]
    exact: dict[str, str]  # name -> entry id, for case-sensitive entries
    folded: dict[str, str]  # lower-cased name -> entry id, for the others

    @classmethod
    def build(cls, glossary: Glossary) -> Matcher:
        exact = {n: e.id for e in glossary.entries if e.case_sensitive for n in e.names}
        folded = {n.lower(): e.id for e in glossary.entries if not e.case_sensitive for n in e.names}
        parts = []
        if exact:
            parts.append(trie_pattern(exact))
        if folded:
            parts.append("(?i:" + trie_pattern(folded) + ")")
        body = "|".join(parts) if parts else "(?!)"
        return cls(re.compile(rf"(?<!\w)(?:{body})(?!\w)"), exact, folded)

    def term_of(self, name: str) -> str | None:
        return self.exact.get(name) or self.folded.get(name.lower())

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(entry id, start, end) of every mention in ``text``, left to right."""
        found: list[tuple[str, int, int]] = []
        pos = 0
        while True:
            m = self.pattern.search(text, pos)
            if not m:
                return found
            term = self.term_of(m.group(0))
            start, end = m.span()
            if term is None:  # the case-insensitive branch matched a case-sensitive name
                pos = start + 1
                continue
            paren = _PAREN.match(text, end)
            if paren and self.term_of(paren.group(1)) == term:
                end = paren.end()
            found.append((term, start, end))
            pos = end


def mentions(blocks: Sequence[Block], matcher: Matcher) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for i, block in enumerate(blocks):
        if block.kind in ANNOTATED_KINDS:
            out.extend(Mention(term, i, start, end) for term, start, end in matcher.find(block.text))
    return tuple(out)


def annotated_markdown(
    blocks: Sequence[Block], found: Sequence[Mention], glossary: Glossary, link_prefix: str
) -> list[str]:
    """Each block's Markdown: escaped text, the first mention of a term in each
    section (the text up to the next heading) linked with its short definition
    as tooltip, later mentions marked without a link or a tooltip."""
    by_block: dict[int, list[Mention]] = {}
    for m in found:
        by_block.setdefault(m.block, []).append(m)
    linked: set[str] = set()  # terms linked in this section
    out = []
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            linked = set()
        pieces, pos = [], 0
        for m in sorted(by_block.get(i, []), key=lambda m: m.start):
            entry = glossary.get(m.term)
            if entry is None:
                continue
            pieces.append(escape(block.text[pos : m.start], strip=False))
            text = block.text[m.start : m.end]
            pieces.append(term_mark(text) if m.term in linked else term_link(text, entry, link_prefix))
            linked.add(m.term)
            pos = m.end
        pieces.append(escape(block.text[pos:], strip=False))
        out.append("".join(pieces).strip())
    return out


def term_link(text: str, entry: Entry, prefix: str) -> str:
    """A term's first mention in a section: a link to its page, its short
    definition as the title, which Material's ``content.tooltips`` shows on
    hover and on keyboard focus."""
    return f'[{escape(text)}]({prefix}{entry.id}.md "{escape_title(entry.short)}"){{ .archive-term }}'


def term_mark(text: str) -> str:
    """A later mention in the same section: marked, but neither a link nor a
    tooltip, so a keyboard reader does not meet a tab stop (nor a screen
    reader a link) at every "ICE" of a story, and the page stays light. Plain
    inline HTML, which every Markdown builder passes through; the text inside
    stays escaped."""
    return f'<span class="archive-mention">{escape(text)}</span>'
