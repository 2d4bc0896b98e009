"""What the learned line model sees of each line: numbers, not words.

Each line of a scrape is described by its own shape (length, punctuation,
stop words, list markers, the rules' tags) and by its neighbourhood (how much
running text surrounds it, where it sits on the page, what the hand rules
decided about it). No feature is a phrase: a model trained on these reads the
structure of a page, so it carries over to sites it never saw.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Sequence

import numpy as np

from archivist.clean import rulebook as R
from archivist.clean import rules
from archivist.clean.lines import (
    Line,
    ends_sentence,
    is_comment_signature,
    is_prose,
    is_short_sentence,
    is_story_line,
    is_title_case,
    line_tag,
    plain_words,
    stopwords_in,
    word_count,
)
from archivist.clean.memo import memo

_URL = re.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b")
_NOT_LETTER = re.compile(r"[\W\d_]")  # letters are the rest: fewer to find
_UPPER = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")
# The same counts for an ASCII line, from bytes (where \d is 0-9 and a letter
# A-Z or a-z): one translation names each byte's class, then each is counted.
_ASCII_PUNCTUATION = bytes(c for c in range(128) if rules.PUNCTUATION.match(chr(c)))
_ASCII_CLASSES = bytes(
    ord("l") if chr(c) in string.ascii_lowercase
    else ord("U") if chr(c) in string.ascii_uppercase
    else ord("d") if chr(c) in string.digits
    else ord("p") if c in _ASCII_PUNCTUATION
    else ord(" ")
    for c in range(256)
)  # fmt: skip


def _counts(text: str) -> tuple[int, int, int, int]:
    """(letters, upper-case A-Z, digits, punctuation marks) in a line: from
    the bytes' classes when the line is ASCII (most are), by pattern otherwise."""
    if text.isascii():
        classes = text.encode().translate(_ASCII_CLASSES)
        upper = classes.count(b"U")
        return classes.count(b"l") + upper, upper, classes.count(b"d"), classes.count(b"p")
    return (
        len(text) - len(_NOT_LETTER.findall(text)),
        len(_UPPER.findall(text)),
        len(_DIGIT.findall(text)),
        len(rules.PUNCTUATION.findall(text)),
    )


# The line's own shape: (name, how it is computed) in a fixed order.
OWN = (
    "log_words",
    "words_60",
    "story_line",
    "short_sentence",
    "prose",
    "ends_sentence",
    "list_item",
    "title_case",
    "punctuation_per_word",
    "digit_share",
    "upper_share",
    "url",
    "stopword_share",
    "signature",
    "starts_lower",
    "tag_chrome",
    "tag_related",
    "tag_comment_marker",
    "tag_metadata",
    "tag_break",
    "repeated",
)


@memo
def _own_text(text: str) -> tuple[float, ...]:
    """The features of a line that depend on its text alone (cached: pages of
    one site share their menus)."""
    words = word_count(text)
    plain = plain_words(text)
    letters, upper, digits, marks = _counts(text)
    letters = letters or 1
    tag = line_tag(text)
    return (
        math.log1p(words),
        min(words, 60) / 60,
        float(is_story_line(text)),
        float(is_short_sentence(text)),
        float(is_prose(text)),
        float(ends_sentence(text)),
        float(bool(rules.LIST_ITEM.match(text))),
        float(is_title_case(text)),
        min(marks / max(words, 1), 1.0),
        min(digits / letters, 1.0),
        upper / letters,
        float(bool(_URL.search(text))),
        (stopwords_in(plain) / len(plain)) if plain else 0.0,
        float(is_comment_signature(text)),
        float(text[:1].islower()),
        float(tag is not None and tag.reason == R.BOILERPLATE and tag is not R.RELATED),
        float(tag is R.RELATED),
        float(tag is R.MARKER),
        float(tag is not None and tag.reason == R.METADATA),
        float(tag is R.SCENE_BREAK),
    )


