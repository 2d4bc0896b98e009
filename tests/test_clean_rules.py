"""The cleaner's rules on small scrapes written here, unlike any seed's site."""

from __future__ import annotations

from archivist.clean import clean
from archivist.ingest import source_from_bytes
from archivist.model import Cleaned

STORY = [
    "The county council voted on Tuesday to expand the library's opening hours across all twelve branches.",
    "Members said the change, which costs about $2 million a year, answers years of requests from students.",
    "“We heard the same thing at every meeting,” said council member Ana Ortiz, who sponsored the measure.",
    "The new hours begin in March, and branches will stay open until 9 p.m. on weekdays, officials said.",
    "Critics on the council questioned the cost but did not vote against the plan, records show.",
]


def run(*lines: str, name: str = "original.txt") -> Cleaned:
    return clean(source_from_bytes("\n\n".join(lines).encode(), name))


def body_texts(cleaned: Cleaned) -> list[str]:
    return [b.text for b in cleaned.body if b.kind != "break"]


def reasons(cleaned: Cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_head_title_dek_caption_credit_byline_publisher() -> None:
    cleaned = run(
        "Menu",
        "Library Hours Expand Across the County",
        "Council approves longer evenings after years of requests from students and parents",
        "Students read at the central branch on Monday, when the vote was announced by the council.",
        "Jane Roe/Daily Courier",
        "By Sam Lee and Priya Natarajan",
        "Daily Courier",
        *STORY,
    )
    meta = cleaned.metadata
    assert meta.value("title") == "Library Hours Expand Across the County"
    assert meta.value("subtitle").startswith("Council approves")  # type: ignore[union-attr]
    assert meta.value("authors") == ["Sam Lee", "Priya Natarajan"]
    assert meta.value("publisher") == "Daily Courier"
    assert body_texts(cleaned) == STORY
    removed = {r.text: r.rule for r in cleaned.removed}
    assert removed["Jane Roe/Daily Courier"] == "credit"
    assert (
        removed["Students read at the central branch on Monday, when the vote was announced by the council."]
        == "caption"
    )
    assert removed["Menu"] == "site chrome, widget or prompt"


def test_byline_naming_a_role_gives_no_author() -> None:
    cleaned = run("Library Hours Expand Across the County", "By Staff Writer", *STORY)
    assert cleaned.metadata.value("authors") == []
    assert reasons(cleaned)["By Staff Writer"] == "boilerplate"


def test_trailer_bio_contributors_and_syndication() -> None:
    cleaned = run(
        "Library Hours Expand Across the County",
        *STORY,
        "Maria Gomez is a freelance reporter covering local government in the valley.",
        "Tom Baker contributed to this report.",
        "This story was originally published by The Valley Ledger and is republished with permission.",
        "Share this article",
    )
    meta = cleaned.metadata
    assert meta.value("authors") == ["Maria Gomez"]
    assert meta.value("contributors") == ["Tom Baker"]
    assert meta.value("publisher") == "The Valley Ledger"
    assert body_texts(cleaned) == STORY


def test_date_line_with_update() -> None:
    cleaned = run(
        "Library Hours Expand Across the County", "Published March 3, 2021 | Updated March 4, 2021 at 9:15 a.m.", *STORY
    )
    assert cleaned.metadata.value("date") == "2021-03-03"
    assert cleaned.metadata.value("updated") == "2021-03-04"


def test_marked_comment_thread_is_cut_whatever_it_says() -> None:
    cleaned = run(
        *STORY,
        "4 Comments",
        "The council did the right thing, the new hours were approved after a long debate on cost.",
        "Agreed with the previous commenter.",
    )
    assert body_texts(cleaned) == STORY
    thread = cleaned.removed[-1]
    assert thread.reason == "comment" and thread.text.endswith("Agreed with the previous commenter.")


def test_unmarked_comment_thread_is_cut_at_its_first_line() -> None:
    cleaned = run(
        *STORY,
        "Finally! I have been asking for this for years.",
        "Members said the change, which costs about $2 million a year, answers years of requests from students.",
        "lol you think they will actually staff it?",
        "My kids will love this 😀",
        "Waste of money.",
    )
    assert body_texts(cleaned) == STORY
    assert all(r.reason == "comment" for r in cleaned.removed)
    assert cleaned.removed[0].lines == (11, 19)


def test_story_ending_in_quotes_and_questions_is_not_cut() -> None:
    story = [
        *STORY,
        "Q: What happens to the branches that are already open late?",
        "A: They keep their hours, the library director said in a statement on Wednesday.",
        "“I think it is a good start,” said Ortiz. “You have to begin somewhere.”",
    ]
    assert body_texts(run(*story)) == story


def test_pull_quote_with_a_cut_and_an_insertion_is_removed() -> None:
    cleaned = run(
        *STORY[:2],
        "“[The measure] answers years of requests ... from students.” Ana Ortiz, council member",
        *STORY[2:],
        "Ortiz said the measure answers years of requests from students and parents across the county.",
    )
    assert (
        reasons(cleaned)["“[The measure] answers years of requests ... from students.” Ana Ortiz, council member"]
        == "pullquote"
    )


def test_headings_and_breaks_in_the_body() -> None:
    cleaned = run(*STORY[:2], "What Comes Next", *STORY[2:4], r"\* \* \*", STORY[4])
    kinds = [(b.kind, b.text) for b in cleaned.body]
    assert ("heading", "What Comes Next") in kinds
    assert ("break", "") in kinds
    assert kinds[-1] == ("paragraph", STORY[4])


def test_markdown_scrape_heading_byline_and_url() -> None:
    cleaned = run(
        "# Library hours expand",
        "By [Sam Lee](#)",
        *STORY,
        "## A long debate",
        STORY[0],
        "<https://news.example.org/library-hours>",
    )
    meta = cleaned.metadata
    assert meta.value("title") == "Library hours expand"
    assert meta.value("authors") == ["Sam Lee"]
    assert meta.value("original_url") == "https://news.example.org/library-hours"
    assert meta.value("publisher") == "news.example.org"
    assert ("heading", "A long debate") in [(b.kind, b.text) for b in cleaned.body]


def test_every_decision_names_its_rule() -> None:
    cleaned = run("Menu", "Library Hours Expand Across the County", *STORY, "Related Posts")
    assert all(b.rule for b in cleaned.body)
    assert all(r.rule and r.reason for r in cleaned.removed)


def test_prompts_are_chrome_wherever_their_call_to_action_stands() -> None:
    cleaned = run(*STORY, "Tell us what you think! Click to leave a comment", "Never miss a story: sign up for alerts")
    assert body_texts(cleaned) == STORY
    assert all(r.reason == "boilerplate" for r in cleaned.removed)
