"""Decide, line by line, what of a text or Markdown scrape is the story.

A scrape reads top to bottom as: page chrome, the article's head (title, dek,
byline, date, captions and credits), the story, its trailer (bio, credits,
syndication notice), then prompts, links to other stories and reader
comments. The cleaner finds the story's first paragraphs, reads the head
before them and the trailer after them, ends the story where links to other
stories or a run of page chrome take over for good, and cuts reader comments:
after a heading, at their commenters' signatures (recognised by their form or
by the shape they repeat, whatever the blog engine prints), or as a run of
short reactions that quote the page, never by their voice alone. Every
line gets a verdict carrying its rule (``rulebook``: a stable id, a reason,
a wording). The hand rules read the page in passes (``RULE_PASSES``: head,
end, thread, trailer, body); the learned line model then gives back what
they removed for its place only, when it reads a run of story there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Set
from dataclasses import dataclass, field

from archivist.clean import line_model, rules
from archivist.clean import rulebook as R
from archivist.clean.artifacts import is_markdown_quote, markdown_heading, undo_markdown, undo_text_artifacts
from archivist.clean.dates import parse_date
from archivist.clean.line_features import page_features
from archivist.clean.lines import (
    Line,
    ends_sentence,
    has_signature_hint,
    is_attributed,
    is_comment_signature,
    is_english_lines,
    is_headline,
    is_person_name,
    is_place,
    is_profile_link,
    is_prose,
    is_short_sentence,
    is_story_line,
    is_strong_signature,
    is_title_case,
    line_tag,
    line_weight,
    plain_words,
    signature_shape,
    word_count,
)
from archivist.clean.memo import memo, new_document
from archivist.clean.rulebook import BOILERPLATE, COMMENT, METADATA, Rule
from archivist.model import BlockKind, Source

# The rules that remove a line for its place on the page, not for what it is:
# the ones the learned line model may overrule.
PLACE_RULES = frozenset({R.BEFORE_STORY, R.AFTER_STORY, R.THREAD, R.AFTER_MARKER})


@dataclass(frozen=True)
class Verdict:
    """What the cleaner decided about one line."""

    line: Line
    kind: BlockKind | None  # the block kind when kept, None when removed
    rule: Rule  # the rule that decided
    wording: str = ""  # what the report says: the rule's wording, with the case's detail
    reason: str = ""  # why removed: the rule's reason, unless a curator gave one ("" when kept)

    def __post_init__(self) -> None:
        if not self.wording:
            object.__setattr__(self, "wording", self.rule.worded())
        object.__setattr__(self, "reason", "" if self.kind is not None else self.reason or self.rule.reason)

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
            out.append(Line(number, raw, _plain_text(raw)))
    return out


# Pages of one site share their menus and footers: about half the lines of a
# batch of scrapes recur, so the per-line answers are cached by text.
_plain_text = memo(undo_text_artifacts)


def _reason(tag: Rule | None) -> str | None:
    """What a line's tag removes it as (boilerplate, metadata...), None for an untagged line."""
    return None if tag is None else tag.reason


def _tag(line: Line) -> Rule | None:
    """A verdict from the line alone, or None when its place must decide."""
    return line_tag(line.text)


def _repeated_lines(lines: list[Line]) -> set[int]:
    """Indexes of story-length lines the page prints twice, close together or
    first as an item of a list: a photo caption over its photo and again under
    it, a list of links shown twice, a teaser in a list and again below."""
    seen: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if word_count(line.text) >= rules.PROSE_MIN_WORDS:
            seen.setdefault(rules.LIST_ITEM.sub("", line.text).strip().lower(), []).append(i)
    found: set[int] = set()
    for group in seen.values():
        if len(group) < 2:
            continue
        near = any(b - a <= rules.REPEAT_NEAR_LINES for a, b in zip(group, group[1:], strict=False))
        if near or rules.LIST_ITEM.match(lines[group[0]].text):
            found.update(group)
    return found


def _story_region(
    lines: list[Line],
    tags: list[Rule | None],
    after: int,
    before: int | None = None,
    repeated: set[int] | None = None,
) -> tuple[int, int]:
    """The densest run of story text: the segment with the largest score, where
    story lines add their words and everything else (menus, lists of links,
    short labels) takes some away. Returns (first, last + 1)."""
    best, best_span = 0.0, (after, after)
    total, first = 0.0, after
    repeated = _repeated_lines(lines) if repeated is None else repeated
    for i in range(after, len(lines) if before is None else before):
        text = lines[i].text
        if i in repeated:
            score = 0.0  # a photo caption shown twice, a headline in a list of links
        elif tags[i] is None and is_story_line(text):
            score = min(line_weight(text), rules.REGION_WORD_CAP)
        elif _reason(tags[i]) == BOILERPLATE:
            score = -rules.REGION_CHROME_PENALTY - line_weight(text)
        elif tags[i] is not None:
            score = -1.0  # metadata lines (credits, dates) sit inside stories
        elif rules.LIST_ITEM.match(text) and not is_prose(text):
            score = -rules.REGION_CHROME_PENALTY - line_weight(text)  # a menu or a list of links
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


def _body_start(lines: list[Line], tags: list[Rule | None], after: int, stop: int) -> int:
    """Index of the story's first line: a story line followed closely by
    another, that is not a caption (before a credit) and has no byline or
    date line after it (those belong to the head, before the story)."""

    def prose(i: int) -> bool:
        return tags[i] is None and is_story_line(lines[i].text)

    def listed(i: int) -> bool:  # an item of a list of sentences
        return tags[i] is None and bool(rules.LIST_ITEM.match(lines[i].text)) and is_prose(lines[i].text)

    for i in range(after, stop):
        if not prose(i):
            continue
        window = range(i + 1, min(stop, i + 1 + rules.STORY_START_WINDOW))
        if i + 1 < len(lines) and tags[i + 1] is R.CREDIT:
            continue
        if any(tags[j] in (R.DATE, R.BYLINE) for j in window):
            continue
        if any(prose(j) or listed(j) for j in window):
            return i
    return next((i for i in range(after, stop) if prose(i)), after)


