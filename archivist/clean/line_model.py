"""The learned line model: how likely each line of a scrape is the story's.

The hand rules find a story's head, its end and its comment thread by
signals written for the pages they were tuned on; on sites they never saw
they cut too early or too late. This model, gradient-boosted trees over the
features of ``line_features`` (shapes and neighbourhoods, never phrases),
learned from the development benchmark by ``scripts/train_line_model.py``,
gives each line a probability; a two-state decoding (story / not story,
with a cost for each switch) turns them into runs of story, so a lone
line is judged with its neighbours. The cleaner only ever adds back what
the decoding reads as story: when the rules and the model disagree, it keeps.

The trees are data (``data/line_model.json``), applied with NumPy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_FILE = "line_model.json"


@dataclass(frozen=True)
class LineModel:
    """Trees as flat arrays: node k of tree t is row ``offsets[t] + k``."""

    features: tuple[str, ...]
    baseline: float
    feature: np.ndarray  # int: the feature a node tests (features are never missing)
    threshold: np.ndarray  # float: go left when the value is <= this (+inf at a leaf)
    children: np.ndarray  # int: node k's children at 2k (value <= threshold) and 2k + 1 (a leaf's: its own row)
    value: np.ndarray  # float: a leaf's contribution to the log-odds
    roots: np.ndarray  # int: each tree's root row
    depth: int  # the deepest tree's depth
    switch_cost: float  # decoding: log-odds paid for each switch between story and not
    bias: float  # decoding: log-odds added to every line (recall first: above 0 keeps more)

    def log_odds(self, rows: np.ndarray | list[list[float]]) -> np.ndarray:
        """Each row's log-odds of being story text: every tree walked at once,
        one level per step (a leaf loops on itself, so walking past it stays).
        ``np.take`` on flat arrays: the walk is the cleaner's costliest NumPy work."""
        x = np.asarray(rows, dtype=np.float64)
        if not len(x):
            return np.zeros(0)
        n, width = x.shape
        flat = x.ravel()
        base = (np.arange(n, dtype=np.int64) * width)[:, None]
        node = np.repeat(self.roots[None, :], n, axis=0)
        take = np.take
        for _ in range(self.depth):
            above = take(flat, base + take(self.feature, node)) > take(self.threshold, node)
            node = take(self.children, 2 * node + above)
        scores: np.ndarray = self.baseline + take(self.value, node).sum(axis=1)
        return scores

    def story_runs(self, rows: np.ndarray | list[list[float]]) -> tuple[list[bool], list[float]]:
        """(story or not, probability) for each row, decoded as runs."""
        odds = self.log_odds(rows)
        return decode(odds.tolist(), self.switch_cost, self.bias), [1 / (1 + math.exp(-o)) for o in odds.tolist()]


def decode(odds: list[float], switch_cost: float, bias: float) -> list[bool]:
    """The likeliest story/not-story labelling of a sequence of lines (Viterbi
    over two states): each line adds its log-odds (plus ``bias``) to the
    story state, each change of state costs ``switch_cost``."""
    if not odds:
        return []
    out_score, in_score = 0.0, odds[0] + bias
    back: list[tuple[bool, bool]] = []  # (came from story into 'not', came from story into 'story')
    for o in odds[1:]:
        stay_out, enter_out = out_score, in_score - switch_cost
        stay_in, enter_in = in_score, out_score - switch_cost
        back.append((enter_out > stay_out, stay_in >= enter_in))
        out_score = max(stay_out, enter_out)
        in_score = max(stay_in, enter_in) + o + bias
    state = in_score > out_score
    labels = [state]
    for from_story_out, from_story_in in reversed(back):
        state = from_story_in if state else from_story_out
        labels.append(state)
    return labels[::-1]


@lru_cache(maxsize=1)
def load() -> LineModel:
    """The model shipped with the package."""
    data = json.loads(resources.files("archivist.clean").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    trees = data["trees"]
    offsets = np.cumsum([0] + [len(t["feature"]) for t in trees[:-1]])

    def column(name: str, dtype: type, shift: bool = False) -> np.ndarray:
        parts: list[np.ndarray] = [np.asarray(t[name], dtype=dtype) for t in trees]
        if shift:  # child indexes are per tree: make them rows of the flat arrays
            parts = [part + offset for part, offset in zip(parts, offsets, strict=True)]
        return np.concatenate(parts)

    leaf = column("leaf", bool)
    rows = np.arange(len(leaf), dtype=np.int64)
    return LineModel(
        features=tuple(data["features"]),
        baseline=float(data["baseline"]),
        feature=np.where(leaf, 0, column("feature", np.int64)),
        threshold=np.where(leaf, np.inf, column("threshold", np.float64)),
        children=np.column_stack(
            [
                np.where(leaf, rows, column("left", np.int64, shift=True)),
                np.where(leaf, rows, column("right", np.int64, shift=True)),
            ]
        ).ravel(),
        value=column("value", np.float64),
        roots=np.asarray(offsets, dtype=np.int64),
        depth=int(data["depth"]),
        switch_cost=float(data["decoding"]["switch_cost"]),
        bias=float(data["decoding"]["bias"]),
    )
