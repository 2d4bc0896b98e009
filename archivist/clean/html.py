"""Decide, block by block, what of an HTML page is the story, and read its metadata.

The page is parsed once. One walk over the tree cuts the visible text into
blocks (paragraphs, headings, list items, cells, and the runs of loose text
between them) and notes, for each block, the structure around it: inside a
<nav>, a comments container, a figure caption, a byline. The same walk
collects what the page says about itself (JSON-LD, <meta>, <link
rel=canonical>, <time datetime>).

trafilatura, run on the same parsed tree, is the strongest signal of which
blocks are the story: a block is story when its words are found, in order and
once, in trafilatura's main text. Structural rules around it name the reason
for everything else, and remove the furniture trafilatura sometimes keeps.
Every block of visible text gets a verdict; script, style and the like hold no
visible text and get none.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import cast

import lxml.etree
import lxml.html
import trafilatura
from dateutil import parser as dateparser

from archivist.clean import rulebook as R
from archivist.clean import rules
from archivist.clean.dates import parse_date
from archivist.clean.lines import (
    Line,
    ascii_words,
    ends_sentence,
    is_boilerplate,
    is_break,
    is_comment_marker,
    is_contribution,
    is_credit,
    is_person_name,
    is_promo,
    looks_like_date,
)
from archivist.clean.memo import new_document
from archivist.clean.metadata import day, extract, publisher_from_url
from archivist.clean.rulebook import BOILERPLATE, COMMENT, METADATA, PULLQUOTE, Rule
from archivist.clean.text import Verdict
from archivist.common.calendar_names import MONTH_NAMES, WEEKDAY_NAMES
from archivist.model import BlockKind, Field, Metadata, Source

# --- Rules, as data ------------------------------------------------------------

# Elements whose content is never shown as text: code, styles, fallbacks for
# browsers without script, inert templates, vector drawings. No verdict.
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})

# Elements that flow inside a line of text. Every other element ends the block
# being read and starts its own, so a paragraph's links and emphasis stay in
# its block while a <div> between two runs of loose text splits them.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
        "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    }
)  # fmt: skip

# Elements without visible text, read in the flow of text: a <br> is a space;
# <meta> and <link> (microdata puts them inside paragraphs) and <head> are facts.
VOID_TAGS = frozenset({"br", "meta", "link", "head"})

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# Page chrome by element: navigation, site header and footer, sidebars, forms.
# (An article's own <header> holds its title, byline and dek: not story either.)
CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
# What an element without attributes says by its tag alone: (rule, wording).
TAG_SIGNALS: dict[str, tuple[Rule, str]] = {
    "figcaption": (R.FIGURE_CAPTION, R.FIGURE_CAPTION.worded()),
    **{tag: (R.CHROME_ELEMENT, R.CHROME_ELEMENT.worded(tag)) for tag in CHROME_TAGS},
}
# Tags that change the context of what they hold without any attribute.
CONTEXT_TAGS = frozenset({*TAG_SIGNALS, *HEADING_LEVELS, "blockquote"})
# The same by ARIA landmark role, for pages built of <div>s.
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menubar"})

# Reader comments: the containers blog engines and comment widgets use
# (WordPress "comments", "comment-list", "respond"; Disqus "disqus_thread";
# "reply" forms), as whole parts of an id or class name, so that
# "commentary" (an opinion section) is not one.
COMMENT_NAME = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comments?(?:list|area|section|thread|wrap)|respond|disqus|replies|reply)"
    r"(?:$|[\s_-])"
)
# A quotation lifted from the story and set large beside it.
PULLQUOTE_NAME = re.compile(r"pull-?quote|pullout|pull_quote")
# A byline: class, id, rel or itemprop naming the author.
NAME_ATTRIBUTES = frozenset({"class", "id", "rel", "itemprop"})
BYLINE_NAME = re.compile(r"byline|author")
# Figure captions and photo credits in class names (<figcaption> by its tag).
CAPTION_NAME = re.compile(r"caption|photo-?credit|image-?credit")
# A word every name rule above needs (a name matching none of them cannot match
# any rule): most elements have none and are let go after one quick search.
NAME_WORDS = re.compile("comment|respond|disqus|repl|pull|byline|author|caption|credit")

# Inline style that hides an element from every reader (and the hidden attribute).
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# ...except React's streamed HTML (Next.js and others): a part of the page
# rendered late is sent at the end of the body as <div hidden id="S:n">, and
# the page's script moves it to its place at once. Readers see it. 14 pages of
# wcxb_html use it; read as story, lost there fell from 9 to 7.
STREAMED_SEGMENT_ID = re.compile(r"S:\d+")

# A structural container holding more than this share of the story is where the
# page put its story (ASP.NET wraps whole pages in <form>, some themes put the
# article in <header> or give <body> a "comments-open" class): its signal does not count.
CONTAINER_STORY_SHARE = 0.5

# Matching a block against trafilatura's text. A short block must be a whole
# line (or table cell) of that text, a heading or "Reuters": as a substring,
# any three words of a menu can turn up in a story. A longer block is found
# where most of its word trigrams are, so a paragraph trafilatura trimmed a
# little (an inline ad, a button) still counts.
SHORT_BLOCK_WORDS = 4
TRIGRAM_SHARE = 0.8
# The most places in the main text a block is weighed at (see MainText): far
# more than a story repeats a line, far fewer than a comment thread does.
MAX_CANDIDATES = 16

# A block that is mostly link text is a menu or a list of related links; and
# a main text that is mostly link text means the extractor read a menu.
LINK_DENSITY = 0.5
# trafilatura's fast mode skips its second opinions (readability, jusText).
# When the fast reading finds fewer words than this, or mostly link text, the
# full extraction is run: fast when it can be, careful when it must.
MIN_STORY_WORDS = 50
# The fast reading has also found too little when it holds less than this share
# of the page's free prose (blocks of CONTINUATION_MIN_WORDS or more words that
# end a sentence, are not mostly links and sit in no container a rule names,
# see free_prose).
# On 791 pages of 700+ sites (wcxb_html) the fast reading stopped at a teaser
# or a lede on about 40 pages, keeping under a tenth of the story; this sends
# them (and about 5% of pages in all) to the full extraction, and recall rose
# from 0.925 to 0.955, trafilatura's own.
STORY_PROSE_SHARE = 0.5
# When even the full reading holds less than this share of the free prose,
# trafilatura read the wrong part of the page and the free prose is story too
# (when unsure, keep). Where the reading held a fifth to a half of it, the rest
# was more often reader comments or other articles without markup saying so:
# keeping it cost precision on 8 of those 14 pages of wcxb_html and html and
# restored the story on 2. Under a fifth (2 pages of wcxb_html) it was the
# story: lost 7 -> 5 there, html unchanged.
PROSE_FALLBACK_SHARE = 0.2

# Prose trafilatura left out, in the same kind of element (tag and class) as at
# least this many of its story paragraphs, after the story started, is story:
# pages split long articles into several body sections between ads, and
# trafilatura sometimes reads only the first.
CONTINUATION_BOXES = 2
CONTINUATION_MIN_WORDS = 10

# JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
        "TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle", "AdvertiserContentArticle",
    }
)  # fmt: skip

# <meta> names and properties, in order of preference, for each field.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title"),
    "subtitle": ("og:description", "description", "twitter:description"),
    "authors": ("author", "article:author", "dc.creator", "byl"),
    "date": ("article:published_time", "datepublished", "date", "dc.date", "pubdate", "publishdate"),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "last-modified"),
    "publisher": ("og:site_name", "application-name"),
    "original_url": ("og:url",),
}

# "By Jane Doe and John Roe | Monday, November 18, 2019": the words before the
# names, the separators between them, and where a date starts after them.
BYLINE_PREFIX = re.compile(
    r"^\s*(?:[^\W\d]+:\s+)?(?:(?:written|posted|story|words|reporting|text)\s+)?(?:by|von|por|par|door|av)\b[:\s]*"
    r"|^\s*[^\W\d]+:\s+",
    re.IGNORECASE,
)
NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\||/)\s*", re.IGNORECASE)
# Where a byline's date begins ("on Friday December 19", "Nov. 18, 2019"): the
# names end there.
DATE_START = re.compile(
    r"(?:\b(?:on|at)\s+)?"
    rf"(?:\b(?:{'|'.join(d[:3].lower() for d in WEEKDAY_NAMES)})[a-z]*\b"
    rf"|\b(?:{'|'.join(m[:3].lower() for m in MONTH_NAMES)})[a-z]*\.?\s+\d"
    r"|\b(?:updated|published|posted)\b|\d)",
    re.IGNORECASE,
)
NAME_MAX_WORDS = 5
# An address where a name should be (a profile page).
URL_LIKE = re.compile(r"https?:|www\.", re.IGNORECASE)
# A byline at the foot of an article comes within this many blocks of its end.
BYLINE_AFTER_STORY = 3

# Words, and each character of scripts written without spaces (Chinese, Japanese).
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
# Characters with no visible form: soft hyphens, zero-width spaces, controls.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\ufffd]")


def words(text: str) -> list[str]:
    """Lower-case word tokens: what blocks and trafilatura's text are compared on
    (in ASCII text, where there is no such script, the \\w+ tokens)."""
    low = text.lower()
    return ascii_words(low) if low.isascii() else _WORDS.findall(low)


# --- Parsing -------------------------------------------------------------------

# libxml2 counts lines up to this and then stays there: beyond it the walk
# counts the newlines it reads itself.
LINE_CAP = 65535

# Like trafilatura's own parser: comments and processing instructions are not text.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
# Every element is a plain HtmlElement, its class found in C. lxml.html's own
# lookup calls Python for each element the walk or trafilatura touches, to give
# forms and inputs their own classes, which neither uses.
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def parse(source: Source) -> lxml.html.HtmlElement:
    """The page's tree; line numbers (``sourceline``) are the original's.

    The text goes in as UTF-8 bytes, so an XML declaration naming another
    encoding cannot mislead the parser: ingest has decoded the page already.
    A page with no element at all (blank, a lone comment) is an empty <html>."""
    try:
        return lxml.html.document_fromstring(source.text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except lxml.etree.ParserError:
        return lxml.html.Element("html")


# --- The walk: blocks, and what the page says about itself ----------------------


@dataclass(frozen=True)
class Context:
    """What a block's ancestors say about it (one object shared by all blocks below)."""

    containers: tuple[tuple[int, Rule, str], ...] = ()  # (element number, rule, wording), outermost first
    heading_level: int = 0
    quoted: bool = False


