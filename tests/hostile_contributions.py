"""A corpus of hostile contributions: glossary entries and curators' notes as a
stranger may propose them. Beside hostile_corpus.py (scrapes): each entry
here is refused with file:line: problem (hint), or shows as typed."""

from __future__ import annotations

from .story import story_text


def quoted(value: str) -> str:
    """A YAML single-quoted scalar: any text, read back as written."""
    return "'" + value.replace("'", "''") + "'"


def entry(name: str, definition: str = "It is a thing.[^doc]", **fields: str) -> str:
    """An entry file; line 3 is the term, 6 the alias, 7 short, 13 the url, 15 the definition's first."""
    title = name.replace("-", " ").title()
    values = {
        "term": f"{title} Unit",
        "full_name": f"{title} Agency",
        "alias": f"{title} Bureau",
        "short": "A plain sentence.",
        "body": "A department",
        "title": "A public document",
        "publisher": "A publisher",
        "url": "https://example.org/doc",
    }
    values.update(fields)
    v = {k: quoted(x) for k, x in values.items()}
    return (
        f"---\nid: {name}\nterm: {v['term']}\nfull_name: {v['full_name']}\naliases:\n  - {v['alias']}\n"
        f"short: {v['short']}\nbody: {v['body']}\nsources:\n  - id: doc\n    title: {v['title']}\n"
        f"    publisher: {v['publisher']}\n    url: {v['url']}\n---\n{definition}\n"
    )


LINKS = "links may go to http, https or mailto addresses, or to pages of this site"
RAW = "write plain Markdown: raw HTML and scripts are not allowed"
ATTRIBUTES = "write plain Markdown: raw HTML attributes are not allowed"
URL = "write the whole address, starting https://, with no spaces or quotes"
INVISIBLE = "retype it without: such characters make a name look like another, or never match"

# Entry file -> (its text, the line and message `archive check` gives for it).
REFUSED: dict[str, tuple[str, int, str]] = {
    "encoded-js-link": (
        entry("encoded-js-link", "See [the team](java&#115;cript:alert(document.domain)) for more.[^doc]"),
        15,
        f"the definition: the link to 'javascript:alert(document.domain)' would be removed ({LINKS})",
    ),
    "mixed-case-js-link": (
        entry("mixed-case-js-link", "It is a thing.[^doc]\n\nAsk [here](JaVaScRiPt:window.__pwned=1)."),
        17,
        f"the definition: the link to 'JaVaScRiPt:window.__pwned=1' would be removed ({LINKS})",
    ),
    "entity-colon-link": (
        entry("entity-colon-link", "[x](javascript&#x3A;window.__pwned=1) is a thing.[^doc]"),
        15,
        f"the definition: the link to 'javascript:window.__pwned=1' would be removed ({LINKS})",
    ),
    "tab-in-scheme": (
        entry("tab-in-scheme", "[x](jav&#x09;ascript:window.__pwned=1) is a thing.[^doc]"),
        15,
        f"the definition: the link to 'jav\\u0009ascript:window.__pwned=1' would be removed ({LINKS})",
    ),
    "data-link": (
        entry("data-link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) is a thing.[^doc]"),
        15,
        f"the definition: the link to 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' "
        f"would be removed ({LINKS})",
    ),
    "vbscript-link": (
        entry("vbscript-link", "[x](vbscript:msgbox(1)) is a thing.[^doc]"),
        15,
        f"the definition: the link to 'vbscript:msgbox(1)' would be removed ({LINKS})",
    ),
    "reference-link": (
        entry("reference-link", "[The team][t] is a thing.[^doc]\n\n[t]: javascript:window.__pwned=1"),
        17,
        f"the definition: the link to 'javascript:window.__pwned=1' would be removed ({LINKS})",
    ),
    "other-host-without-scheme": (
        entry("other-host-without-scheme", "[x](//203.0.113.9/x) is a thing.[^doc]"),
        15,
        f"the definition: the link to '//203.0.113.9/x' would be removed ({LINKS})",
    ),
    "autolink": (
        entry("autolink", "Write to <javascript:window.__pwned=1> now.[^doc]"),
        15,
        f"the definition: a <javascript:window.__pwned=1> element would be removed ({RAW})",
    ),
    "image-link": (
        entry("image-link", "It is a thing.[^doc] ![x](http://203.0.113.9/x.png)"),
        15,
        "the definition: an image would be removed (images are not shown; link to the picture instead)",
    ),
    "raw-img": (
        entry("raw-img", 'It is a thing.[^doc]\n\n<img src=x onerror="window.__pwned=1">'),
        17,
        "the definition: an image would be removed (images are not shown; link to the picture instead)",
    ),
    "raw-attribute": (
        entry("raw-attribute", 'It is <a href="https://example.org" onclick="window.__pwned=1">a thing</a>.[^doc]'),
        15,
        f"the definition: the 'onclick' attribute of <a> would be removed ({ATTRIBUTES})",
    ),
    "raw-iframe": (
        entry("raw-iframe", 'It is a thing.[^doc]\n\n<iframe src="http://203.0.113.9/"></iframe>'),
        17,
        f"the definition: an <iframe> element would be removed ({RAW})",
    ),
    "raw-svg": (
        entry("raw-svg", 'It is a thing.[^doc] <svg onload="window.__pwned=1"></svg>'),
        15,
        f"the definition: a <svg> element would be removed ({RAW})",
    ),
    "script-in-third-paragraph": (
        entry("script-in-third-paragraph", "One.[^doc]\n\nTwo.\n\n<script>window.__pwned=1</script>"),
        19,
        f"the definition: a <script> element would be removed ({RAW})",
    ),
    "raw-style": (
        entry("raw-style", "It is a thing.[^doc]\n\n<style>body{background:url(http://203.0.113.9/bg.png)}</style>"),
        17,
        f"the definition: a <style> element would be removed ({RAW})",
    ),
    "javascript-source-url": (
        entry("javascript-source-url", url="javascript:window.__pwned=1"),
        13,
        f"source url 'javascript:window.__pwned=1' is not an http(s) address ({URL})",
    ),
    "entity-source-url": (
        entry("entity-source-url", url="&#106;avascript:window.__pwned=1"),
        13,
        f"source url '&#106;avascript:window.__pwned=1' is not an http(s) address ({URL})",
    ),
    "breakout-source-url": (
        entry("breakout-source-url", url='https://example.org/"><script>window.__pwned=1</script>'),
        13,
        f"source url 'https://example.org/\"><script>window.__pwned=1</script>' is not an http(s) address ({URL})",
    ),
    "bidi-term": (
        entry("bidi-term", term="ICE\u202eSOH"),
        3,
        f"term 'ICE\\u202eSOH' holds an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE) ({INVISIBLE})",
    ),
    "zero-width-alias": (
        entry("zero-width-alias", alias="Immigration\u200band Customs"),
        6,
        f"alias 'Immigration\\u200band Customs' holds an invisible character (U+200B ZERO WIDTH SPACE) ({INVISIBLE})",
    ),
    "common-word-alias": (
        entry("common-word-alias", alias="The"),
        6,
        "alias 'The' is an ordinary English word and would match everywhere "
        "(use a longer name, or an acronym in capitals with case_sensitive: true)",
    ),
    "heading": (
        entry("heading", "# A heading of the page's own level\n\nIt is a thing.[^doc]"),
        15,
        "the definition: a level-1 heading would be removed (headings in the text start at '### ')",
    ),
}

