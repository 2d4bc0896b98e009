"""The cleaner's knowledge, kept as data apart from the algorithm.

Each list says what it catches and why it is safe. None names a particular
site, person or sentence: these are the furniture of news pages in general.
Patterns are matched against a line's plain text (artifacts undone),
case-insensitively unless they say otherwise.
"""

from __future__ import annotations

import re

from archivist.common.calendar_names import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES

# Whole lines that are site chrome, widgets or prompts, never story text.
# Matched against the line with trailing punctuation and counters removed.
BOILERPLATE_LINES = frozenset(
    {
        "about me",
        "about us",
        "about the author",
        "my photo",
        "translate",
        "trending",
        "trending topics",
        "trending now",
        "most popular",
        "most read",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "related content",
        "more stories",
        "more from",
        "recommended",
        "recommended for you",
        "you may also like",
        "you might also like",
        "read more",
        "read next",
        "continue reading",
        "advertisement",
        "advert",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "facebook",
        "twitter",
        "linkedin",
        "pinterest",
        "reddit",
        "whatsapp",
        "home",
        "menu",
        "search",
        "skip to content",
        "skip to main content",
        "sign in",
        "log in",
        "login",
        "register",
        "subscribe",
        "newsletter",
        "follow us",
        "tags",
        "labels",
        "categories",
        "filed under",
        "topics",
        "newer post",
        "older post",
        "newer posts",
        "older posts",
        "previous post",
        "next post",
        "post navigation",
        "view my complete profile",
        "blog archive",
        "powered by blogger",
        "loading",
        "close",
        "back to top",
        "top",
        "all rights reserved",
        "privacy policy",
        "terms of use",
        "terms of service",
        "contact us",
        "cookie policy",
        "accept cookies",
        "show more",
        "load more",
        "see more",
        "listen",
        "listen to this article",
        "audio",
        "video",
        "photos",
        "image",
        "gallery",
        "view gallery",
        "comments",
        "leave a comment",
        "post a comment",
        "add a comment",
        "no comments",
        "leave a reply",
        "cancel reply",
        "reply",
        "like",
        "report",
        "permalink",
        "subscribe now",
        "sign up",
        "donate",
        "support us",
        "support our journalism",
    }
)

# A line that starts with one of these and is short is a prompt or widget:
# newsletters, sharing, comment invitations, navigation.
BOILERPLATE_PREFIXES = re.compile(
    r"^(subscribe( to| now| for)?\b|sign up\b|click (here )?to\b|follow us\b|"
    r"share (this|on)\b|read (more|the full)\b|related:|see (also|more):|more on\b|"
    r"click here\b|join (our|the) (newsletter|mailing list|conversation)\b|"
    r"get (our|the) [\w ]*newsletter\b|download (our|the) app\b|"
    r"copyright\b|©|all rights reserved|this (story|article) (has been|was) (updated|corrected)\b|"
    r"advertisement\b|tags?:|labels?:|filed under:|posted in\b|categor(y|ies):)",
    re.IGNORECASE,
)
PROMPT_MAX_WORDS = 16
# A call to action anywhere in a short line makes it a prompt too:
# "Tell us what you think! Click to leave a comment".
CALL_TO_ACTION = re.compile(
    r"\b(leave a (comment|reply)|post a comment|click (here )?to|sign up (for|to|now)|subscribe (to|now|for)|"
    r"share (this|on) (article|story|post|facebook|twitter)|follow us on|download (our|the) app)\b",
    re.IGNORECASE,
)
# Every call to action above holds one of these words (a cheap test first).
CALL_TO_ACTION_WORDS = frozenset("leave post click sign subscribe share follow download".split())

