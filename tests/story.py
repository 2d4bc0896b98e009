"""The sample article the tests clean, build and serve: one council story, kept
here once, so that a test's expected values can be checked by reading it."""

from __future__ import annotations

TITLE = "Library Hours Expand Across the County"
PARAGRAPHS = (
    "The county council voted on Tuesday to expand the library's opening hours across all twelve branches.",
    "Members said the change, which costs about $2 million a year, answers years of requests from students.",
    "“We heard the same thing at every meeting,” said council member Ana Ortiz, who sponsored the measure.",
    "The new hours begin in March, and branches will stay open until 9 p.m. on weekdays, officials said.",
    "Critics on the council questioned the cost but did not vote against the plan, records show.",
)


def story_text(paragraphs: int = 2, *, title: bool = True, byline: str = "", after: tuple[str, ...] = ()) -> str:
    """The story as a plain-text scrape: the title, a byline, the first
    ``paragraphs`` paragraphs, then ``after`` lines, a blank line between blocks."""
    blocks = [*([TITLE] if title else []), *([byline] if byline else []), *PARAGRAPHS[:paragraphs], *after]
    return "\n\n".join(blocks) + "\n"
