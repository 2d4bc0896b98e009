"""The cleaner's rules on small scrapes written here, unlike any seed's site."""

from __future__ import annotations

from archivist.clean import rulebook as R
from archivist.clean.cleaner import clean
from archivist.clean.confidence import assess
from archivist.clean.lines import Line
from archivist.clean.rulebook import Rule
from archivist.clean.text import Verdict, dek_as_story
from archivist.ingest.originals import source_from_bytes
from archivist.model import BlockKind, Cleaned

from .story import PARAGRAPHS, TITLE

STORY = [*PARAGRAPHS]


def run(*lines: str, name: str = "original.txt") -> Cleaned:
    return clean(source_from_bytes("\n\n".join(lines).encode(), name))


def body_texts(cleaned: Cleaned) -> list[str]:
    return [b.text for b in cleaned.body if b.kind != "break"]


def reasons(cleaned: Cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def removed_as(cleaned: Cleaned, line: str) -> str | None:
    """The reason given for removing a line (removed lines next to each other are reported together)."""
    return next((r.reason for r in cleaned.removed if line in r.text.split("\n")), None)


def test_head_title_dek_caption_credit_byline_publisher() -> None:
    cleaned = run(
        "Menu",
        TITLE,
        "Council approves longer evenings after years of requests from students and parents",
        "Students read at the central branch on Monday, when the vote was announced by the council.",
        "Jane Roe/Daily Courier",
        "By Sam Lee and Priya Natarajan",
        "Daily Courier",
        *STORY,
    )
    meta = cleaned.metadata
    assert meta.text("title") == TITLE
    assert meta.text("subtitle").startswith("Council approves")
    assert meta.names("authors") == ("Sam Lee", "Priya Natarajan")
    assert meta.text("publisher") == "Daily Courier"
    assert body_texts(cleaned) == STORY
    removed = {r.text: r.rule for r in cleaned.removed}
    assert removed["Jane Roe/Daily Courier"] == "credit"
    assert (
        removed["Students read at the central branch on Monday, when the vote was announced by the council."]
        == "caption"
    )
    assert removed["Menu"] == "site chrome, widget or prompt"


def test_byline_naming_a_role_gives_no_author() -> None:
    cleaned = run(TITLE, "By Staff Writer", *STORY)
    assert cleaned.metadata.names("authors") == ()
    assert reasons(cleaned)["By Staff Writer"] == "boilerplate"


def test_trailer_bio_contributors_and_syndication() -> None:
    cleaned = run(
        TITLE,
        *STORY,
        "Maria Gomez is a freelance reporter covering local government in the valley.",
        "Tom Baker contributed to this report.",
        "This story was originally published by The Valley Ledger and is republished with permission.",
        "Share this article",
    )
    meta = cleaned.metadata
    assert meta.names("authors") == ("Maria Gomez",)
    assert meta.names("contributors") == ("Tom Baker",)
    assert meta.text("publisher") == "The Valley Ledger"
    assert body_texts(cleaned) == STORY


def test_date_line_with_update() -> None:
    cleaned = run(TITLE, "Published March 3, 2021 | Updated March 4, 2021 at 9:15 a.m.", *STORY)
    assert cleaned.metadata.iso("date") == "2021-03-03"
    assert cleaned.metadata.iso("updated") == "2021-03-04"


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
    assert meta.text("title") == "Library hours expand"
    assert meta.names("authors") == ("Sam Lee",)
    assert meta.text("original_url") == "https://news.example.org/library-hours"
    assert meta.text("publisher") == "news.example.org"
    assert ("heading", "A long debate") in [(b.kind, b.text) for b in cleaned.body]


def test_every_decision_names_its_rule() -> None:
    cleaned = run("Menu", TITLE, *STORY, "Related Posts")
    assert all(b.rule for b in cleaned.body)
    assert all(r.rule and r.reason for r in cleaned.removed)


def test_prompts_are_chrome_wherever_their_call_to_action_stands() -> None:
    cleaned = run(*STORY, "Tell us what you think! Click to leave a comment", "Never miss a story: sign up for alerts")
    assert body_texts(cleaned) == STORY
    assert all(r.reason == "boilerplate" for r in cleaned.removed)


# --- Comment threads recognised by their structure --------------------------
# Comments written for these tests; each thread's signatures are in a format
# no rule names, so only their repetition can give them away.
COMMENTS = [
    "Finally some good news for the students in our part of the county.",
    "The branch near the school was always closed when the kids needed it most.",
    "About time. The evening hours should have come years ago, honestly.",
    "Does anyone know whether the weekend hours change as well, or only the weekdays?",
]


def test_signatures_in_an_unknown_format_are_found_by_their_repeated_shape() -> None:
    signatures = [
        "Marta Q On Thursday, November 1 at 2:57 pm",
        "dkl77 On Thursday, November 1 at 3:05 pm",
        "Pat On Friday, November 2 at 9:12 am",
        "Lee Ann On Friday, November 2 at 10:44 am",
    ]
    thread = [line for pair in zip(signatures, COMMENTS, strict=True) for line in pair]
    cleaned = run(*STORY, *thread)
    assert body_texts(cleaned) == STORY
    removed = reasons(cleaned)
    assert all(removed[s] == "comment" for s in signatures)


def test_a_signature_over_two_lines_is_one_signature() -> None:
    # a name, then the date and time on the next line: strong enough alone
    cleaned = run(*STORY, "quietreader", "November 2, 2012 at 10:44 am", COMMENTS[0], COMMENTS[1])
    assert body_texts(cleaned) == STORY
    assert {r.reason for r in cleaned.removed} == {"comment"}


def test_a_thread_signed_with_bare_names_is_cut_when_a_name_recurs() -> None:
    cleaned = run(
        *STORY,
        "h4ppyreader",
        "I think the evening hours will help, and you will see more students there.",
        "Tom Ridley",
        "I doubt it, but I hope you are right about the students.",
        "h4ppyreader",
        "We will see. I will check the numbers next spring.",
    )
    assert body_texts(cleaned) == STORY
    assert reasons(cleaned)["Tom Ridley"] == "comment"


def test_a_thread_of_names_that_never_recur_is_cut_when_its_comments_quote_the_story() -> None:
    # each reader signs once; two of them quote the story word for word, on a line of its own
    cleaned = run(
        *STORY,
        "h4ppyreader",
        "“Critics on the council questioned the cost”",
        "Of course they did.",
        "Tom Ridley",
        "“The new hours begin in March”",
        "Not soon enough for my kids.",
        "MsJenkins",
        "Finally. My kids will use it every night.",
    )
    assert body_texts(cleaned) == STORY
    assert {reasons(cleaned)[name] for name in ("h4ppyreader", "Tom Ridley", "MsJenkins")} == {"comment"}


def test_one_comment_signed_after_it_with_a_later_date_is_cut() -> None:
    # the blog engine prints a comment, then its signature; the story is dated the day before
    head = ["Library hours grow", "by Dana Wells on November 6, 2012"]
    comment = "I hope you keep the branch on Elm Street open late too, my kids would use it every night."
    cleaned = run(*head, *STORY, comment, "Posted by: Lulaine  November 07, 2012 at 10:59 AM")
    assert body_texts(cleaned) == STORY
    assert reasons(cleaned)[comment] == "comment"
    # the post's own footer, on the post's date, ends no story
    cleaned = run(*head, *STORY, "Posted by Dana Wells on November 6, 2012 at 4:14 pm.")
    assert body_texts(cleaned) == STORY
    # nor does a signature without a date the story can be placed against
    cleaned = run("Library hours grow", *STORY, comment, "Posted by: Lulaine  November 07, 2012 at 10:59 AM")
    assert comment in body_texts(cleaned)


def test_a_thread_signed_after_each_comment_takes_no_long_story_paragraph_as_its_first_comment() -> None:
    # each signature follows its comment: the first comment is one line, the
    # next two; the story's long last paragraph is not the first comment's
    head = ["Library hours grow", "by Dana Wells on November 6, 2012"]
    thread = [
        "Love this, well done",
        "Posted by: Lulaine | November 07, 2012 at 10:59 AM",
        "I am disappointed with this one. No numbers, just an announcement.",
        "The old hours suited me better, to be honest.",
        "Posted by: RAM | November 08, 2012 at 01:44 AM",
    ]
    last = (
        "The library board will review the longer hours in the spring, when it sets next year's budget, "
        "and the county says it will publish the visitor counts for each branch every month until then, "
        "so that residents can see which of the evenings are used."
    )
    cleaned = run(*head, *STORY, last, *thread)
    assert body_texts(cleaned) == [*STORY, last]
    assert all(removed_as(cleaned, line) == "comment" for line in thread)


def test_one_unsigned_comment_under_a_later_timestamp_is_cut() -> None:
    head = ["Library hours grow", "By Dana Wells", "August 3, 2012"]
    comment = "As a parent I will also admit to having waited for this. Once. Ok, maybe twice."
    cleaned = run(*head, *STORY, "Aug 6, 2012", "5:06 pm EDT", comment)
    assert body_texts(cleaned) == STORY
    assert removed_as(cleaned, comment) == "comment"
    # a timestamp on the story's own day is the story's (an entry, a note)
    cleaned = run(*head, *STORY, "Aug 3, 2012", "5:06 pm EDT", comment)
    assert comment in body_texts(cleaned)
    # and a live blog's entries each carry one
    entries = [STORY[0], "Aug 4, 2012", "9:15 am EDT", STORY[1], "Aug 6, 2012", "5:06 pm EDT", comment]
    kept = body_texts(run(*head, *entries, *STORY[2:]))
    assert all(line in kept for line in [*STORY[1:], comment])


def test_a_lone_signature_glued_to_its_timestamp_heads_a_comment() -> None:
    # a name and a time of day ("Wesley Fryer10/8/12 8:26 PM", glued by the scrape), then text
    comment = "I think a big piece of the puzzle is rethinking what our kids need from their library."
    cleaned = run(*STORY, "Ann Lee10/8/12 8:26 PM", comment, "Who has proposed new hours for the weekend?")
    assert body_texts(cleaned) == STORY
    assert removed_as(cleaned, "Ann Lee10/8/12 8:26 PM") == removed_as(cleaned, comment) == "comment"


def test_a_thread_signed_with_a_date_over_each_name_is_cut() -> None:
    # "November 5, 2012" / "Karenee" / her comment, three times
    thread = []
    for day, name, said in (
        (5, "Karenee", "Longer hours would change my week, honestly."),
        (5, "Patrenia", "Same here, the branch closes before I leave work."),
        (6, "Daniel", "Good news for students at last."),
    ):
        thread += [f"November {day}, 2012", name, said]
    cleaned = run(*STORY, *thread)
    assert body_texts(cleaned) == STORY
    assert {removed_as(cleaned, line) for line in thread} == {"comment"}


def test_a_thread_signed_with_links_to_commenters_profiles_is_cut() -> None:
    # "avatar link, name" as a comment engine prints it; a commenter without a profile by name alone
    thread = [
        "http://twitter.com/anaruiz Ana Ruiz",
        "Finally, my kids have been asking for this for years.",
        "h4ppyreader",
        "Same in our part of town.",
        "http://www.facebook.com/tom.ridley.52 Tom Ridley",
        "Who pays for it is the question nobody answered.",
        "h4ppyreader",
        "The county does, it was in the budget.",
    ]
    cleaned = run(*STORY, *thread)
    assert body_texts(cleaned) == STORY
    assert {removed_as(cleaned, line) for line in thread} == {"comment"}
    # one link with a name under a story is a credit or a promotion, not a thread
    cleaned = run(*STORY, "http://twitter.com/anaruiz Ana Ruiz", STORY[0].replace("Tuesday", "Monday"))
    assert STORY[0].replace("Tuesday", "Monday") in body_texts(cleaned)


def test_a_thread_of_replies_with_their_counts_and_bare_subjects_is_cut() -> None:
    # a forum prints each reply's subject as "Re:", and a count of the replies it hides
    thread = [
        "Finally, my kids have been asking for this for years.",
        "Re:",
        "Same in our part of town, and about time.",
        "1 reply beneath your current threshold.",
        "Re:",
        "Who pays for it is the question nobody answered.",
        "2 replies beneath your current threshold.",
    ]
    cleaned = run(*STORY, *thread)
    assert body_texts(cleaned) == STORY
    assert {removed_as(cleaned, line) for line in thread[1:]} == {"comment"}


def test_sections_under_names_that_quote_nothing_are_kept() -> None:
    # an interview's or a profile's sections under people's names: no block quotes the story
    story = [
        *STORY,
        "Ana Ortiz",
        "She has sat on the council since 2016 and chairs its budget committee.",
        "Tom Ridley",
        "He opposed the plan at first and later helped write the final version.",
        "Priya Natarajan",
        "She runs the county's library system and will oversee the new hours.",
    ]
    assert body_texts(run(*story)) == story


def test_subheadings_that_recur_are_not_commenters() -> None:
    # a listicle whose subheadings repeat: the text under each takes up its heading
    story = [
        STORY[0],
        "Fiction",
        "Fiction readers get a new reading room on the second floor of the central branch.",
        "Research",
        "Research desks stay open until 9 p.m., and librarians will staff them, officials said.",
        "Fiction",
        "Fiction book clubs may book the new room on weekday evenings, the library said.",
        *STORY[1:],
    ]
    assert body_texts(run(*story)) == story


def test_labels_that_recur_in_turn_or_in_sentence_case_are_not_commenters() -> None:
    # a guide: each item under the same labels, in the same turn; then a label in sentence case
    story = [STORY[0]]
    for model, said in (("Waterfall", "I like it"), ("Spiral", "You will like it"), ("Agile", "We use it")):
        story += [
            f"{model} Model",
            "Overview",
            f"{said}: the {model.lower()} model plans the work in stages.",
            "Advantages",
            "You know the costs early.",
            "Disadvantages",
            "I find it slow to change.",
        ]
    assert body_texts(run(*story, *STORY[1:])) == story + STORY[1:]
    quoted = [STORY[0]]
    for said in ("I think the hours matter most.", "You will see the difference.", "We asked twice."):
        quoted += ["Key quote", f"“{said}”", "The council member said so at the meeting on Tuesday."]
    assert body_texts(run(*quoted, *STORY[1:])) == quoted + STORY[1:]


def test_a_count_of_no_comments_beside_the_byline_cuts_no_story() -> None:
    # the count sits in the story's first lines, where the page prints it
    cleaned = run("Library hours grow", *STORY[:2], "No Comments", *STORY[2:])
    assert body_texts(cleaned) == STORY
    assert removed_as(cleaned, "No Comments") == "boilerplate"


def test_insults_a_story_quotes_are_not_a_commenters_register() -> None:
    from archivist.clean.lines import Line
    from archivist.clean.text import comment_score

    quoted = "Protesters carried signs calling the officers thugs, scum and Nazis, and chanted against MAGA rallies."
    assert comment_score(Line(1, quoted, quoted), "") <= 0
    assert comment_score(Line(1, "lol this is bullshit", "lol this is bullshit"), "") > 0


def test_a_short_story_before_a_long_thread_is_found_before_the_thread() -> None:
    short = [STORY[0], "The new hours begin in March."]
    signatures = [f"{name} On Friday, November {day}" for name, day in (("Ann", 2), ("Bo", 3), ("Cy", 4), ("Di", 5))]
    stamps = [f"at 8:0{day} am" for day in (2, 3, 4, 5)]
    long_comments = [
        "I have waited for this for a very long time, and I am glad the council finally listened to the "
        "students and the parents who kept asking for longer evening hours at every single meeting.",
        "You are right, and I think the branches in the north of the county need it even more than the "
        "central branch does, because the buses stop running early there and students have nowhere to go.",
        "My daughter studies there every evening; she will be thrilled when I tell her tonight, and I am "
        "sure her friends will be too, since they all had to leave at six when they had exams to prepare for.",
        "I wonder who will pay for the extra staff, but I suppose we will find out when the budget comes "
        "out in the spring; either way, I am happy for the students and I hope the hours stay for good.",
    ]
    thread = [line for triple in zip(signatures, stamps, long_comments, strict=True) for line in triple]
    cleaned = run("Library Hours Expand", *short, *thread)
    assert body_texts(cleaned) == short
    assert {r.reason for r in cleaned.removed if r.text not in ("Library Hours Expand",)} == {"comment"}


# --- The end of the story -----------------------------------------------------


def test_a_heading_of_related_stories_ends_the_story_before_their_teasers() -> None:
    cleaned = run(
        *STORY,
        "More Stories",
        "* Council approves new bike lanes downtown",
        "Jane Roe",
        "The council on Monday approved a plan for bike lanes on three downtown streets, after months of debate.",
        "* Schools open a week late after storm",
        "Sam Lee",
        "Schools in the county will open a week late this year because of storm damage, the district said.",
    )
    assert body_texts(cleaned) == STORY
    assert reasons(cleaned)["More Stories"] == "boilerplate"


def test_a_box_of_related_links_inside_the_story_does_not_end_it() -> None:
    cleaned = run(
        *STORY[:2],
        "Related Stories",
        "* Council approves new bike lanes downtown",
        "* Schools open a week late after storm",
        *STORY[2:],
    )
    assert body_texts(cleaned) == STORY
    removed = reasons(cleaned)
    assert removed["* Council approves new bike lanes downtown"] == "boilerplate"


def test_a_run_of_chrome_ends_the_story_before_a_footer() -> None:
    cleaned = run(
        *STORY,
        "Share this article",
        "Subscribe to our newsletter",
        "The Courier is a nonprofit newsroom serving the valley since 1921, funded by readers like you.",
        "Sign up for our newsletter",
    )
    assert body_texts(cleaned) == STORY


def test_an_advertisement_inside_the_story_does_not_end_it() -> None:
    story = [
        *STORY,
        "The library board will report to the council in the autumn on how many people used the new hours.",
        "Staff unions said they support the plan as long as the extra shifts are paid at the evening rate.",
        "Several branches will also host homework clubs on Tuesday and Thursday evenings, starting in April.",
    ]
    cleaned = run(*story[:4], "Advertisement", "Share this article", *story[4:])
    assert body_texts(cleaned) == story


def test_comment_headings_in_other_forms_and_languages() -> None:
    for marker in ("34 responses to “Library Hours Expand”", "(12) Comments", "Lascia un commento", "Комментарии"):
        cleaned = run(*STORY, marker, COMMENTS[0], COMMENTS[1])
        assert body_texts(cleaned) == STORY, marker


def test_a_story_of_bulleted_sentences_keeps_them() -> None:
    story = [
        "The council listed what changes for readers when the new hours begin in March across the county.",
        "• Branches stay open until 9 p.m. on weekdays, two hours later than now.",
        "• The central branch opens on Sunday afternoons for the first time.",
        "• Study rooms can be booked online up to a week ahead by anyone with a card.",
        *STORY[1:],
    ]
    assert body_texts(run("Library Hours Expand", *story)) == story


# --- Signature shapes, line by line -------------------------------------------


def test_signature_shapes() -> None:
    from archivist.clean.lines import is_comment_signature, is_strong_signature, signature_shape

    # names fold into one symbol, the timestamp keeps its form
    assert signature_shape("Dr. Ana Ruiz10/28/12 5:33 PM") == signature_shape("Sam Lee10/28/12 6:13 PM")
    assert is_strong_signature("Ana Ruiz10/8/12 8:26 PM")
    assert is_strong_signature("reader42 6 pts")
    # a version number is no date, "may" no month, a sentence or a quotation no signature
    assert signature_shape("The update brings the app to version 400.21.013;") is None
    assert not is_strong_signature("As you may recall, the mayor writes")
    assert signature_shape('"We heard the same thing," she said.') is None
    assert signature_shape("Good morning. Practice starts at 5:30.") is None
    # an embedded post's credit is not a commenter's
    assert signature_shape("— Jane Roe (@janeroe) November 1, 2019") is None
    # nor a line that dates the page
    assert signature_shape("Published 18 November 2019") is None
    # nor a date labelled by one word (an item's fact, a message's header), nor an event's range of dates
    for fact in (
        "Released: June 17, 2025 by Tor Books",
        "Date: Fri, 1 Feb 2002 11:53:40 -0500 (EST)",
        "Lee Miller, Tate Britain, October 2, 2025 – February 15, 2026",
        "Sussex Modernism Towner Eastbourne 23 May – 28 September 2025",
        "2. Last checked: 2025-10-28",
    ):
        assert signature_shape(fact) is None and not is_comment_signature(fact), fact
    assert is_comment_signature("Posted by: Lulaine  November 07, 2012 at 10:59 AM")
    assert is_comment_signature("Ann says: May 5, 2012 at 3:00 pm")


def test_one_paragraph_then_a_heading_of_teasers_in_another_language() -> None:
    # the teasers outweigh the story, but the story comes first and the
    # teasers come one paragraph at a time, between share buttons
    teaser = (
        "Une autre histoire de la bibliothèque, racontée en quelques lignes pour donner envie de la lire en entier."
    )
    cleaned = run(
        TITLE,
        STORY[0],
        "Leia também",
        *[line for _ in range(4) for line in ("Whatsapp Facebook Baixar", teaser)],
    )
    assert body_texts(cleaned) == [STORY[0]]


def test_an_author_biography_ends_the_story_before_a_prompt() -> None:
    cleaned = run(
        *STORY,
        "Maria Gomez is a Staff Writer at the Courier covering local government and schools in the valley.",
        "Subscribe to our newsletter",
        "Never miss a story: the Courier's best journalism, in your inbox every morning of the week.",
    )
    assert body_texts(cleaned) == STORY
    assert cleaned.metadata.names("authors") == ("Maria Gomez",)


def test_a_caption_with_its_credit_in_brackets_is_not_story() -> None:
    cleaned = run(*STORY[:2], "Readers at the central branch on Monday evening (Image: Jane Roe)", *STORY[2:])
    assert body_texts(cleaned) == STORY


def test_a_lone_numbered_comment() -> None:
    cleaned = run(*STORY, "(1) Bo says:", "Wow, I did not know that, thanks for posting it! My kids will love it.")
    assert body_texts(cleaned) == STORY
    assert {r.reason for r in cleaned.removed} == {"comment"}


# A post that is a list of credits, with no sentence in it, then its byline.
CREDITS = [
    "(click the photos to see them larger)",
    "City Life Magazine",
    "Creative Director: Maria Osei",
    "Director of Photography: Tom Brandt",
    "Art Director: Lena Fisk",
    "Photographer: Sam Ortiz",
    "Note: the covers shown here are on the newsstands this week",
]


def test_a_list_story_keeps_its_lines_with_or_without_one_signed_comment_after_it() -> None:
    head, byline = "The Weekly Cover – Friday", "by Dana Wells on March 4, 2013"
    signature = "Kestrel88 March 4, 2013 at 9:12 am"
    comment = "Love these, the second cover is my favourite. Great work by Sam."
    # the only sentence on the page is the reader's: it is the comment, the list above it the story
    cleaned = run(head, *CREDITS, byline, signature, comment)
    assert body_texts(cleaned) == CREDITS
    assert removed_as(cleaned, signature) == removed_as(cleaned, comment) == "comment"
    assert cleaned.metadata.title is not None and cleaned.metadata.title.value == head
    # with no sentence at all, what no rule names is the story (recall first), and the cleaner says it guessed
    cleaned = run(head, *CREDITS, byline)
    assert body_texts(cleaned) == CREDITS
    assert any("reads as prose" in reason for reason in assess(cleaned).reasons)
    # a story's own paragraph under a timestamp, outweighing the page above it, is no comment
    story = "The council voted on Monday to keep the branch open until nine. The longer evenings start in May."
    cleaned = run("Library hours grow", "By Dana Wells", "Dana Wells March 4, 2013 at 9:12 am", story)
    assert story in body_texts(cleaned)


# Texts in a reader's voice that are the story: an interview, a first-person
# column, a tutorial. Each must stay whole, with or without a thread after it.
INTERVIEW = [
    "Q: You grew up in the valley. What brought you back to run the clinic?",
    "A: I missed it. I left for school, and every time I came home I saw how far people had to drive for care.",
    "Q: How do you decide who gets the first appointments each morning?",
    "A: We don't, really. You show up, you sign the sheet, and we see you in order unless it's an emergency.",
    "Q: What would you tell someone who is afraid to come in?",
    "A: I'd say come anyway. I was afraid too, the first time I walked into a clinic like this one as a kid.",
    "Q: What do you need most right now?",
    "A: Nurses. If you know one who wants to work hard and be thanked for it, send them my way, honestly.",
]
COLUMN = [
    "I have lived on this street for thirty years, and I have never seen the river this low in September.",
    "My neighbours tell me I worry too much. Maybe I do. But you only need to walk to the bridge to see it.",
    "When I was a boy, we swam under that bridge all summer. You could not touch the bottom even at the edges.",
    "Last week I stood on the same stones we used to dive from, and I could have walked across in my shoes.",
    "I am not a scientist, and I won't pretend to know what the council should do about the upstream dams.",
    "But I know what I see, and I think you would see it too if you came down to the water one evening.",
]
TUTORIAL = [
    "Before you start, make sure your bike is upside down on a flat surface, resting on its seat and bars.",
    "First, shift to the smallest cog so the chain is loose. You will thank yourself for this step later.",
    "Next, open the quick-release lever and pull the wheel out gently. If it sticks, wiggle it side to side.",
    "Now slide one tyre lever under the bead and hook it to a spoke. Use your second lever a few inches away.",
    "Work your way around the rim until one side of the tyre is free, then pull out the old tube by hand.",
    "Finally, inflate the new tube slightly, tuck it in, and roll the bead back over the rim with your thumbs.",
]
THREAD = [
    "3 Comments",
    "Maria Lopez says:",
    "March 3, 2024 at 9:14 am",
    "This is exactly what I needed to read today, thank you for writing it.",
    "Tom B. says:",
    "March 3, 2024 at 11:02 am",
    "Great piece. Sharing with my brother.",
]


def test_texts_in_a_readers_voice_stay_whole_without_a_thread() -> None:
    for story in (INTERVIEW, COLUMN, TUTORIAL):
        cleaned = run("What the River Told Me This Year", *story, "Privacy Policy")
        assert body_texts(cleaned) == story, story[0]
        assert cleaned.metadata.text("title") == "What the River Told Me This Year"


def test_texts_in_a_readers_voice_stay_whole_before_a_thread() -> None:
    for story in (INTERVIEW, COLUMN, TUTORIAL):
        cleaned = run(*story, *THREAD)
        assert body_texts(cleaned) == story, story[0]
        thread = cleaned.removed[-1]
        assert thread.reason == "comment", story[0]
        assert thread.text.startswith("Maria Lopez says:") and thread.text.endswith("Sharing with my brother.")


def test_a_thread_of_short_reactions_needs_evidence_beyond_its_voice() -> None:
    """First-person lines after a story, with no marker, signature, echo or
    emoji, are kept: their voice is no evidence of a thread."""
    letters = [
        "I was at the meeting, and I can tell you the room was full of parents who had waited years.",
        "My daughter studies at the central branch every night; you would not believe how crowded it gets.",
        "I hope the council keeps its word on the weekend hours as well.",
    ]
    cleaned = run(*STORY, *letters)
    assert body_texts(cleaned) == STORY + letters


def verdicts_of(*lines: tuple[str, Rule, BlockKind | None]) -> list[Verdict]:
    return [Verdict(Line(n, text, text), kind, rule) for n, (text, rule, kind) in enumerate(lines, 1)]


POST = (
    "In addition to the first pictures from the new reading room I published a few days ago, "
    "here are a few more that readers sent in this week"
)


def test_a_dek_that_outweighs_the_story_after_it_is_the_story() -> None:
    """A one-paragraph post: the rules read its one paragraph as a dek under the
    title and keep only a short line after it. Moved to the metadata, the post
    would be gone from the body; kept, nothing is lost."""
    verdicts = verdicts_of(
        (TITLE, R.TITLE, None),
        (POST, R.SUBTITLE, None),
        ("This entry was posted in County News.", R.STORY_PARAGRAPH, "paragraph"),
        ("Great news for us.", R.THREAD, None),
    )
    out = dek_as_story(verdicts)
    assert out[1].kept and out[1].kind == "paragraph" and out[1].rule is R.DEK_IS_STORY
    assert [v.rule for i, v in enumerate(out) if i != 1] == [v.rule for i, v in enumerate(verdicts) if i != 1]


def test_a_dek_over_a_longer_story_stays_a_dek() -> None:
    verdicts = verdicts_of(
        (TITLE, R.TITLE, None),
        (POST, R.SUBTITLE, None),
        *((p, R.STORY_PARAGRAPH, "paragraph") for p in STORY),
    )
    assert dek_as_story(verdicts) == verdicts
    cleaned = run(TITLE, "Council approves longer evenings after years of requests from students", *STORY)
    assert cleaned.metadata.text("subtitle").startswith("Council approves")
