"""What a single line of a scrape looks like: the tests the cleaner asks of it.

Each function answers one question about one line's plain text. They know
nothing of the line's neighbours; ``clean.text`` brings the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archivist.clean import rulebook as R
from archivist.clean import rules
from archivist.clean.memo import memo
from archivist.clean.rulebook import Rule

_WORD = re.compile(r"[\w’'.-]+")
# Trailing noise after a widget's label: spaces, digits (counters) and these.
_NOISE_MARKS = frozenset(":.!?()»›>|")


@dataclass(frozen=True)
class Line:
    """A non-blank line of the original."""

    number: int  # 1-based
    raw: str  # as captured
    text: str  # plain text, artifacts undone
    heading_level: int = 0  # Markdown heading level, 0 when not a heading
    quoted: bool = False  # a Markdown block quote line

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


_PLAIN_WORD = re.compile(r"\w+")


def _keeping(marks: str) -> bytes:
    """A byte table for ASCII text keeping word characters (where \\w is
    A-Z, a-z, 0-9 and _) and ``marks``, every other byte made a space."""
    return bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "_" + marks) else 32 for c in range(256))


# Most lines are ASCII: there, splitting the text with every other character
# made a space finds the tokens the patterns above find, several times faster
# than a Unicode character class does.
_ASCII_WORD_CHARS = _keeping("")
_ASCII_COUNTED_CHARS = _keeping("'.-")


def ascii_words(text: str) -> list[str]:
    """The ``\\w+`` tokens of an ASCII text."""
    return text.encode().translate(_ASCII_WORD_CHARS).decode().split()


@memo
def word_count(text: str) -> int:
    """Words in a line (cached: every rule asks it of the same lines)."""
    if text.isascii():
        return len(text.encode().translate(_ASCII_COUNTED_CHARS).split())
    return len(_WORD.findall(text))


@memo
def plain_words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens, for comparing texts regardless of punctuation."""
    low = text.lower()
    return tuple(ascii_words(low) if low.isascii() else _PLAIN_WORD.findall(low))


def is_english(text: str) -> bool:
    """True when common English function words make up a fair share of the words."""
    return is_english_lines([text])


def is_english_lines(texts: list[str]) -> bool:
    """``is_english`` of the lines joined, from each line's (cached) words."""
    total = stop = 0
    for text in texts:
        words = plain_words(text)
        total += len(words)
        stop += stopwords_in(words)
    return bool(total) and stop / total >= rules.ENGLISH_MIN_SHARE


@memo
def stopwords_in(words: tuple[str, ...]) -> int:
    """English function words among these (cached: the language test and the line model's features ask it)."""
    return len(list(filter(rules.ENGLISH_STOPWORDS.__contains__, words)))


def _strip_trailing_noise(text: str) -> str:
    """``text`` less its trailing spaces, counters and punctuation ("Comments
    (12):"), without a regular expression's scan from every position."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1].isdecimal() or text[end - 1] in _NOISE_MARKS):
        end -= 1
    return text[:end]


def is_boilerplate(text: str) -> bool:
    key = _strip_trailing_noise(text.lower()).strip(" \t-–—•|*+")
    if key in rules.BOILERPLATE_LINES:
        return True
    if word_count(text) > rules.PROMPT_MAX_WORDS:
        return False
    if rules.BOILERPLATE_PREFIXES.match(text):
        return True
    return not rules.CALL_TO_ACTION_WORDS.isdisjoint(plain_words(text)) and bool(rules.CALL_TO_ACTION.search(text))


def is_comment_marker(text: str) -> bool:
    return word_count(text) <= rules.COMMENT_MARKER_MAX_WORDS and bool(rules.COMMENT_MARKERS.match(text))


def is_related_marker(text: str) -> bool:
    return word_count(text) <= rules.RELATED_MARKER_MAX_WORDS and bool(rules.RELATED_MARKERS.match(text))


@memo
def has_signature_hint(text: str) -> bool:
    """A number or a commenter's word: what every signature but a bare name has."""
    return bool(rules.SIGNATURE_HINT.search(text))


@memo
def is_comment_signature(text: str) -> bool:
    words = word_count(text)
    if words > rules.COMMENT_SIGNATURE_MAX_WORDS or not has_signature_hint(text):
        return False  # every form below is short and has a hint
    if rules.DATED_FACT.search(text):
        return False
    if words <= rules.COMMENT_SIGNATURE_MAX_WORDS and rules.COMMENT_SIGNATURE.match(text):
        return True
    return words <= rules.COMMENT_SIGNATURE_LOOSE_MAX_WORDS and bool(rules.COMMENT_SIGNATURE_LOOSE.search(text))


