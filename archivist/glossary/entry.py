"""One glossary file read and checked: its fields, names, sources and definition.

Contributors write these files, so every problem is reported with the file,
the line of the value it is about (``yaml_lines``) and a hint, all at once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from archivist.common import sanitise, yaml_lines
from archivist.common.sanitise import SOURCE_ID
from archivist.common.sentences import sentence_spans
from archivist.errors import ArchiveError
from archivist.glossary.model import Citation, Entry

REQUIRED = ("id", "term", "short", "sources")
OPTIONAL = ("full_name", "aliases", "case_sensitive", "body", "related")
FIELDS = REQUIRED + OPTIONAL
SOURCE_FIELDS = ("id", "title", "publisher", "url", "article", "date")
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ALIAS_CHARS = 120
MAX_SHORT_CHARS = 300
ARTICLE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A source's address, entity-decoded: http(s), and nothing a link could be broken out of with.
SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
# Markup in the tooltip's plain sentence (shown escaped; refused so it reads as written).
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--|javascript:|\bon\w+\s*=", re.IGNORECASE)
CITATION = re.compile(r"\[\^([^\]\s]+)\]")

_ENGLISH: frozenset[str] | None = None


def is_english_word(word: str) -> bool:
    """True for an ordinary English word (the dictionary of pyspellchecker)."""
    global _ENGLISH
    if _ENGLISH is None:
        from spellchecker import SpellChecker

        _ENGLISH = frozenset(SpellChecker(language="en").word_frequency.dictionary)
    return word in _ENGLISH


def _split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """(front matter, Markdown body, the body's first line number)."""
    if not text.startswith("---"):
        raise ArchiveError(path, 1, "no front matter", "start the file with a line '---', the YAML fields, then '---'")
    end = re.search(r"^---\s*$", text[3:], re.M)
    if not end:
        raise ArchiveError(path, 1, "front matter is not closed", "add a line '---' after the YAML fields")
    front = text[3 : 3 + end.start()]
    rest = text[3 + end.end() :]
    body = rest.lstrip("\n")
    first_line = text[: len(text) - len(body)].count("\n") + 1
    return front, body, first_line


def shown(text: str) -> str:
    """``text`` as a message can show it: invisible characters named, long texts cut."""
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."


def invisible(text: str) -> str:
    """The first character of ``text`` that shows nothing or turns text around, named; or ''."""
    for c in text:
        if unicodedata.category(c) in ("Cf", "Cc", "Co", "Cs") or c in "\u2028\u2029":
            return f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}"
    return ""


def ordinary_word(name: str, case_sensitive: bool) -> bool:
    """True when ``name`` is one ordinary English word it would match as (an acronym in capitals is not)."""
    if " " in name.strip() or not is_english_word(name.lower()):
        return False
    return not case_sensitive or not name.isupper()


class _Entry:
    """One file's fields being checked: every problem, with the line of the value it is about."""

    def __init__(self, path: str, doc: yaml_lines.Located, data: dict[str, Any]) -> None:
        self.path = path
        self.doc = doc
        self.data = data  # doc.data, once the caller has seen it is a mapping
        self.problems: list[ArchiveError] = []
        self.lines: dict[str, int] = {}

    def err(self, where: tuple[object, ...], message: str, hint: str = "") -> None:
        self.problems.append(ArchiveError(self.path, self.doc.line(*where), message, hint))

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if isinstance(value, (bool, list, dict)):
            self.err((key,), f"'{key}' must be a text", "write it after the colon, on the same line")
            return ""
        return str(value)

    def name(self, where: tuple[object, ...], label: str, name: str, case_sensitive: bool, word_rule: bool) -> None:
        """Check one name the articles are searched for."""
        self.lines[f"name:{name}"] = self.doc.line(*where)
        hidden = invisible(name)
        if hidden:
            self.err(
                where,
                f"{label} '{shown(name)}' holds an invisible character ({hidden})",
                "retype it without: such characters make a name look like another, or never match",
            )
        elif len(name) > MAX_ALIAS_CHARS:
            self.err(
                where,
                f"{label} of {len(name)} characters is too long (at most {MAX_ALIAS_CHARS})",
                "an alias is a name as the articles write it",
            )
        elif word_rule and ordinary_word(name, case_sensitive):
            lower = " in lower case" if name.islower() else ""
            hint = (
                "write it as it appears in the articles, e.g. capitalised"
                if name.islower() and case_sensitive
                else "use a longer name, or an acronym in capitals with case_sensitive: true"
            )
            self.err(where, f"{label} '{name}' is an ordinary English word{lower} and would match everywhere", hint)


