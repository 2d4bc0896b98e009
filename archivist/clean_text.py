"""Decide, line by line, what of a text or Markdown scrape is the story.

A scrape reads top to bottom as: page chrome, the article's head (title, dek,
byline, date, captions and credits), the story, its trailer (bio, credits,
syndication notice), then prompts and reader comments. The cleaner finds the
story's first paragraphs, reads the head before them and the trailer after
them, and cuts reader comments, marked or not. Every line it does not keep
gets a verdict with a reason and the rule that decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules
from .artifacts import is_markdown_quote, markdown_heading, undo_markdown, undo_text_artifacts
from .lines import (
    Line,
    bare_url,
    ends_sentence,
    is_attributed,
    is_boilerplate,
    is_break,
    is_comment_marker,
    is_comment_signature,
    is_credit,
    is_english,
    is_headline,
    is_image_artifact,
    is_place,
    is_promo,
    is_prose,
    is_syndication,
    is_title_case,
    looks_like_date,
    person_names,
    plain_words,
    word_count,
)
from .model import BlockKind, Source

# The reasons a line leaves the body (the export's "reason" field).
BOILERPLATE = "boilerplate"
COMMENT = "comment"
PULLQUOTE = "pullquote"
METADATA = "metadata"


@dataclass(frozen=True)
class Verdict:
    """What the cleaner decided about one line."""

    line: Line
    kind: BlockKind | None  # the block kind when kept, None when removed
    reason: str  # why removed ("" when kept)
    rule: str  # the rule that decided, in words

    @property
    def kept(self) -> bool:
        return self.kind is not None


def split_lines(source: Source) -> list[Line]:
    """The non-blank lines of a source, with their plain text."""
    markdown = source.format == "markdown"
    out = []
    for number, raw in enumerate(source.lines, start=1):
        if not raw.strip():
            continue
        if markdown:
            heading = markdown_heading(raw)
            out.append(
                Line(
                    number,
                    raw,
                    undo_markdown(raw),
                    heading_level=heading[0] if heading else 0,
                    quoted=is_markdown_quote(raw),
                )
            )
        else:
            out.append(Line(number, raw, undo_text_artifacts(raw)))
    return out


def _tag(line: Line) -> tuple[str, str] | None:
    """A verdict from the line alone, or None when its place must decide."""
    text = line.text
    if not text:
        return BOILERPLATE, "nothing left once markup is removed"
    if word_count(text) > rules.LONG_LINE_WORDS:
        # Only notices run long; every other rule is about short lines.
        if rules.CONTRIBUTORS.match(text):
            return METADATA, "contributors"
        if is_syndication(text):
            return METADATA, "syndication"
        return None
    if is_break(text):
        return "break", "scene break"
    if is_comment_marker(text):
        return BOILERPLATE, "comment section marker"
    if is_boilerplate(text):
        return BOILERPLATE, "site chrome, widget or prompt"
    if is_image_artifact(text):
        return BOILERPLATE, "image file name or alt text"
    if bare_url(text):
        return METADATA, "url"
    if looks_like_date(text):
        return METADATA, "date"
    byline = rules.BYLINE.match(text)
    if byline and word_count(text) <= rules.BYLINE_MAX_WORDS:
        if person_names(byline.group("names")):
            return METADATA, "byline"
        return BOILERPLATE, "byline naming no person"
    if rules.CONTRIBUTORS.match(text):
        return METADATA, "contributors"
    if is_syndication(text):
        return METADATA, "syndication"
    if is_credit(text):
        return METADATA, "credit"
    if is_promo(text):
        return BOILERPLATE, "promotion with a link"
    return None


def line_weight(text: str) -> float:
    """How much text a line holds, in words (CJK characters count as half a word)."""
    cjk = len(rules.CJK.findall(text))
    return word_count(text) + cjk / 2


def is_story_line(text: str) -> bool:
    """A line that reads as running text, in any script: sentences, not a
    list of words (a tag cloud or a menu run together has no punctuation)."""
    words = word_count(text)
    if words >= rules.PROSE_LONG_WORDS and len(rules.PUNCTUATION.findall(text)) * rules.WORDS_PER_MARK < words:
        return False
    if is_prose(text):
        return not rules.LIST_ITEM.match(text) or word_count(text) >= rules.PROSE_LONG_WORDS
    return line_weight(text) >= rules.PROSE_MIN_WORDS and bool(rules.CJK_SENTENCE_END.search(text))


def is_short_sentence(text: str) -> bool:
    """A short line that is still a sentence of the story: 'No, he said.'"""
    return (
        word_count(text) >= rules.SHORT_SENTENCE_MIN_WORDS
        and ends_sentence(text)
        and not text.rstrip().endswith((":", ","))
        and any(w.islower() for w in text.split()[1:])
    )


def _story_region(lines: list[Line], tags: list[tuple[str, str] | None], after: int) -> tuple[int, int]:
    """The densest run of story text: the segment with the largest score, where
    story lines add their words and everything else (menus, lists of links,
    short labels) takes some away. Returns (first, last + 1)."""
    best, best_span = 0.0, (after, after)
    total, first = 0.0, after
    for i in range(after, len(lines)):
        text = lines[i].text
        if tags[i] is None and is_story_line(text):
            score = min(line_weight(text), rules.REGION_WORD_CAP)
        elif tags[i] is not None and tags[i][0] == BOILERPLATE:
            score = -rules.REGION_CHROME_PENALTY - line_weight(text)
        elif tags[i] is not None:
            score = -1.0  # metadata lines (credits, dates) sit inside stories
        elif rules.LIST_ITEM.match(text):
            score = -rules.REGION_CHROME_PENALTY - line_weight(text)
        elif is_short_sentence(text):
            score = line_weight(text) * rules.REGION_SHORT_SENTENCE_SHARE  # '“Yes,” he said.'
        else:
            score = -rules.REGION_SHORT_PENALTY - line_weight(text) / 2
        if total <= 0:
            total, first = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (first, i + 1)
    return best_span


def _body_start(lines: list[Line], tags: list[tuple[str, str] | None], after: int, stop: int) -> int:
    """Index of the story's first line: a story line followed closely by
    another, that is not a caption (before a credit) and has no byline or
    date line after it (those belong to the head, before the story)."""

    def prose(i: int) -> bool:
        return tags[i] is None and is_story_line(lines[i].text)

    for i in range(after, stop):
        if not prose(i):
            continue
        window = range(i + 1, min(stop, i + 1 + rules.STORY_START_WINDOW))
        if i + 1 < len(lines) and tags[i + 1] == (METADATA, "credit"):
            continue
        if any(tags[j] is not None and tags[j][1] in ("date", "byline") for j in window):
            continue
        if any(prose(j) for j in window):
            return i
    return next((i for i in range(after, stop) if prose(i)), after)


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”?|\"[^\"]*\"?", " ", text)


def comment_score(line: Line, earlier: str) -> float:
    """How much a line reads like a reader's comment rather than the story.

    Only specific signals count (first or second person outside quotes,
    profanity, emoji, echoing the page, a quotation nobody is said to have
    said); shortness and exclamation only strengthen them."""
    text = line.text
    own_words = _outside_quotes(text)
    score = 0.0
    words = set(plain_words(own_words))
    for vocabulary, weight in rules.COMMENT_WORDS.values():
        if words & vocabulary:
            score += weight
    if rules.COMMENT_PROFANITY.search(text):
        score += rules.COMMENT_PROFANITY_WEIGHT
    if rules.COMMENT_EMOJI.search(text):
        score += rules.COMMENT_EMOJI_WEIGHT
    echo = echoes(text, earlier)
    attributed = is_attributed(own_words)
    if echo:
        score += rules.COMMENT_ECHO_WEIGHT
    elif text.lstrip().startswith(("“", '"')) and not attributed:
        score += rules.COMMENT_UNATTRIBUTED_QUOTE_WEIGHT
    if score > 0:
        if word_count(text) <= rules.COMMENT_SHORT_WORDS:
            score += rules.COMMENT_SHORT_WEIGHT
        if rules.COMMENT_EXCLAIM.search(own_words):
            score += rules.COMMENT_EXCLAIM_WEIGHT
    if echo:
        return score  # a commenter quoting the story: its attribution and figures are the story's
    if attributed:
        score += rules.COMMENT_ATTRIBUTION_WEIGHT
    if re.search(r"\d", own_words):
        score += rules.COMMENT_NUMBERS_WEIGHT
    return score


def echoes(text: str, earlier: str) -> bool:
    """True when a sentence of the line repeats words said earlier on the page."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        words = plain_words(sentence)
        if len(words) < rules.COMMENT_ECHO_MIN_WORDS:
            continue
        needle = " " + " ".join(words) + " "
        if needle in earlier:
            return True
    return False


