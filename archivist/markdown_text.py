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


def escape(text: str) -> str:
    """Markdown source that renders as exactly ``text``, on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SYNTAX.sub(r"\\\1", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    text = _LINE_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    return text.strip()


def escape_attr(text: str) -> str:
    """Text for a double-quoted Markdown link title."""
    return escape(text).replace('"', "&quot;")


def code_block(text: str) -> str:
    """An indented code block showing ``text`` verbatim, whatever it contains.

    Indented blocks are core Markdown: no extension can give their content meaning.
    """
    return "\n".join("    " + line for line in text.split("\n"))