def is_contribution(text: str) -> bool:
    """'NAME contributed to this story', 'Additional reporting by NAME'."""
    low = text.lower()
    return ("contribut" in low or "additional reporting" in low) and bool(rules.CONTRIBUTORS.match(text))


def is_syndication(text: str) -> bool:
    low = text.lower()
    if not any(map(low.__contains__, rules.SYNDICATION_WORDS)):  # cheap test first
        return False
    return bool(rules.SYNDICATION.search(text) or rules.SYNDICATION_OTHER.search(text))


def is_break(text: str) -> bool:
    return bool(rules.BREAK.match(text))


def is_image_artifact(text: str) -> bool:
    return bool(rules.IMAGE_ARTIFACT.match(text)) and " " not in text.split("(")[0].strip()


def is_place(text: str) -> bool:
    return bool(rules.PLACE_LINE.match(text))


def is_credit(text: str) -> bool:
    if word_count(text) > 20:
        return False
    if not rules.CREDIT_WORDS.isdisjoint(plain_words(text)) and rules.CREDIT.match(text):
        return True
    return bool(rules.SLASH_CREDIT.match(text))


def bare_url(text: str) -> str | None:
    m = rules.URL_LINE.match(text)
    return m.group("url") if m else None


def is_promo(text: str) -> bool:
    """A short line pointing elsewhere: 'For more information, go to: URL'."""
    if word_count(text) > rules.PROMO_MAX_WORDS:
        return False
    low = text.lower()
    return ("http" in low or "www." in low) and bool(rules.HAS_URL.search(text)) and not bare_url(text)


_CLOSERS = "\"'”’)]"
_MARKS = frozenset(".!?…:;")
_CLOSING_QUOTES = ('"', "”", "’")


def ends_with_mark(text: str) -> bool:
    """``rules.SENTENCE_END.search(text)``: a sentence's mark, then closing
    quotes or brackets only; or a closing quote. Read from the line's end, not
    searched for from every position (the pattern is kept for a text holding
    a newline, where ``$`` also matches before a final one)."""
    if "\n" in text:
        return bool(rules.SENTENCE_END.search(text))
    head = text.rstrip(_CLOSERS)
    return (bool(head) and head[-1] in _MARKS) or text[-1:] in _CLOSING_QUOTES


def is_prose(text: str) -> bool:
    n = word_count(text)
    if n >= rules.PROSE_LONG_WORDS:
        return True
    return n >= rules.PROSE_MIN_WORDS and ends_with_mark(text)


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (not like a title)."""
    stripped = text.rstrip("”’\"')] ")
    return bool(stripped) and stripped[-1] in ".!?:;,…"


def is_headline(text: str) -> bool:
    """Short, unpunctuated at the end, and capitalised like a headline."""
    words = text.split()
    if not (rules.TITLE_MIN_WORDS <= len(words) <= rules.TITLE_MAX_WORDS):
        return False
    if text.rstrip().endswith((".", ",", ";", ":")) and not text.rstrip().endswith("..."):
        return False
    return text.lstrip("‘“'\"")[:1].isupper() or text[:1].isdigit()


_QUOTES_AND_PARENS = "‘’“”'\"()"
# No small word is longer (lower-casing never shortens a word): longer words need no lookup.
_SMALL_WORD_MAX = max(map(len, rules.TITLE_SMALL_WORDS))


@memo
def is_title_case(text: str) -> bool:
    """Most words capitalised, as in a section heading (small words aside)."""
    words = text.split()
    most_lower = 2 * len(words)
    counted = capitalised = 0
    for word in words:
        word = word.strip(_QUOTES_AND_PARENS)
        if not word or (len(word) <= _SMALL_WORD_MAX and word.lower() in rules.TITLE_SMALL_WORDS):
            continue
        counted += 1
        if word[0].isupper() or word[0].isdigit():
            capitalised += 1
        elif 5 * (counted - capitalised) > most_lower:
            return False  # over 40% of all the words are lower-case: a sentence (decided early)
    return bool(counted) and capitalised / counted >= 0.6


def is_attributed(text: str) -> bool:
    if rules.ATTRIBUTION_WORDS.isdisjoint(plain_words(text)):  # a cheap test first
        return False
    return bool(rules.ATTRIBUTION_VERB.search(text))


# --- a line's verdict by its text alone, and its weight as running text ----------


@memo
def line_tag(text: str) -> Rule | None:
    """A verdict from the line's text alone, or None when its place must decide."""
    if not text:
        return R.EMPTY
    if word_count(text) > rules.LONG_LINE_WORDS:
        # Only notices run long; every other rule is about short lines.
        if is_contribution(text):
            return R.CONTRIBUTORS
        if is_syndication(text):
            return R.SYNDICATION
        return None
    if is_break(text):
        return R.SCENE_BREAK
    if is_comment_marker(text):
        return R.CHROME if rules.NO_COMMENTS.match(text) else R.MARKER
    if is_related_marker(text):
        return R.RELATED
    if is_boilerplate(text):
        return R.CHROME
    if is_image_artifact(text):
        return R.IMAGE_ARTIFACT
    if bare_url(text):
        return R.URL
    if looks_like_date(text):
        return R.DATE
    byline = rules.BYLINE.match(text)
    if byline and word_count(text) <= rules.BYLINE_MAX_WORDS:
        if person_names(byline.group("names")):
            return R.BYLINE
        return R.NO_PERSON
    if is_contribution(text):
        return R.CONTRIBUTORS
    if is_syndication(text):
        return R.SYNDICATION
    if is_credit(text):
        return R.CREDIT
    if is_promo(text):
        return R.PROMO
    return None


