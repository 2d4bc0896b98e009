"""A generated page's plain blocks as HTML, without Python-Markdown's inline passes.

An article page is mostly its body: a paragraph a line, the text escaped by
``markdown_text.escape`` with its glossary links and marks
(``glossary.annotate``). Python-Markdown tries each of its inline patterns at
every position of such a line: most of a page's conversion (about half of an
article page's and of a report's at 1,000 articles). A paragraph made only of
the renderer's pieces (escaped text, a link ``[text](page.md "title"){ .class }``,
a ``<span class="archive-mention">``, a bold label, a code span; lines joined
by hard breaks), in a quotation or not, and the indented code blocks (the
citations) and tables (the report's metadata) made of them, are written here
directly: ``take`` puts a placeholder word in each one's place, Python-Markdown
converts the rest of the page (still making each paragraph, its attribute
line and its place in the page), and ``put`` writes each block's HTML where
its placeholder came out. Anything else is Python-Markdown's: a block of other
syntax, a page with markup md_in_html could read otherwise, a page where a
placeholder does not come out as a paragraph's whole text (``put`` says so,
and the page is converted without them). tests/test_paragraph_html.py
converts generated and hostile pages both ways and compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from archivist.common.site_links import SiteLinks

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# The characters markdown_text.escape puts a backslash before, and the
# entities it writes: in such text they stand for themselves.
_SYNTAX = r"\\`*_{}\[\]()#+\-.!|"
# One character of such text (each alternative starts with a different
# character, so the patterns below match in one pass, without backtracking).
# Mid-line, "(", ")", ".", "-", "+", "#", a "!" not before "[" and "_" inside a
# word (Python-Markdown's emphasis needs one at a word's edge) mean nothing to
# it either: the renderer leaves some unescaped in its own words.
_CHAR = (
    rf"(?:[^{_SYNTAX}<>&\s\x00-\x1f\x7f]|[ \xa0().+#-]|!(?!\[)|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])"
    rf"|\\[{_SYNTAX}]|&(?:amp|lt|gt|#[0-9]{{1,7}});)"
)
_TEXT = rf"{_CHAR}+"
# A link title as markdown_text.escape_title writes it: entities, no quote or
# backslash, single spaces between words.
_TITLE_CHAR = r"(?:[^\"\\<>&`\s\x00-\x1f\x7f]|&(?:amp|lt|gt|quot|#[0-9]{1,7});)"
_TITLE = rf"{_TITLE_CHAR}(?:{_TITLE_CHAR}| (?=\S))*"
_LINK = (
    rf"\[(?P<label>{_TEXT})\]\((?P<url>[A-Za-z0-9_./#-]+)(?: \"(?P<title>{_TITLE})\")?\)"
    r"(?:\{ \.(?P<cls>[a-z][a-z0-9-]*) \})?"
)


def _unnamed(pattern: str) -> str:
    """``pattern`` with its groups unnamed, to match inside another that names the same groups."""
    return re.sub(r"\?P<[a-z]+>", "?:", pattern)


_LINK_SHAPE = _unnamed(_LINK)
_MARK = rf'<span class="archive-mention">(?P<mark>{_TEXT})</span>'
_INNER = rf"(?![ \xa0])(?:{_CHAR}|{_LINK_SHAPE})+(?<![ \xa0])"  # what a strong span holds here: text and links
_STRONG = rf"\*\*(?P<strong>{_INNER})\*\*"
# A code span: its text as it is, "&", "<" and ">" as entities, its ends stripped.
_CODE = r"(?<!\\)`(?P<code>[^`<&\x00-\x1f\x7f]+)`(?!`)"  # no "<" or "&": md_in_html reads raw text
_MARK_SHAPE, _STRONG_SHAPE, _CODE_SHAPE = map(_unnamed, (_MARK, _STRONG, _CODE))
_PIECE = re.compile(rf"(?P<text>{_TEXT})|{_LINK}|{_MARK}|{_STRONG}|{_CODE}")
# A whole line of pieces, starting and ending with something other than a
# space (Python-Markdown strips a paragraph), not starting as HTML, a heading,
# a list item or a quotation would.
_START = r"(?![<\s\xa0#>+=|`~:!-]|\*(?!\*[^*\s])|[0-9]+[.)])"
_LINE = re.compile(rf"{_START}(?:{_CHAR}|{_LINK_SHAPE}|{_MARK_SHAPE}|{_STRONG_SHAPE}|{_CODE_SHAPE})+(?<![ \xa0])")
_QUOTED = {("'", "'"), ("(", ")")}  # a title's first and last characters that Python-Markdown would strip
_UNESCAPE = re.compile(rf"\\([{_SYNTAX}])")
# A paragraph's attributes (attr_list), as the renderer writes them: its id, its classes.
_ATTRS = re.compile(r"\{ [^{}\n]+ \}")

PLACEHOLDER = "ARCHIVEPARAGRAPH"  # a word no inline pattern touches; a page holding it is converted as it is
# A "<" that does not open or close one of the renderer's own tags (span, div, time,
# hr, with quoted attributes, on one line): md_in_html reads such markup in the
# raw text before any block is parsed, and may take what follows into it, so a
# page holding one is left to Python-Markdown whole.
_OTHER_TAG = re.compile(r'<(?!/?(?:span|div|time|hr)(?: [a-z-]+="[^"<>\n]*"| markdown)*>)')
# Likewise an "&" that starts a character reference other than the escaped text's.
_OTHER_REFERENCE = re.compile(r"&(?=[#A-Za-z])(?!(?:amp|lt|gt|quot|#[0-9]{1,7});)")
_STASHED = "wzxhzdk"  # Python-Markdown's own placeholders (markdown.util.HTML_PLACEHOLDER), left in broken markup
# Where a placeholder comes out: a paragraph's text ("X"), or the paragraph an indented block became ("C").
_PUT = re.compile(rf">{PLACEHOLDER}([0-9]+)X</p>|<p>{PLACEHOLDER}([0-9]+)C</p>")


@dataclass
class Taken:
    """A page's Markdown with its fast lines replaced, their HTML, and the site files their links point to."""

    markdown: str
    html: list[str] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)
    missing: bool = False  # a link to a file the site lacks (left to Python-Markdown, which reports it)


