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
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from . import rules
from .lines import Line, ends_sentence, is_comment_signature, is_prose, is_title_case, plain_words, word_count

_URL = re.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")

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


@lru_cache(maxsize=1 << 16)
def _own_text(text: str) -> tuple[float, ...]:
    """The features of a line that depend on its text alone (cached: pages of
    one site share their menus)."""
    from .clean_text import _tag_text, is_short_sentence, is_story_line

    words = word_count(text)
    plain = plain_words(text)
    letters = len(_LETTER.findall(text)) or 1
    tag = _tag_text(text)
    reason, rule = tag if tag else ("", "")
    return (
        math.log1p(words),
        min(words, 60) / 60,
        float(is_story_line(text)),
        float(is_short_sentence(text)),
        float(is_prose(text)),
        float(ends_sentence(text)),
        float(bool(rules.LIST_ITEM.match(text))),
        float(is_title_case(text)),
        min(len(rules.PUNCTUATION.findall(text)) / max(words, 1), 1.0),
        min(len(_DIGIT.findall(text)) / letters, 1.0),
        len(_UPPER.findall(text)) / letters,
        float(bool(_URL.search(text))),
        (sum(1 for w in plain if w in rules.ENGLISH_STOPWORDS) / len(plain)) if plain else 0.0,
        float(is_comment_signature(text)),
        float(text[:1].islower()),
        float(reason == "boilerplate" and rule != "heading of links to other stories"),
        float(rule == "heading of links to other stories"),
        float(rule == "comment section marker"),
        float(reason == "metadata"),
        float(reason == "break"),
    )


# What the hand rules decided (the verdict's rule, grouped): the model
# learns where to trust them.
RULE_GROUPS = {
    "page furniture before the story": "rule_before_story",
    "after the story": "rule_after_story",
    "reader comments: a thread of signatures or short reactions": "rule_comments",
    "commenter's signature": "rule_comments",
    "after the comment section marker": "rule_after_marker",
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


def page_features(lines: Sequence[Line], kept: Sequence[bool], rule_of: Sequence[str]) -> list[list[float]]:
    """One feature vector per line (in NAMES' order), given the hand rules'
    verdict on each line (kept, and the rule that decided)."""
    n = len(lines)
    counts = Counter(line.text for line in lines)
    own = [list(_own_text(line.text)) + [float(counts[line.text] > 1)] for line in lines]
    story = [o[2] * min(o[1] * 60, rules.REGION_WORD_CAP) for o in own]  # story words per line
    total = sum(story) or 1.0
    chrome = [o[15] for o in own]
    listed = [o[6] for o in own]

    def prefix(values: list[float]) -> list[float]:
        out = [0.0]
        for v in values:
            out.append(out[-1] + v)
        return out

    ps, pc, pl = prefix(story), prefix(chrome), prefix(listed)
    ps_line = prefix([o[2] for o in own])

    def mean(p: list[float], i: int, r: int) -> float:
        a, b = max(0, i - r), min(n, i + r + 1)
        return (p[b] - p[a]) / (b - a)

    # distance (in lines) to the nearest line the rules kept, both ways
    distance = [float(n)] * n
    last = None
    for i in range(n):
        if kept[i]:
            last = i
        if last is not None:
            distance[i] = float(i - last)
    last = None
    for i in range(n - 1, -1, -1):
        if kept[i]:
            last = i
        if last is not None:
            distance[i] = min(distance[i], float(last - i))
    kept_lines = [i for i in range(n) if kept[i]]
    first_kept, last_kept = (kept_lines[0], kept_lines[-1]) if kept_lines else (n, -1)
    # evidence above a line, once the story has begun: a heading of links to
    # other stories, a comment section marker
    related_above, marker_above = [0.0] * n, [0.0] * n
    related = marker = False
    for i in range(n):
        related_above[i], marker_above[i] = float(related), float(marker)
        if i >= first_kept:
            related = related or own[i][16] > 0
            marker = marker or own[i][17] > 0
    out = []
    for i in range(n):
        group = RULE_GROUPS.get(rule_of[i], "")
        context = [
            float(kept[i]),
            float(group == "rule_before_story"),
            float(group == "rule_after_story"),
            float(group == "rule_comments"),
            float(group == "rule_after_marker"),
            i / max(n - 1, 1),
            ps[i] / total,
            (total - ps[i + 1]) / total,
            mean(ps_line, i, 3),
            mean(ps_line, i, 10),
            mean(pc, i, 3),
            mean(pl, i, 3),
            own[i - 1][2] if i > 0 else 0.0,
            own[i + 1][2] if i + 1 < n else 0.0,
            own[i - 1][1] if i > 0 else 0.0,
            own[i + 1][1] if i + 1 < n else 0.0,
            mean(ps_line, i, 30),
            float(kept[i - 1]) if i > 0 else 0.0,
            float(kept[i + 1]) if i + 1 < n else 0.0,
            min(distance[i], 50.0) / 50,
            float(first_kept <= i <= last_kept),
            related_above[i],
            marker_above[i],
        ]
        out.append(own[i] + context)
    return out