@memo
def line_weight(text: str) -> float:
    """How much text a line holds, in words (CJK characters count as half a word)."""
    cjk = len(rules.CJK.findall(text))
    return word_count(text) + cjk / 2


@memo
def is_story_line(text: str) -> bool:
    """A line that reads as running text, in any script: sentences, not a
    list of words (a tag cloud or a menu run together has no punctuation)."""
    words = word_count(text)
    if words >= rules.PROSE_LONG_WORDS:
        marks = len(rules.PUNCTUATION.findall(text))
        if ends_with_mark(text):
            marks += 1  # a sentence's closing mark vouches for the words before it
        if marks * rules.WORDS_PER_MARK < words:
            return False
    if is_prose(text):
        return not rules.LIST_ITEM.match(text) or word_count(text) >= rules.PROSE_LONG_WORDS
    return line_weight(text) >= rules.PROSE_MIN_WORDS and bool(rules.CJK_SENTENCE_END.search(text))


@memo
def is_short_sentence(text: str) -> bool:
    """A short line that is still a sentence of the story: 'No, he said.'"""
    return (
        word_count(text) >= rules.SHORT_SENTENCE_MIN_WORDS
        and ends_sentence(text)
        and not text.rstrip().endswith((":", ","))
        and any(map(str.islower, text.split()[1:]))
    )


# --- dates -------------------------------------------------------------------
_DIGIT = re.compile(r"\d")
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")
_DATE_TOKEN = re.compile(r"[A-Za-z.]+|\d+|[^\sA-Za-z\d]")


def looks_like_date(text: str) -> bool:
    """A line made only of a date (and time, labels such as 'Updated')."""
    if word_count(text) > rules.DATE_MAX_WORDS or not _DIGIT.search(text):
        return False
    has_date = bool(_NUMERIC_DATE.search(text))
    for token in _DATE_TOKEN.findall(text):
        low = token.lower().rstrip(".")
        if token.isdigit() or low in rules.DATE_WORDS or token in ",:/-.—–|·•()":
            continue
        if low in rules.MONTHS or low in rules.WEEKDAYS:
            has_date = True
            continue
        if re.fullmatch(r"\d+(st|nd|rd|th)", low) or low in ("a.m", "p.m"):
            continue
        return False
    return has_date


# --- names ---------------------------------------------------------------------
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*)")


def person_names(text: str) -> list[str]:
    """The person names in 'A, B and C'; [] when any part is not a person."""
    text = re.sub(r"^\W+|[\s.,;:|]+$", "", text)
    names = [n.strip() for n in _NAME_SPLIT.split(text) if n.strip()]
    if not names or not all(is_person_name(n) for n in names):
        return []
    return names


def is_person_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    for w in words:
        bare = w.strip(".,’'")
        if bare.lower() in rules.NOT_A_PERSON:
            return False
        if bare.lower() in rules.NAME_PARTICLES and w is not words[0]:
            continue
        if not (bare[:1].isupper() and re.fullmatch(r"[\w.'’-]+", bare)):
            return False
        if bare.isupper() and len(bare) > 3:  # "STAFF", a shouted label
            return False
    return not any(w.lower() in rules.TITLE_SMALL_WORDS for w in words)


# --- signature shapes ------------------------------------------------------------
_SHAPE_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?\b|[^\W_]\w*|[^\w\s]")
_MONTHS = frozenset(rules.MONTHS)
_WEEKDAYS = frozenset(rules.WEEKDAYS)
_ZONES = frozenset(rules.TIME_ZONES)
_LETTERS_ONLY = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")
# Words a shape keeps as something other than a name.
_SHAPE_SPECIAL = _MONTHS | _WEEKDAYS | _ZONES | rules.SHAPE_KEEP_WORDS | {"am", "pm"}
# "11.05.12", "05.11.2012": a date written with dots (not "400.21.013", a version)
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?![\d.])")


