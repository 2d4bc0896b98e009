"""The cleaner's decisions on each seed, line by line, against the gold.

One test per seed and question, so the first failure does not hide the rest.
The gold (../shared/gold/seeds.json) is what a careful archivist keeps,
moves to metadata or removes.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata

import pytest

from archivist.clean.cleaner import clean
from archivist.ingest.originals import read_source
from archivist.model import Cleaned

from .conftest import GOLD, SEED_IDS, SEEDS, needs_shared

pytestmark = needs_shared("gold/seeds.json", "seeds")


@functools.cache
def gold_data() -> dict[str, dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def norm(text: str) -> str:
    """Compare as the gold's scorer does: the gold keeps a scraper's 'word .' spacing."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


@pytest.fixture(scope="module", params=sorted(SEED_IDS))
def seed(request: pytest.FixtureRequest) -> tuple[dict, Cleaned]:
    return gold_data()[request.param], clean(read_source(SEEDS / request.param))


def test_the_gold_is_of_the_archives_seeds() -> None:
    """The seeds the tests below walk through are those the gold has, no more and no fewer."""
    assert sorted(gold_data()) == sorted(SEED_IDS) == sorted(p.name for p in SEEDS.iterdir())


def test_every_gold_paragraph_is_kept_with_its_kind(seed: tuple[dict, Cleaned]) -> None:
    gold, cleaned = seed
    kept = {b.lines[0]: b for b in cleaned.body if b.kind != "break"}
    for g in gold["body"]:
        assert g["line"] in kept, f"line {g['line']} lost: {g['text'][:60]}"
        assert norm(kept[g["line"]].text) == norm(g["text"])
        assert kept[g["line"]].kind == g["kind"], f"line {g['line']}"


def test_nothing_else_is_in_the_body(seed: tuple[dict, Cleaned]) -> None:
    gold, cleaned = seed
    gold_lines = {g["line"] for g in gold["body"]}
    extra = [b for b in cleaned.body if b.kind != "break" and b.lines[0] not in gold_lines]
    assert not extra, [b.text[:60] for b in extra]


def test_every_other_line_is_recorded_as_removed(seed: tuple[dict, Cleaned]) -> None:
    gold, cleaned = seed
    removed_lines = {n for r in cleaned.removed for n in range(r.lines[0], r.lines[1] + 1)}
    for g in gold["removed"]:
        assert g["line"] in removed_lines, f"line {g['line']} neither kept nor recorded: {g['text'][:60]}"


def test_removed_comments_are_called_comments(seed: tuple[dict, Cleaned]) -> None:
    gold, cleaned = seed
    reason = {n: r.reason for r in cleaned.removed for n in range(r.lines[0], r.lines[1] + 1)}
    for g in gold["removed"]:
        if g["why"] in ("comment", "pullquote"):
            assert reason[g["line"]] == g["why"], f"line {g['line']}"


def test_nothing_vanishes(seed: tuple[dict, Cleaned]) -> None:
    """Every non-blank line of the original is in the body or in the removed list."""
    _, cleaned = seed
    accounted = {n for b in cleaned.body for n in range(b.lines[0], b.lines[1] + 1)}
    accounted |= {n for r in cleaned.removed for n in range(r.lines[0], r.lines[1] + 1)}
    non_blank = {i for i, line in enumerate(cleaned.source.lines, 1) if line.strip()}
    assert non_blank == accounted


@pytest.mark.parametrize("field", ["title", "subtitle", "date", "updated", "original_url", "authors", "contributors"])
def test_metadata_from_the_text_alone(seed: tuple[dict, Cleaned], field: str) -> None:
    gold, cleaned = seed
    expected = gold[field]
    got = cleaned.metadata.json_value(field)
    if isinstance(expected, list):
        assert isinstance(got, list) and sorted(got) == sorted(expected)
    elif expected is None:
        assert got is None, f"{field} invented: {got!r}"
    else:
        assert norm(str(got)) == norm(expected)


def test_publisher_from_the_text_alone(seed: tuple[dict, Cleaned]) -> None:
    gold, cleaned = seed
    got = cleaned.metadata.text("publisher")
    if gold["publisher"] is None:
        assert got == "", f"publisher invented: {got!r}"
    else:

        def bare(v: str) -> str:
            return re.sub(r"^the\s+", "", v.lower())

        assert got and (bare(gold["publisher"]) in bare(str(got)) or bare(str(got)) in bare(gold["publisher"]))