# A line that only announces the reader comments that follow it. Everything
# after such a marker is the comment thread (or more chrome), never the story.
COMMENT_MARKERS = re.compile(
    r"^(leave a (reply|comment)|no comments|\d+ (comments?|responses?|replies)|"
    r"comments?( \(\d+\))?|reader comments|join the (discussion|conversation)|"
    r"show comments|view comments|add (a|your) comment|post a comment|\[?\s*read all comments\s*\]?|"
    r"what do you think|discussion|responses?( to .*)?|"
    r"\d+ thoughts on .*|one thought on .*|(\d+|one) (reply|replies|response) to .*"
    # a count in brackets, "(42) Comments", "[ 167 comments ]"; the WordPress
    # heading "34 responses to “Title”"; a closed or loading thread
    r"|[\[(]\s*\d+\s*[\])]\s*comments?|[\[(]\s*\d+\s*comments?\s*[\])]|\d+ responses to [“\"‘'«].*"
    r"|(top|most) (rated|recent|liked|popular) comments|leave comments?|(loading|load) comments( \.\.\.|…)?"
    r"|comments (are|have been) closed"
    # the same headings in the languages most blog engines are used in
    r"|(\d+ )?(comentários?|comentarios?|commenti|commentaires?|kommentare?|комментарии|коментарі|reacties)"
    r"|lascia un commento|deixe (um|seu) comentário|deja (un|tu) comentario|laisser un commentaire"
    r"|kommentar (schreiben|hinterlassen)|(добавить|оставить) комментарий|schreibe einen kommentar"
    r")[\s:.!?…]*$",
    re.IGNORECASE,
)
COMMENT_MARKER_MAX_WORDS = 16
# A count of no comments ("No Comments", "0 comments", "Comments (0)") marks no
# thread: the line is chrome, often printed beside the byline, above the story.
NO_COMMENTS = re.compile(
    r"^[(\[]?\s*(?:no|0)\s+(?:comments?|responses?|replies)\b|^comments?\s*[(\[]\s*0\s*[)\]]", re.I
)

# A heading that announces links to other pages: related or popular stories,
# recommendations. On its own line it ends the story, unless the story
# resumes after its links (a box inside the story, whose links are dropped);
# what follows the last one is other pages' headlines and teasers.
RELATED_MARKERS = re.compile(
    r"^(?:related(?: (?:posts?|articles?|stories|story|content|coverage|links|reading|topics|tags|videos|news|items))?"
    r"|(?:more|other) (?:stories|articles|posts|news|videos|headlines|coverage|reads)(?: (?:from|on|in|like this)\b.*)?"
    r"|more (?:from|in) [\w'’ ]{1,30}"
    r"|more great [\w'’ ]{1,30} stories"
    r"|(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|love|enjoy|be interested in)(?: (?:this|these))?"
    r"|(?:also|don'?t miss|recommended|editors'?’? picks?|editor'?s picks?|top stories"
    r"|latest (?:news|stories|headlines)|trending(?: now| stories)?"
    r"|most (?:popular|read|viewed|shared|commented|emailed)(?: (?:stories|articles|now))?"
    r"|popular (?:on|in) [\w'’ ]{1,30}|recommended (?:for you|stories|articles|reading)|read (?:next|this next)"
    r"|what to read next|next up(?: in [\w'’& ]{1,30})?|on our radar|around the web|from (?:the|our) web"
    r"|explore further|more to explore|keep reading"
    # the same headings in the languages most news sites are written in
    r"|você (?:também )?pode gostar|leia também|veja também|(?:artigos|notícias|posts) relacionad[oa]s|mais lidas"
    r"|(?:también )?te puede interesar|(?:noticias|artículos) relacionad[oa]s|lo más leído|más noticias"
    r"|(?:à )?lire aussi|vous aimerez aussi|articles similaires|sur le même sujet"
    r"|lesen sie auch|das könnte sie auch interessieren|weitere artikel|ähnliche artikel|mehr zum thema"
    r"|weitere beiträge zum thema|leggi anche|ti potrebbe interessare|potrebbe interessarti|articoli correlati"
    r"|читайте также|материалы по теме|вам также может быть интересно|похожие статьи"
    r"|baca juga|artikel terkait|関連記事|相关文章|相關文章|관련\s?기사)"
    r")[\s:.…!]*$",
    re.IGNORECASE,
)
RELATED_MARKER_MAX_WORDS = 8
# The story resumes after such a heading (a box of links inside the story)
# when two story paragraphs in a row come within so many lines of the next
# one; teasers come one paragraph at a time, between headlines.
RELATED_BOX_MAX_LINES = 10  # a box of links inside a story is short
RELATED_RESUME_WINDOW = 6