def _resumes_after(lines: list[Line], tags: list[Rule | None], m: int, stop: int) -> int | None:
    """Where the story resumes after the heading of links at ``m``: the next
    story paragraph, if it comes soon and two paragraphs in a row follow (a
    box of links inside a story), else None (headlines and one-paragraph
    teasers follow, or an author's biography and the page's footer)."""

    def story(i: int) -> bool:
        return i < stop and tags[i] is None and is_story_line(lines[i].text) and not rules.BIO.match(lines[i].text)

    resumes = next((i for i in range(m + 1, stop) if story(i)), None)
    if resumes is None or resumes - m > rules.RELATED_BOX_MAX_LINES:
        return None
    window = []
    for i in range(resumes, min(stop, resumes + 1 + rules.RELATED_RESUME_WINDOW)):
        if tags[i] is R.RELATED:
            break
        window.append(story(i))
    if not any(a and b for a, b in zip(window, window[1:], strict=False)):
        return None  # teasers come one paragraph at a time, between headlines
    return resumes


def _story_end_at_related(lines: list[Line], tags: list[Rule | None], start: int, stop: int) -> tuple[int, list[range]]:
    """The story's end: the first heading of links to other stories after which
    the story does not resume. Also returns the boxes of links inside the
    story (the heading's lines up to the story's return)."""
    boxes: list[range] = []
    for m in range(start + 1, stop):
        if tags[m] is not R.RELATED:
            continue
        resumes = _resumes_after(lines, tags, m, stop)
        if resumes is None:
            return m, boxes
        boxes.append(range(m + 1, resumes))
    return stop, boxes