@dataclass(slots=True)
class HtmlBlock:
    """One block of visible text and what surrounds it (made once by the walk,
    then only read: not frozen, as a page has thousands and frozen ones are slow to make)."""

    line: Line
    tag: str  # the element that holds the text
    context: Context
    link_share: float  # share of its characters inside links
    byline: bool  # an inline element in it names the author
    time: bool  # it holds a <time> element
    box: str  # the tag and class of the element around its element ("div.article-body")


@dataclass
class PageFacts:
    """What the page says about itself, gathered during the walk."""

    meta: dict[str, str] = field(default_factory=dict)  # name or property -> content
    canonical: str = ""
    title: str = ""  # <title>
    jsonld: list[str] = field(default_factory=list)
    times: list[tuple[str, int, bool]] = field(default_factory=list)  # (datetime, line, inside a container)


@dataclass(slots=True)
class _Run:
    """The text of the block being read."""

    tag: str
    context: Context
    box: str
    number: int
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    byline: bool = False
    time: bool = False


class _Walker:
    """One pass over the tree: blocks of visible text, and the page's facts."""

    def __init__(self) -> None:
        self.blocks: list[HtmlBlock] = []
        self.facts = PageFacts()
        self.run: _Run | None = None
        self.count = 0  # block-level elements seen, to tell containers apart
        self.line = 1  # the line the walk has reached in the original
        self.in_link = 0

    # Text flow: a block opens at its first visible character and closes at
    # the next block-level element, start or end.
    def add(self, text: str, tag: str, ctx: Context, box: str) -> None:
        run = self.run
        if run is None:
            if text.isspace():
                self.line += text.count("\n")
                return
            lead = len(text) - len(text.lstrip())
            run = self.run = _Run(tag, ctx, box, self.line + text.count("\n", 0, lead))
        run.pieces.append(text)
        self.line += text.count("\n")
        if self.in_link:
            run.link_chars += len(text) - text.count(" ")

    def flush(self) -> None:
        run, self.run = self.run, None
        if run is None:
            return
        raw = " ".join("".join(run.pieces).split())
        # Every invisible character but U+FFFD is unprintable: most blocks need no search.
        invisible = not (raw.isprintable() and "\ufffd" not in raw) and _INVISIBLE.search(raw)
        text = " ".join(_INVISIBLE.sub("", raw).split()) if invisible else raw
        chars = len(raw) - raw.count(" ") or 1
        ctx = run.context
        line = Line(run.number, raw, text, ctx.heading_level, ctx.quoted)
        link_share = min(1.0, run.link_chars / chars)
        self.blocks.append(HtmlBlock(line, run.tag, ctx, link_share, run.byline, run.time, run.box))

    # Elements.
    def children(self, parent: lxml.html.HtmlElement, tag: str, ctx: Context, box: str, sig: str) -> None:
        """The content of a block-level element (tag, its box, its own signature sig)."""
        # Run for every element of the page: its names bound once per parent.
        inline, block, add = self.inline, self.block, self.add
        inline_tags, void_tags, skipped_tags = INLINE_TAGS, VOID_TAGS, SKIPPED_TAGS
        for el in parent:
            child = el.tag
            line = el.sourceline  # where its start tag ends
            if line and line < LINE_CAP:
                self.line = line
            if child.__class__ is str:
                if child in inline_tags:
                    inline(el, child, tag, ctx, box, sig)
                elif child in void_tags:
                    self.void(el, child)
                elif child not in skipped_tags:
                    block(el, child, ctx, sig)
                elif el.text:
                    self.line += el.text.count("\n")
                    if child == "script" and "ld+json" in (el.get("type") or "").lower():
                        self.facts.jsonld.append(el.text)
            tail = el.tail
            if tail:
                if self.run is None and tail.isspace():  # most tails: the indentation between tags
                    self.line += tail.count("\n")
                else:
                    add(tail, tag, ctx, box)

    def inline(self, el: lxml.html.HtmlElement, tag: str, owner: str, ctx: Context, box: str, sig: str) -> None:
        """An element inside a line of text: its text joins the block being read."""
        if tag == "a":
            self.in_link += 1
        if el.text:
            self.add(el.text, owner, ctx, box)
        if len(el):
            self.children(el, owner, ctx, box, sig)
        if tag == "a":
            self.in_link -= 1
        run = self.run
        if tag == "time":
            when = el.get("datetime")
            if when:
                self.facts.times.append((when, self.line, bool(ctx.containers)))
            if run is not None:
                run.time = True
        if run is not None and not run.byline:
            names = " ".join([value for key, value in el.items() if key in NAME_ATTRIBUTES])
            if names and BYLINE_NAME.search(names.lower()):
                run.byline = True

    def void(self, el: lxml.html.HtmlElement, tag: str) -> None:
        """An element without text: a line break, or the page's facts."""
        if tag == "br":
            if self.run is not None:
                self.run.pieces.append(" ")
        elif tag == "meta":
            self.meta(el)
        elif tag == "link":
            self.link(el)
        elif tag == "head":
            self.head(el)

    def block(self, el: lxml.html.HtmlElement, tag: str, ctx: Context, box: str) -> None:
        """A block-level element: it ends the block being read and starts its own."""
        if self.run is not None:
            self.flush()
        self.count += 1
        keys = el.keys()
        if keys or tag in CONTEXT_TAGS:
            ctx = self.context(el, tag, keys, ctx)
        text = el.text
        if text:
            self.add(text, tag, ctx, box)
        if len(el):
            self.children(el, tag, ctx, box, f"{tag}.{el.get('class') or ''}" if keys else f"{tag}.")
        if self.run is not None:
            self.flush()

    def context(self, el: lxml.html.HtmlElement, tag: str, keys: list[str], ctx: Context) -> Context:
        """The context of an element's blocks: its parent's plus its own signal."""
        found = self.signal(el, tag, keys) if keys else TAG_SIGNALS.get(tag)
        level = HEADING_LEVELS.get(tag, ctx.heading_level)
        quoted = ctx.quoted or tag == "blockquote"
        if found is None and level == ctx.heading_level and quoted == ctx.quoted:
            return ctx
        containers = ctx.containers + ((self.count, *found),) if found else ctx.containers
        return Context(containers, level, quoted)

    def signal(self, el: lxml.html.HtmlElement, tag: str, keys: list[str]) -> tuple[Rule, str] | None:
        """(rule, wording) when the element, by its attributes (keys) or its tag,
        says what its content is."""
        if "hidden" in keys and not STREAMED_SEGMENT_ID.fullmatch(el.get("id") or ""):
            return R.HIDDEN, R.HIDDEN.wording
        if "style" in keys and HIDDEN_STYLE.search(el.get("style", "")):
            return R.HIDDEN, R.HIDDEN.wording
        names = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
        if "rel" in keys or "itemprop" in keys:
            named = f"{names} {el.get('rel') or ''} {el.get('itemprop') or ''}".lower()
        else:
            named = names
        if NAME_WORDS.search(named):
            m = COMMENT_NAME.search(names)
            if m:
                return R.COMMENTS_CONTAINER, R.COMMENTS_CONTAINER.worded(m.group(0).strip(" _-"))
            if tag != "figcaption":
                if PULLQUOTE_NAME.search(names):
                    return R.PULLQUOTE_ELEMENT, R.PULLQUOTE_ELEMENT.wording
                if CAPTION_NAME.search(names):
                    return R.CAPTION_ELEMENT, R.CAPTION_ELEMENT.wording
                if BYLINE_NAME.search(named):
                    return R.BYLINE, R.BYLINE.wording
        if tag in TAG_SIGNALS:
            return TAG_SIGNALS[tag]
        if "role" in keys:
            role = el.get("role", "").lower()
            if role in CHROME_ROLES:
                return R.CHROME_ROLE, R.CHROME_ROLE.worded(role)
        return None

    # What the page says about itself.
    def head(self, head: lxml.html.HtmlElement) -> None:
        for el in head.iter("meta", "link", "title", "script"):
            if el.tag == "meta":
                self.meta(el)
            elif el.tag == "link":
                self.link(el)
            elif el.tag == "title":
                self.facts.title = self.facts.title or " ".join(el.text_content().split())
            elif "ld+json" in (el.get("type") or "").lower() and el.text:
                self.facts.jsonld.append(el.text)

    def meta(self, el: lxml.html.HtmlElement) -> None:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = " ".join((el.get("content") or "").split())
        if key and content and key not in self.facts.meta:
            self.facts.meta[key] = content

    def link(self, el: lxml.html.HtmlElement) -> None:
        if not self.facts.canonical and "canonical" in (el.get("rel") or "").lower().split():
            self.facts.canonical = (el.get("href") or "").strip()