# "By NAME" bylines, with the words that introduce them.
BYLINE = re.compile(
    r"^(?:(?:written|posted|story|words|reporting|text) )?by[:\s]+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
# A byline is a line; an author's biography is longer (both cleaners).
BYLINE_MAX_WORDS = 16

# Words that make a byline name a role or an organisation, not a person.
NOT_A_PERSON = frozenset(
    {
        "guest",
        "writer",
        "staff",
        "editor",
        "editors",
        "admin",
        "administrator",
        "team",
        "desk",
        "newsroom",
        "reporter",
        "correspondent",
        "contributor",
        "contributors",
        "news",
        "times",
        "post",
        "press",
        "media",
        "chronicle",
        "journal",
        "tribune",
        "herald",
        "gazette",
        "daily",
        "weekly",
        "magazine",
        "network",
        "service",
        "services",
        "wire",
        "agency",
        "associated",
        "reuters",
        "online",
        "digital",
        "blog",
        "anonymous",
        "unknown",
        "group",
        "inc",
        "llc",
        "company",
        "foundation",
        "institute",
        "center",
        "centre",
        "council",
        "board",
        "department",
        "office",
    }
)
# Lower-case words allowed inside a person's name ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "y"}
)

# "NAME contributed to this story." and its variants.
CONTRIBUTORS = re.compile(
    r"^(?:(?P<before>.+?) contributed (?:reporting )?(?:to )?(?:this|the) (?:story|report|article|piece|post)"
    r"|(?:contributing|additional reporting)(?: by)?[:\s]+(?P<after>.+?))\.?\s*$",
    re.IGNORECASE,
)

# A syndication notice; the captured group is the first publisher.
SYNDICATION = re.compile(
    r"(?:was |is )?(?:originally|first) (?:published|appeared|posted)\s*(?:@|at|in|on|by)\s+"
    r"(?P<publisher>.+?)(?:\s+(?:and|on|under|with)\s.*|[.,]\s.*|\.)?$",
    re.IGNORECASE,
)
SYNDICATION_OTHER = re.compile(
    r"\b(republished|reprinted|syndicated) (here )?with permission\b|"
    r"\bthis (story|article) (was|is) (produced|published|reported) (by|in partnership with)\b",
    re.IGNORECASE,
)

# Every syndication notice above holds one of these words.
SYNDICATION_WORDS = ("originally", "first", "permission", "produced", "published", "reported")

# Photo and image credits, bare or in brackets ("(Image credit: NASA)"). A
# credit's neighbour in the page head is a caption.
CREDIT = re.compile(
    r"^\(?(?:(?:photo|photograph|image|illustration|video|graphic|picture)s?\s*(?:by|credit|courtesy)?\s*[:|]?\s+.+"
    r"|(?:credit|courtesy|source image)[:\s].+"
    r"|.*\((?:AP|AFP|Reuters|Getty)(?: Photo)?[^)]*\)"
    r"|.*\((?:image|photo|picture|pic|video|credit|source)s?\s*:\s*[^)]{1,60}\)"  # "... (Image: Agency Name)"
    r"|.*\b(?:Getty Images|Shutterstock|iStock(?:photo)?|AP Photo|Associated Press Photo)\b.{0,40})$",
    re.IGNORECASE,
)
# Every credit above holds one of these words (a cheap test first).
CREDIT_WORDS = frozenset(
    "photo photos photograph photographs image images illustration illustrations video videos graphic graphics"
    " picture pictures pic pics credit courtesy source ap afp reuters getty shutterstock istock istockphoto associated"
    " sources credits".split()
)
# "Firstname Lastname/Newspaper/Agency": the slash form of a photo credit.
SLASH_CREDIT = re.compile(
    r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}(?:\s?/\s?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4}){1,3}$"
)

# A trailing author biography: "NAME is a writer living in ...".
BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) (?:is|was|has been) (?:a|an|the)\b.{0,80}?\b"
    r"(?i:writer|reporter|journalist|correspondent|editor|columnist|contributor|freelancer|"
    r"photographer|producer|author|fellow|intern|blogger|critic|analyst)s?\b",  # "a Staff Writer at" too
)

