"""Contributor Markdown made safe: rendered, cut to an allow-list, re-emitted as Markdown.

Glossary definitions and curators' notes are Markdown written by people the
archive does not know. A deny-list of raw HTML misses what only rendering
reveals (``[x](java&#115;cript:...)`` becomes a ``javascript:`` link), so the
text is rendered with Python-Markdown first and the HTML is then cut to an
allow-list by nh3 (Rust's ammonia): the elements below, links to http, https,
mailto and this site only, judged on the decoded address.

What the sanitiser keeps is then written back as Markdown, every text escaped
(``markdown_text.escape``): the generated pages stay Markdown that any MkDocs
(or Zensical) renders, relative links to pages still resolve, and nothing in
a text can become markup again. ``problems`` lists, with lines, what the
sanitiser would remove: ``archive check`` refuses it before a build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from urllib.parse import quote

import markdown
import nh3
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor

from archivist.common.markdown_text import code_block, escape, escape_title
from archivist.errors import ArchiveError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# What a definition may hold once rendered: text structure and links, no
# images (a request to another host), no headings above the page's own h2.
TAGS = frozenset(
    ("p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "sup", "h3", "h4")
)
ATTRIBUTES = {"a": {"href", "title"}}
CLASSES = {"a": {"footnote-ref"}}  # Python-Markdown's footnote reference: written back as [^id]
SCHEMES = frozenset(("http", "https", "mailto"))
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers drop these anywhere in an address before reading it ("java\tscript:").
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LINK_HINT = "links may go to http, https or mailto addresses, or to pages of this site"


def safe_link(url: str) -> bool:
    """True for an http, https or mailto address or a path on this site (``url`` entity-decoded)."""
    squeezed = _IGNORED_IN_URLS.sub("", url)
    if squeezed.startswith(("//", "/\\", "\\")):  # another host, without a scheme
        return False
    scheme = _SCHEME.match(squeezed)
    return scheme is None or scheme.group(1).lower() in SCHEMES


class _FootnoteRefs(Treeprocessor):
    """Drop the footnotes list (the page's own sources list replaces it) and the
    references' ids: only ``a.footnote-ref`` is needed to write ``[^id]`` back."""

    def run(self, root: Element) -> None:
        for div in [c for c in root if c.tag == "div" and c.get("class") == "footnote"]:
            root.remove(div)
        for sup in root.iter("sup"):
            if any(a.get("class") == "footnote-ref" for a in sup):
                sup.attrib.pop("id", None)


def render(text: str, footnotes: tuple[str, ...] = ()) -> str:
    """The HTML Python-Markdown makes of ``text``; ``[^id]`` of each of ``footnotes`` is a reference."""
    md = markdown.Markdown(extensions=["footnotes"] if footnotes else [])
    if footnotes:
        md.treeprocessors.register(_FootnoteRefs(md), "archive-footnote-refs", 5)
        text = text + "\n\n" + "".join(f"[^{key}]: .\n" for key in footnotes if SOURCE_ID.match(key))
    return md.convert(text)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    return value if name != "href" or safe_link(value) else None


def sanitise(rendered: str) -> str:
    """``rendered`` HTML cut to the allow-list (nh3)."""
    return nh3.clean(
        rendered,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        allowed_classes={k: set(v) for k, v in CLASSES.items()},
        url_schemes=set(SCHEMES),
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )


def safe_markdown(text: str, footnotes: tuple[str, ...] = ()) -> str:
    """Contributor Markdown as Markdown that shows only what the allow-list keeps."""
    return to_markdown(sanitise(render(text, footnotes)), footnotes)


def site_links(text: str, footnotes: tuple[str, ...] = ()) -> list[str]:
    """The addresses of the links to this site's pages the sanitised ``text`` keeps (no scheme, no bare #anchor)."""
    root = _parse(sanitise(render(text, footnotes)))
    hrefs = (a.get("href") or "" for a in root.iter("a"))
    return [h for h in hrefs if h and not h.startswith("#") and not _SCHEME.match(h)]


@dataclass(frozen=True)
class Removal:
    """Something the sanitiser takes out, and a piece of source text to find its line by."""

    what: str
    hint: str
    needles: tuple[str, ...]  # tried in turn


def removals(rendered: str) -> list[Removal]:
    """Every element, attribute and link of ``rendered`` outside the allow-list, in order."""
    out: list[Removal] = []
    for el in _parse(rendered).iter():
        if not isinstance(el.tag, str) or el.tag == "div" and el.getparent() is None:
            continue
        tag = el.tag.lower()
        if tag == "img":
            out.append(Removal("an image", "images are not shown; link to the picture instead", ("![", "<img")))
        elif re.fullmatch(r"h[1-6]", tag) and tag not in TAGS:
            out.append(Removal(f"a level-{tag[1]} heading", "headings in the text start at '### '", ("#", f"<{tag}")))
        elif tag not in TAGS:
            hint = "write plain Markdown: raw HTML and scripts are not allowed"
            out.append(Removal(f"{'an' if tag[0] in 'aeiou' else 'a'} <{tag}> element", hint, (f"<{tag}",)))
        if tag not in TAGS:
            continue  # its attributes go with it
        for name, value in el.attrib.items():
            name = name.lower()
            if name == "href" and tag == "a":
                if not safe_link(value):
                    out.append(Removal(f"the link to '{_shown(value)}'", _LINK_HINT, (value,)))
            elif name == "class" and value in CLASSES.get(tag, ()):
                continue
            elif name not in ATTRIBUTES.get(tag, ()):
                hint = "write plain Markdown: raw HTML attributes are not allowed"
                out.append(Removal(f"the '{name}' attribute of <{tag}>", hint, (f"{name}=", name)))
    return out


def _shown(value: str) -> str:
    value = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value)
    return value if len(value) <= 60 else value[:57] + "..."