def comment_tail(lines: list[Line], signatures: set[int] = frozenset()) -> int | None:  # type: ignore[assignment]
    """Index where a comment thread that no marker announced starts in these lines.

    With commenters' signatures (``signatures``: indexes of signature lines)
    the thread is placed by them: it starts at the first signature when each
    signature heads its comment, or one comment's length before it when each
    signature follows its comment. Without them, the thread is the tail of the
    page whose register differs from the story's; those signals are English,
    so on a page in another language no thread is assumed without signatures.
    """
    if len(signatures) >= rules.COMMENT_MIN_SIGNATURES:
        start = _thread_from_signatures(len(lines), sorted(signatures))
        return start if start < len(lines) else None
    if len(signatures) == 1:
        (only,) = signatures
        if len(lines) - 1 > only >= len(lines) * (1 - rules.COMMENT_LONE_SIGNATURE_TAIL):
            return only
    if not is_english(" ".join(line.text for line in lines)):
        return None
    earlier = ""  # the page so far, as " word word ... " with a line break between lines
    scores = []
    for line in lines:
        scores.append(comment_score(line, earlier))
        earlier += " " + " ".join(plain_words(line.text)) + " \n"
    best, best_gain, gain = None, rules.COMMENT_MIN_GAIN, 0.0
    for k in range(len(lines) - 1, rules.COMMENT_MIN_BODY - 1, -1):
        gain += scores[k] - rules.COMMENT_THRESHOLD
        if len(lines) - k >= rules.COMMENT_MIN_LINES and gain >= best_gain:
            best, best_gain = k, gain
    return best