# A line that is only a URL (possibly in angle brackets): the page's address.
URL_LINE = re.compile(r"^<?(?:source|original|url|link)?:?\s*<?(?P<url>https?://[^\s<>]+)>?$", re.IGNORECASE)
# Any URL inside a line, for promotional lines.
HAS_URL = re.compile(r"https?://\S+|\bwww\.[\w-]+\.\w+", re.IGNORECASE)
PROMO_MAX_WORDS = 20

# A scene break: a line of only symbols such as "* * *" or "---".
BREAK = re.compile(r"^\s*(?:[*•◆◇■□~=_\-–—·#]\s*){3,}$|^\s*(?:[*•◆#]\s*)$")

# A stray image alt text or file name ("logo-site (2)", "header_img.png").
IMAGE_ARTIFACT = re.compile(
    r"^[\w]+(?:[-_][\w]+)+(?:\s*\(\d+\))?(?:\.(?:png|jpe?g|gif|svg|webp))?$"
    r"|^[\w-]+\.(?:png|jpe?g|gif|svg|webp)$",
    re.IGNORECASE,
)

# "City, State, Country": a location label from a profile box.
PLACE_LINE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*){1,3}$")

# Date lines: words allowed besides the date itself.
DATE_WORDS = frozenset(
    {
        "published",
        "updated",
        "last",
        "modified",
        "posted",
        "on",
        "at",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "et",
        "pt",
        "ct",
        "mt",
        "est",
        "edt",
        "pst",
        "pdt",
        "cst",
        "cdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "the",
        "of",
        "and",
        "|",
        "-",
        "—",
        "–",
        "·",
        "•",
        "/",
        "date",
        "time",
        "first",
        "originally",
    }
)
MONTHS = [m.lower() for m in MONTH_NAMES] + list(MONTH_ABBREVIATIONS)
WEEKDAYS = [d.lower() for d in WEEKDAY_NAMES] + list(WEEKDAY_ABBREVIATIONS)
DATE_MAX_WORDS = 14
UPDATED_SPLIT = re.compile(r"\b(?:last )?(?:updated|modified)\b:?", re.IGNORECASE)

# Longer than every short-line rule above: only notices are looked for.
LONG_LINE_WORDS = 40

# Prose: a line that reads as a paragraph of running text.
PROSE_MIN_WORDS = 10
PROSE_LONG_WORDS = 25
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")

# Scripts written without spaces between words, and their sentence ends.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_SENTENCE_END = re.compile(r"[。！？!?.][」』”）)]*$")
# A list item: menus and link lists in text scrapes are written this way.
LIST_ITEM = re.compile(r"^\s*(?:[*+•·▪►‣-]|\d{1,2}[.)])\s+")

# Running text has punctuation: at least one mark per this many words.
PUNCTUATION = re.compile(r"[.,;:!?。、，！？]")
WORDS_PER_MARK = 30

# The story starts at a story line with another within this many lines.
STORY_START_WINDOW = 3

# Finding the story: story lines add their words (capped, so one long line
# cannot carry a page of menus), chrome and short labels take some away.
REGION_WORD_CAP = 60
REGION_CHROME_PENALTY = 3.0
REGION_SHORT_PENALTY = 1.0
# A short sentence ("“Yes,” he said.") adds a share of its words: it belongs
# to the story it sits in, and can end one.
REGION_SHORT_SENTENCE_SHARE = 0.3
SHORT_SENTENCE_MIN_WORDS = 4

# A run of lines between story paragraphs holding this many lines of chrome
# ends the story unless this many story paragraphs follow within so many
# lines (an advertisement or a prompt inside a story is followed by more).
CHROME_RUN_MIN = 2
CHROME_RESUME_MIN = 3
CHROME_RESUME_WINDOW = 6

# A line printed twice this close together (a caption over and under its
# photo), or once in a list of links, adds nothing to the story's score.
REPEAT_NEAR_LINES = 3

# A heading inside the body: short, no closing punctuation, mostly capitalised.
HEADING_MAX_WORDS = 12