def problems(text: str, path: str, first_line: int, what: str, footnotes: tuple[str, ...] = ()) -> list[ArchiveError]:
    """What the sanitiser would remove from ``text`` (starting on ``first_line`` of ``path``)."""
    rendered = render(text, footnotes)
    found = removals(rendered)
    lines = text.split("\n")
    out = [
        ArchiveError(path, first_line + _line_index(lines, r.needles), f"{what}: {r.what} would be removed", r.hint)
        for r in found
    ]
    if not out and to_markdown(sanitise(rendered), footnotes) != to_markdown(rendered, footnotes):
        # The allow-list above and nh3 disagree: refuse rather than publish a changed text.
        out.append(ArchiveError(path, first_line, f"{what}: part of it would be removed", "write plain Markdown"))
    return out


def _line_index(lines: list[str], needles: tuple[str, ...]) -> int:
    """The first line holding one of ``needles`` (in turn), read as a browser would
    (entities decoded, any case); the text's first line when none is found."""
    read = [_IGNORED_IN_URLS.sub("", html.unescape(line.replace("\\", ""))).lower() for line in lines]
    for needle in needles:
        wanted = _IGNORED_IN_URLS.sub("", needle).lower()
        found = next((i for i, line in enumerate(read) if wanted and wanted in line), None)
        if found is not None:
            return found
    return 0


def _parse(fragment: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(fragment or "<p></p>", create_parent="div")


_BLOCKS = frozenset(("p", "pre", "blockquote", "ul", "ol", "hr", "h3", "h4", "li", "div"))
_INLINE_TAGS = {"em": "em", "strong": "strong", "code": "code", "sup": "sup"}
# Characters a Markdown link destination cannot hold as they are.
URL_SAFE = "/?#[]@!$&'*+,;=:%~-._"


def to_markdown(fragment: str, footnotes: tuple[str, ...] = ()) -> str:
    """Sanitised HTML written as Markdown: the allowed structure, every text escaped."""
    return "\n\n".join(b for b in _blocks(_parse(fragment), set(footnotes)) if b) + "\n"


def _blocks(el: lxml_html.HtmlElement, footnotes: set[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = [_text(el.text)]

    def flush() -> None:
        joined = "".join(run).strip()
        if joined:
            out.append(joined)
        run.clear()

    for child in el:
        if isinstance(child.tag, str) and child.tag in _BLOCKS:
            flush()
            out.append(_block(child, footnotes))
        elif isinstance(child.tag, str):
            run.append(_inline(child, footnotes))
        run.append(_text(child.tail))
    flush()
    return out


def _block(el: lxml_html.HtmlElement, footnotes: set[str]) -> str:
    tag = el.tag
    if tag == "pre":
        return code_block(el.text_content().rstrip("\n"))
    if tag == "hr":
        return "***"
    if tag in ("h3", "h4"):
        return "#" * int(tag[1]) + " " + _inlines(el, footnotes).strip()
    if tag == "blockquote":
        inner = "\n\n".join(b for b in _blocks(el, footnotes) if b)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if tag in ("ul", "ol"):
        items = []
        for i, li in enumerate(c for c in el if c.tag == "li"):
            marker = f"{i + 1}." if tag == "ol" else "-"
            parts = [b for b in _blocks(li, footnotes) if b] or [""]
            first, *rest = "\n\n".join(parts).split("\n")
            items.append("\n".join([f"{marker} {first}", *(f"    {line}" if line else "" for line in rest)]))
        loose = any(child.tag == "p" for li in el for child in li)  # items as paragraphs, as written
        return ("\n\n" if loose else "\n").join(items)
    if tag in ("li", "div"):
        return "\n\n".join(b for b in _blocks(el, footnotes) if b)
    return _inlines(el, footnotes).strip()


def _inlines(el: lxml_html.HtmlElement, footnotes: set[str]) -> str:
    parts = [_text(el.text)]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(_inline(child, footnotes))
        parts.append(_text(child.tail))
    return "".join(parts)


def _inline(el: lxml_html.HtmlElement, footnotes: set[str]) -> str:
    tag = cast(str, el.tag)  # an element's: callers pass no comments
    if tag == "br":
        return "<br>"
    if tag == "a":
        href = el.get("href") or ""
        key = href[len("#fn:") :] if href.startswith("#fn:") else ""
        if el.get("class") == "footnote-ref" and key in footnotes and SOURCE_ID.match(key):
            return f"[^{key}]"
        inner = _inlines(el, footnotes)
        if not href or not safe_link(href):
            return inner
        title = el.get("title")
        shown_title = f' "{escape_title(title)}"' if title else ""
        return f"[{inner}]({quote(href, safe=URL_SAFE)}{shown_title})"
    if tag == "sup" and len(el) == 1 and not (el.text or "").strip() and el[0].get("class") == "footnote-ref":
        return _inline(el[0], footnotes)
    inner = _inlines(el, footnotes)
    name = _INLINE_TAGS.get(tag)
    return f"<{name}>{inner}</{name}>" if name and inner.strip() else inner


def _text(text: str | None) -> str:
    return escape(text, strip=False) if text else ""
