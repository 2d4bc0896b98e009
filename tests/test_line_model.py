"""The learned line model: its decoding, what it may give back, and that the
shipped trees match the features the cleaner computes."""

from __future__ import annotations

from archivist import clean_text, line_model
from archivist.clean_text import AFTER_STORY_RULE, CHROME_RULE, LEARNED_RULE, THREAD_RULE, Verdict
from archivist.line_features import NAMES
from archivist.lines import Line


def test_a_weak_line_between_story_lines_is_read_with_them() -> None:
    assert line_model.decode([3.0, -0.5, 3.0], switch_cost=1.0, bias=0.0) == [True, True, True]


def test_a_clear_break_between_story_lines_is_not() -> None:
    assert line_model.decode([3.0, -5.0, 3.0], switch_cost=1.0, bias=0.0) == [True, False, True]


def test_recall_bias_keeps_an_unsure_run() -> None:
    odds = [-0.4, -0.4, -0.4]
    assert line_model.decode(odds, switch_cost=1.0, bias=0.0) == [False] * 3
    assert line_model.decode(odds, switch_cost=1.0, bias=1.0) == [True] * 3


def _verdict(number: int, reason: str, rule: str) -> Verdict:
    line = Line(number, f"line {number}", f"line {number}")
    return Verdict(line, None if reason else "paragraph", reason, rule)


def test_only_lines_cut_for_their_place_are_given_back() -> None:
    verdicts = [
        _verdict(1, "", "story paragraph"),
        _verdict(2, "boilerplate", AFTER_STORY_RULE),  # a place: given back
        _verdict(3, "boilerplate", CHROME_RULE),  # what it is: stays removed
        _verdict(4, "comment", THREAD_RULE),  # evidence of a thread, model unsure: stays
        _verdict(5, "comment", THREAD_RULE),  # evidence, but the model is sure: given back
    ]
    out = clean_text.given_back(verdicts, [True] * 5, [0.9, 0.3, 0.9, 0.3, 0.8])
    assert [v.kept for v in out] == [True, True, False, False, True]
    assert out[1].rule.startswith(LEARNED_RULE) and AFTER_STORY_RULE in out[1].rule
    assert out[2].rule == CHROME_RULE


def test_nothing_is_given_back_outside_a_story_run() -> None:
    verdicts = [_verdict(1, "", "story paragraph"), _verdict(2, "boilerplate", AFTER_STORY_RULE)]
    assert [v.kept for v in clean_text.given_back(verdicts, [True, False], [0.9, 0.9])] == [True, False]


def test_the_shipped_model_reads_the_features_the_cleaner_computes() -> None:
    """Changing the features without retraining (scripts/train_line_model.py) fails here."""
    model = line_model.load()
    assert model.features == NAMES
    assert model.log_odds([[0.0] * len(NAMES)]).shape == (1,)
