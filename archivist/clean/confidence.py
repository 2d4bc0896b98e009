"""How sure the cleaner is of an article, and why not: the curators' review list.

Computed from a cleaning result alone (its kept blocks and removed lines with
their rules), after the cache: the cleaners do not know it exists. The score
starts at 1 and each doubt below takes off its weight; an article scoring
under ``REVIEW_BELOW`` is listed on the "Needs review" page until a curator
writes ``reviewed:`` in its ``article.yml``.

The doubts, each a sign that the cleaner decided where it had little to go on:

- the story's start or end was guessed: prose-like lines removed for their
  place only (before the story's first paragraph, after its last one), where
  no rule said what they were;
- much of the page's prose went, whatever the rules said;
- lines cut as reader comments on weak evidence: no comment heading,
  no commenter's signature, no comments container in the markup;
- lines the hand rules would have cut, kept because the line model reads them
  as story: where the two disagree, neither is sure;
- a story that is very short beside the page it came from, or none at all.
"""

from __future__ import annotations

import re

from archivist.clean import rulebook as R
from archivist.model import REVIEW_BELOW, Cleaned, Confidence, Removed

# A text-dense line: prose a reader would miss, not a menu, a link or a byline.
DENSE_MIN_WORDS = 15
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")

# Rules that remove a line for where it stands, not for what it is. A prose
# line cut as "page furniture before the story" means the story's start was a
# guess; one cut after the story's last paragraph (the text cleaner's trailer,
# the HTML cleaner's "trafilatura left it out"), that its end was. On the
# development benchmark (../shared/bench: text, comments, html; 629 pages) 12
# of the 70 prose lines cut before the story were in the gold article, 13 of the
# 386 cut after it: a guessed start weighs three times a guessed end.
START_RULES = frozenset({R.BEFORE_STORY.id})
START_WEIGHT = 0.15  # per prose line: two of them and a short story, or three alone, call for review
START_MAX = 0.45
END_RULES = frozenset({R.AFTER_STORY.id, R.OUTSIDE_MAIN.id})
END_WEIGHT = 0.05  # per prose line: mostly teasers of other stories, rightly cut; alone never calls for review
END_MAX = 0.25

# Prose removed, whatever the rule, but for comments (scored apart), pull
# quotes (the story's own words again) and lines after the story (what pages
# put there, teasers of other stories, is prose too: counting it flagged 8 of
# the 181 html pages, none of them badly cleaned). Above this share of the
# page's prose lines, the cleaner threw away more story-like text than it kept.
REMOVED_SHARE = 0.5
REMOVED_WEIGHT = 0.2

# Comments cut with evidence: a heading announcing them, a commenter's
# signature, a comments container in the markup. Without any of them, the
# cut stood on weaker evidence (a run of short reactions).
STRONG_COMMENT_RULES = frozenset({R.AFTER_MARKER.id, R.MARKER.id, R.SIGNATURE.id, R.COMMENTS_CONTAINER.id})
WEAK_COMMENT_WEIGHT = 0.35  # alone, enough for review: a story's end read as comments is a lost end

# The text cleaner marks the lines it kept against its hand rules because the
# learned line model reads them as story.
MODEL_KEPT_RULE = R.LEARNED.id
MODEL_KEPT_WEIGHT = 0.05  # per line: one or two are the model doing its job; seven call for review
MODEL_KEPT_MAX = 0.35

# A story without one prose line (a list of credits, captions, labels): no
# sentence showed where it starts or ends. Alone, a note and no review.
NO_PROSE_WEIGHT = 0.2

# A story that is a small part of the page's words may be a fragment of it.
SHORT_SHARE = 0.2  # of the page's words (kept and removed)
SHORT_MAX_WORDS = 60  # and under this many words: a long story on a long page is not short
SHORT_WEIGHT = 0.35


def needs_review(confidence: Confidence, reviewed: str = "") -> bool:
    """Below the threshold and not yet reviewed by a curator (``reviewed``: their note, "" for none)."""
    return confidence.low and not reviewed


def words(text: str) -> int:
    return len(_WORD.findall(text))


