"""Undo scraping artifacts, and nothing else.

A scrape carries traces of the tools that made it: Markdown escapes
(``\\* \\* \\*``, ``\\(``), links whose target was lost (``[text](#)``), a
space pushed before punctuation. These are undone so the text reads as
published; every word stays as captured.
"""

from __future__ import annotations

import re

# A backslash before ASCII punctuation: a Markdown escape added by a converter.
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# [text](#) and [text]() : a link whose target the scrape lost.
_DEAD_LINK = re.compile(r"\[([^\[\]]*(?:\\\][^\[\]]*)*)\]\(\s*#?\s*\)")
# A space pushed before punctuation by the scraper: "Inquirer ." -> "Inquirer."
# Not before an ellipsis, and only after a word character.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w)[ \t]+(?=[.,;:!?](?:\s|$))")

# Markdown-only constructs, undone when the scrape is Markdown.
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")


_MAY_HAVE_PUSHED_SPACE = re.compile(r"[ \t][.,;:!?]")  # what _SPACE_BEFORE_PUNCT needs, found faster


def undo_text_artifacts(line: str) -> str:
    """Plain text from a line of a text scrape. Each pattern runs only on a
    line holding the characters it needs: most lines hold none."""
    if "](" in line:
        line = _DEAD_LINK.sub(r"\1", line)
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    if _MAY_HAVE_PUSHED_SPACE.search(line):
        line = _SPACE_BEFORE_PUNCT.sub("", line)
    return line.strip()


def markdown_heading(line: str) -> tuple[int, str] | None:
    """(level, text) when a Markdown line is an ATX heading."""
    m = _MD_HEADING.match(line)
    return (len(m.group(1)), m.group(2)) if m else None


def is_markdown_quote(line: str) -> bool:
    return bool(_MD_QUOTE.match(line))


def undo_markdown(line: str) -> str:
    """Plain text from a line of a Markdown scrape: markup removed, words kept."""
    heading = markdown_heading(line)
    if heading:
        line = heading[1]
    line = _MD_QUOTE.sub("", line)
    line = _MD_IMAGE.sub(r"\1", line)
    line = _DEAD_LINK.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_AUTOLINK.sub(r"\1", line)
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_EM.sub(r"\1", line)
    line = _ESCAPE.sub(r"\1", line)
    return _SPACE_BEFORE_PUNCT.sub("", line).strip()