def _story_end_at_chrome(lines: list[Line], tags: list[Rule | None], start: int, stop: int) -> int:
    """The story's end at a run of page chrome (sharing, subscribing, tags, an
    author's biography...) between story paragraphs: a run holding several
    chrome lines after which the story does not resume (a few paragraphs
    within the next lines, before the next such run)."""

    def bio(i: int) -> bool:  # an author's biography closes a story as chrome does
        return tags[i] is None and bool(rules.BIO.match(lines[i].text))

    def story(i: int) -> bool:
        return tags[i] is None and is_story_line(lines[i].text) and not bio(i)

    runs = []  # (first, end) of runs of non-story lines holding enough chrome
    i = start
    while i < stop:
        if story(i):
            i += 1
            continue
        end = i
        while end < stop and not story(end):
            end += 1
        chrome = sum(1 for j in range(i, end) if _reason(tags[j]) == BOILERPLATE or bio(j))
        if chrome >= rules.CHROME_RUN_MIN and i > start:
            runs.append((i, end))
        i = end
    for k, (first, end) in enumerate(runs):
        until = runs[k + 1][0] if k + 1 < len(runs) else stop
        until = min(until, end + rules.CHROME_RESUME_WINDOW)
        if sum(1 for j in range(end, until) if story(j)) < rules.CHROME_RESUME_MIN:
            return first
    return stop


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_DIGIT = re.compile(r"\d")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _runs(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Each run of ``COMMENT_ECHO_MIN_WORDS`` consecutive words, in order."""
    return zip(*(words[k:] for k in range(rules.COMMENT_ECHO_MIN_WORDS)), strict=False)


class Earlier:
    """The page read so far, for ``echoes``: its lines' words as one string
    (" word word ... " with a line break between lines), and the runs of
    ``COMMENT_ECHO_MIN_WORDS`` words it holds, which spare most searches."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._text, self._joined = "", 0  # the parts joined so far, and how many
        self.runs: set[tuple[str, ...]] = set()
        self.asked: str | None = None  # the last line ``echoes`` was asked of, since the last add
        self.answer = False  # and its answer

    def add(self, text: str) -> None:
        self.asked = None
        words = plain_words(text)
        self._parts.append(" " + " ".join(words) + " \n")
        self.runs.update(_runs(words))

    def said(self, words: tuple[str, ...]) -> bool:
        """True when these words (``COMMENT_ECHO_MIN_WORDS`` or more) were said
        in a row on one line read so far."""
        if words[: rules.COMMENT_ECHO_MIN_WORDS] not in self.runs:
            return False  # its first words were never said together: no need to search
        if not all(run in self.runs for run in _runs(words)):
            return False  # nor some later run of them
        unjoined = len(self._parts) - self._joined
        if unjoined > self._joined:  # joined again only once the rest outgrows it: linear in all
            self._text, self._joined, unjoined = "".join(self._parts), len(self._parts), 0
        needle = " " + " ".join(words) + " "  # no line break in it: it never spans two lines
        return needle in self._text or (unjoined > 0 and needle in "".join(self._parts[self._joined :]))


def _profane(text: str) -> bool:
    """A quick test before COMMENT_PROFANITY: one of its words, or stems."""
    if not rules.COMMENT_PROFANITY_WORDS.isdisjoint(plain_words(text)):
        return True
    low = text.lower()
    return any(map(low.__contains__, rules.COMMENT_PROFANITY_STEMS))


def comment_score(line: Line, earlier: str | Earlier) -> float:
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
    if _profane(text) and rules.COMMENT_PROFANITY.search(text):
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
    if _DIGIT.search(own_words):
        score += rules.COMMENT_NUMBERS_WEIGHT
    return score


def echoes(text: str, earlier: str | Earlier) -> bool:
    """True when a sentence of the line repeats words said earlier on the page."""
    if not isinstance(earlier, Earlier):
        return _echoes(text, earlier)
    if earlier.asked != text:  # a line is asked twice in a row: for its score, then as evidence
        earlier.asked, earlier.answer = text, _echoes(text, earlier)
    return earlier.answer


def _echoes(text: str, earlier: str | Earlier) -> bool:
    for sentence in _SENTENCE_BREAK.split(text):
        words = plain_words(sentence)
        if len(words) < rules.COMMENT_ECHO_MIN_WORDS:
            continue
        if earlier.said(words) if isinstance(earlier, Earlier) else " " + " ".join(words) + " " in earlier:
            return True
    return False


def comment_tail(
    lines: list[Line],
    signatures: Set[int] = frozenset(),
    reactions: bool = True,
) -> int | None:
    """Index where a comment thread that no marker announced starts in these lines.

    With commenters' signatures (``signatures``: indexes of signature lines)
    the thread is placed by them: it starts at the first signature when each
    signature heads its comment, or one comment's length before it when each
    signature follows its comment. Without signatures, only a tail of short
    reactions is a thread (``reaction_tail``; not when ``reactions`` is off:
    a heading of the thread follows these lines): the voice of a text alone
    is no evidence (interviews, Q&As, tutorials and first-person columns read
    as comments do; cutting on register alone cut the story of 63 of the 791
    wcxb_text pages).
    """
    # A signature printed over consecutive lines is one signature.
    units: list[list[int]] = []
    for i in sorted(signatures):
        if units and units[-1][-1] == i - 1:
            units[-1].append(i)
        else:
            units.append([i])
    if len(units) >= rules.COMMENT_MIN_SIGNATURES:
        start = _thread_from_signatures(lines, units)
        return start if start < len(lines) else None
    if len(units) == 1:
        only, last = units[0][0], units[0][-1]
        late = only >= len(lines) * (1 - rules.COMMENT_LONE_SIGNATURE_TAIL)
        story_before = sum(1 for line in lines[:only] if is_story_line(line.text))
        signature = " ".join(lines[i].text for i in units[0])
        strong = story_before >= rules.COMMENT_LONE_MIN_STORY and is_strong_signature(signature)
        if len(lines) - 1 > last and (late or strong):
            return only
    return reaction_tail(lines) if reactions else None


def reaction_tail(lines: list[Line]) -> int | None:
    """Where a thread of short reactions starts at the end of these lines, or
    None. The tail whose register reads most like readers' (see
    ``comment_score``) is a thread only on evidence beyond its voice, since
    interviews, Q&As and first-person columns share that voice: its lines are
    short, as reactions are, and several of them quote the page before them
    word for word (a sentence, or a paragraph quoted whole; not a short line
    printed again, as widgets are) or carry emoji. The register's signals are English: on a
    page in another language no such thread is assumed."""
    if not is_english_lines([line.text for line in lines]):
        return None
    earlier = Earlier()
    seen: Counter[str] = Counter()  # whole lines: a widget printed again is no quotation
    scores, evidence = [], []
    for line in lines:
        scores.append(comment_score(line, earlier))
        again = seen[line.text]
        quotes = (not again or (again == 1 and is_story_line(line.text))) and echoes(line.text, earlier)
        evidence.append(quotes or bool(rules.COMMENT_EMOJI.search(line.text)))
        earlier.add(line.text)
        seen[line.text] += 1
    best, best_gain, gain = None, rules.COMMENT_MIN_GAIN, 0.0
    for k in range(len(lines) - 1, rules.COMMENT_MIN_BODY - 1, -1):
        gain += scores[k] - rules.COMMENT_THRESHOLD
        if len(lines) - k >= rules.COMMENT_MIN_LINES and gain >= best_gain:
            best, best_gain = k, gain
    if best is None or sum(evidence[best:]) < rules.REACTION_MIN_EVIDENCE:
        return None
    lengths = sorted(word_count(line.text) for line in lines[best:])
    return best if lengths[len(lengths) // 2] <= rules.REACTION_MAX_MEDIAN_WORDS else None


def repeated_signatures(lines: list[Line], indexes: list[int]) -> set[int]:
    """Indexes (among ``indexes``) of lines whose signature shape recurs between
    blocks of text: the commenters' signatures of a thread, in whatever format
    the page prints them."""
    groups: dict[str, list[int]] = {}
    for i in indexes:
        text = lines[i].text
        if word_count(text) > rules.SHAPE_MAX_WORDS or not (has_signature_hint(text) or is_profile_link(text)):
            continue  # no shape, or a bare name's at most
        shape = signature_shape(text)  # cached: asked of the same lines again
        if shape is None or shape == "w":
            continue  # not a signature, or a bare name (see _name_signatures)
        groups.setdefault(shape, []).append(i)
    found: set[int] = set()
    for shape, members in groups.items():
        named = "w" in shape.split()
        partners: list[int] = []
        if not named:
            # a bare date is a signature only beside a bare name, under it
            # ("jne" / "November 8th") or over it, on every member alike:
            # dated teasers have headlines over them
            for side in (-1, 1):
                partners = [i + side for i in members if 0 <= i + side < len(lines)]
                partners = [i for i in partners if _bare_name(lines[i].text)]
                if len(partners) == len(members):
                    break
            else:
                members = [i for i in members if i > 0 and _bare_name(lines[i - 1].text)]
                partners = [i - 1 for i in members]
        if len(members) < rules.SHAPE_MIN_REPEATS:
            continue
        # each between blocks of text: a list of dated lines is not a thread
        if all(b - a >= 3 - named for a, b in zip(members, members[1:], strict=False)):
            found.update(members)
            found.update(partners)
    return found


def _bare_name(text: str) -> bool:
    """A short line that is a name and nothing else (a commenter's handle)."""
    return signature_shape(text) == "w" and not rules.LIST_ITEM.match(text) and not rules.NAME_LINE_NOT.search(text)


def _template_labels(keys: list[str]) -> set[str]:
    """The lines among ``keys`` that recur in the same turn each time, at
    least twice over ("Overview", "Advantages", "Disadvantages" under each
    item of a guide): a template's labels. Commenters answer in no fixed
    turn; two may alternate, so a turn has at least three labels."""
    counts = Counter(keys)
    recurring = [k for k in keys if counts[k] > 1]
    found: set[str] = set()
    for period in range(rules.TEMPLATE_MIN_LABELS, rules.TEMPLATE_MAX_LABELS + 1):
        for a in range(len(recurring) - 2 * period + 1):
            turn = recurring[a : a + period]
            if len(set(turn)) == period and recurring[a + period : a + 2 * period] == turn:
                found.update(turn)
    return found


def _name_like(text: str) -> bool:
    """A handle ("quietreader42") or a person's name ("Ana Ruiz"), not a
    label in sentence case ("Key quote") or a heading ("The Role of
    Repetition"): a recurring line of these is a section's, not a commenter's."""
    return len(text.split()) == 1 or is_person_name(text)


def _under_name(names: list[int], k: int, last: int) -> int:
    """One past the last line under the k-th name: the next name, or a block's
    most lines after the last one (never past ``last``)."""
    return names[k + 1] if k + 1 < len(names) else min(last, names[k] + 1 + rules.NAME_BLOCK_MAX_LINES)


def _name_signatures(lines: list[Line], tags: list[Rule | None], first: int, last: int) -> set[int]:
    """Commenters' signatures that are bare names ("quietreader42", "Ana Ruiz"):
    short lines of their own, each followed by text in a commenter's register,
    where some name recurs (a regular, or the author answering). Names alone
    are too like subheadings to count otherwise."""

    def name(i: int) -> bool:
        return tags[i] is None and _bare_name(lines[i].text)

    names = [i for i in range(first, last) if name(i)]
    if len(names) < rules.NAME_THREAD_MIN_NAMES:
        return set()

    def talks(k: int, least: float = 0.0) -> bool:  # the text under the k-th name reads as a comment
        block = range(names[k] + 1, min(_under_name(names, k, last), names[k] + 1 + rules.NAME_BLOCK_MAX_LINES))
        if not block or set(plain_words(lines[names[k]].text)) & set(plain_words(lines[block[0]].text)):
            return False  # nothing under it, or a heading the text under it takes up ("Acme" / "Acme watch for $90")
        return any(comment_score(lines[i], "") > least for i in block)

    # A word the page's own sentences use in lower case is a common word: a
    # label recurring over sections ("Key quote", "Overview"), not a name.
    common: set[str] = set()
    for line in lines:
        if is_story_line(line.text):
            common.update(filter(str.islower, line.text.split()))
    seen: dict[str, int] = {}
    thread = None  # index in names of the first name that recurs
    template = _template_labels([lines[i].text.lower() for i in names])
    for k, i in enumerate(names):
        key = lines[i].text.lower()
        label = (
            key in template or all(w.strip(".,!?'’") in common for w in key.split()) or not _name_like(lines[i].text)
        )
        if key in seen and not label and i - names[seen[key]] > 1 and (thread is None or seen[key] < thread):
            thread = seen[key]
        seen.setdefault(key, k)
    if thread is None:
        thread = _quoting_names(lines, names, last)
    if thread is None:
        return set()
    # the thread may start with names that do not recur, just before, over
    # text that reads clearly as a comment
    while (
        thread > 0
        and talks(thread - 1, rules.NAME_FIRST_COMMENT_SCORE)
        and names[thread] - names[thread - 1] <= rules.NAME_BLOCK_MAX_LINES + 1
    ):
        thread -= 1
    speaking = sum(1 for k in range(thread, len(names)) if talks(k))
    if not speaking or speaking * rules.NAME_THREAD_TALKING_SHARE < len(names) - thread:
        return set()
    # comments are short; sections under subheadings run long
    sizes = []
    for k in range(thread, len(names)):
        sizes.append(sum(word_count(lines[i].text) for i in range(names[k] + 1, _under_name(names, k, last))))
    if sorted(sizes)[len(sizes) // 2] > rules.NAME_BLOCK_MAX_MEDIAN_WORDS:
        return set()
    return set(names[thread:])


def _quoting_names(lines: list[Line], names: list[int], last: int) -> int | None:
    """Where a thread of names that never recur starts (an index in ``names``),
    or None: the run of names that ends the page's text, each over a short
    block, where several blocks quote the page before the run word for word
    (readers quote the story they answer; subheadings do not quote it)."""
    k = len(names) - 1
    while k > 0 and names[k] - names[k - 1] <= rules.NAME_BLOCK_MAX_LINES + 1:
        k -= 1
    run = names[k:]
    if len(run) < rules.NAME_QUOTING_MIN_NAMES:
        return None
    blocks = [[lines[j].text for j in range(i + 1, _under_name(run, n, last))] for n, i in enumerate(run)]
    sizes = sorted(sum(word_count(t) for t in block) for block in blocks)
    if sizes[len(sizes) // 2] > rules.NAME_QUOTING_MAX_MEDIAN_WORDS:
        return None  # blocks too long for comments: the page before them need not be read
    earlier = Earlier()
    for line in lines[: run[0]]:
        earlier.add(line.text)
    quoting = sum(any(echoes(t, earlier) for t in block) for block in blocks)
    return None if quoting < rules.REACTION_MIN_EVIDENCE else k


def _page_signatures(lines: list[Line], tags: list[Rule | None]) -> set[int]:
    """Indexes of the page's lines that are signatures on their own or as part
    of a signature block (see ``_signatures``)."""
    found = {i for i, line in enumerate(lines) if is_comment_signature(line.text)}
    return found | _signature_blocks(lines, tags)


def _signatures(lines: list[Line], tags: list[Rule | None], first: int, last: int, page: set[int]) -> set[int]:
    """Indexes in [first, last) of commenters' signatures: lines in a
    signature's form (``page``, from ``_page_signatures``), and lines whose
    shape recurs as signatures' do."""
    found = {i for i in page if first <= i < last}
    eligible = [
        i
        for i in range(first, last)
        if tags[i] is None
        or _reason(tags[i]) == METADATA
        or tags[i] is R.NO_PERSON
        or (tags[i] is R.PROMO and is_profile_link(lines[i].text))
    ]
    return found | repeated_signatures(lines, eligible)


def _signature_blocks(lines: list[Line], tags: list[Rule | None]) -> set[int]:
    """Short lines that together make one strong signature ("Name" /
    "August 9th, 2012" / "2:13 pm"); never chrome or a byline."""
    found: set[int] = set()
    # A strong signature has a time of day: look only around one.
    timed = [i for i, line in enumerate(lines) if ":" in line.text and rules.SHAPE_TIME_OF_DAY.search(line.text)]

    def part(i: int) -> bool:  # a name, or a date or time
        text = lines[i].text
        if tags[i] is not None and tags[i] is not R.DATE:
            return False
        if word_count(text) <= rules.SHAPE_NAME_MAX_WORDS and not ends_sentence(text):
            return True
        return word_count(text) <= rules.SIGNATURE_BLOCK_LINE_WORDS and signature_shape(text) is not None

    for t in timed:
        if t in found or not part(t):
            continue
        low, high = t, t
        while low > 0 and t - low < rules.SIGNATURE_BLOCK_LINES - 1 and part(low - 1):
            low -= 1
        while high < len(lines) - 1 and high - low < rules.SIGNATURE_BLOCK_LINES - 1 and part(high + 1):
            high += 1
        blocks = [
            range(a, a + size)
            for size in range(1, rules.SIGNATURE_BLOCK_LINES + 1)
            for a in range(max(low, t - size + 1), min(t, high - size + 1) + 1)
        ]
        for block in blocks:
            if is_strong_signature(" ".join(lines[i].text for i in block)):
                found.update(block)
                break
    return found


def _thread_in_region(
    lines: list[Line], tags: list[Rule | None], after: int, first: int, stop: int, page: set[int]
) -> int | None:
    """The first signature of a comment thread whose signatures run into the
    story region [first, stop), else None. The thread is the run of
    signatures, each within reach of the next (a few times the thread's usual
    distance between signatures), around the first one in the region."""
    signatures = sorted(_signatures(lines, tags, after, len(lines), page))
    inside = [k for k, i in enumerate(signatures) if first <= i < stop]
    if not inside:
        return None
    gaps = sorted(b - a for a, b in zip(signatures[inside[0] :], signatures[inside[0] + 1 :], strict=False))
    reach = max(rules.THREAD_MIN_REACH, rules.THREAD_REACH_FACTOR * gaps[len(gaps) // 2]) if gaps else 0
    k = inside[0]
    while k > 0 and signatures[k] - signatures[k - 1] <= reach:
        k -= 1
    last = inside[0]
    while last + 1 < len(signatures) and signatures[last + 1] - signatures[last] <= reach:
        last += 1
    if signatures[k] <= after:
        return None

    def units(a: int, b: int) -> int:  # signatures in [a, b), one per run of adjacent lines
        return sum(1 for j in range(a, b) if j == a or signatures[j] - signatures[j - 1] > 1)

    if signatures[k] < first:  # the region is inside the thread
        if units(k, inside[0]) >= rules.THREAD_MIN_BEFORE_REGION:
            return signatures[k]
        # one signature before the region: a strong one, printed like the
        # next (not a byline and a dateline in the page's head)
        unit = signatures[k : inside[0]]
        following = [i for i in signatures[inside[0] :] if i - signatures[inside[0]] <= rules.SIGNATURE_BLOCK_LINES]
        shapes = {signature_shape(lines[i].text) for i in unit} & {signature_shape(lines[i].text) for i in following}
        strong = is_strong_signature(" ".join(lines[i].text for i in unit))
        return signatures[k] if strong and shapes - {None} and unit[-1] - unit[0] == len(unit) - 1 else None
    # a thread that starts inside the region, not a dateline or two
    return signatures[k] if units(k, last + 1) >= rules.THREAD_MIN_SIGNATURES else None


def _thread_from_signatures(lines: list[Line], units: list[list[int]]) -> int:
    """Where a thread starts, given its signatures (runs of adjacent lines).
    A signature heads its comment when a commenter's verb introduces it
    ("Ann says:"), when it is a name on a line of its own above a date, or
    when text follows the last one; otherwise each follows its comment, and
    the first comment is about as long as the others."""
    first = units[0]
    verb = any(
        sym in rules.SHAPE_SIGNATURE_WORDS for i in first for sym in (signature_shape(lines[i].text) or "").split()
    )
    named = len(first) > 1 and signature_shape(lines[first[0]].text) == "w"  # "Ann" / "May 2, 2012 8:03 am"
    if verb or named or units[-1][-1] < len(lines) - 1:
        return first[0]
    gaps = sorted(b[0] - a[-1] - 1 for a, b in zip(units, units[1:], strict=False))
    typical = gaps[len(gaps) // 2]
    start = max(rules.COMMENT_MIN_BODY, first[0] - max(1, typical))
    # The first comment's length is a guess: a line far longer than any of the
    # other comments' is the story's, not the comment's (recall first).
    between = [i for a, b in zip(units, units[1:], strict=False) for i in range(a[-1] + 1, b[0])]
    longest = max((word_count(lines[i].text) for i in between), default=0)
    while start < first[0] - 1 and word_count(lines[start].text) > longest * rules.FIRST_COMMENT_MAX_RATIO:
        start += 1
    return start


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


def _below_headline(lines: list[Line], tags: list[Rule | None], after: int, stop: int) -> int:
    """The first line in [after, stop) that no rule names, past it when it reads as a headline."""
    head = next((i for i in range(after, stop) if tags[i] is None), stop)
    return head + (head < stop and is_headline(lines[head].text))


def _lone_comment(
    lines: list[Line], tags: list[Rule | None], after: int, first: int, stop: int, page: set[int]
) -> int | None:
    """The signature heading a story region [first, stop) that is one reader's
    comment (see ``rules.LONE_COMMENT_MAX_WORDS``), else None."""
    sig = first - 1
    if sig <= after or sig not in page or stop < len(lines) - rules.LONE_COMMENT_FOOTER_LINES:
        return None
    if "T" not in (signature_shape(lines[sig].text) or "").split() or not is_strong_signature(lines[sig].text):
        return None
    if not any(tags[i] in (R.BYLINE, R.NO_PERSON, R.DATE) for i in range(sig)):
        return None
    region = sum(word_count(lines[i].text) for i in range(first, len(lines)))
    above = sum(word_count(lines[i].text) for i in range(after, sig) if tags[i] is None)
    if region > rules.LONE_COMMENT_MAX_WORDS or region >= above:
        return None
    return sig


def _story_bounds(lines: list[Line], tags: list[Rule | None], after: int, page_signatures: set[int]) -> tuple[int, int]:
    """The story's first line and the end of its densest part (first, stop)."""
    repeated = _repeated_lines(lines)
    region_start, stop = _story_region(lines, tags, after, repeated=repeated)
    # A story region inside a comment thread (a short or list-like story, then
    # a long thread): the story is before the thread's first signature.
    thread = _thread_in_region(lines, tags, after, region_start, stop, page_signatures)
    if thread is not None and thread <= region_start:
        # what the page holds between the story's start and the thread is
        # the story (lists and all), less its chrome
        region_start, _ = _story_region(lines, tags, after, thread, repeated)
        stop = thread
    if thread is None:
        thread = _lone_comment(lines, tags, after, region_start, stop, page_signatures)
        if thread is not None:  # the story is the page above the signature
            region_start, stop = _below_headline(lines, tags, after, thread), thread
    if region_start == stop:  # no line reads as running text: the story is what no rule names (recall first)
        region_start, stop = _below_headline(lines, tags, after, len(lines)), len(lines)
    start = _body_start(lines, tags, region_start, stop)
    if thread is not None and start >= thread:  # the story starts before the thread
        start = _body_start(lines, tags, region_start, thread)
    related = next((m for m in range(region_start, start) if tags[m] is R.RELATED), None)
    if related is not None and any(
        tags[i] is None and is_story_line(lines[i].text) for i in range(region_start, related)
    ):
        # the story starts before a heading of links to other stories, not in its teasers
        start = _body_start(lines, tags, region_start, related)
    return start, stop


def classify(source: Source) -> list[Verdict]:
    """A verdict for every non-blank line of the source, in order: the hand
    rules', then the lines they removed for their place on the page (before
    the story's start, after its end, in a comment thread) that the learned
    line model reads as runs of story are given back: recall first, where the
    two disagree the line is kept. A line cut on evidence (a reader's comment
    after a marker, between signatures or among reactions; a line after a
    heading of links to other stories) is given back only when the model
    reads the line itself as more likely story than not. A line
    removed for what it is (a share button, an image's file name, a byline, a
    date) stays removed."""
    lines = split_lines(source)
    verdicts = rule_verdicts(source, lines)
    if not lines:
        return verdicts
    rows = page_features(lines, [v.kept for v in verdicts], [v.rule.id for v in verdicts])
    story, probability = line_model.load().story_runs(rows)
    return dek_as_story(given_back(verdicts, story, probability))


def dek_as_story(verdicts: list[Verdict]) -> list[Verdict]:
    """The dek kept as the story when it holds more than half as many words as
    the story kept below it: a dek sums up a longer story, so a "dek" that
    outweighs what follows is the story itself (a one-paragraph post), and
    moving it to the metadata would lose it from the body. Recall first."""
    dek = next((i for i, v in enumerate(verdicts) if v.rule is R.SUBTITLE), None)
    if dek is None:
        return verdicts
    story = sum(word_count(v.line.text) for v in verdicts if v.kept and v.kind == "paragraph")
    if story >= rules.DEK_STORY_RATIO * word_count(verdicts[dek].line.text):
        return verdicts
    out = list(verdicts)
    out[dek] = Verdict(verdicts[dek].line, "paragraph", R.DEK_IS_STORY)
    return out


def given_back(verdicts: list[Verdict], story: list[bool], probability: list[float]) -> list[Verdict]:
    """The rules' verdicts with the lines the line model reads as story given
    back (see ``classify``): ``story`` is the decoded runs, ``probability``
    each line's own."""
    out = []
    evidence = False  # past a heading of links to other stories: what follows is theirs
    for v, is_story, p in zip(verdicts, story, probability, strict=True):
        evidence = evidence or v.rule is R.RELATED
        sure = p >= rules.LEARNED_SURE
        if is_story and not v.kept and v.rule in PLACE_RULES and (sure or not (evidence or v.reason == COMMENT)):
            v = Verdict(v.line, "paragraph", R.LEARNED, R.LEARNED.worded(f"p={p:.2f}; the rules said: {v.wording}"))
        out.append(v)
    return out


@dataclass
class _Reading:
    """What the rule passes share as they read a page top to bottom: its lines
    and their tags, the verdicts given so far, and where the story stands."""

    source: Source
    lines: list[Line]
    tags: list[Rule | None]
    verdicts: dict[int, Verdict] = field(default_factory=dict)
    page_signatures: set[int] = field(default_factory=set)
    start: int = 0  # the story's first line
    stop: int = 0  # one past its last, as the passes find its end
    end: int = 0  # one past the last line a thread may be read in (a comment marker's line, or the page's end)
    marker: int | None = None  # a comment section marker's line
    in_box: set[int] = field(default_factory=set)  # lines under a heading of links inside the story
    trailer: int = 0  # where the trailer (bios, credits, notices) begins

    def decide(self, i: int, rule: Rule, kind: BlockKind | None = None) -> None:
        self.verdicts[i] = Verdict(self.lines[i], kind, rule)


def _head_pass(r: _Reading) -> None:
    """The story's bounds, and the head before it: title, dek, byline, captions, furniture."""
    lines, tags = r.lines, r.tags
    h1 = next((i for i, line in enumerate(lines) if line.heading_level == 1), None)
    after = 0 if h1 is None else h1 + 1
    r.page_signatures = _page_signatures(lines, tags)
    r.start, r.stop = _story_bounds(lines, tags, after, r.page_signatures)
    title = h1
    if title is None:
        title = next(
            (
                i
                for i in range(r.start)
                if tags[i] is None
                and is_headline(lines[i].text)
                and not is_place(lines[i].text)
                and not rules.BIO.match(lines[i].text)
            ),
            None,
        )
    subtitle_found = False
    for i in range(r.start):
        text = lines[i].text
        if i == title:
            r.decide(i, R.TITLE)
        elif (tag := tags[i]) is not None:
            r.decide(i, tag if tag is not R.SCENE_BREAK else R.ORNAMENT_BEFORE)
        elif (
            i > 0
            and r.verdicts.get(i - 1, None)
            and r.verdicts[i - 1].rule is R.BYLINE
            and (word_count(text) <= rules.PUBLISHER_MAX_WORDS and is_title_case(text))
        ):
            r.decide(i, R.PUBLISHER)
        elif title is not None and i > title and i + 1 < len(lines) and tags[i + 1] is R.CREDIT:
            r.decide(i, R.CAPTION)
        elif title is not None and i > title and not subtitle_found and word_count(text) >= rules.SUBTITLE_MIN_WORDS:
            r.decide(i, R.SUBTITLE)
            subtitle_found = True
        else:
            r.decide(i, R.BEFORE_STORY)


def _end_pass(r: _Reading) -> None:
    """The story's end: a heading of links to other stories ends it, so does a
    run of page chrome; a comment marker cuts everything after it."""
    lines, tags = r.lines, r.tags
    r.stop, boxes = _story_end_at_related(lines, tags, r.start, r.stop)
    r.in_box = {i for box in boxes for i in box}
    r.stop = _story_end_at_chrome(lines, tags, r.start, r.stop)
    r.end = len(lines)
    r.marker = next((i for i in range(r.start, len(lines)) if tags[i] is R.MARKER), None)
    if r.marker is not None:
        r.stop = min(r.stop, r.marker)
        for i in range(r.marker, len(lines)):
            if (tag := tags[i]) is not None and tag.reason == BOILERPLATE:
                r.decide(i, tag)
            else:
                r.decide(i, R.AFTER_MARKER)
        r.end = r.marker


def _thread_pass(r: _Reading) -> None:
    """Reader comments that no marker announced, inside or just after the
    story. Commenters' signatures ("Sarah says:", "by Kate on May 2, 2010 at
    8:03 am") mark a thread even where the page has no heading for it."""
    lines, tags = r.lines, r.tags
    signatures = _signatures(lines, tags, r.start + 1, r.end, r.page_signatures)
    if not signatures or any(is_profile_link(lines[i].text) for i in signatures):
        # a thread whose signatures are bare names; or whose commenters are
        # named under a link to their profile, and by name alone without one
        signatures |= _name_signatures(lines, tags, r.start + 1, r.end)
    candidates = [
        i for i in range(r.start, r.end) if (tags[i] is None and not rules.BIO.match(lines[i].text)) or i in signatures
    ]
    tail = comment_tail(
        [lines[i] for i in candidates], {k for k, i in enumerate(candidates) if i in signatures}, r.marker is None
    )
    if tail is None:
        tail = _signed_last_comment(r, candidates, signatures)
    if tail is None:
        tail = _lone_later_timestamp(r, candidates)
    if tail is None:
        return
    for i in candidates[tail:]:
        r.decide(i, R.SIGNATURE if i in signatures else R.THREAD)
    # Between the story's densest part and a thread: the story's end
    # (a list, a sign-off) unless page chrome stands there.
    clean_gap = not any(_reason(tags[i]) == BOILERPLATE for i in range(r.stop, candidates[tail]))
    r.stop = candidates[tail] if clean_gap else min(r.stop, candidates[tail])


def _page_date(r: _Reading) -> str | None:
    """The story's own date, from its head (a date line or a dated byline)."""
    for i in range(r.start):
        if r.tags[i] in (R.DATE, R.BYLINE, R.NO_PERSON) and _DIGIT.search(r.lines[i].text):
            found = parse_date(r.lines[i].text)
            if found:
                return found
    return None


def _dated_after_story(r: _Reading, text: str) -> bool:
    """Whether ``text`` holds a date later than the story's own (False when either is unknown)."""
    story_date, dated = _page_date(r), parse_date(text)
    return story_date is not None and dated is not None and dated > story_date


def _signed_last_comment(r: _Reading, candidates: list[int], signatures: set[int]) -> int | None:
    """Where one reader's comment starts (an index in ``candidates``) when the
    page ends with it and its signature after it ("Posted by: Ana | November
    7, 2012 at 10:59 AM"), or None. The signature is a name with a date
    later than the story's own: a post's footer carries the post's date; a
    comment comes after the post. The comment is the paragraph above its
    signature and those before it in a commenter's register."""
    if len(candidates) < rules.COMMENT_MIN_BODY + 2:
        return None
    k = len(candidates) - 1
    while k > 0 and candidates[k - 1] == candidates[k] - 1 and candidates[k - 1] in signatures:
        k -= 1  # a signature printed over consecutive lines
    signature = " ".join(r.lines[i].text for i in candidates[k:])
    if word_count(signature) > rules.STRONG_SIGNATURE_MAX_WORDS:
        return None
    shape = signature_shape(signature)
    if shape is None or "w" not in shape.split() or not rules.SHAPE_TIMESTAMP.search(shape):
        return None  # no name, or no date
    if not _dated_after_story(r, signature):
        return None
    first = k - 1
    while (
        first - 1 >= rules.COMMENT_MIN_BODY
        and k - first < rules.NAME_BLOCK_MAX_LINES
        and candidates[first - 1] not in signatures
        and comment_score(r.lines[candidates[first - 1]], "") > 0
    ):
        first -= 1
    return first if first >= rules.COMMENT_MIN_BODY else None


def _lone_later_timestamp(r: _Reading, candidates: list[int]) -> int | None:
    """Where one unsigned comment starts (an index in ``candidates``): the
    page's only timestamp after the story's start, a date with a time of
    day ("Aug 6, 2012" / "5:06 pm EDT"), later than the story's own date,
    in the second half of the page and with text after it. A live blog's entries carry many
    timestamps; a story's update says so ("Updated")."""
    stamps = []
    for i in range(r.start + 1, r.end):
        text = r.lines[i].text
        if ":" in text and rules.SHAPE_TIME_OF_DAY.search(text):
            low = i - 1 if r.tags[i - 1] is R.DATE else i
            shape = signature_shape(" ".join(line.text for line in r.lines[low : i + 1]))
            if shape is not None and "w" not in shape.split() and rules.SHAPE_TIMESTAMP.search(shape):
                stamps.append((low, i))
            elif shape is None or "T" in shape.split():
                return None  # another kind of timestamp: not one comment's alone
    if len(stamps) != 1:
        return None
    low, high = stamps[0]
    if not any(i > high for i in candidates) or low < r.start + (r.end - r.start) / 2:
        return None
    if not _dated_after_story(r, " ".join(line.text for line in r.lines[low : high + 1])):
        return None
    return next(k for k, i in enumerate(candidates) if i >= low)


def _trailer_pass(r: _Reading) -> None:
    """The trailer: bios, credits and notices after the last story paragraph,
    then whatever follows the story (related links, footers)."""
    lines, tags = r.lines, r.tags
    r.trailer = r.stop
    while r.trailer > r.start and (tags[r.trailer - 1] is not None or rules.BIO.match(lines[r.trailer - 1].text)):
        r.trailer -= 1
    for i in range(r.trailer, r.end):
        if i in r.verdicts:
            continue
        tag = tags[i]
        if tag is None and rules.BIO.match(lines[i].text):
            r.decide(i, R.BIO)
        elif tag is None:
            r.decide(i, R.AFTER_STORY)
        elif tag is R.SCENE_BREAK:
            r.decide(i, R.ORNAMENT_AFTER)
        else:
            r.decide(i, tag)


def _body_pass(r: _Reading) -> None:
    """The story itself: each line a paragraph, heading, quote or break,
    but for links under a heading of links and pull quotes repeated from it."""
    lines, tags = r.lines, r.tags
    body = [i for i in range(r.start, r.trailer) if i not in r.verdicts]
    for i in body:
        if (tag := tags[i]) is not None:
            r.decide(i, tag, kind="break" if tag is R.SCENE_BREAK else None)
    remaining = [i for i in body if i not in r.verdicts]
    texts = {i: " " + " ".join(plain_words(lines[i].text)) + " " for i in remaining}
    following = {a: b for a, b in zip(remaining, remaining[1:], strict=False)}
    for i in remaining:
        line = lines[i]
        nxt = following.get(i)
        if i in r.in_box and not is_story_line(line.text) and not line.text.rstrip().endswith((".", ":")):
            r.decide(i, R.RELATED_LINK)
        elif rules.PULLQUOTE.match(line.text) and is_pullquote(line, [t for j, t in texts.items() if j != i]):
            r.decide(i, R.PULLQUOTE_NAMED)
        elif line.heading_level >= 2:
            r.decide(i, R.MARKDOWN_HEADING, kind="heading")
        elif line.quoted:
            r.decide(i, R.MARKDOWN_QUOTE, kind="quote")
        elif (
            r.source.format == "text"
            and nxt is not None
            and i != remaining[0]
            and word_count(line.text) <= rules.HEADING_MAX_WORDS
            and not ends_sentence(line.text)
            and is_title_case(line.text)
            and is_prose(lines[nxt].text)
        ):
            r.decide(i, R.SHORT_HEADING, kind="heading")
        else:
            r.decide(i, R.STORY_PARAGRAPH, kind="paragraph")


# The hand rules' passes, in the order they run: each decides the lines it
# reads and leaves the rest to the passes after it. ``classify`` then lets the
# learned line model give back what the place passes removed.
RULE_PASSES = (_head_pass, _end_pass, _thread_pass, _trailer_pass, _body_pass)


def rule_verdicts(source: Source, lines: list[Line] | None = None) -> list[Verdict]:
    """The hand rules' verdict on every non-blank line of the source, in order."""
    new_document()
    lines = split_lines(source) if lines is None else lines
    reading = _Reading(source, lines, [_tag(line) for line in lines])
    for run in RULE_PASSES:
        run(reading)
    return [reading.verdicts[i] for i in range(len(lines))]
