"""Where the sentences of a text start and end: a term's page shows each mention
in its sentence, and a glossary entry's tooltip must be one sentence.

pySBD (the Golden Rules segmenter) decides the boundaries: it knows
abbreviations ("Feb. 27", "U.S.", "Mr.", "No. 5"), initials and "p.m.", where
the few rules this module had cut "in the U.S. He said" wrongly or not at all.
Its pieces are found back in the text, so the spans always cover it whole.
"""

from __future__ import annotations

import functools
import re

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)

# A sentence does not begin with these: pySBD cuts "Sen. Kamala Harris,
# D-Calif., spoke." after "Calif.", leaving ", spoke." alone.
_NOT_A_START = ",;:)]}”’"

# Ends that need no judgement: a full stop after a lower-case word of three
# letters or more ("said. The"), or a question or exclamation mark, then a
# space and a capital, a digit or an opening quote. pySBD judges only the
# stretches between them that hold another full stop before a space ("Feb.
# 27", "the U.S. He"), and none inside a quotation, which pySBD keeps whole:
# it costs about 15 µs a character, which made the term pages of a
# 1,000-article archive take 13 s instead of 1 s.
_PLAIN_END = re.compile(r"(?:(?<![\w.])[a-z]{3,}\.|[!?])[”’\"')]*\s+(?=[“‘\"'(]?[A-Z0-9])")
_UNSURE = re.compile(r"\.[”’\"')]*\s")


@functools.lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph, in order, covering it whole
    (spaces between sentences belong to the one before). Cached: a paragraph
    that mentions several terms is quoted on each of their pages."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in [*filter(lambda m: not _in_quotation(text, m.end()), _PLAIN_END.finditer(text)), None]:
        end = m.end() if m else len(text)
        stretch = text[start:end]
        inner = stretch.rstrip()
        if any(not _in_quotation(text, start + u.end()) for u in _UNSURE.finditer(inner)):
            spans.extend((start + s, start + e) for s, e in _judged_spans(stretch))
        elif stretch:
            spans.append((start, end))
        start = end
    return tuple(spans) or ((0, len(text)),)


def _in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation, which pySBD keeps whole as one sentence."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _judged_spans(text: str) -> list[tuple[int, int]]:
    """pySBD's sentences of ``text``, found back in it so they cover it whole."""
    if not text.strip():
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _SEGMENTER.segment(text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, pos)
        if start < 0:  # pySBD changed the text: the rest is one sentence
            break
        if spans and (piece[0] in _NOT_A_START or piece[0].islower()):
            spans[-1] = (spans[-1][0], start + len(piece))
        else:
            if spans:
                spans[-1] = (spans[-1][0], start)
            spans.append((start if spans else 0, start + len(piece)))
        pos = start + len(piece)
    if not spans:
        return [(0, len(text))]
    spans[-1] = (spans[-1][0], len(text))
    return spans
