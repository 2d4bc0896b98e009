"""The cleaner says when it is unsure: each doubt lowers the confidence, the
Needs review page lists the unsure articles until a curator's ``reviewed:``,
and the export and ``archive clean`` carry it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archivist.build.pipeline import build
from archivist.clean import rulebook as R
from archivist.clean.cleaner import clean
from archivist.clean.confidence import assess, is_dense
from archivist.errors import ArchiveError
from archivist.ingest.curation import load as load_curation
from archivist.ingest.originals import read_source
from archivist.model import REVIEW_BELOW, Block, Cleaned, Metadata, Removed, Source

from .conftest import ROOT, SEED_COPIES, Ran, run_archive
from .story import story_text

STORY = story_text(3, byline="By Jane Roe", after=("Related Posts",))
# Five words of story among thirty share prompts: the story is 1% of the page.
SHORT = (
    "Council Votes On Hours\n\nThe council voted on Tuesday.\n\n"
    + "\n\n".join(f"Share this story with your friends on social media number {i} today" for i in range(30))
    + "\n"
)

PROSE = "The council said on Tuesday that the library would open later on weekdays, and parents welcomed the news."
OTHER = "Readers wrote in to say that the new hours were a long time coming and that the branches had been too quiet."


def verdicts(kept: list[tuple[str, R.Rule]], removed: list[tuple[str, str, R.Rule]], curator: bool = False) -> Cleaned:
    """A cleaning result written by hand: (text, rule) kept, then (text, reason, rule) removed,
    one line each, in that order."""
    lines = [text for text, _ in kept] + [text for text, _, _ in removed]
    source = Source("hand.txt", "0" * 64, "utf-8", "text", "\n".join(lines) + "\n")
    body = tuple(
        Block("paragraph", text, (n, n), rule.worded("a case"), rule.id) for n, (text, rule) in enumerate(kept, start=1)
    )
    start = len(kept) + 1
    cut = tuple(
        Removed((n, n), reason, text, rule.worded("a case"), curator, rule.id)
        for n, (text, reason, rule) in enumerate(removed, start=start)
    )
    return Cleaned(source, body, cut, Metadata())


STORY_KEPT = [(PROSE, R.STORY_PARAGRAPH)] * 4


def cleaned_file(tmp_path: Path, text: str, name: str = "scrape.txt") -> Cleaned:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return clean(read_source(path, name))


def test_a_clear_story_scores_1_with_nothing_to_doubt(tmp_path: Path) -> None:
    confidence = assess(cleaned_file(tmp_path, STORY))
    assert (confidence.score, confidence.reasons, confidence.low) == (1.0, (), False)


def test_prose_cut_before_the_story_says_its_start_was_a_guess() -> None:
    one = assess(verdicts(STORY_KEPT, [(PROSE, "boilerplate", R.BEFORE_STORY)]))
    assert one.score == 0.85 and not one.low
    assert one.reasons == ("the story's start was a guess: 1 prose line before it removed for its place only",)
    three = assess(verdicts(STORY_KEPT, [(PROSE, "boilerplate", R.BEFORE_STORY)] * 3))
    assert three.score == 0.55 and three.low
    assert three.reasons[0].startswith("the story's start was a guess: 3 prose lines before it")


def test_a_short_line_cut_for_its_place_is_no_doubt() -> None:
    menu = [("Home News Sports Weather", "boilerplate", R.BEFORE_STORY)] * 5
    assert assess(verdicts(STORY_KEPT, menu)).score == 1.0


def test_prose_cut_after_the_story_weighs_less_and_alone_never_calls_for_review() -> None:
    five = assess(verdicts(STORY_KEPT, [(OTHER, "boilerplate", R.AFTER_STORY)] * 5))
    assert five.score == 0.75 and not five.low
    assert five.reasons == ("the story's end was a guess: 5 prose lines after it removed for their place only",)
    many = assess(verdicts(STORY_KEPT, [(OTHER, "boilerplate", R.OUTSIDE_MAIN)] * 40))
    assert many.score == 0.75


def test_more_prose_removed_than_kept() -> None:
    confidence = assess(verdicts(STORY_KEPT[:2], [(OTHER, "boilerplate", R.HIDDEN)] * 3))
    assert confidence.score == 0.8
    assert confidence.reasons == (
        "more prose removed than kept: 3 of the page's 5 prose lines (comments and what follows the story aside)",
    )


def test_comments_cut_by_their_wording_alone_call_for_review() -> None:
    register = (OTHER, "comment", R.THREAD)
    weak = assess(verdicts(STORY_KEPT, [register] * 4))
    assert weak.score == 0.65 and weak.low
    assert weak.reasons == (
        "4 lines cut as reader comments on weak evidence (no comment heading, no commenter's signature)",
    )


@pytest.mark.parametrize(
    "evidence",
    [
        ("Sarah says:", "comment", R.SIGNATURE),
        (OTHER, "comment", R.AFTER_MARKER),
        (OTHER, "comment", R.COMMENTS_CONTAINER),
    ],
)
def test_comments_with_a_heading_a_signature_or_a_container_are_no_doubt(evidence: tuple[str, str, R.Rule]) -> None:
    register = (OTHER, "comment", R.THREAD)
    assert assess(verdicts(STORY_KEPT, [evidence, register, register])).score == 1.0


def test_lines_the_line_model_kept_against_the_rules() -> None:
    rule = R.LEARNED
    two = assess(verdicts(STORY_KEPT + [(OTHER, rule)] * 2, []))
    assert two.score == 0.9 and not two.low
    assert two.reasons == ("2 lines kept by the line model against the hand rules",)
    assert assess(verdicts(STORY_KEPT + [(OTHER, rule)] * 7, [])).low
    assert assess(verdicts(STORY_KEPT + [(OTHER, rule)] * 20, [])).score == 0.65  # capped


def test_a_story_that_is_a_sliver_of_its_page(tmp_path: Path) -> None:
    confidence = assess(cleaned_file(tmp_path, SHORT))
    assert confidence.low
    assert confidence.reasons == ("the story is 5 words, 1% of the page's",)


def test_an_empty_body_scores_0() -> None:
    confidence = assess(verdicts([], [(PROSE, "boilerplate", R.AFTER_STORY)]))
    assert (confidence.score, confidence.reasons) == (0.0, ("nothing was kept as the story",))


def test_a_curators_decision_is_no_doubt() -> None:
    drops = [(PROSE, "duplicate", R.BEFORE_STORY)] * 3
    assert assess(verdicts(STORY_KEPT, drops, curator=True)).score == 1.0


def test_doubts_add_up() -> None:
    removed = [(PROSE, "boilerplate", R.BEFORE_STORY)] * 2 + [(OTHER, "boilerplate", R.AFTER_STORY)]
    confidence = assess(verdicts(STORY_KEPT, removed))
    assert confidence.score == round(1 - 0.3 - 0.05, 2) and confidence.low
    assert len(confidence.reasons) == 2


def test_prose_is_a_sentence_in_lower_case_words() -> None:
    assert is_dense(PROSE)
    assert not is_dense("Share This Story With Your Friends On Facebook, Twitter, Email And Every Other Network Today.")
    assert not is_dense("the council said on Tuesday that the library would open later on weekdays and parents")
    # a script without case (Korean) has prose too: no word is capitalised
    korean = (
        "시의회는 화요일에 도서관이 평일 저녁 늦게까지 문을 열 것이라고 "
        "밝혔고 학부모들은 오랫동안 이를 요청해 왔으며 학생들도 환영했다."
    )
    assert is_dense(korean) and not is_dense(korean.rstrip("."))


# article.yml: reviewed


@pytest.mark.parametrize(
    "yml, reviewed",
    [
        ("reviewed: true\n", "yes"),
        ("reviewed: 2026-05-01\n", "2026-05-01"),
        ("reviewed: start checked against the print edition\n", "start checked against the print edition"),
        ("reviewed: false\n", ""),
        ("note: fine\n", ""),
    ],
)
def test_reviewed_is_true_a_date_or_a_note(tmp_path: Path, yml: str, reviewed: str) -> None:
    path = tmp_path / "article.yml"
    path.write_text(yml, encoding="utf-8")
    assert load_curation(path).reviewed == reviewed


@pytest.mark.parametrize("value", ["", "[1, 2]", "3", "{when: today}"])
def test_a_bad_reviewed_is_named_at_its_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "article.yml"
    path.write_text(f"note: fine\nreviewed: {value}\n", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        load_curation(path, "archive/articles/x/article.yml")
    assert str(caught.value).startswith("archive/articles/x/article.yml:2: 'reviewed' must be true, a date or a note")


# The Needs review page, the report and the export


def make_archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    for slug, text in (("library-hours", STORY), ("council-votes", SHORT)):
        folder = root / "articles" / slug
        folder.mkdir(parents=True)
        (folder / "original.txt").write_text(text, encoding="utf-8")
    return root


def records(output) -> dict[str, dict]:
    return {a["id"]: a for a in json.loads(output.files["data/articles.json"])}


def test_the_review_page_lists_the_unsure_article_and_a_curator_clears_it(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    output = build(root)
    page = output.pages["browse/review.md"]
    assert "1 article needs review." in page
    assert "council-votes/index.md" in page and "library-hours" not in page
    assert "[cleaning report](../articles/council-votes/report.md#confidence)" in page
    assert "- the story is 5 words, 1% of the page's" in page
    assert records(output)["council-votes"]["confidence"] == {
        "score": 0.65,
        "reasons": ["the story is 5 words, 1% of the page's"],
        "needs_review": True,
        "reviewed": None,
    }
    assert records(output)["library-hours"]["confidence"]["needs_review"] is False
    report = output.pages["articles/council-votes/report.md"]
    assert "## Confidence { #confidence }" in report and "**0.65** of 1" in report
    assert "listed for review until a curator writes `reviewed:`" in report

    (root / "articles" / "council-votes" / "article.yml").write_text("reviewed: 2026-05-01\n", encoding="utf-8")
    output = build(root)
    page = output.pages["browse/review.md"]
    assert "No article needs review" in page and "council-votes" not in page
    assert "1 article under the threshold reviewed by a curator, not listed." in page
    confidence = records(output)["council-votes"]["confidence"]
    assert (confidence["score"], confidence["needs_review"], confidence["reviewed"]) == (0.65, False, "2026-05-01")
    assert "Reviewed by a curator (article.yml): 2026\\-05\\-01." in output.pages["articles/council-votes/report.md"]
    (root / "articles" / "council-votes" / "article.yml").write_text("reviewed: true\n", encoding="utf-8")
    report = build(root).pages["articles/council-votes/report.md"]
    assert "Reviewed by a curator (article.yml).\n" in report and "yes" not in report


def test_a_cached_article_has_the_same_confidence(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    fresh = build(root, tmp_path / "cache")
    cached = build(root, tmp_path / "cache")
    assert cached.cleaned == 0
    assert [a.confidence for a in cached.articles] == [a.confidence for a in fresh.articles]
    assert cached.files["data/articles.json"] == fresh.files["data/articles.json"]


def run_clean(*args: str) -> Ran:
    return run_archive("clean", *args, cwd=ROOT)


def test_archive_clean_json_and_explain_carry_the_confidence(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    result = run_clean("--json", str(tmp_path / "short.txt"), str(tmp_path / "story.txt"))
    assert result.returncode == 0, result.stderr
    short, story = (json.loads(line)["confidence"] for line in result.stdout.splitlines())
    assert short == {
        "score": 0.65,
        "reasons": ["the story is 5 words, 1% of the page's"],
        "needs_review": True,
        "reviewed": None,
    }
    assert story == {"score": 1.0, "reasons": [], "needs_review": False, "reviewed": None}

    result = run_clean("--explain", str(tmp_path / "short.txt"), str(tmp_path / "story.txt"))
    lines = result.stdout.splitlines()
    at = lines.index(f"       confidence 0.65, below {REVIEW_BELOW}: needs review")
    assert lines[at + 1] == "         - the story is 5 words, 1% of the page's"
    assert lines[at - 1].lstrip()[0].isdigit() or "meta" in lines[at - 1]  # after the lines
    assert lines[-1] == "       confidence 1.00: nothing made the cleaner unsure"


def test_a_seed_whose_comments_are_cut_by_their_wording_is_listed() -> None:
    result = run_clean("--explain", str(SEED_COPIES["003_0636be93f76aa3f5.txt"]))
    assert "       confidence 0.65, below 0.7: needs review" in result.stdout
    assert "cut as reader comments on weak evidence" in result.stdout


def test_the_site_has_a_review_page_in_the_browse_navigation(built_site: Path) -> None:
    page = (built_site / "browse" / "review" / "index.html").read_text(encoding="utf-8")
    assert "Needs review" in page
    assert "homeland-security-officers-visit-la-schools/report/#confidence" in page
    timeline = (built_site / "browse" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'href="../review/"' in timeline
    home = (ROOT / "archive" / "pages" / "index.md").read_text(encoding="utf-8")
    assert "review" not in home.lower()
