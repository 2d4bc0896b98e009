"""What a single line of a scrape looks like: the tests the cleaner asks of it.

Each function answers one question about one line's plain text. They know
nothing of the line's neighbours; ``clean_text`` brings the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import rules

_WORD = re.compile(r"[\w’'.-]+")
_TRAILING_NOISE = re.compile(r"[\s:.!?()\d»›>|]+$")


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


@lru_cache(maxsize=1 << 16)
def word_count(text: str) -> int:
    """Words in a line (cached: every rule asks it of the same lines)."""
    return len(_WORD.findall(text))


_PLAIN_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def plain_words(text: str) -> tuple[str, ...]:
    """Lower-case word tokens, for comparing texts regardless of punctuation."""
    return tuple(_PLAIN_WORD.findall(text.lower()))


def is_english(text: str) -> bool:
    """True when common English function words make up a fair share of the words."""
    words = plain_words(text)
    if not words:
        return False
    return sum(1 for w in words if w in rules.ENGLISH_STOPWORDS) / len(words) >= rules.ENGLISH_MIN_SHARE


def is_boilerplate(text: str) -> bool:
    key = _TRAILING_NOISE.sub("", text.lower()).strip(" \t-–—•|")
    if key in rules.BOILERPLATE_LINES:
        return True
    if word_count(text) > rules.PROMPT_MAX_WORDS:
        return False
    return bool(rules.BOILERPLATE_PREFIXES.match(text) or rules.CALL_TO_ACTION.search(text))


def is_comment_marker(text: str) -> bool:
    return word_count(text) <= rules.COMMENT_MARKER_MAX_WORDS and bool(rules.COMMENT_MARKERS.match(text))


def is_comment_signature(text: str) -> bool:
    words = word_count(text)
    if words <= rules.COMMENT_SIGNATURE_MAX_WORDS and rules.COMMENT_SIGNATURE.match(text):
        return True
    return words <= rules.COMMENT_SIGNATURE_LOOSE_MAX_WORDS and bool(rules.COMMENT_SIGNATURE_LOOSE.search(text))


def is_syndication(text: str) -> bool:
    low = text.lower()
    if not any(word in low for word in rules.SYNDICATION_WORDS):  # cheap test first
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
    return bool(rules.CREDIT.match(text) or rules.SLASH_CREDIT.match(text))


def bare_url(text: str) -> str | None:
    m = rules.URL_LINE.match(text)
    return m.group("url") if m else None


def is_promo(text: str) -> bool:
    """A short line pointing elsewhere: 'For more information, go to: URL'."""
    return word_count(text) <= rules.PROMO_MAX_WORDS and bool(rules.HAS_URL.search(text)) and not bare_url(text)


def is_prose(text: str) -> bool:
    n = word_count(text)
    if n >= rules.PROSE_LONG_WORDS:
        return True
    return n >= rules.PROSE_MIN_WORDS and bool(rules.SENTENCE_END.search(text))


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


def is_title_case(text: str) -> bool:
    """Most words capitalised, as in a section heading."""
    words = [w.strip("‘’“”'\"()") for w in text.split()]
    words = [w for w in words if w and w.lower() not in rules.TITLE_SMALL_WORDS]
    if not words:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised / len(words) >= 0.6


def is_attributed(text: str) -> bool:
    return bool(rules.ATTRIBUTION_VERB.search(text))


# --- dates -------------------------------------------------------------------
_DATE_TOKEN = re.compile(r"[A-Za-z.]+|\d+|[^\sA-Za-z\d]")


def looks_like_date(text: str) -> bool:
    """A line made only of a date (and time, labels such as 'Updated')."""
    if word_count(text) > rules.DATE_MAX_WORDS or not re.search(r"\d", text):
        return False
    has_date = bool(re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}", text))
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
