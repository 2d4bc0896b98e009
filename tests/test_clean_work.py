"""A page's work grows with its lines, whatever their number: each line's text
is tested once per test, even on a page with more distinct lines than the
memos keep between documents (LRU caches of that size recomputed every
answer on each pass over such a page: word counts 12 times a line)."""

from __future__ import annotations

from archivist.clean import memo
from archivist.clean.cleaner import clean
from archivist.ingest.originals import source_from_bytes

LINES = 70_000  # more than memo.LIMIT


def test_each_line_is_tested_once_on_a_page_of_many_distinct_lines() -> None:
    text = "\n".join(f"Note {i} on the list of things." for i in range(LINES))
    before = {m: m.cache_info().misses for m in memo.memos()}
    cleaned = clean(source_from_bytes(text.encode(), "many.txt"))
    assert len(cleaned.body) + sum(r.lines[1] - r.lines[0] + 1 for r in cleaned.removed) == LINES
    computed = {m.__wrapped__.__name__: m.cache_info().misses - before[m] for m in memo.memos()}
    assert max(computed.values()) <= LINES, computed
    assert computed["line_tag"] == LINES  # every line was tested