# What the hand rules decided (the verdict's rule id, grouped): the model
# learns where to trust them.
RULE_GROUPS = {
    R.BEFORE_STORY.id: "rule_before_story",
    R.AFTER_STORY.id: "rule_after_story",
    R.THREAD.id: "rule_comments",
    R.SIGNATURE.id: "rule_comments",
    R.AFTER_MARKER.id: "rule_after_marker",
}
CONTEXT = (
    "rule_kept",
    "rule_before_story",
    "rule_after_story",
    "rule_comments",
    "rule_after_marker",
    "position",
    "story_before",
    "story_after",
    "story_near_3",
    "story_near_10",
    "chrome_near_3",
    "list_near_3",
    "prev_story",
    "next_story",
    "prev_words",
    "next_words",
    "story_near_30",
    "prev_kept",
    "next_kept",
    "kept_distance",
    "inside_kept_span",
    "related_above",
    "marker_above",
)
NAMES = OWN + CONTEXT


def page_features(lines: Sequence[Line], kept: Sequence[bool], rule_of: Sequence[str]) -> np.ndarray:
    """One feature vector per line (a row, in NAMES' order), given the hand
    rules' verdict on each line (kept, and the id of the rule that decided). The
    neighbourhoods are sums over windows, taken from running totals."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(NAMES)))
    counts = Counter(line.text for line in lines)
    own = np.array([_own_text(line.text) + (float(counts[line.text] > 1),) for line in lines], dtype=np.float64)
    keep = np.array(kept, dtype=np.float64)
    index = np.arange(n)
    story_line, words, listed, chrome = own[:, 2], own[:, 1], own[:, 6], own[:, 15]
    story = story_line * np.minimum(words * 60, rules.REGION_WORD_CAP)  # story words per line

    def prefix(values: np.ndarray) -> np.ndarray:
        return np.concatenate(([0.0], np.cumsum(values)))

    ps, pc, pl, ps_line = prefix(story), prefix(chrome), prefix(listed), prefix(story_line)
    total = ps[-1] or 1.0

    def mean(p: np.ndarray, r: int) -> np.ndarray:  # the mean over each line's window of r lines either side
        a, b = np.maximum(0, index - r), np.minimum(n, index + r + 1)
        means: np.ndarray = (p[b] - p[a]) / (b - a)
        return means

    def shifted(values: np.ndarray, by: int) -> np.ndarray:  # the neighbour's value (0 past the page's ends)
        out = np.zeros(n)
        if by > 0:
            out[:-by] = values[by:]
        else:
            out[-by:] = values[:by]
        return out

    # distance (in lines) to the nearest line the rules kept, both ways
    kept_at = np.flatnonzero(keep)
    if len(kept_at):
        before = np.searchsorted(kept_at, index, side="right") - 1  # the last kept line at or above
        up = np.where(before >= 0, index - kept_at[np.maximum(before, 0)], n)
        at = np.searchsorted(kept_at, index)  # a kept line at or below
        below = np.where(at < len(kept_at), kept_at[np.minimum(at, len(kept_at) - 1)] - index, n)
        distance = np.minimum(up, below).astype(np.float64)
        first_kept, last_kept = kept_at[0], kept_at[-1]
    else:
        distance = np.full(n, float(n))
        first_kept, last_kept = n, -1
    # evidence above a line, once the story has begun: a heading of links to
    # other stories, a comment section marker (each counted from the next line on)
    started = index >= first_kept

    def above(column: np.ndarray) -> np.ndarray:
        seen = np.cumsum((column > 0) & started) > 0
        return shifted(seen.astype(np.float64), -1)

    groups = [RULE_GROUPS.get(rule, "") for rule in rule_of]
    context = np.column_stack(
        [
            keep,
            [g == "rule_before_story" for g in groups],
            [g == "rule_after_story" for g in groups],
            [g == "rule_comments" for g in groups],
            [g == "rule_after_marker" for g in groups],
            index / max(n - 1, 1),
            ps[:-1] / total,
            (total - ps[1:]) / total,
            mean(ps_line, 3),
            mean(ps_line, 10),
            mean(pc, 3),
            mean(pl, 3),
            shifted(story_line, -1),
            shifted(story_line, 1),
            shifted(words, -1),
            shifted(words, 1),
            mean(ps_line, 30),
            shifted(keep, -1),
            shifted(keep, 1),
            np.minimum(distance, 50.0) / 50,
            (first_kept <= index) & (index <= last_kept),
            above(own[:, 16]),
            above(own[:, 17]),
        ]
    ).astype(np.float64)
    return np.hstack([own, context])
