"""Read an article's metadata from the lines the cleaner moved out of the body.

Each field records where it came from ("line 12: byline"), so a reader and a
curator can check it against the original.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from archivist.clean import rulebook as R
from archivist.clean import rules
from archivist.clean.dates import parse_date
from archivist.clean.lines import person_names
from archivist.clean.text import Verdict
from archivist.model import Field, Metadata


def date_fields(text: str) -> tuple[str | None, str | None]:
    """(published, updated) from a date line such as '07/24/14 —Updated 07/25/14'."""
    parts = rules.UPDATED_SPLIT.split(text, maxsplit=1)
    published = parse_date(parts[0]) if re.search(r"\d", parts[0]) else None
    updated = parse_date(parts[1]) if len(parts) > 1 and re.search(r"\d", parts[1]) else None
    return published, updated


def day(iso: str | None) -> dt.date | None:
    """The date of a YYYY-MM-DD text (what ``parse_date`` gives), None for None."""
    return dt.date.fromisoformat(iso) if iso else None


def publisher_from_url(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(www|m|amp)\.", "", host)
    return host or None


def extract(verdicts: list[Verdict]) -> Metadata:
    """Metadata from the removed lines, by the rule that removed each, first occurrence winning."""
    found: dict[str, Field[object]] = {}

    def put(name: str, value: object, verdict: Verdict, how: str) -> None:
        if value and name not in found:
            found[name] = Field(value, f"line {verdict.line.number}: {how}")

    for v in verdicts:
        if v.kept:
            continue
        text = v.line.text
        if v.rule is R.TITLE:
            put("title", text, v, "title")
        elif v.rule is R.SUBTITLE:
            put("subtitle", text, v, "dek")
        elif v.rule is R.BYLINE:
            m = rules.BYLINE.match(text)
            put("authors", tuple(person_names(m.group("names"))) if m else (), v, "byline")
        elif v.rule is R.CONTRIBUTORS:
            m = rules.CONTRIBUTORS.match(text)
            names = tuple(person_names(m.group("before") or m.group("after") or "")) if m else ()
            put("contributors", names, v, "contribution note")
        elif v.rule is R.DATE:
            published, updated = date_fields(text)
            put("date", day(published), v, "date line")
            put("updated", day(updated), v, "date line")
        elif v.rule is R.PUBLISHER:
            put("publisher", text, v, "line after the byline")
        elif v.rule is R.SYNDICATION:
            m = rules.SYNDICATION.search(text)
            if m:
                put("publisher", m.group("publisher").strip(" .,"), v, "syndication notice")
        elif v.rule is R.URL:
            m = rules.URL_LINE.match(text)
            put("original_url", m.group("url") if m else None, v, "address line")
    # Weaker evidence, used only when nothing better was found.
    for v in verdicts:
        if v.rule is R.BIO:
            m = rules.BIO.match(v.line.text)
            put("authors", (m.group("name"),) if m else (), v, "author biography")
    if "original_url" in found and "publisher" not in found:
        host = publisher_from_url(str(found["original_url"].value))
        if host:
            found["publisher"] = Field(host, f"{found['original_url'].origin} (its host name)")
    return Metadata.of(found)