def is_profile_link(text: str) -> bool:
    """A link and words after it, as comment engines print a commenter's
    avatar link before the name."""
    return text.startswith(("http://", "https://", "www.")) and bool(rules.PROFILE_LINK.match(text))


@memo
def signature_shape(text: str) -> str | None:
    """The skeleton of a short line that could be a commenter's signature, or
    None when the line cannot be one (too long, or a sentence).

    Names fold into ``w``, numbers into ``9``, times of day into ``T``,
    months into ``M``, weekdays into ``W``, time zones into ``Z``; the words
    that introduce a signature and separators stay."""
    words = word_count(text)
    if words > rules.SHAPE_MAX_WORDS:
        return None
    if is_profile_link(text):  # "http://twitter.com/ana Ana Ruiz": a link to the commenter's profile, then the name
        return "U w" if signature_shape(text.split(None, 1)[1]) == "w" else None
    if rules.SHAPE_NOT_A_SIGNATURE.search(text) or (_DIGIT.search(text) and rules.DATED_FACT.search(text)):
        return None
    if words > rules.SHAPE_NAME_MAX_WORDS and not has_signature_hint(text):
        return None  # neither a bare name nor anything with a timestamp or a commenter's word
    if _DIGIT.search(text):  # dates and times: a month glued to a name, "8:03 pm", "11.05.12"
        text = rules.SHAPE_GLUED_DATE.sub(" ", rules.SHAPE_GLUED_MONTH.sub(" ", text))
        text = rules.SHAPE_TIME_OF_DAY.sub(" ¤ ", rules.SHAPE_NAME_JOINER.sub("", text))
        text = _DOTTED_DATE.sub(r"\1/\2/\3", text)
    else:
        text = rules.SHAPE_NAME_JOINER.sub("", text)
        if _LETTERS_ONLY.fullmatch(text) and _SHAPE_SPECIAL.isdisjoint(text.lower().split()):
            # words and nothing else: all fold into one name (the loop below, made quick)
            return "w" if words <= rules.SHAPE_NAME_MAX_WORDS else None
    out: list[str] = []
    name_words = 0  # words in the name being read
    for token in _SHAPE_TOKEN.findall(text):
        low = token.lower()
        if token == "¤":  # a time of day, marked above
            sym = "T"
        elif token[0].isdigit():
            sym = "9"
        elif low in _MONTHS and token[0].isupper():  # "may" and "march" are verbs too
            sym = "M"
        elif low in _WEEKDAYS:
            sym = "W"
        elif low in ("am", "pm"):
            sym = "P"
        elif low in _ZONES:
            sym = "Z"
        elif low in rules.SHAPE_KEEP_WORDS:
            sym = low
        elif token[0].isalpha():
            sym = "w"
        elif token in rules.SHAPE_KEEP_PUNCTUATION:
            sym = token
        else:
            continue
        if sym == "w" and out and out[-1] == "w":
            name_words += 1
            if name_words > rules.SHAPE_NAME_MAX_RUN:
                return None  # a sentence, not a name
            continue
        name_words = 1 if sym == "w" else 0
        out.append(sym)
    shape = " ".join(out)
    if not shape or rules.SHAPE_DATE_RANGE.search(shape):
        return None  # nothing left, or an event's dates: a signature has one timestamp
    verbs = [k for k, sym in enumerate(out) if sym in rules.SHAPE_SIGNATURE_WORDS]
    if verbs and not all(sym in rules.SHAPE_AFTER_VERB for sym in out[verbs[-1] + 1 :]):
        return None
    if verbs or rules.SHAPE_TIMESTAMP.search(shape):
        return shape
    if shape == "w" and word_count(text) <= rules.SHAPE_NAME_MAX_WORDS and not ends_sentence(text):
        return shape
    return None


def is_strong_signature(text: str) -> bool:
    """A signature that needs no other to vouch for it: a name with a time of
    day ("Ana Ruiz 10/8/12 8:26 PM"), or a commenter's verb or score
    after a name ("Ann says:", "reader42 6 pts")."""
    shape = signature_shape(text)
    if shape is None:
        return False
    symbols = shape.split()
    if "w" not in symbols or word_count(text) > rules.STRONG_SIGNATURE_MAX_WORDS:
        return False
    if "T" in symbols:
        return symbols.count("w") <= rules.STRONG_SIGNATURE_MAX_NAMES
    verb = next((k for k, sym in enumerate(symbols) if sym in rules.SHAPE_SIGNATURE_WORDS), None)
    if verb is None:
        return False
    name = symbols[:verb]
    for numbering in (["(", "9", ")"], ["#", "9"], ["9"]):  # "(1) Bo says:", "#2 Ann says:"
        if name[: len(numbering)] == numbering:
            name = name[len(numbering) :]
            break
    return name in (["w"], ["w", "9"])
