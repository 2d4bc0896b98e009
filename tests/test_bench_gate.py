"""The gold gate: the cleaner's scores on the development benchmark stay above
pinned floors (../shared/bench, scored by its own score.py). A change that
lowers a score fails here; raise a floor when the cleaner gets better, never
lower one silently."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

BENCH = SHARED / "bench"
# folder: (min F1, min recall, max comment leak); measured 2026-11-23:
# text F1 0.930, html F1 0.977, comments F1 0.937 recall 0.921 leak 0.139.
FLOORS = {
    "text": (0.925, 0.945, None),
    "html": (0.970, 0.985, None),
    "comments": (0.930, 0.915, 0.145),
}


@pytest.mark.parametrize("folder", FLOORS)
def test_development_benchmark_stays_above_its_floors(folder: str) -> None:
    archive = str(Path(sys.executable).parent / "archive")
    result = subprocess.run(
        [sys.executable, str(BENCH / "score.py"), str(BENCH / folder), "--cmd", f"{archive} clean --json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    summary = result.stdout.strip().splitlines()[-1]
    f1 = float(re.search(r"F1 ([\d.]+)", summary).group(1))  # type: ignore[union-attr]
    recall = float(re.search(r"recall ([\d.]+)", summary).group(1))  # type: ignore[union-attr]
    min_f1, min_recall, max_leak = FLOORS[folder]
    assert "no output" not in summary, summary
    assert f1 >= min_f1 and recall >= min_recall, summary
    if max_leak is not None:
        leak = float(re.search(r"comment-leak ([\d.]+)", summary).group(1))  # type: ignore[union-attr]
        assert leak <= max_leak, summary