def _blank(line: str, prefix: str) -> bool:
    return line == "" or (prefix != "" and line == prefix.rstrip())


def _block_at(lines: list[str], i: int) -> tuple[str, int, int] | None:
    """The block starting at line ``i`` after a blank line (or the page's start)
    and ending before a blank line (or the page's end): (its prefix, "> " in a
    quotation, the index past its last line, 1 when that line is an attribute
    line and 0 otherwise); None when line ``i`` starts no such block."""
    prefix = "> " if lines[i].startswith("> ") else ""
    if (i and not _blank(lines[i - 1], prefix)) or _blank(lines[i], prefix):
        return None
    end = i
    while end < len(lines) and lines[end].startswith(prefix) and not _blank(lines[end], prefix):
        end += 1
    if end < len(lines) and not _blank(lines[end], prefix):
        return None  # a line of another kind follows (a quotation's lazy line, say)
    attrs = int(end - i > 1 and bool(_ATTRS.fullmatch(lines[end - 1][len(prefix) :])))
    return prefix, end, attrs


_LABEL = re.compile(r"\*\*[^*\n]+\*\*")  # a citation's label, "**Chicago**", alone on its line


def _code_may_start(lines: list[str], n: int) -> bool:
    """Whether an indented block at line ``n`` is a code block of its own:
    only after a bold label alone in its paragraph (a citation's), never after
    what an indented block would continue (a list item, an admonition, a
    footnote) or join (another indented block)."""
    while n and lines[n - 1] == "":
        n -= 1
    return n > 0 and bool(_LABEL.fullmatch(lines[n - 1])) and (n == 1 or lines[n - 2] == "")