# A pull quote: a quotation followed by the speaker's name and no verb.
PULLQUOTE = re.compile(r"^[“\"](?P<quote>.+)[”\"]\s*[—–-]?\s*(?P<who>[A-Z][^“”\"]{1,120})$")
PULLQUOTE_MIN_FRAGMENT_WORDS = 4
ATTRIBUTION_VERB = re.compile(
    r"\b(said|says|say|told|tells|according to|added|adds|asked|stated|noted|explained|"
    r"wrote|writes|argued|argues|recalled|recalls|testified|announced|acknowledged|"
    r"continued|insisted|warned|replied|responded|declared|described|reported)\b",
    re.IGNORECASE,
)
# Every attribution above holds one of these words.
ATTRIBUTION_WORDS = frozenset(
    "said says say told tells according added adds asked stated noted explained wrote writes argued argues"
    " recalled recalls testified announced acknowledged continued insisted warned replied responded declared"
    " described reported".split()
)

# --- A reader's register -------------------------------------------------
# Each signal adds its weight to a line's comment score. The score alone never
# cuts a thread (the voice of interviews and columns reads the same): a tail
# of short reactions needs evidence too (see clean_text.reaction_tail), and
# under bare names it tells whether the text is a comment.
# Words (lower case, as split on non-word characters) and their weights.
COMMENT_WORDS = {
    # first person singular outside quotation marks: reporters rarely write "I"
    "first_person": (frozenset({"i", "me", "my", "mine", "myself"}), 1.5),
    # addressing the reader or another commenter
    "second_person": (frozenset({"you", "your", "yours", "yourself", "u"}), 1.0),
}
# Profanity and chat slang, anywhere in the line: a register news copy avoids.
# Not the insults and labels stories quote ("thugs", "scum", "MAGA", "Nazis").
COMMENT_PROFANITY = re.compile(
    r"\b(fuck\w*|shit\w*|damn\w*|goddamn\w*|asshole\w*|crap|bullshit|wtf|lol|lmao)\b",
    re.I,
)
# The words above as a quick test of a line's words: stems, and whole words.
COMMENT_PROFANITY_STEMS = ("fuck", "shit", "damn", "goddamn", "asshole")
COMMENT_PROFANITY_WORDS = frozenset("crap bullshit wtf lol lmao".split())
COMMENT_PROFANITY_WEIGHT = 2.0
# Exclamations and questions strengthen other signals: common in reactions.
COMMENT_EXCLAIM = re.compile(r"[!?]")
COMMENT_EXCLAIM_WEIGHT = 0.5
# English function words: the comment signals above only read English.
ENGLISH_STOPWORDS = frozenset(
    "the and of to a in is that for it on was with as he she they i you we this be are have not but at by".split()
)
ENGLISH_MIN_SHARE = 0.12
COMMENT_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf]")
COMMENT_EMOJI_WEIGHT = 2.0
COMMENT_SHORT_WORDS = 6  # a bare reaction: "Disgusting."
COMMENT_SHORT_WEIGHT = 1.0
COMMENT_ECHO_WEIGHT = 2.0  # repeats a sentence said earlier on the page
COMMENT_ECHO_MIN_WORDS = 5
COMMENT_UNATTRIBUTED_QUOTE_WEIGHT = 1.0  # a quotation nobody is said to have said
COMMENT_ATTRIBUTION_WEIGHT = -2.5  # "..., he said": reported speech is the story's
COMMENT_NUMBERS_WEIGHT = -1.0  # figures and dates are the story's
# A commenter's signature line: "Sarah says:", "by Kate K. on November 29, 2010
# at 8:03 am.", "by ravenswood (1234)", "Tom Higley 3.12.2010 at 9:15 pm"; a
# reply's count ("2 replies beneath your threshold") or bare subject ("Re:").
COMMENT_SIGNATURE = re.compile(
    r"^(?:[*•-]\s+)?(?:.{0,30}/\s*)?(?!(?:the|a|an|he|she|they|it|we|i|his|her|their|who|officials?)\b)"
    r"[\w.'’@-]+(?: [\w.'’@-]+){0,3}\s"
    r"(?:says|said|wrote|writes|replied|commented)\s*:\s*$"
    r"|^(?:[*•-]\s+)?.{1,50}\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:says|said|wrote|writes|replied|commented)\s*:?\s*$"
    r"|^by\s.{1,40}\((?:\d+|score:.*)\)$"
    r"|^(?:[*•-]\s+)?(?:\w+\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"(?:\s+(?:at|@)\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\.?$"
    r"|^(?:rating|score|votes?|likes?|points?):?\s*[+-]?\d+(?:\s+(?:votes?|likes?|points?))?$"
    r"|^[+-]?\d+\s+(?:votes?|likes?|points?|pts|upvotes?|downvotes?)$"
    r"|^\d+\s+repl(?:y|ies)\b[^.!?]{0,40}\.?$|^re:\s*$"
    r"|^\S{1,30}\s+[+-]?\d+\s+(?:pts?|points?)$"
    r"|^on\s.{4,40}?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?,?\s.{1,40}\s(?:says|said|wrote|writes)\s*(?::|\.{3}|…)?\s*$"
    r"|^(?:by |posted by )?.{0,40}?\b(?:\w+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{1,2}\.? \w+\.?,? \d{4})(?:,)?\s*(?:at|@|-|,)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\.?\s*$",
    re.IGNORECASE,
)
COMMENT_SIGNATURE_MAX_WORDS = 14
# Never a signature: a date labelled by a word or two ("Released: June 17, 2025
# by Tor Books", "Date: Fri, 1 Feb 2002", "Last checked: 2025-10-28"), an item's fact or a message's
# header; or a range of dates ("October 2, 2025 – February 15, 2026", "23 May
# – 28 September 2025"), an event's. A commenter's signature has one date.
DATED_FACT = re.compile(
    rf"^\s*(?:\d+\.\s*)?(?!\S+ (?:says|said|wrote|writes|replied|commented):)[^\W\d_]+(?: [^\W\d_]+)?:\s*"
    rf"(?:(?:{'|'.join(MONTHS + WEEKDAYS)})\b|\d)"
    rf"|\b(?:{'|'.join(MONTHS)})\b[^–—]*?\s[-–—]\s.*\b(?:{'|'.join(MONTHS)})\b",
    re.IGNORECASE,
)
# Every signature form has a number (a date, a time, a score) or one of these
# words: a cheap test that spares the patterns most lines.
SIGNATURE_HINT = re.compile(
    r"\d|\b(?:says|said|wrote|writes|replied|commented|added|score|ago|pts|points|votes)\b|^re:", re.IGNORECASE
)
# Looser forms, for short lines only: "Progress Trap said,", "NAME added 1 day
# ago", "James C. - October 26, 2012", "written by mike, October 19, 2012".
COMMENT_SIGNATURE_LOOSE = re.compile(
    r"^(?:\(?\d+[.)]?\s+)?(?!(?:the|a|an|he|she|they|it|we|i|his|her|their|who|officials?)\b)[^.!?,]{1,40}?\s"
    r"(?:says|said|wrote|writes|added|commented|replied)\s*(?::|,|\.{3}|…)?\s*$"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|^(?:\(?\d+[.)]?\s+)?(?:written by\s+)?[^.!?]{1,50}?(?:\s[-–—|]\s|,\s(?:on\s)?)"
    r"(?:\w+,?\s)?(?:\d{1,2}(?:st|nd|rd|th)?\s\w+,?\s\d{4}|\w+\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
COMMENT_SIGNATURE_LOOSE_MAX_WORDS = 12
COMMENT_MIN_SIGNATURES = 2
# A story region that a thread's signatures run into is part of the thread
# when at least this many signatures precede it, each within reach of the
# next: a few times the thread's usual distance between signatures.
THREAD_MIN_BEFORE_REGION = 2
# A thread that starts inside the region has at least this many signatures,
# each within reach of the next (one or two are a dateline and a credit).
THREAD_MIN_SIGNATURES = 3
THREAD_REACH_FACTOR = 3
THREAD_MIN_REACH = 8
# One signature is enough in the last part of the page, with text after it;
# a strong one (a name or date with a time) anywhere after the story's start.
COMMENT_LONE_SIGNATURE_TAIL = 0.3
COMMENT_LONE_MIN_STORY = 1  # story paragraphs before a strong lone signature
# A story region that is one comment: it follows a strong signature with a
# time of day (after the page's byline or date), ends the page (a footer line
# aside) and holds at most this many words, fewer than the lines above the
# signature that no rule names (a list of credits with no sentence, say).
LONE_COMMENT_MAX_WORDS = 60
LONE_COMMENT_FOOTER_LINES = 1
COMMENT_THRESHOLD = 0.5
COMMENT_MIN_LINES = 3  # a thread of reactions has at least this many lines
COMMENT_MIN_GAIN = 4.0  # and its score sum exceeds the threshold by this much
COMMENT_MIN_BODY = 3  # a thread leaves at least this many lines of story before it
# A line before a thread's first signature is the first comment's only while it is at
# most this many times as long (in words) as the longest line of the comments after it.
FIRST_COMMENT_MAX_RATIO = 2
# A thread of reactions needs evidence beyond its voice: so many lines quoting
# the page word for word or carrying emoji, and short lines (median words).
REACTION_MIN_EVIDENCE = 2
REACTION_MAX_MEDIAN_WORDS = 20

# Lower-case words that make a short line read as a sentence, not a title.
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of off on or over per the to up via with vs".split()
)
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 25
SUBTITLE_MIN_WORDS = 6
# A dek sums up the story under it: the story kept holds at least twice its
# words, or the "dek" is the story (a one-paragraph post). On the text, comments
# and wcxb_text benchmark folders (1,239 pages, 856 with a dek) two pages fall
# under this ratio, and on both the dek is the whole story.
DEK_STORY_RATIO = 2
PUBLISHER_MAX_WORDS = 6

# --- Commenters' signatures by their repeated shape ---------------------------
# A thread's signatures come in every format a blog engine can print ("Ana
# On Thursday, November 1 at 2:57 pm", "Sam Lee10/28/12 6:13 PM",
# "October 11, 2012  Bo"), but within one page they all share one shape. A
# line's shape keeps its skeleton (dates, times, the words that introduce a
# signature, separators) and folds names into one token, so a shape that
# recurs between blocks of text marks each comment's signature.
SHAPE_MAX_WORDS = 14
# Words kept as themselves in a shape: they introduce or close a signature.
SHAPE_KEEP_WORDS = frozenset(
    "says said wrote writes replied commented added posted by on at reply replies replying from in via pts points votes"
    " likes ago".split()
)
# Words that make a shape a signature's (as a timestamp does): a commenter
# speaking, a comment's age or score.
SHAPE_SIGNATURE_WORDS = frozenset("says said wrote writes replied commented added ago pts points votes".split())
# A link to a commenter's profile, then the name ("http://twitter.com/ana Ana
# Ruiz"): a shape of its own ("U w"), a signature when it recurs.
PROFILE_LINK = re.compile(r"(?:https?://|www\.)\S+\s+\S")
# Punctuation kept in a shape (other marks fold into the names around them).
SHAPE_KEEP_PUNCTUATION = frozenset("/:|—–-,@()#")
# A month or weekday glued to the name before it ("AnnaOctober 29, 2012"),
# a numeric date glued to a name ("reader4u8/12/2012").
SHAPE_GLUED_MONTH = re.compile(rf"(?<=[a-z)])(?=(?:{'|'.join(MONTH_NAMES)})\b)")
SHAPE_GLUED_DATE = re.compile(r"(?<=[^\W\d_])(?=\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b)")
# Marks inside a name ("Mary-Ann", "O'Hara", "J.R.") join its letters.
SHAPE_NAME_JOINER = re.compile(r"(?<=[^\W\d])[-'’.](?=[^\W\d])")
# A timestamp in a shape: a date (month and number, or all numbers) or a time.
SHAPE_TIMESTAMP = re.compile(r"M ?9|9 ?M|9 ?[/.-] ?9 ?[/.-] ?9|T")
# Never a signature: a question or exclamation, a quotation ('"It works," she
# said.'), a line ending a sentence with a word (not "4:14 pm."), or an
# attribution opening with a dash (an embedded post's credit: "— Name (@handle) November 1, 2019").
# A date line that labels itself ("Published 18 November 2019") is the page's.
# Nor is a line with two sentences ("Good morning. Practice starts at 5:30.").
SHAPE_NOT_A_SIGNATURE = re.compile(
    r"[?!“”\"]|[^\W\d]{2}(?<!\d[ap]m)(?<!\d [ap]m)\.$|[^\W\d]{3}\.\s+[A-Z]|^\s*[—–]"
    r"|\b(?:published|updated|modified|posted on)\b",
    re.IGNORECASE,
)
# Two dates, or a range of days, in one shape: an event's or an exhibition's
# dates ("October 2, 2025 – February 15, 2026", "16-19 March 2026"); a
# commenter's signature has one timestamp.
SHAPE_DATE_RANGE = re.compile(r"M .*\bM\b|9 [-–—] 9 M|M 9 [-–—] (?:9|M)\b")
# A time of day ("8:26 PM", "20:33:05", "2:35am"), one symbol in a shape.
SHAPE_TIME_OF_DAY = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])\s*(?:[ap]\.?m\b\.?)?", re.IGNORECASE)
# Time zones after a time are not names.
TIME_ZONES = "et pt ct mt est edt pst pdt cst cdt mst mdt gmt utc bst cet cest ist aest".split()
# A strong signature is short: a name or two (a name, a place) and a timestamp.
STRONG_SIGNATURE_MAX_WORDS = 12
STRONG_SIGNATURE_MAX_NAMES = 2
# A signature printed over a few short lines ("Name" / "August 9th, 2012" /
# "2:13 pm") is read as one line: at most this many lines of so many words.
SIGNATURE_BLOCK_LINES = 3
SIGNATURE_BLOCK_LINE_WORDS = 10
# Names are short: a run of more words is a sentence, not a signature.
SHAPE_NAME_MAX_RUN = 5
# Bare names as signatures: a thread of names, one of them recurring, each
# with a block of at most so many lines under it, one in this many of them in
# a commenter's register. Never a bracketed source ("[Newswire]") or a line
# with symbols other than a handle's.
NAME_THREAD_MIN_NAMES = 2
NAME_THREAD_TALKING_SHARE = 3
NAME_BLOCK_MAX_LINES = 8
# and the text under half of the names at most so many words: comments are
# short, the sections under recurring subheadings ("Overview") run long.
NAME_BLOCK_MAX_MEDIAN_WORDS = 80
# A run of names that never recur is a thread only when its blocks quote the
# page (REACTION_MIN_EVIDENCE of them) and are short.
NAME_QUOTING_MIN_NAMES = 3
NAME_QUOTING_MAX_MEDIAN_WORDS = 40
# Lines that come back in the same turn, at least twice over, are a
# template's labels, not commenters: a turn of so many lines.
TEMPLATE_MIN_LABELS = 3
TEMPLATE_MAX_LABELS = 6
NAME_FIRST_COMMENT_SCORE = 2.0  # a name before the first recurring one, over a clear comment
NAME_LINE_NOT = re.compile(r"[\[\](){}<>|:;,*#+=&$%/]")
# A signature that is a name alone counts only when the same line recurs.
SHAPE_NAME_MAX_WORDS = 4
# A shape must recur this many times, each between blocks of text, and hold a
# name, or stand under a line that is a bare name: a run of bare dates is a
# list of other stories, not a thread (dated teasers under "Related Posts"
# were cut as comments on wcxb_text).
SHAPE_MIN_REPEATS = 2
# After a signature's verb ("says", "wrote") only its timestamp may follow:
# "Mayor says he will..." is a headline, "Ann says: 11/2/2012" a signature.
SHAPE_AFTER_VERB = frozenset(
    {"9", "T", "M", "W", "P", "Z", "at", "on", "in", ":", ",", "/", "|", "-", "—", "–", "@", "(", ")"}
)


# --- The learned line model (archivist/clean/line_model.py) ---------------------------
# A line the rules cut on evidence (a comment thread, links to other stories)
# is given back only when the model reads it alone as at least this likely
# story; lines cut for their place alone are given back with their run.
LEARNED_SURE = 0.5
