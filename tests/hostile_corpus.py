"""A corpus of bad inputs: scrapes and glossary entries as the open web and
strangers may send them. Written into a temporary archive by the tests."""

from __future__ import annotations

import struct
import zlib

from .story import story_text

STORY = story_text(3, title=False)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0\0\0\0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# Articles that must be refused with a message naming the file.
REFUSED = {
    "empty-file": ("original.txt", b""),
    "whitespace-only": ("original.txt", b"  \n\t\n   \n"),
    "png-named-txt": ("original.txt", tiny_png()),
    "control-bytes": ("original.txt", bytes(range(32)) * 200),
}

# Articles that must build, showing their text literally and running nothing.
LITERAL_TEXT = (
    "Council Votes On Library Hours\n\n"
    "# not a heading, * not a list, 1. not a list, > not a quote, | not | a | table |\n\n"
    "<div>not a div</div> <script>window.__pwned = 1; alert('text script')</script> text goes on here.\n\n"
    "Template syntax {{ config.site_name }} and {% raw %} stays as typed in the story, said the clerk.\n\n"
    "A link [click me](javascript:window.__pwned=1) and an image ![x](http://203.0.113.9/x.png) stay text.\n\n"
    '<img src=x onerror="window.__pwned=1"> and <iframe src="http://203.0.113.9/"></iframe> are shown as typed.\n\n'
) + STORY

HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>Council Votes On Library Hours</title>"
    "<style>body{background:url(http://203.0.113.9/bg.png)}</style>"
    "<script>window.__pwned = 1; alert('head script')</script></head><body>"
    "<nav><a href='javascript:window.__pwned=1'>Home</a></nav>"
    "<article><h1 onclick='window.__pwned=1'>Council Votes On Library Hours</h1>"
    '<p onmouseover="window.__pwned=1">The county council voted on Tuesday to expand the library\'s opening hours '
    "across all branches, a change residents had sought for years.</p>"
    "<p>Members said the change, which costs about $2 million a year, answers years of requests "
    "<a href='javascript:alert(1)'>from students</a> and parents.</p>"
    "<iframe src='http://203.0.113.9/frame'></iframe>"
    "<svg><script>window.__pwned = 1</script><text>svg text</text></svg>"
    "<p>“We heard the same thing at every meeting,” said council member Ana Ortiz, who sponsored it. "
    "<img src=x onerror='window.__pwned=1'> <b>Unclosed bold <i>and italic"
    "<p>The new hours begin in March, and branches will stay open until 9 p.m. on weekdays, officials said."
    "</article></body></html>"
)

BUILT = {
    "markdown-and-templates": ("original.txt", LITERAL_TEXT.encode("utf-8")),
    "hostile-html": ("original.html", HOSTILE_HTML.encode("utf-8")),
    "invalid-utf8": ("original.txt", STORY.encode("utf-8").replace(b"\xe2\x80\x9c", b"\xff\xfe\x93")),
    "utf16-no-bom": ("original.txt", ("Council Votes On Library Hours\n\n" + STORY).encode("utf-16-le")),
    "mixed-line-endings": ("original.txt", STORY.replace("\n\n", "\r\n\r\n", 1).replace("\n", "\r", 2).encode()),
    "curator-names-missing-line": ("original.txt", STORY.encode("utf-8")),
}
# article.yml files (this one names a line that does not exist: refused with its path).
ARTICLE_YML = {"curator-names-missing-line": "keep: [999]\n"}
REFUSED_BY_CURATION = {"curator-names-missing-line"}

GOOD_ENTRY = (
    "---\nid: {id}\nterm: {term}\nshort: A plain sentence.\n"
    "sources:\n  - id: a\n    url: https://example.org/a\n---\nIt is a thing.[^a]\n"
)
GLOSSARY = {
    "bad-yaml.md": "---\nid: bad-yaml\nterm: [unclosed\n---\nText.\n",
    "dup-one.md": GOOD_ENTRY.format(id="dup-one", term="Council Library Board"),
    "dup-two.md": GOOD_ENTRY.format(id="dup-one", term="Council Library Board"),
    "script-def.md": GOOD_ENTRY.format(id="script-def", term="Branch Office").replace(
        "It is a thing.", "It is <script>window.__pwned=1</script> a thing."
    ),
    "long-alias.md": GOOD_ENTRY.format(id="long-alias", term="Opening Hours Plan").replace(
        "short:", "aliases:\n  - " + "x" * 10_000 + "\nshort:"
    ),
}
