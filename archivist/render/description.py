"""An article's description, as catalogues and link previews show it.

Its dek when it has one; otherwise its first sentences, cut at a sentence end
once they reach ``SHORTEST`` characters (search engines show about 160) and
never past ``LONGEST``. A first sentence longer than that is cut at the last
whole word that fits, with an ellipsis. Plain text: the meta tags, JSON-LD
and front matter that carry it escape it where they write it.
"""

from __future__ import annotations

from archivist.common.sentences import sentence_spans
from archivist.model import Article

SHORTEST = 160
LONGEST = 300
ELLIPSIS = "…"


def description(article: Article) -> str:
    """The dek, else the story's first sentences; "" for an article without text."""
    dek = article.meta.text("subtitle")
    if dek:
        return " ".join(str(dek).split())
    paragraphs = [" ".join(b.text.split()) for b in article.cleaned.body if b.kind == "paragraph" and b.text.strip()]
    return first_sentences(paragraphs)


def first_sentences(paragraphs: list[str]) -> str:
    """Whole sentences from the paragraphs in order, up to SHORTEST-LONGEST characters."""
    out = ""
    for paragraph in paragraphs:
        for start, end in sentence_spans(paragraph):
            sentence = paragraph[start:end].strip()
            if not sentence:
                continue
            longer = f"{out} {sentence}" if out else sentence
            if len(longer) > LONGEST:
                return out or cut_at_word(sentence)
            out = longer
            if len(out) >= SHORTEST:
                return out
    return out


def cut_at_word(text: str) -> str:
    """The longest run of whole words of ``text`` that fits LONGEST with an ellipsis."""
    room = text[: LONGEST - len(ELLIPSIS) + 1]
    cut = room.rsplit(" ", 1)[0] if " " in room else room[: LONGEST - len(ELLIPSIS)]
    return cut.rstrip(" ,;:—–-") + ELLIPSIS