def _code_ends(lines: list[str], end: int) -> bool:
    """Whether the next block after an indented one does not join it (indented too)."""
    while end < len(lines) and lines[end] == "":
        end += 1
    return end == len(lines) or not lines[end].startswith((" ", "\t"))


_RULE = re.compile(r"\|(?: --- \|)+")  # a table's second row, as render.article writes it


def _cells(row: str, columns: int) -> list[str] | None:
    """A table row's cells, stripped: None unless it has ``columns`` of them,
    split on plain "|" only (no code span, no escaped backslash before one)."""
    if not (row.startswith("| ") and row.endswith(" |")) or "`" in row or "\\\\|" in row:
        return None
    cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row[1:-1])]
    return cells if len(cells) == columns else None


_CODE_REWRITTEN = re.compile("[\x00-\x1f\x7f\ufeff\u2028\u2029\x85]")  # tabs too: expanded by Python-Markdown
_CODE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _code_html(body: list[str]) -> str | None:
    """An indented code block as pymdownx.highlight writes it (no language: pygments' text lexer)."""
    if not all(line.startswith("    ") for line in body) or any(_CODE_REWRITTEN.search(line) for line in body):
        return None
    if any(line.strip() == "" for line in body) or body[-1] != body[-1].rstrip():
        return None  # Python-Markdown empties a line of spaces, and strips the block's end
    if any("<" in line for line in body):
        return None  # md_in_html reads tags in the raw text before any block is parsed
    text = "\n".join(line[4:] for line in body).translate(_CODE_ESCAPES)
    return f'<div class="highlight"><pre><span></span><code>{text}\n</code></pre></div>'


def _text(piece: str) -> str:
    return _UNESCAPE.sub(r"\1", piece)