def walk(root: lxml.html.HtmlElement) -> tuple[list[HtmlBlock], PageFacts]:
    """The blocks of visible text in document order, and the page's facts about itself."""
    walker = _Walker()
    ctx = Context()
    tag = cast(str, root.tag)  # a parsed page's root is an element: only comments' tags are not text
    if root.text:
        walker.add(root.text, tag, ctx, "")
    walker.children(root, tag, ctx, "", tag)
    walker.flush()
    return walker.blocks, walker.facts


# --- The story: trafilatura's main text, found block by block --------------------


class MainText:
    """trafilatura's main text as one stream of words, indexed for finding blocks in it.

    The work of finding a block is bounded. A block's candidates are the places
    its words are in the main text, but a list of places longer than
    MAX_CANDIDATES (a "Reply" under every comment, a sentence repeated down a
    page) is not read whole: such a block is placed in a second pass, between
    the blocks of the first alignment around it (its anchors), at the first
    MAX_CANDIDATES places after where the reading reached. Each block then has
    at most that many candidates and a page's work grows with its length, not
    its square. ``work`` counts the places looked at, for the tests."""

    def __init__(self, text: str | None, title: str = "") -> None:
        """The main text, less any line that is the title (metadata, not story)."""
        stream: list[str] = []
        lines: dict[str, list[int]] = {}  # a line's (or table cell's) words -> where it starts
        for line in (text or "").split("\n"):
            w = words(line)
            key = " ".join(w)
            if not w or key == title:
                continue
            lines.setdefault(key, []).append(len(stream))
            if "|" in line:  # a table row: each cell too
                at = len(stream)
                for cell in line.split("|"):
                    cell_words = words(cell)
                    if cell_words:
                        lines.setdefault(" ".join(cell_words), []).append(at)
                    at += len(cell_words)
            stream.extend(w)
        self.lines = lines
        self.size = len(stream)
        self.joined = " " + " ".join(stream) + " "
        self.stream = stream
        self.grams = set(zip(stream, stream[1:], stream[2:], strict=False))
        self._where: dict[tuple[str, str, str], list[int]] | None = None
        self._char_at: list[int] | None = None  # a word's number -> where in joined its leading space is
        self._cut = False  # the last find read only part of a list of places
        self.work = 0  # places in the main text looked at

    def places(self, blocks: list[list[str]]) -> list[list[tuple[int, int]]]:
        """Each block's candidates: (start, weight) places in the main text."""
        if not self.size:
            return [[] for _ in blocks]
        found: list[list[tuple[int, int]]] = []
        crowded: list[int] = []  # blocks whose words are in too many places to read them all
        for i, w in enumerate(blocks):
            candidates = self.find(w, 0, self.size)
            if self._cut:
                crowded.append(i)
                candidates = []
            found.append(candidates)
        if not crowded:
            return found
        anchors = align(found)
        after = 0  # where the last anchor before the block ends
        starts = sorted(anchors.items())
        k = 0
        cursor = 0
        for i in crowded:
            while k < len(starts) and starts[k][0] < i:
                after = starts[k][1][0] + starts[k][1][1]
                k += 1
            before = starts[k][1][0] if k < len(starts) else self.size
            cursor = min(max(cursor, after), before)
            found[i] = self.find(blocks[i], cursor, before) if cursor < before else []
            if found[i]:
                cursor = min(start + n for start, n in found[i])
        return found

    def near(self, places: list[int], lo: int, hi: int) -> list[int]:
        """The places (sorted) in [lo, hi), at most MAX_CANDIDATES of them: the first."""
        first, last = bisect_left(places, lo), bisect_left(places, hi)
        if last - first > MAX_CANDIDATES:
            self._cut = True
            last = first + MAX_CANDIDATES
        self.work += last - first
        return places[first:last]

    def find(self, w: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
        """Where a block's words are in the main text, starting in [lo, hi):
        (start, weight) candidates, the weight being how many of its words
        match from there on."""
        self._cut = False
        n = len(w)
        key = " ".join(w)
        if n < SHORT_BLOCK_WORDS or n < 3:
            return [(start, n) for start in self.near(self.lines.get(key, []), lo, hi)]
        # All of it, word for word, is the usual case: a whole line of the main
        # text, or a run of words starting where its first three words are
        # (which most blocks of a page's furniture fail).
        if key in self.lines:
            return [(start, n) for start in self.near(self.lines[key], lo, hi)]
        if (w[0], w[1], w[2]) in self.grams:
            found = self.run_of(f" {key} ", n, lo, hi)
            if found:
                return found
        grams = list(zip(w, w[1:], w[2:], strict=False))
        if len(self.grams.intersection(grams)) < TRIGRAM_SHARE * len(set(grams)):
            return []
        where = self._trigram_positions()
        cut = self._cut
        votes: Counter[int] = Counter()
        for k, gram in enumerate(grams):
            votes.update(p - k for p in self.near(where.get(gram, []), lo + k, hi + k))
            cut = cut or self._cut
        self._cut = cut
        if not votes:
            return []
        best = max(votes.values())
        # A trigram vote covers three words: the weight is the words matched there.
        return [(start, count + 2) for start, count in votes.items() if count * 2 >= best]

    def run_of(self, padded: str, n: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """The first MAX_CANDIDATES places in [lo, hi) where the words of padded
        (" a b c ") are, one after another."""
        char_at = self._char_numbers()
        end = char_at[hi] if hi < self.size else len(self.joined)
        found: list[tuple[int, int]] = []
        at = self.joined.find(padded, char_at[lo], end + len(padded))
        while at >= 0:
            self.work += 1
            if len(found) == MAX_CANDIDATES:
                self._cut = True
                break
            found.append((bisect_left(char_at, at), n))
            at = self.joined.find(padded, at + 1, end + len(padded))
        return found

    def _char_numbers(self) -> list[int]:
        if self._char_at is None:
            self._char_at = list(accumulate((len(w) + 1 for w in self.stream), initial=0))
        return self._char_at

    def _trigram_positions(self) -> dict[tuple[str, str, str], list[int]]:
        if self._where is None:
            self._where = {}
            stream = self.stream
            for i, gram in enumerate(zip(stream, stream[1:], stream[2:], strict=False)):
                self._where.setdefault(gram, []).append(i)
        return self._where


def align(candidates: list[list[tuple[int, int]]]) -> dict[int, tuple[int, int]]:
    """The blocks that read trafilatura's main text in order, once each, and
    the (start, weight) each is read at: the heaviest chain of (block, start)
    candidates whose blocks follow one another in the page and whose matches
    follow one another, without overlapping, in the main text. A teaser
    repeating the story's first paragraph, or a copy of it further down the
    page, falls outside the chain."""
    size = 2 + max((s + n for c in candidates for s, n in c), default=0)
    tree = [(0, -1)] * (size + 1)  # Fenwick tree: best (weight, item) of chains ending at or before i
    items: list[tuple[int, int, int, int]] = []  # (block, start, weight, previous item in its chain)

    def best_until(i: int) -> tuple[int, int]:
        out = (0, -1)
        while i > 0:
            out = max(out, tree[i])
            i -= i & -i
        return out

    def record(i: int, value: tuple[int, int]) -> None:
        while i <= size:
            if value > tree[i]:
                tree[i] = value
            i += i & -i

    top = (0, -1)
    for block, found in enumerate(candidates):
        updates = []
        for start, weight in found:
            total, prev = best_until(start + 1)  # chains that end at or before this start
            items.append((block, start, weight, prev))
            updates.append((start + weight + 1, (total + weight, len(items) - 1)))
        for end, value in updates:  # after the queries: a block cannot follow itself
            record(end, value)
            top = max(top, value)
    chosen: dict[int, tuple[int, int]] = {}
    item = top[1]
    while item >= 0:
        block, start, weight, item = items[item]
        chosen[block] = (start, weight)
    return chosen


@dataclass(frozen=True)
class Story:
    """Which blocks trafilatura's main text holds."""

    tokens: list[list[str]]  # each block's words
    found: list[bool]  # its words are somewhere in the main text
    chain: set[int]  # the blocks that read the main text in order, once
    fast: bool  # read with trafilatura's fast mode
    work: int  # places in the main text looked at and candidates weighed, over every reading
    prose: frozenset[int]  # the page's free prose, when even the full reading held a sliver of it


def read_story(root: lxml.html.HtmlElement, blocks: list[HtmlBlock], title: int | None) -> Story:
    """trafilatura's main text (it works on its own copy of the tree), matched
    against the blocks: fast mode first, the full extraction when fast mode
    found too little or read a menu.

    The fast reading favours recall: the layer removes furniture by its own
    rules, but cannot keep what trafilatura dropped. On wcxb_html (791 pages)
    it raised recall from 0.955 to 0.966 and precision from 0.945 to 0.947,
    and is faster (it skips trafilatura's pruning of some sections); on html
    F1 went from 0.974 to 0.972."""
    tokens = [words(b.line.text) for b in blocks]
    title_key = " ".join(tokens[title]) if title is not None else ""
    free = free_prose(blocks, tokens)
    prose = sum(len(tokens[i]) for i in free)
    work = 0
    for fast in (True, False):
        text = trafilatura.extract(root, include_comments=False, include_tables=True, fast=fast, favor_recall=fast)
        main = MainText(text, title_key)
        candidates = main.places(tokens)
        chain = set(align(candidates))
        work += main.work + sum(len(c) for c in candidates)
        story_words = sum(len(tokens[i]) for i in chain)
        link_words = sum(len(tokens[i]) * blocks[i].link_share for i in chain)
        if (
            story_words >= MIN_STORY_WORDS
            and link_words <= LINK_DENSITY * story_words
            and story_words >= STORY_PROSE_SHARE * prose
        ):
            break
    short = story_words < PROSE_FALLBACK_SHARE * prose
    return Story(tokens, [bool(c) for c in candidates], chain, fast, work, frozenset(free) if short else frozenset())


def is_prose(block: HtmlBlock, tokens: list[str]) -> bool:
    """A paragraph of prose: what a story is made of."""
    return len(tokens) >= CONTINUATION_MIN_WORDS and block.link_share < LINK_DENSITY and ends_sentence(block.line.text)


def free_prose(blocks: list[HtmlBlock], tokens: list[list[str]]) -> list[int]:
    """The page's prose that no container rule claims (its blocks). A container
    holding more than CONTAINER_STORY_SHARE of all the prose is where the page
    put its story (a <body class="comments-open">, a <form> around the page):
    it claims nothing."""
    prose = [i for i, b in enumerate(blocks) if is_prose(b, tokens[i])]
    total = sum(len(tokens[i]) for i in prose)
    held: Counter[int] = Counter()
    for i in prose:
        for number, _, _ in blocks[i].context.containers:
            held[number] += len(tokens[i])
    body = {n for n, count in held.items() if count > CONTAINER_STORY_SHARE * total}
    return [i for i in prose if all(n in body for n, _, _ in blocks[i].context.containers)]


# --- Verdicts --------------------------------------------------------------------


def title_block(blocks: list[HtmlBlock], facts: PageFacts) -> int | None:
    """Index of the heading that is the article's title: the one the page's
    metadata names (JSON-LD headline, og:title, <title>), else the first <h1>
    outside any container rule."""
    wanted = [facts.meta.get("og:title", ""), facts.meta.get("twitter:title", ""), facts.title]
    for item in _jsonld_items(facts.jsonld):
        if any(t in ARTICLE_TYPES for t in _types(item)) and isinstance(item.get("headline"), str):
            wanted.insert(0, str(item["headline"]))
    keys = [" ".join(words(w)) for w in wanted if w]
    headings = [i for i, b in enumerate(blocks) if b.line.heading_level]
    for level in (1, 2, 3):
        for i in headings:
            if blocks[i].line.heading_level != level:
                continue
            key = " ".join(words(blocks[i].line.text))
            if key and any(key == k or (len(key.split()) >= 3 and key in k) for k in keys):
                return i
    for i in headings:
        if blocks[i].line.heading_level == 1 and not blocks[i].context.containers:
            return i
    return None


def decide(blocks: list[HtmlBlock], story: Story, title: int | None) -> list[Verdict]:
    """A verdict for every block, in document order."""
    tokens = story.tokens
    # Containers holding most of the story are where the page put it: their signal does not count.
    story_words = sum(len(tokens[i]) for i in story.chain) or 1
    held: Counter[int] = Counter()
    for i in story.chain:
        for number, _, _ in blocks[i].context.containers:
            held[number] += len(tokens[i])
    ignored = {n for n, count in held.items() if count > CONTAINER_STORY_SHARE * story_words}
    title_words = tokens[title] if title is not None else None
    # Where the story sits (its title and paragraphs): prose in the same kind of
    # box after the story starts is story too (trafilatura can stop at an ad
    # between sections, or miss a lede).
    article = story.chain | ({title} if title is not None else set())
    boxes = Counter(blocks[i].box for i in article)
    first = min(article, default=len(blocks))

    verdicts: list[Verdict] = []
    for i, b in enumerate(blocks):
        if i == title:
            verdicts.append(Verdict(b.line, None, R.TITLE))
            continue
        container = None
        for number, rule, wording in reversed(b.context.containers):
            if number not in ignored:
                container = (rule, wording)
                break
        kept_by = R.MAIN_TEXT if i in story.chain else None
        if not kept_by and i > first and boxes[b.box] >= CONTINUATION_BOXES and not story.found[i]:
            kept_by = R.CONTINUATION if is_continuation(b, tokens[i]) else None
        if not kept_by and i in story.prose:
            kept_by = R.FREE_PROSE
        kind, rule, wording = _verdict(b, tokens[i], kept_by, story.found[i], container, title_words)
        verdicts.append(Verdict(b.line, kind, rule, wording))
    return _cut_trailer(verdicts)


def trailer_rule(text: str) -> Rule | None:
    """What a line after the story's last paragraph is when it is not story."""
    if is_contribution(text):
        return R.CONTRIBUTORS
    if rules.BIO.match(text):
        return R.BIO
    if is_credit(text):
        return R.CREDIT
    if is_boilerplate(text):
        return R.CHROME
    if is_promo(text):
        return R.PROMO
    return None


def _cut_trailer(verdicts: list[Verdict]) -> list[Verdict]:
    """The story's trailer: the kept blocks at its end that are credits,
    contribution notes, bios, prompts or promotions (trafilatura keeps them
    when they sit inside the article's element)."""
    for i in range(len(verdicts) - 1, -1, -1):
        v = verdicts[i]
        if not v.kept or v.kind == "break":
            continue
        found = trailer_rule(v.line.text)
        if found is None:
            break
        verdicts[i] = Verdict(v.line, None, found)
    return verdicts


def is_continuation(block: HtmlBlock, tokens: list[str]) -> bool:
    """Prose trafilatura left out although it sits where the story's paragraphs do."""
    return (
        len(tokens) >= CONTINUATION_MIN_WORDS
        and block.link_share < LINK_DENSITY
        and ends_sentence(block.line.text)
        and not is_boilerplate(block.line.text)
    )


def _verdict(
    block: HtmlBlock,
    tokens: list[str],
    kept_by: Rule | None,
    found: bool,
    container: tuple[Rule, str] | None,
    title_words: list[str] | None,
) -> tuple[BlockKind | None, Rule, str]:
    """(kind, rule, wording) for one block: the first rule that applies.
    kept_by says why the block reads as story (None when it does not)."""
    text = block.line.text
    short = len(tokens) <= rules.BYLINE_MAX_WORDS
    in_story = kept_by is not None
    rule, wording = container or (None, "")
    reason = rule.reason if rule else ""
    if title_words and tokens == title_words:
        return None, R.REPEATS_TITLE, ""
    if rule is not None and (reason in (COMMENT, METADATA) or rule is R.HIDDEN):
        if rule is R.BYLINE and not short:
            return None, R.AUTHOR_BIO, ""
        return None, rule, wording
    if block.byline and short:
        return None, R.BYLINE, ""
    if rule is not None and reason == PULLQUOTE and not in_story:
        return None, rule, wording
    if rule is not None and reason == BOILERPLATE:
        return None, rule, wording
    if in_story and is_comment_marker(text):
        return None, R.MARKER, ""
    if kept_by is not None:
        return _kind(block, kept_by)
    if found:
        if block.line.quoted:
            return None, R.PULLQUOTE_REPEATED, ""
        return None, R.REPEATS_MAIN_TEXT, ""
    if short and (block.time or looks_like_date(text)):
        return None, R.DATE, ""
    if block.link_share >= LINK_DENSITY:
        return None, R.LINKS_OUTSIDE_MAIN, ""
    return None, R.OUTSIDE_MAIN, ""


def _kind(block: HtmlBlock, kept_by: Rule) -> tuple[BlockKind, Rule, str]:
    if is_break(block.line.text):
        return "break", R.SCENE_BREAK, ""
    if block.line.heading_level:
        return "heading", kept_by, f"<h{block.line.heading_level}> {kept_by.wording}"
    if block.line.quoted:
        return "quote", kept_by, f"<blockquote> {kept_by.wording}"
    return "paragraph", kept_by, ""


# --- Metadata ----------------------------------------------------------------------


def iso_date(value: str) -> str | None:
    """ISO YYYY-MM-DD from a machine-readable or written date (the date as the page gives it)."""
    value = value.strip()
    if not value:
        return None
    try:
        return dateparser.isoparse(value).date().isoformat()
    except (ValueError, OverflowError):
        return parse_date(value)


def _jsonld_items(texts: Iterable[str]) -> Iterator[dict[str, object]]:
    """Every object in the page's JSON-LD, @graph members included."""
    for text in texts:
        text = re.sub(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$", "", text)
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _types(item: dict[str, object]) -> list[str]:
    t = item.get("@type")
    names = t if isinstance(t, list) else [t]
    return [n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)]


def _names_of(value: object) -> list[str]:
    """Names from a JSON-LD person, organisation, list of them or plain string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names_of(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names_of(v)]
    return []


def _clean_names(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        name = " ".join(name.split()).strip(" ,;|·•—–-")
        if name and not URL_LIKE.match(name) and name not in out:
            out.append(name)
    return out


def byline_names(text: str) -> list[str]:
    """The names in a byline's text: 'By Jane Doe and John Roe | Nov. 18, 2019'.
    Parts that read as person names when any does; else every short part."""
    text = BYLINE_PREFIX.sub("", text)
    text = DATE_START.split(text, maxsplit=1)[0]
    parts = [n for n in _clean_names(NAME_SPLIT.split(text)) if len(n.split()) <= NAME_MAX_WORDS]
    people = [n for n in parts if is_person_name(n)]
    return people or parts


def page_metadata(facts: PageFacts, verdicts: list[Verdict], title: HtmlBlock | None) -> Metadata:
    """Metadata from the page's structure, strongest evidence first: JSON-LD,
    then <meta> and <link>, then the page's own elements."""
    found: dict[str, Field[object]] = {}

    def put(name: str, value: object, origin: str) -> None:
        if value and name not in found:
            found[name] = Field(value, origin)

    def put_date(name: str, value: object, origin: str) -> None:
        if isinstance(value, str):
            put(name, day(iso_date(value)), origin)

    jsonld_url: Field[str] | None = None
    for item in _jsonld_items(facts.jsonld):
        kind = next((t for t in _types(item) if t in ARTICLE_TYPES), None)
        if kind is None:
            continue
        where = f"JSON-LD {kind}"
        if isinstance(item.get("headline"), str):
            put("title", " ".join(str(item["headline"]).split()), f"{where}.headline")
        if isinstance(item.get("description"), str):
            put("subtitle", " ".join(str(item["description"]).split()), f"{where}.description")
        put("authors", tuple(_clean_names(_names_of(item.get("author")))), f"{where}.author")
        put_date("date", item.get("datePublished"), f"{where}.datePublished")
        put_date("updated", item.get("dateModified"), f"{where}.dateModified")
        put("publisher", next(iter(_names_of(item.get("publisher"))), None), f"{where}.publisher.name")
        url = item.get("url")
        if jsonld_url is None and isinstance(url, str) and url.startswith(("http://", "https://")):
            jsonld_url = Field(url, f"{where}.url")

    if facts.canonical.startswith(("http://", "https://")):
        put("original_url", facts.canonical, "link rel=canonical")
    for name, keys in META_FIELDS.items():
        for key in keys:
            value = facts.meta.get(key, "")
            if name == "authors":
                if not URL_LIKE.match(value):  # article:author is often a profile page
                    put(name, tuple(_clean_names(NAME_SPLIT.split(value))), f"meta {key}")
            elif name in ("date", "updated"):
                put_date(name, value, f"meta {key}")
            elif name != "original_url" or value.startswith(("http://", "https://")):
                put(name, value, f"meta {key}")
    if jsonld_url is not None:
        put("original_url", jsonld_url.value, jsonld_url.origin)

    if title is not None:
        put("title", title.line.text, f"line {title.line.number}: <{title.tag}>")
    put("title", facts.title, "<title>")
    for value, number, _ in sorted(facts.times, key=lambda t: t[2]):  # outside containers first
        put_date("date", value, f"line {number}: <time datetime>")
    # Bylines in the page head, the story or just after it; further on they
    # name commenters or the authors of other articles.
    story_end = max((i for i, v in enumerate(verdicts) if v.kept), default=len(verdicts) - 1)
    verdicts = verdicts[: story_end + 1 + BYLINE_AFTER_STORY]
    for v in verdicts:
        if v.rule is R.BYLINE:
            put("authors", tuple(byline_names(v.line.text)), f"line {v.line.number}: byline")
            if any(c.isdigit() for c in v.line.text):
                put("date", day(parse_date(BYLINE_PREFIX.sub("", v.line.text))), f"line {v.line.number}: byline")
    # Weakest: what the lines the cleaner removed say ("Jane Doe contributed to this report.").
    from_lines = extract(verdicts)
    for name in Metadata.FIELDS:
        if name not in found and getattr(from_lines, name) is not None:
            found[name] = getattr(from_lines, name)
    if "original_url" in found and "publisher" not in found:
        host = publisher_from_url(str(found["original_url"].value))
        if host:
            found["publisher"] = Field(host, f"{found['original_url'].origin} (its host name)")
    return Metadata.of(found)


# --- The cleaner's entry point -----------------------------------------------------


def classify_html(source: Source) -> tuple[list[Verdict], Callable[[list[Verdict]], Metadata]]:
    """A verdict for every block of visible text, in document order, and how
    to read the page's metadata from the verdicts once a curator's keeps and
    drops are applied (as the text cleaner's are read): a title or byline
    line the curator keeps in the story is no longer read as the title or
    byline."""
    new_document()
    root = parse(source)
    blocks, facts = walk(root)
    title = title_block(blocks, facts)
    story = read_story(root, blocks, title)

    def metadata(verdicts: list[Verdict]) -> Metadata:
        titled = next((i for i, v in enumerate(verdicts) if v.rule is R.TITLE), None)
        return page_metadata(facts, verdicts, blocks[titled] if titled is not None else None)

    return decide(blocks, story, title), metadata