def _thread_from_signatures(count: int, signatures: list[int]) -> int:
    gaps = sorted(b - a - 1 for a, b in zip(signatures, signatures[1:], strict=False))
    typical = gaps[len(gaps) // 2]
    heads_its_comment = signatures[-1] < count - 1  # text follows the last signature
    if heads_its_comment:
        return signatures[0]
    return max(rules.COMMENT_MIN_BODY, signatures[0] - max(1, typical))


def is_pullquote(line: Line, others: list[str]) -> bool:
    """A quotation plus a name, repeating words the story quotes elsewhere."""
    m = rules.PULLQUOTE.match(line.text)
    if not m or is_attributed(m.group("who")):
        return False
    quote = re.sub(r"\[[^\]]*\]", " … ", m.group("quote"))
    fragments = [plain_words(f) for f in re.split(r"\.\.\.|…", quote)]
    fragments = [f for f in fragments if len(f) >= rules.PULLQUOTE_MIN_FRAGMENT_WORDS]
    if not fragments:
        return False
    return all(any(" " + " ".join(f) + " " in o for o in others) for f in fragments)


def classify(source: Source) -> list[Verdict]:
    """A verdict for every non-blank line of the source, in order."""
    lines = split_lines(source)
    tags = [_tag(line) for line in lines]
    verdicts: dict[int, Verdict] = {}

    def decide(i: int, reason: str, rule: str, kind: BlockKind | None = None) -> None:
        verdicts[i] = Verdict(lines[i], kind, "" if kind else reason, rule)

    # The head: everything before the story's first paragraphs.
    h1 = next((i for i, line in enumerate(lines) if line.heading_level == 1), None)
    region_start, stop = _story_region(lines, tags, 0 if h1 is None else h1 + 1)
    start = _body_start(lines, tags, region_start, stop)
    title = h1
    if title is None:
        title = next(
            (
                i
                for i in range(start)
                if tags[i] is None
                and is_headline(lines[i].text)
                and not is_place(lines[i].text)
                and not rules.BIO.match(lines[i].text)
            ),
            None,
        )
    subtitle_found = False
    for i in range(start):
        text = lines[i].text
        if i == title:
            decide(i, METADATA, "title")
        elif tags[i] is not None:
            decide(i, *tags[i]) if tags[i][0] != "break" else decide(i, BOILERPLATE, "ornament before the story")
        elif (
            i > 0
            and verdicts.get(i - 1, None)
            and verdicts[i - 1].rule == "byline"
            and (word_count(text) <= rules.PUBLISHER_MAX_WORDS and is_title_case(text))
        ):
            decide(i, METADATA, "publisher")
        elif title is not None and i > title and i + 1 < len(lines) and tags[i + 1] == (METADATA, "credit"):
            decide(i, METADATA, "caption")
        elif title is not None and i > title and not subtitle_found and word_count(text) >= rules.SUBTITLE_MIN_WORDS:
            decide(i, METADATA, "subtitle")
            subtitle_found = True
        else:
            decide(i, BOILERPLATE, "page furniture before the story")

    # The end: a comment marker cuts everything after it.
    end = len(lines)
    marker = next((i for i in range(start, len(lines)) if tags[i] == (BOILERPLATE, "comment section marker")), None)
    stop = min(stop, marker) if marker is not None else stop
    if marker is not None:
        for i in range(marker, len(lines)):
            if tags[i] is not None and tags[i][0] == BOILERPLATE:
                decide(i, *tags[i])
            else:
                decide(i, COMMENT, "after the comment section marker")
        end = marker

    # Reader comments that no marker announced: a tail of the page whose
    # register differs from the story's, inside or just after the story.
    # Commenters' signatures ("Sarah says:", "by Kate on May 2, 2010 at 8:03 am")
    # mark a thread even where the page has no heading for it.
    signatures = {i for i in range(start + 1, end) if is_comment_signature(lines[i].text)}
    candidates = [
        i for i in range(start, end) if (tags[i] is None and not rules.BIO.match(lines[i].text)) or i in signatures
    ]
    tail = comment_tail([lines[i] for i in candidates], {k for k, i in enumerate(candidates) if i in signatures})
    if tail is not None:
        for i in candidates[tail:]:
            if i in signatures:
                decide(i, COMMENT, "commenter's signature")
            else:
                decide(i, COMMENT, "reader comments: their register differs from the story's")
        stop = min(stop, candidates[tail])

    # The trailer: bios, credits and notices after the last story paragraph,
    # then whatever follows the story (related links, footers).
    trailer = stop
    while trailer > start and (tags[trailer - 1] is not None or rules.BIO.match(lines[trailer - 1].text)):
        trailer -= 1
    for i in range(trailer, end):
        if i in verdicts:
            continue
        if tags[i] is None and rules.BIO.match(lines[i].text):
            decide(i, METADATA, "bio")
        elif tags[i] is None:
            decide(i, BOILERPLATE, "after the story")
        elif tags[i][0] == "break":
            decide(i, BOILERPLATE, "ornament after the story")
        else:
            decide(i, *tags[i])

    body = [i for i in range(start, trailer)]
    for i in body:
        if i in verdicts:
            continue
        if tags[i] is not None:
            if tags[i][0] == "break":
                decide(i, "", tags[i][1], kind="break")
            else:
                decide(i, *tags[i])
    remaining = [i for i in body if i not in verdicts]
    texts = {i: " " + " ".join(plain_words(lines[i].text)) + " " for i in remaining}
    following = {a: b for a, b in zip(remaining, remaining[1:], strict=False)}
    for i in remaining:
        line = lines[i]
        nxt = following.get(i)
        if rules.PULLQUOTE.match(line.text) and is_pullquote(line, [t for j, t in texts.items() if j != i]):
            decide(i, PULLQUOTE, "quotation repeated from the story with a name appended")
        elif line.heading_level >= 2:
            decide(i, "", "Markdown heading", kind="heading")
        elif line.quoted:
            decide(i, "", "Markdown block quote", kind="quote")
        elif (
            source.format == "text"
            and nxt is not None
            and i != remaining[0]
            and word_count(line.text) <= rules.HEADING_MAX_WORDS
            and not ends_sentence(line.text)
            and is_title_case(line.text)
            and is_prose(lines[nxt].text)
        ):
            decide(i, "", "short capitalised line before a paragraph", kind="heading")
        else:
            decide(i, "", "story paragraph", kind="paragraph")
    return [verdicts[i] for i in range(len(lines))]
