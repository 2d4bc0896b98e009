"""Scrape text into Markdown that shows it literally: text is data, never markup.

Python-Markdown honours a backslash before the characters it treats as
syntax; ``&``, ``<`` and ``>`` become entities so no HTML can be written
through a scrape. The reader sees exactly the characters of the source.
"""

from __future__ import annotations

import re

# Python-Markdown's escapable characters (plus "|" for tables).
_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# Characters that start a block construct only at the start of a line.
_LINE_START = re.compile(r"^(\s*)([?:=~^%])")


def escape(text: str, strip: bool = True) -> str:
    """Markdown source that renders as exactly ``text``, on one line.

    ``strip=False`` keeps spaces at the ends, for a piece of a line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SYNTAX.sub(r"\\\1", text)
    text = re.sub(r"\s*\n\s*", " ", text)
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


def fenced_with_line_numbers(text: str) -> str:
    """A fenced block numbering every line of ``text`` from 1, shown verbatim.

    The fence is longer than any run of backticks in the text, so no line of
    the text can close it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f'{fence}{{ .text .archive-original linenums="1" }}\n{text}\n{fence}'
