"""Load and check the glossary: one Markdown file with YAML front matter per term.

Contributors write these files, so every problem is reported with the file,
the line and a hint, all problems at once; a file with a problem is left out
of the build (and ``--strict`` / ``archive check`` fail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .errors import ArchiveError

REQUIRED = ("id", "term", "short", "sources")
OPTIONAL = ("full_name", "aliases", "case_sensitive", "body", "related")
FIELDS = REQUIRED + OPTIONAL
SOURCE_FIELDS = ("id", "title", "publisher", "url", "article", "date")
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ALIAS_CHARS = 120
MAX_SHORT_CHARS = 300
# Raw HTML or script in a definition: tags, comments, javascript: links.
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--|javascript:|\bon\w+\s*=", re.IGNORECASE)
CITATION = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass(frozen=True)
class Citation:
    """A source of a glossary entry: a public document or an archive article."""

    id: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    article: str = ""  # an archive article id
    date: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    short: str
    definition: str  # Markdown, checked free of raw HTML
    path: str  # repo-relative
    full_name: str = ""
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = True
    body: str = ""  # the body it belongs to
    related: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form that counts as a mention, longest first."""
        forms = {self.term, *self.aliases}
        if self.full_name:
            forms.add(self.full_name)
        return tuple(sorted(forms, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        """Entries by id: every mention of every article looks its entry up."""
        return {e.id: e for e in self.entries}

    def related(self, entry_id: str) -> list[str]:
        """Related ids both ways: what an entry names and what names it."""
        entry = self.get(entry_id)
        out = set(entry.related if entry else ())
        out |= {e.id for e in self.entries if entry_id in e.related}
        out.discard(entry_id)
        return sorted(out)


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


def _line_of(front: str, key: str) -> int:
    """Line number (in the file) of a front matter key: front's first line is the file's first."""
    for i, line in enumerate(front.split("\n")):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return i + 1
    return 1


def parse_entry(text: str, path: str) -> tuple[Entry | None, list[ArchiveError]]:
    """One entry from its file text, and every problem found in it."""
    problems: list[ArchiveError] = []
    try:
        front, definition, body_line = _split_front_matter(text, path)
    except ArchiveError as exc:
        return None, [exc]
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or "cannot be read"
        context = getattr(exc, "context_mark", None)
        if context is not None and context.line + 1 != line:
            problem += f" (in what starts on line {context.line + 1})"
        return None, [ArchiveError(path, line, f"invalid YAML: {problem}", "check indentation, colons and quotes")]
    if not isinstance(data, dict):
        return None, [ArchiveError(path, 2, "front matter must be YAML fields (key: value)")]

    def err(key: str, message: str, hint: str = "", value: str = "") -> None:
        line = _line_of(front, key)
        if value:  # point at the value's own line when it has one (a list item)
            lines = front.split("\n")
            line = next((i + 1 for i in range(line - 1, len(lines)) if value[:40] in lines[i]), line)
        problems.append(ArchiveError(path, line, message, hint))

    for key in data:
        if key not in FIELDS:
            err(str(key), f"unknown field '{key}'", f"known fields: {', '.join(FIELDS)}")
    for key in REQUIRED:
        if not data.get(key):
            problems.append(ArchiveError(path, 2, f"missing field '{key}'", "see CONTRIBUTING.md for a template"))
    stem = Path(path).stem
    entry_id = str(data.get("id", ""))
    if entry_id and entry_id != stem:
        err("id", f"id '{entry_id}' does not match the file name '{stem}.md'", f"rename the file or write 'id: {stem}'")
    elif entry_id and not ENTRY_ID.match(entry_id):
        err("id", f"id '{entry_id}' is not lower-case letters, digits and hyphens")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        err("aliases", "aliases must be a list of texts", "write one '- alias' per line")
        aliases = []
    for alias in aliases:
        if len(alias) > MAX_ALIAS_CHARS:
            err(
                "aliases",
                f"alias of {len(alias)} characters is too long (at most {MAX_ALIAS_CHARS})",
                "an alias is a name as the articles write it",
                alias,
            )
        elif alias.islower() and " " not in alias and is_english_word(alias):
            err(
                "aliases",
                f"alias '{alias}' is an ordinary English word in lower case and would match everywhere",
                "write it as it appears in the articles, e.g. capitalised",
                alias,
            )
    related = data.get("related") or []
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        err("related", "related must be a list of glossary ids")
        related = []
    short = str(data.get("short") or "")
    if len(short) > MAX_SHORT_CHARS:
        err("short", f"short definition of {len(short)} characters is too long (at most {MAX_SHORT_CHARS})")
    if RAW_HTML.search(short):
        err("short", "short definition contains HTML or script", "write plain text")
    sources = []
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        err("sources", "sources must be a list", "see CONTRIBUTING.md")
        raw_sources = []
    for item in raw_sources:
        if not isinstance(item, dict) or not item.get("id") or not (item.get("url") or item.get("article")):
            err("sources", "each source needs an 'id' and a 'url' or an archive 'article'")
            continue
        unknown = sorted(set(item) - set(SOURCE_FIELDS))
        if unknown:
            err(
                "sources",
                f"unknown source field(s) {', '.join(map(str, unknown))}",
                f"known: {', '.join(SOURCE_FIELDS)}",
            )
        url = str(item.get("url") or "")
        if url and not url.startswith(("https://", "http://")):
            err("sources", f"source url '{url[:60]}' is not an http(s) address")
        sources.append(Citation(**{k: str(item.get(k) or "") for k in SOURCE_FIELDS}))
    for i, line in enumerate(definition.split("\n")):
        if RAW_HTML.search(line):
            problems.append(
                ArchiveError(path, body_line + i, "raw HTML or script in the definition", "write plain Markdown")
            )
    known = {s.id for s in sources}
    for i, line in enumerate(definition.split("\n")):
        for key in CITATION.findall(line):
            if key not in known:
                problems.append(
                    ArchiveError(path, body_line + i, f"citation [^{key}] names no source", "add it under 'sources'")
                )
    if not definition.strip():
        problems.append(ArchiveError(path, body_line, "the definition is empty", "write it after the closing '---'"))
    if problems:
        return None, problems
    return (
        Entry(
            id=entry_id,
            term=str(data["term"]),
            short=short,
            definition=definition.rstrip() + "\n",
            path=path,
            full_name=str(data.get("full_name") or ""),
            aliases=tuple(aliases),
            case_sensitive=bool(data.get("case_sensitive", True)),
            body=str(data.get("body") or ""),
            related=tuple(related),
            sources=tuple(sources),
        ),
        [],
    )


def load(folder: Path, display_root: str = "archive/glossary") -> tuple[Glossary, list[ArchiveError]]:
    """Every entry under ``folder`` and every problem, checked across entries too."""
    entries: list[Entry] = []
    problems: list[ArchiveError] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            shown = f"{display_root}/{path.name}"
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                problems.append(ArchiveError(shown, None, "not UTF-8 text", "save the file as UTF-8"))
                continue
            entry, found = parse_entry(text, shown)
            problems.extend(found)
            if entry:
                entries.append(entry)
    problems.extend(_cross_check(entries))
    bad = {p.path for p in problems}
    return Glossary(tuple(e for e in entries if e.path not in bad)), problems


def _cross_check(entries: list[Entry]) -> list[ArchiveError]:
    problems = []
    ids = {e.id for e in entries}
    claimed: dict[str, Entry] = {}
    for e in entries:
        for name in e.names:
            key = name.lower()
            other = claimed.get(key)
            if other is not None and other.id != e.id:
                problems.append(
                    ArchiveError(
                        e.path, None, f"'{name}' is also a name of '{other.id}' ({other.path})", "keep it in one entry"
                    )
                )
            claimed.setdefault(key, e)
        for r in e.related:
            if r not in ids:
                problems.append(
                    ArchiveError(e.path, None, f"related term '{r}' does not exist", f"known: {', '.join(sorted(ids))}")
                )
    return problems