def is_dense(text: str) -> bool:
    """Prose: enough words, a sentence end, and mostly words that are not
    capitalised (not a title-case list; in a script without case, as Korean,
    no word is)."""
    found = text.split()
    if len(found) < DENSE_MIN_WORDS or not _SENTENCE_END.search(text):
        return False
    capitalised = sum(1 for w in found if w[:1].isupper())
    return capitalised * 2 <= len(found)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _dense_lines(removed: list[Removed], rules: frozenset[str]) -> int:
    return sum(1 for r in removed if r.rule_id in rules for line in r.text.split("\n") if is_dense(line))


def assess(cleaned: Cleaned) -> Confidence:
    """The cleaner's confidence in ``cleaned``: its score and the reasons it is not 1."""
    body_words = sum(words(b.text) for b in cleaned.body)
    if not body_words:
        return Confidence(0.0, ("nothing was kept as the story",))
    kept_dense = sum(1 for b in cleaned.body if b.kind != "break" and is_dense(b.text))
    removed = [r for r in cleaned.removed if not r.curator]  # a curator's decision is not a doubt
    page_words = body_words + sum(words(r.text) for r in cleaned.removed)
    penalty = 0.0
    reasons: list[str] = []

    before = _dense_lines(removed, START_RULES)
    if before:
        penalty += min(START_MAX, START_WEIGHT * before)
        reasons.append(
            f"the story's start was a guess: {_plural(before, 'prose line')} before it removed for "
            f"{'its' if before == 1 else 'their'} place only"
        )
    after = _dense_lines(removed, END_RULES)
    if after:
        penalty += min(END_MAX, END_WEIGHT * after)
        reasons.append(
            f"the story's end was a guess: {_plural(after, 'prose line')} after it removed for "
            f"{'its' if after == 1 else 'their'} place only"
        )

    counted = [r for r in removed if r.reason not in ("comment", "pullquote") and r.rule_id not in END_RULES]
    gone = sum(1 for r in counted for line in r.text.split("\n") if is_dense(line))
    if gone and gone / (gone + kept_dense) > REMOVED_SHARE:
        penalty += REMOVED_WEIGHT
        reasons.append(
            f"more prose removed than kept: {gone} of the page's {gone + kept_dense} prose lines "
            "(comments and what follows the story aside)"
        )

    comments = [r for r in removed if r.reason == "comment"]
    strong = any(r.rule_id in STRONG_COMMENT_RULES for r in comments)
    if comments and not strong:
        cut = sum(len(r.text.split("\n")) for r in comments)
        penalty += WEAK_COMMENT_WEIGHT
        reasons.append(
            f"{_plural(cut, 'line')} cut as reader comments on weak evidence "
            "(no comment heading, no commenter's signature)"
        )

    model = sum(1 for b in cleaned.body if b.rule_id == MODEL_KEPT_RULE)
    if model:
        penalty += min(MODEL_KEPT_MAX, MODEL_KEPT_WEIGHT * model)
        reasons.append(f"{_plural(model, 'line')} kept by the line model against the hand rules")

    short = body_words < SHORT_MAX_WORDS and body_words < SHORT_SHARE * page_words
    if not kept_dense and not short:  # (a sliver of a story has its own reason below)
        penalty += NO_PROSE_WEIGHT
        reasons.append(
            f"no line of the story reads as prose ({DENSE_MIN_WORDS} words or more, a sentence): its bounds are a guess"
        )

    if short:
        penalty += SHORT_WEIGHT
        reasons.append(f"the story is {_plural(body_words, 'word')}, {body_words / page_words:.0%} of the page's")

    return Confidence(round(max(0.0, 1.0 - penalty), 2), tuple(reasons))


def confidence_lines(confidence: Confidence) -> list[str]:
    """The confidence as ``archive clean --explain`` prints it, after the lines: score, verdict, reasons."""
    if not confidence.reasons:
        return [f"       confidence {confidence.score:.2f}: nothing made the cleaner unsure"]
    verdict = f", below {REVIEW_BELOW}: needs review" if confidence.low else ""
    return [f"       confidence {confidence.score:.2f}{verdict}"] + [f"         - {r}" for r in confidence.reasons]
