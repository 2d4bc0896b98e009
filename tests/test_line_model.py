"""The learned line model: its decoding, what it may give back, and that the
shipped trees match the features the cleaner computes."""

from __future__ import annotations

from archivist.clean import line_model
from archivist.clean import rulebook as R
from archivist.clean import text as clean_text
from archivist.clean.line_features import NAMES
from archivist.clean.lines import Line
from archivist.clean.text import Verdict


def test_a_weak_line_between_story_lines_is_read_with_them() -> None:
    assert line_model.decode([3.0, -0.5, 3.0], switch_cost=1.0, bias=0.0) == [True, True, True]


def test_a_clear_break_between_story_lines_is_not() -> None:
    assert line_model.decode([3.0, -5.0, 3.0], switch_cost=1.0, bias=0.0) == [True, False, True]


def test_recall_bias_keeps_an_unsure_run() -> None:
    odds = [-0.4, -0.4, -0.4]
    assert line_model.decode(odds, switch_cost=1.0, bias=0.0) == [False] * 3
    assert line_model.decode(odds, switch_cost=1.0, bias=1.0) == [True] * 3


def _verdict(number: int, rule: R.Rule) -> Verdict:
    line = Line(number, f"line {number}", f"line {number}")
    return Verdict(line, None if rule.reason else "paragraph", rule)


def test_only_lines_cut_for_their_place_are_given_back() -> None:
    verdicts = [
        _verdict(1, R.STORY_PARAGRAPH),
        _verdict(2, R.AFTER_STORY),  # a place: given back
        _verdict(3, R.CHROME),  # what it is: stays removed
        _verdict(4, R.THREAD),  # evidence of a thread, model unsure: stays
        _verdict(5, R.THREAD),  # evidence, but the model is sure: given back
    ]
    out = clean_text.given_back(verdicts, [True] * 5, [0.9, 0.3, 0.9, 0.3, 0.8])
    assert [v.kept for v in out] == [True, True, False, False, True]
    assert out[1].rule is R.LEARNED and R.AFTER_STORY.wording in out[1].wording
    assert out[2].rule is R.CHROME


def test_nothing_is_given_back_outside_a_story_run() -> None:
    verdicts = [_verdict(1, R.STORY_PARAGRAPH), _verdict(2, R.AFTER_STORY)]
    assert [v.kept for v in clean_text.given_back(verdicts, [True, False], [0.9, 0.9])] == [True, False]


def test_the_shipped_model_reads_the_features_the_cleaner_computes() -> None:
    """Changing the features without retraining (scripts/train_line_model.py) fails here."""
    model = line_model.load()
    assert model.features == NAMES
    assert model.log_odds([[0.0] * len(NAMES)]).shape == (1,)
