"""Scrape text into Markdown that shows it literally: text is data, never markup.

Python-Markdown honours a backslash before the characters it treats as
syntax; ``&``, ``<`` and ``>`` become entities so no HTML can be written
through a scrape. The reader sees exactly the characters of the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

# Python-Markdown's escapable characters (plus "|" for tables).
_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_NEWLINE = re.compile(r"\s*\n\s*")
# Characters that start a block construct only at the start of a line.
_LINE_START = re.compile(r"^(\s*)([?:=~^%])")


def escape(text: str, strip: bool = True) -> str:
    """Markdown source that renders as exactly ``text``, on one line.

    ``strip=False`` keeps spaces at the ends, for a piece of a line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SYNTAX.sub(r"\\\1", text)
    if "\n" in text:  # (the two tests skip a scan of most texts: escape runs for every piece of every page)
        text = _NEWLINE.sub(" ", text)
    if _LINE_START.match(text):
        text = _LINE_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    return text.strip() if strip else text


def escape_title(text: str) -> str:
    """Text for a double-quoted Markdown link title: entities only, no Markdown."""
    table = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "`": "&#96;", "\\": "&#92;"}
    return "".join(table.get(c, c) for c in re.sub(r"\s+", " ", text)).strip()


def code_block(text: str) -> str:
    """An indented code block showing ``text`` verbatim, whatever it contains.

    Indented blocks are core Markdown: no extension can give their content meaning.
    """
    return "\n".join("    " + line for line in text.split("\n"))


def fenced_with_line_numbers(text: str, highlighted: Sequence[int] = ()) -> str:
    """A fenced block numbering every line of ``text`` from 1, shown verbatim,
    with the ``highlighted`` line numbers marked.

    The fence is longer than any run of backticks in the text, so no line of
    the text can close it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    marked = f' hl_lines="{" ".join(_ranges(highlighted))}"' if highlighted else ""
    # The widest number's digits, for the style sheet's number column: a
    # wrapped line hangs right of it, not under it.
    digits = len(str(text.count("\n") + 1))
    return f'{fence}{{ .text .archive-original .archive-digits-{digits} linenums="1"{marked} }}\n{text}\n{fence}'


def _ranges(numbers: Sequence[int]) -> list[str]:
    """[1, 2, 3, 7] -> ["1-3", "7"]: pymdownx's hl_lines syntax, short for long runs."""
    runs = groupby(enumerate(sorted(set(numbers))), key=lambda pair: pair[1] - pair[0])
    out = []
    for _, run in runs:
        first, *rest = [n for _, n in run]
        out.append(f"{first}-{rest[-1]}" if rest else str(first))
    return out