BIG_BYTES = 50 * 1024 * 1024
BIG = (
    "the file is {size:,} bytes, over the 64 KiB an entry may hold "
    "(an entry is a term and a few paragraphs; cite long documents as sources)"
)


def big_entry() -> str:
    """A 50 MB entry: valid, but no definition is that long."""
    filler = "It is a thing, said again and again. " * (BIG_BYTES // 37 + 1)
    return entry("fifty-megabytes", filler[:BIG_BYTES] + "[^doc]")


# Entries that build, every field shown as typed: markup, template syntax and
# entities in each field. The article below mentions SAFE_TERM, so its
# tooltip (the short definition) is on an article page too.
SAFE_TERM = "Hours <img src=x onerror=window.__pwned=1> Board"
SAFE_DEFINITION_TEXT = "<script>window.__pwned=1</script> and {{ config.site_name }} {% raw %} stay as typed."
SAFE = {
    "typed-as-written": entry(
        "typed-as-written",
        "&lt;script&gt;window.__pwned=1&lt;/script&gt; and {{ config.site_name }} {% raw %} stay as typed.[^doc]\n\n"
        'A [fine link](https://example.org/ok "a \\"title\\"") and *emphasis* `<code>`.\n\n'
        "    <script>window.__pwned=1</script> in a code block",
        term=SAFE_TERM,
        full_name='Council "Quote" Office',
        alias="Branch {{ config.site_name }} Plan",
        short='A sentence with "quotes", {{ braces }}, {% raw %} and &amp; shown as typed.',
        body='<b onmouseover="window.__pwned=1">Body</b>',
        title="<script>window.__pwned=1</script>",
        publisher='" onmouseover="window.__pwned=1',
    ),
}
SAFE_SHOWN = {  # what the term page shows, as a reader reads it
    "typed-as-written": [
        SAFE_TERM,
        'Council "Quote" Office',
        "Branch {{ config.site_name }} Plan",
        'A sentence with "quotes", {{ braces }}, {% raw %} and &amp; shown as typed.',
        '<b onmouseover="window.__pwned=1">Body</b>',
        SAFE_DEFINITION_TEXT,
        "<script>window.__pwned=1</script> in a code block",
        '<script>window.__pwned=1</script>, " onmouseover="window.__pwned=1.',
    ]
}

# A name another entry has: `archive check` names both (no git here), each with its line.
CLASHING = {
    "first-claim": entry("first-claim", alias="Shared Name Office"),
    "second-claim": entry("second-claim", alias="Shared Name Office"),
}

STORY = story_text(2).replace("the library's", f"the {SAFE_TERM}")
# article.yml notes: one shown as typed, one refused with its line.
NOTES = {
    "note-typed": (
        "note: |\n  &lt;script&gt;window.__pwned=1&lt;/script&gt; and {{ config.site_name }} stay as typed; "
        "see [the minutes](https://example.org/minutes).\n"
    ),
    "note-refused": "metadata:\n  publisher: A paper\nnote: 'See [the team](java&#115;cript:window.__pwned=1).'\n",
}
NOTE_SHOWN = "<script>window.__pwned=1</script> and {{ config.site_name }} stay as typed; see the minutes."
NOTE_REFUSED = (
    "note-refused/article.yml",
    3,
    f"the note: the link to 'javascript:window.__pwned=1' would be removed ({LINKS})",
)
