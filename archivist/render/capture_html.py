"""The cleaning report's numbered capture as HTML, without running pygments.

The report's Markdown shows the capture as a fenced block that pymdownx's
highlight extension numbers line by line (``markdown_text.fenced_with_line_numbers``):
about half of a report's conversion time at 1,000 articles, for a lexer
("text") that marks nothing. This writes the same HTML directly: each line's
anchor (``__codelineno-0-N``), its number and, for the removed lines, the
``hll`` highlight, byte for byte what the fenced block converts to
(tests/test_page_html.py compares the two on generated and hostile texts).
A text with characters that Python-Markdown or pygments rewrite on their own
(control characters, a byte order mark, carriage returns) is left to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Characters some stage of the fenced block's conversion drops or rewrites:
# control characters but tab and newline (Python-Markdown removes its STX and
# ETX placeholders; pygments drops form feeds), carriage returns (new lines
# to Python-Markdown), a byte order mark (pygments strips it), the Unicode
# line separators. And a last line that is empty: the fence drops it.
_REWRITTEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\u2028\u2029\x85]")
_SPACES_ONLY = re.compile(r"^ +$", re.M)  # Python-Markdown empties every line of spaces only
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
TAB_LENGTH = 4  # Python-Markdown's default: it expands tabs before any extension runs

# The pymdownx.highlight options this writes for, with the one it follows
# (line_spans: each line in its own span, for the style sheet); any other
# configuration leaves the capture to pymdownx.
WRITES_FOR = {"anchor_linenums": True, "linenums_style": "pymdownx-inline", "stripnl": False}
FOLLOWS = frozenset({"line_spans"})


def writes_for(highlight: dict[str, Any]) -> bool:
    """Whether ``numbered_capture`` writes what pymdownx.highlight configured so would."""
    return all(highlight.get(k) == v for k, v in WRITES_FOR.items()) and set(highlight) <= {*WRITES_FOR, *FOLLOWS}


def can_number(text: str) -> bool:
    """Whether ``numbered_capture`` gives exactly what the fenced block would."""
    if _REWRITTEN.search(text):
        return False
    shown = _normalised(text)
    return bool(shown) and not shown.endswith("\n")


def _normalised(text: str) -> str:
    """The text as Python-Markdown hands it to the fence: tabs expanded, lines of spaces emptied."""
    return _SPACES_ONLY.sub("", text.expandtabs(TAB_LENGTH))


def numbered_capture(text: str, highlighted: Iterable[int] = (), line_spans: str = "") -> str:
    """The HTML of ``fenced_with_line_numbers(text, highlighted)`` after
    Python-Markdown with pymdownx.highlight configured as ``WRITES_FOR`` (and
    ``line_spans``, its prefix or ""). ``text`` must pass ``can_number``."""
    marked = set(highlighted)
    lines = _normalised(text).split("\n")
    width = len(str(len(lines)))
    digits = len(str(text.count("\n") + 1))  # as fenced_with_line_numbers counts them
    out = [f'<div class="archive-original archive-digits-{digits} highlight"><pre><span></span><code>']
    for number, line in enumerate(lines, 1):
        anchor = f"__codelineno-0-{number}"
        numbered = (
            f'<a href="#{anchor}"><span class="linenos" data-linenos="{number:>{width}} "></span></a>'
            f"{line.translate(_ESCAPES)}\n"
        )
        html = f'<a id="{anchor}" name="{anchor}"></a>'
        html += f'<span class="hll">{numbered}</span>' if number in marked else numbered
        out.append(f'<span id="{line_spans}-0-{number}">{html}</span>' if line_spans else html)
    out.append("</code></pre></div>")
    return "".join(out)
