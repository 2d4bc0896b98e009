"""Where the sentences of a text start and end: a term's page shows each mention
in its sentence, and a glossary entry's tooltip must be one sentence.

pySBD (the Golden Rules segmenter) decides the boundaries: it knows
abbreviations ("Feb. 27", "U.S.", "Mr.", "No. 5"), initials and "p.m.", where
the few rules this module had cut "in the U.S. He said" wrongly or not at all.
Its pieces are found back in the text, so the spans always cover it whole.
"""

from __future__ import annotations

import functools

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)

# A sentence does not begin with these: pySBD cuts "Sen. Kamala Harris,
# D-Calif., spoke." after "Calif.", leaving ", spoke." alone.
_NOT_A_START = ",;:)]}”’"


@functools.lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a paragraph, in order, covering it whole
    (spaces between sentences belong to the one before). Cached: a paragraph
    that mentions several terms is quoted on each of their pages."""
    if not text.strip():
        return ((0, len(text)),)
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
        return ((0, len(text)),)
    spans[-1] = (spans[-1][0], len(text))
    return tuple(spans)
