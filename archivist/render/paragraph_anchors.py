"""The anchor of each paragraph of an article: a term's page links every
mention to its paragraph, and a reader may cite one.

An anchor names the line of the original where the paragraph begins (``p12``;
a second paragraph beginning on the same line, as in a one-line HTML page, is
``p12-2``). The original never changes, so a paragraph keeps its anchor when
the cleaner or a curator keeps or drops other lines; numbering paragraphs in
order would move every anchor after the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from archivist.model import Block

# Blocks with an anchor: the ones whose text a term's page quotes. Headings
# have their own (the table of contents'), breaks have no text.
ANCHORED_KINDS = ("paragraph", "quote")


def paragraph_anchors(blocks: Sequence[Block]) -> list[str | None]:
    """Each block's anchor (an HTML id), None for headings and breaks."""
    taken: dict[str, int] = {}
    out: list[str | None] = []
    for block in blocks:
        if block.kind not in ANCHORED_KINDS:
            out.append(None)
            continue
        base = f"p{block.lines[0]}"
        taken[base] = taken.get(base, 0) + 1
        out.append(base if taken[base] == 1 else f"{base}-{taken[base]}")
    return out