def parse_entry(
    text: str, path: str, article_ids: frozenset[str] | None = None
) -> tuple[Entry | None, list[ArchiveError]]:
    """One entry from its file text, and every problem found in it; ``article_ids``
    (when known) are the archive's articles a source may cite."""
    try:
        front, definition, body_line = _split_front_matter(text, path)
    except ArchiveError as exc:
        return None, [exc]
    try:
        doc = yaml_lines.load(front)
    except yaml.YAMLError as exc:
        line, problem, hint = yaml_lines.plain_problem(exc)
        return None, [ArchiveError(path, line, f"invalid YAML: {problem}", hint)]
    if not isinstance(doc.data, dict):
        return None, [ArchiveError(path, 2, "front matter must be YAML fields", "write one 'field: value' per line")]
    e = _Entry(path, doc, doc.data)
    data = e.data
    for dup in doc.duplicates:
        e.problems.append(
            ArchiveError(
                path,
                dup.line,
                f"'{dup.path[-1]}' is written twice (first on line {dup.first_line})",
                "keep one: YAML would silently use the last",
            )
        )
    for key in data:
        if key not in FIELDS:
            e.err((key,), f"unknown field '{key}'", f"known fields: {', '.join(FIELDS)}")
    for key in REQUIRED:
        if not data.get(key):
            e.problems.append(ArchiveError(path, 2, f"missing field '{key}'", "see CONTRIBUTING.md for a template"))
    stem = Path(path).stem
    entry_id = e.text("id")
    if entry_id and entry_id != stem:
        e.err(
            ("id",),
            f"id '{entry_id}' does not match the file name '{stem}.md'",
            f"rename the file or write 'id: {stem}'",
        )
    elif entry_id and not ENTRY_ID.match(entry_id):
        e.err(("id",), f"id '{entry_id}' is not lower-case letters, digits and hyphens")
    case_sensitive = data.get("case_sensitive", True)
    if not isinstance(case_sensitive, bool):
        e.err(
            ("case_sensitive",),
            f"case_sensitive must be true or false, not '{shown(str(case_sensitive))}'",
            "write 'case_sensitive: true', the default, or 'case_sensitive: false'",
        )
        case_sensitive = True
    term, full_name = e.text("term"), e.text("full_name")
    if term:
        e.name(("term",), "term", term, case_sensitive, word_rule=not case_sensitive)
    if full_name:
        e.name(("full_name",), "full name", full_name, case_sensitive, word_rule=True)
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        e.err(("aliases",), "aliases must be a list of texts", "write one '- alias' per line")
        aliases = []
    for i, alias in enumerate(aliases):
        e.name(("aliases", i), "alias", alias, case_sensitive, word_rule=True)
    related = data.get("related") or []
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        e.err(("related",), "related must be a list of glossary ids", "write 'related: [ice, hsi]'")
        related = []
    for i, other in enumerate(related):
        e.lines[f"related:{other}"] = doc.line("related", i)
    short = e.text("short")
    if len(short) > MAX_SHORT_CHARS:
        e.err(("short",), f"short definition of {len(short)} characters is too long (at most {MAX_SHORT_CHARS})")
    elif RAW_HTML.search(short):
        e.err(("short",), "short definition contains HTML or script", "write plain text")
    elif len(sentence_spans(short.strip())) > 1:
        e.err(
            ("short",),
            f"short definition is {len(sentence_spans(short.strip()))} sentences; it must be one",
            "keep one sentence for the tooltip and put the rest in the text after '---'",
        )
    sources = _sources(e, article_ids)
    known = tuple(s.id for s in sources)
    e.problems.extend(sanitise.problems(definition, path, body_line, "the definition", known))
    for i, definition_line in enumerate(definition.split("\n")):
        for key in CITATION.findall(definition_line):
            if key not in known:
                e.problems.append(
                    ArchiveError(path, body_line + i, f"citation [^{key}] names no source", "add it under 'sources'")
                )
    if not definition.strip():
        e.problems.append(ArchiveError(path, body_line, "the definition is empty", "write it after the closing '---'"))
    if e.problems:
        return None, e.problems
    return (
        Entry(
            id=entry_id,
            term=term,
            short=short,
            definition=definition.rstrip() + "\n",
            path=path,
            full_name=full_name,
            aliases=tuple(aliases),
            case_sensitive=case_sensitive,
            body=e.text("body"),
            related=tuple(related),
            sources=sources,
            lines=(*e.lines.items(), ("definition", body_line)),
        ),
        [],
    )


def _sources(e: _Entry, article_ids: frozenset[str] | None) -> tuple[Citation, ...]:
    raw = e.data.get("sources") or []
    if not isinstance(raw, list):
        e.err(("sources",), "sources must be a list", "see CONTRIBUTING.md")
        return ()
    sources: list[Citation] = []
    for i, item in enumerate(raw):
        where: tuple[object, ...] = ("sources", i)
        if not isinstance(item, dict) or not item.get("id") or not (item.get("url") or item.get("article")):
            e.err(where, "each source needs an 'id' and a 'url' or an archive 'article'", "see CONTRIBUTING.md")
            continue
        unknown = sorted(map(str, set(item) - set(SOURCE_FIELDS)))
        if unknown:
            e.err(
                where + (unknown[0],),
                f"unknown source field(s) {', '.join(unknown)}",
                f"known: {', '.join(SOURCE_FIELDS)}",
            )
        source = Citation(**{k: "" if item.get(k) is None else str(item[k]) for k in SOURCE_FIELDS})
        if not SOURCE_ID.match(source.id):
            e.err(
                where + ("id",),
                f"source id '{shown(source.id)}' is not letters, digits and hyphens",
                "cite it as [^id]",
            )
        elif source.id in {s.id for s in sources}:
            e.err(where + ("id",), f"source id '{source.id}' is used twice", "give each source its own id")
        if source.url and not SAFE_URL.match(html.unescape(source.url)):
            e.err(
                where + ("url",),
                f"source url '{shown(source.url)}' is not an http(s) address",
                "write the whole address, starting https://, with no spaces or quotes",
            )
        if source.article and not ARTICLE_ID.match(source.article):
            e.err(
                where + ("article",),
                f"source article '{shown(source.article)}' is not an article id",
                "write the article's folder name",
            )
        elif source.article and article_ids is not None and source.article not in article_ids:
            e.err(
                where + ("article",),
                f"source article '{source.article}' is not in the archive",
                "write the folder name of an article under archive/articles/",
            )
        e.lines[f"source:{source.id}"] = e.doc.line(*where)
        sources.append(source)
    return tuple(sources)