class Paragraphs:
    """Takes a page's fast lines out and puts their HTML back, links resolved as MkDocs would."""

    def __init__(self, links: SiteLinks) -> None:
        self.links = links

    def line_html(self, line: str, uri: str, taken: Taken) -> str | None:
        """The HTML of ``line``'s pieces, or None when ``line`` is not made only of them."""
        return self._pieces_html(line, uri, taken) if _LINE.fullmatch(line) else None

    def _pieces_html(self, line: str, uri: str, taken: Taken) -> str | None:
        out = []
        for piece in _PIECE.finditer(line):
            if piece["text"] is not None:
                out.append(_text(piece["text"]))
            elif piece["strong"] is not None:
                if (inner := self._pieces_html(piece["strong"], uri, taken)) is None:
                    return None
                out.append(f"<strong>{inner}</strong>")
            elif piece["code"] is not None:
                out.append(f"<code>{piece['code'].strip().translate(_CODE_ESCAPES)}</code>")
            elif piece["mark"] is not None:
                out.append(f'<span class="archive-mention">{_text(piece["mark"])}</span>')
            elif (link := self._link_html(piece, uri, taken)) is not None:
                out.append(link)
            else:
                return None
        return "".join(out)

    def _link_html(self, piece: re.Match[str], uri: str, taken: Taken) -> str | None:
        title = piece["title"]
        if title and (title[0], title[-1]) in _QUOTED:
            return None  # Python-Markdown takes the quotes off such a title
        href, target = self.links.resolve(piece["url"], uri)
        if target == "":
            taken.missing = True
        elif target:
            taken.targets.add(target)
        attrs = f'class="{piece["cls"]}" ' if piece["cls"] else ""
        attrs += f'href="{href}"'
        attrs += f' title="{title}"' if title else ""
        return f"<a {attrs}>{_text(piece['label'])}</a>"

    def take(self, markdown: str, uri: str, keep: str = "") -> Taken:
        """``markdown`` with each paragraph made only of pieces replaced by a
        placeholder (its attribute line, ``{ ... }``, stays for Python-Markdown),
        in a quotation or not, and each indented code block after a paragraph
        or heading; a line that is ``keep`` stays."""
        if PLACEHOLDER in markdown or _OTHER_TAG.search(markdown) or _OTHER_REFERENCE.search(markdown):
            return Taken(markdown)
        lines = markdown.split("\n")
        taken, out, i = Taken(""), [], 0
        while i < len(lines):
            block = _block_at(lines, i)
            if block is None:
                out.append(lines[i])
                i += 1
                continue
            prefix, end, attrs = block
            body = [line[len(prefix) :] for line in lines[i : end - attrs]]
            links = Taken("")  # this block's links, kept only if it is taken
            if body == [keep]:
                html = None
            elif body[0].startswith("|"):
                html, kind = (None if prefix or attrs else self._table_html(body, uri, links)), "C"
            elif body[0].startswith("    "):
                code = not prefix and not attrs and _code_may_start(lines, i) and _code_ends(lines, end)
                html, kind = (_code_html(body) if code else None), "C"
            else:
                html, kind = self._paragraph_html(body, uri, links), "X"
            if html is None:
                out.extend(lines[i:end])
            else:
                out.append(f"{prefix}{PLACEHOLDER}{len(taken.html)}{kind}")
                out.extend(lines[end - attrs : end])
                taken.html.append(html)
                taken.targets |= links.targets
                taken.missing |= links.missing
            i = end
        taken.markdown = "\n".join(out)
        return taken

    def _paragraph_html(self, body: list[str], uri: str, taken: Taken) -> str | None:
        """A paragraph's lines as HTML (a line ending in two spaces breaks), or None."""
        out = []
        for n, line in enumerate(body):
            broken = n < len(body) - 1 and line.endswith("  ") and not line.endswith("   ")
            html = self.line_html(line[:-2] if broken else line, uri, taken)
            if html is None:
                return None
            out.append(html + ("<br />\n" if broken else "\n"))
        return "".join(out)[:-1]

    def _table_html(self, body: list[str], uri: str, taken: Taken) -> str | None:
        """A table as the tables extension writes it (a header row, no alignment), or None."""
        if len(body) < 2 or not _RULE.fullmatch(body[1]):
            return None
        columns = body[1].count("|") - 1
        rows = []
        for n, line in enumerate(body[:1] + body[2:]):
            cells = _cells(line, columns)
            if cells is None:
                return None
            tag, shown = ("th" if n == 0 else "td"), []
            for cell in cells:
                html = self.line_html(cell, uri, taken) if cell else ""
                if html is None:
                    return None
                shown.append(f"<{tag}>{html}</{tag}>\n")
            rows.append(f"<tr>\n{''.join(shown)}</tr>\n")
        head, rest = rows[0], "".join(rows[1:])
        return f"<table>\n<thead>\n{head}</thead>\n<tbody>\n{rest}</tbody>\n</table>"

    @staticmethod
    def put(html: str, taken: Taken) -> str | None:
        """``html`` with each placeholder's paragraph text written; None when a
        placeholder did not come out, once, as a paragraph's whole text."""
        if not taken.html:
            return html
        if _STASHED in html:
            return None  # Python-Markdown left one of its own placeholders, numbered by what it stashed
        seen: list[int] = []

        def write(found: re.Match[str]) -> str:
            n = int(found[1] or found[2])
            seen.append(n)
            if n >= len(taken.html):
                return found[0]
            return f">{taken.html[n]}</p>" if found[1] else taken.html[n]

        out = _PUT.sub(write, html)
        if sorted(seen) != list(range(len(taken.html))) or out.count(PLACEHOLDER) != 0:
            return None
        return out


class Untouched(Treeprocessor):
    """Marks each placeholder paragraph's text atomic, before Python-Markdown's
    inline patterns run (priority ``PRIORITY``): they would try every pattern on
    a word they cannot change. Its attribute line stays for attr_list, which runs after."""

    PRIORITY = 25  # Python-Markdown's inline processor runs at 20

    def run(self, root: Element) -> None:
        for element in root.iter("p"):
            text = element.text
            if text and text.startswith(PLACEHOLDER) and not len(element):
                element.text = AtomicString(text)
