"""Every rule the cleaners decide by, with a stable id, its reason and its wording.

A verdict carries one of these rules. The stages after cleaning (metadata,
confidence, the line model's features, the export, the cache) key on the id,
so rewording a rule for the readers of the cleaning report changes no
behaviour. Both cleaners draw on this one list: a rule they share (a byline,
a date, a credit, a comment section's heading) is one rule.

A rule's wording may hold ``{}``: the case fills it in ("inside <nav>",
"inside a comments container (id/class 'comments')").
"""

from __future__ import annotations

from dataclasses import dataclass

# Why a line leaves the body: the export's "reason" field.
BOILERPLATE = "boilerplate"
COMMENT = "comment"
PULLQUOTE = "pullquote"
METADATA = "metadata"
KEPT = ""  # the reason of a rule that keeps its line


@dataclass(frozen=True)
class Rule:
    id: str  # stable: what the code, the export and the cache key on
    reason: str  # why a line it removes is removed (KEPT for a rule that keeps)
    wording: str  # what the cleaning report says

    def worded(self, detail: str = "") -> str:
        """The wording, with the case's detail where the wording asks for one."""
        return self.wording.format(detail) if "{}" in self.wording else self.wording


_ALL: dict[str, Rule] = {}  # by id: an id defined twice fails at import


def _rule(id: str, reason: str, wording: str) -> Rule:
    if id in _ALL:
        raise ValueError(f"rule id {id!r} defined twice")
    _ALL[id] = rule = Rule(id, reason, wording)
    return rule


# --- what a line is, read from the line alone (both cleaners) -------------------
TITLE = _rule("title", METADATA, "title")
SUBTITLE = _rule("subtitle", METADATA, "subtitle")
BYLINE = _rule("byline", METADATA, "byline")
NO_PERSON = _rule("byline-no-person", BOILERPLATE, "byline naming no person")  # or "by ravenswood (1234)"
CONTRIBUTORS = _rule("contributors", METADATA, "contributors")
SYNDICATION = _rule("syndication", METADATA, "syndication")
PUBLISHER = _rule("publisher", METADATA, "publisher")
DATE = _rule("date", METADATA, "date")
URL = _rule("url", METADATA, "url")
CREDIT = _rule("credit", METADATA, "credit")
CAPTION = _rule("caption", METADATA, "caption")
BIO = _rule("bio", METADATA, "bio")
EMPTY = _rule("empty", BOILERPLATE, "nothing left once markup is removed")
CHROME = _rule("chrome", BOILERPLATE, "site chrome, widget or prompt")
PROMO = _rule("promo", BOILERPLATE, "promotion with a link")
IMAGE_ARTIFACT = _rule("image-artifact", BOILERPLATE, "image file name or alt text")
MARKER = _rule("comment-marker", BOILERPLATE, "comment section marker")
RELATED = _rule("related-heading", BOILERPLATE, "heading of links to other stories")
SCENE_BREAK = _rule("scene-break", KEPT, "scene break")

# --- where a line stands on the page (text cleaner) -----------------------------
BEFORE_STORY = _rule("before-story", BOILERPLATE, "page furniture before the story")
AFTER_STORY = _rule("after-story", BOILERPLATE, "after the story")
ORNAMENT_BEFORE = _rule("ornament-before-story", BOILERPLATE, "ornament before the story")
ORNAMENT_AFTER = _rule("ornament-after-story", BOILERPLATE, "ornament after the story")
RELATED_LINK = _rule("related-link", BOILERPLATE, "link under a heading of links to other stories")
AFTER_MARKER = _rule("after-comment-marker", COMMENT, "after the comment section marker")
SIGNATURE = _rule("comment-signature", COMMENT, "commenter's signature")
THREAD = _rule("comment-thread", COMMENT, "reader comments: a thread of signatures or short reactions")
PULLQUOTE_NAMED = _rule("pullquote-named", PULLQUOTE, "quotation repeated from the story with a name appended")

# --- what the text cleaner keeps ------------------------------------------------
STORY_PARAGRAPH = _rule("story-paragraph", KEPT, "story paragraph")
MARKDOWN_HEADING = _rule("markdown-heading", KEPT, "Markdown heading")
MARKDOWN_QUOTE = _rule("markdown-quote", KEPT, "Markdown block quote")
SHORT_HEADING = _rule("short-heading", KEPT, "short capitalised line before a paragraph")
DEK_IS_STORY = _rule("dek-is-story", KEPT, "kept: read as a dek, but longer than half the story after it")
LEARNED = _rule("learned-story", KEPT, "kept: the line model reads it as part of the story ({})")

# --- the HTML cleaner: elements and trafilatura's reading -----------------------
HIDDEN = _rule("hidden-element", BOILERPLATE, "hidden element")
COMMENTS_CONTAINER = _rule("comments-container", COMMENT, "inside a comments container (id/class '{}')")
PULLQUOTE_ELEMENT = _rule("pullquote-element", PULLQUOTE, "pull quote (id/class)")
CAPTION_ELEMENT = _rule("caption-element", METADATA, "caption or credit (id/class)")
FIGURE_CAPTION = _rule("figure-caption", METADATA, "figure caption")
CHROME_ELEMENT = _rule("chrome-element", BOILERPLATE, "inside <{}>")
CHROME_ROLE = _rule("chrome-role", BOILERPLATE, "inside role={}")
REPEATS_TITLE = _rule("repeats-title", METADATA, "repeats the title")
AUTHOR_BIO = _rule("author-bio", METADATA, "author biography")
PULLQUOTE_REPEATED = _rule("pullquote-repeated", PULLQUOTE, "quotation repeated from the story")
REPEATS_MAIN_TEXT = _rule("repeats-main-text", BOILERPLATE, "repeats the main text kept elsewhere on the page")
LINKS_OUTSIDE_MAIN = _rule("links-outside-main-text", BOILERPLATE, "mostly link text, not in trafilatura's main text")
OUTSIDE_MAIN = _rule("outside-main-text", BOILERPLATE, "not in trafilatura's main text")
MAIN_TEXT = _rule("main-text", KEPT, "in trafilatura's main text")
CONTINUATION = _rule(
    "continuation", KEPT, "prose in the same kind of element as the story's paragraphs (trafilatura left it out)"
)
FREE_PROSE = _rule(
    "free-prose", KEPT, "prose outside every container a rule names (trafilatura's reading held too little of it)"
)

# --- after both cleaners ---------------------------------------------------------
LONE_BREAK_BEFORE = _rule("break-before-story", BOILERPLATE, "scene break with no story before it")
LONE_BREAK_AFTER = _rule("break-after-story", BOILERPLATE, "scene break with no story after it")
CURATOR_KEEP = _rule("curator-keep", KEPT, "kept by the curator (article.yml)")
CURATOR_DROP = _rule("curator-drop", "curator", "dropped by the curator (article.yml)")
