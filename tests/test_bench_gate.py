"""The gold gate: the cleaner's figures on the development benchmark
(../shared/bench, scored with its own score.py) stay at or above the floors
pinned in tests/gold_floors.json, and `lost` does not rise. A failure names
the pages that got worse. Floors are raised with `scripts/gold_gate.py
--raise`, which refuses to lower one (see README.md, "Measured")."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT, SHARED, needs_shared

BENCH = SHARED / "bench"


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_gate", ROOT / "scripts" / "gold_gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gold_gate"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


gate = _gate()
FLOORS = json.loads(gate.FLOORS.read_text(encoding="utf-8"))
CMD = f"{Path(sys.executable).parent / 'archive'} clean --json"
needs_bench = needs_shared("bench/score.py")


def test_every_folder_has_floors() -> None:
    assert sorted(FLOORS) == sorted(gate.FOLDERS)
    for folder, floor in FLOORS.items():
        assert {"digest", "precision", "recall", "f1", "lost", "pages"} <= set(floor), folder


@pytest.mark.parametrize(
    "folder", [pytest.param(folder, marks=needs_shared("bench/score.py", f"bench/{folder}")) for folder in gate.FOLDERS]
)
def test_development_benchmark_stays_at_or_above_its_floors(folder: str) -> None:
    floor = FLOORS[folder]
    found = gate.digest(BENCH / folder)
    if found != floor["digest"]:
        pytest.skip(
            f"{BENCH / folder}: its files differ from those the floors were measured on "
            f"(digest {found[:12]}, floors {floor['digest'][:12]}); "
            "pin the new figures with scripts/gold_gate.py --raise --rebase"
        )
    problems = gate.problems(floor, gate.measure(BENCH, folder, CMD))
    assert not problems, f"{folder}: " + "\n".join(problems)


def test_a_fall_names_the_figure_and_the_pages_that_got_worse() -> None:
    floor = {"precision": 0.9, "recall": 0.9, "f1": 0.9, "lost": 0, "pages": {"a": 0.9, "b": 0.95, "c": 0.8}}
    now = gate.Measured("d", {"precision": 0.95, "recall": 0.85, "f1": 0.9, "lost": 1}, {"a": 0.4, "b": 0.95, "c": 0.7})
    assert gate.problems(floor, now) == [
        "recall 0.8500 is below its floor 0.9000",
        "lost 1 is above its ceiling 0",
        "pages lost (recall < 0.5): a",
        "pages whose recall fell: a 0.9000 -> 0.4000, c 0.8000 -> 0.7000",
    ]
    same = gate.Measured("d", {"precision": 0.9, "recall": 0.9, "f1": 0.9, "lost": 0}, {"a": 0.5, "b": 1.0, "c": 0.8})
    assert gate.problems(floor, same) == []  # a page may move while the figures hold


@pytest.fixture
def mini_bench(tmp_path: Path) -> Path:
    """A benchmark of one page (its gold has a word the page lacks), with the real scorer."""
    bench = tmp_path / "bench"
    (bench / "mini").mkdir(parents=True)
    shutil.copy(BENCH / "score.py", bench / "score.py")
    story = "The county library will stay open until nine every weeknight starting in March, officials said."
    html = f"<html><head><title>Hours</title></head><body><article><h1>Hours</h1><p>{story}</p></article></body></html>"
    (bench / "mini" / "p1.html").write_text(html, encoding="utf-8")
    (bench / "mini" / "gold.json").write_text(json.dumps({"p1": story + " Absent."}), encoding="utf-8")
    return bench


def _run(bench: Path, floors: Path, *extra: str) -> int:
    return gate.main(["--bench", str(bench), "--floors", str(floors), "--folders", "mini", "--cmd", CMD, *extra])


@needs_bench
def test_raise_pins_then_refuses_to_lower_a_floor(
    mini_bench: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = tmp_path / "floors.json"
    assert _run(mini_bench, floors, "--raise") == 0
    pinned = json.loads(floors.read_text())["mini"]
    assert pinned["recall"] == 0.9375 and pinned["lost"] == 0 and pinned["pages"] == {"p1": 0.9375}
    assert _run(mini_bench, floors) == 0  # the check passes on what was pinned

    # As if the cleaner used to do better: the check fails and names the page; a raise refuses.
    better = {**pinned, "recall": 1.0, "pages": {"p1": 1.0}}
    floors.write_text(json.dumps({"mini": better}))
    capsys.readouterr()
    assert _run(mini_bench, floors) == 1
    assert "recall 0.9375 is below its floor 1.0000" in capsys.readouterr().out
    assert _run(mini_bench, floors, "--raise") == 1
    err = capsys.readouterr().err
    assert "mini: would lower recall 1.0000 -> 0.9375" in err and "no floor was changed" in err
    assert json.loads(floors.read_text()) == {"mini": better}

    # A floor below the figures is raised to them.
    floors.write_text(json.dumps({"mini": {**pinned, "recall": 0.5}}))
    assert _run(mini_bench, floors, "--raise") == 0
    assert json.loads(floors.read_text())["mini"]["recall"] == 0.9375


@needs_bench
def test_changed_benchmark_files_are_not_compared_with_old_floors(mini_bench: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    assert _run(mini_bench, floors, "--raise") == 0
    (mini_bench / "mini" / "gold.json").write_text(json.dumps({"p1": "Other words."}))
    assert _run(mini_bench, floors, "--raise") == 1  # refused: measured on other files
    assert _run(mini_bench, floors, "--raise", "--rebase") == 0
    assert json.loads(floors.read_text())["mini"]["digest"] == gate.digest(mini_bench / "mini")
