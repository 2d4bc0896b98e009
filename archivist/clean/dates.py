"""Dates in the words a page prints them in: the one parser the cleaner's
rules and the metadata reader share, so that a date means the same to both."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser


def parse_date(text: str) -> str | None:
    """ISO date from a date phrase, or None when it holds no full date."""
    text = re.sub(r"[—–|·•]", " ", text)
    text = re.sub(r"\b(published|posted|on|at|first|originally)\b:?", " ", text, flags=re.I)
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text, flags=re.I)
    try:
        when = dateparser.parse(text, fuzzy=True, default=dt.datetime(1, 1, 1), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if when.year < 1000:
        return None
    return when.date().isoformat()
