"""Where the sentences of a text start and end: a term's page shows each mention
in its sentence, and a glossary entry's tooltip must be one sentence."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"']?\s+(?=[“‘\"'(]?[A-Z0-9])")
# A full stop after these is not the end of a sentence: "U.S. Immigration".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|No|vs|Inc|Corp)\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    spans, left = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if _ABBREVIATION.search(text[left : m.start()]):
            continue
        spans.append((left, end))
        left = m.end()
    spans.append((left, len(text)))
    return spans
