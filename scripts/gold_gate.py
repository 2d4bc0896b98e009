#!/usr/bin/env python3
"""The gold gate: the cleaner's figures on ../shared/bench stay at or above pinned floors.

tests/gold_floors.json holds, for each benchmark folder, the figures the
cleaner reached (mean precision, recall and F1 at four decimals, rounded
down; `lost`, the pages with recall < 0.5; for comments, the comment leak
rounded up), each page's recall, and the SHA-256 digest of the folder's files
they were measured on. tests/test_bench_gate.py fails when a figure falls
below its floor or `lost` rises, and names the pages that got worse.

Pages are scored by the benchmark's own scorer (its run_cmd, toks and prf,
imported from ../shared/bench/score.py), so the figures are the scorer's.

usage:
  python scripts/gold_gate.py                  check every folder against its floors
  python scripts/gold_gate.py --raise          measure, and raise the floors that rose;
                                               refuses (exit 1, naming them) when any would fall
  python scripts/gold_gate.py --raise --folders text,comments
  python scripts/gold_gate.py --raise --rebase the benchmark's files changed: pin the new figures
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
FLOORS = ROOT / "tests" / "gold_floors.json"
FOLDERS = ("text", "html", "comments", "wcxb_text", "wcxb_html")
# A page is named as worse when its recall fell by more than this.
PAGE_SLACK = 0.0001
# Figures where higher is better, and those where lower is.
HIGHER = ("precision", "recall", "f1")
LOWER = ("lost", "comment_leak")


def scorer(bench: Path) -> ModuleType:
    """The benchmark's score.py, imported (its toks, prf and run_cmd)."""
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_of(folder: Path) -> list[Path]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return sorted(p for p in folder.iterdir() if p.name.split(".")[0] in gold)


def digest(folder: Path) -> str:
    """SHA-256 over the folder's gold and pages (names and bytes, in name order)."""
    h = hashlib.sha256()
    for path in [folder / "gold.json", *files_of(folder)]:
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def down(x: float) -> float:
    return math.floor(x * 10_000 + 1e-9) / 10_000


def up(x: float) -> float:
    return math.ceil(x * 10_000 - 1e-9) / 10_000


@dataclass(frozen=True)
class Measured:
    """One folder's figures, as floors (four decimals, rounded toward failing less)."""

    digest: str
    figures: dict[str, float]
    pages: dict[str, float]  # page id -> recall

    def as_json(self) -> dict[str, object]:
        return {"digest": self.digest, **self.figures, "pages": self.pages}


def measure(bench: Path, folder: str, cmd: str) -> Measured:
    """The cleaner's figures on one folder, scored as score.py scores them."""
    score = scorer(bench)
    where = bench / folder
    gold = json.loads((where / "gold.json").read_text(encoding="utf-8"))
    files = files_of(where)
    got = score.run_cmd(cmd, files)
    sums = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "comment_leak": 0.0}
    pages: dict[str, float] = {}
    lost = 0
    leaky = False
    for f in files:
        key = f.name.split(".")[0]
        gv = gold[key]
        art = gv["article"] if isinstance(gv, dict) else gv
        pred, ref = score.toks(got.get(f.name, "")), score.toks(art)
        p, r, f1 = score.prf(pred, ref)
        sums["precision"] += p
        sums["recall"] += r
        sums["f1"] += f1
        lost += bool(ref) and r < 0.5
        pages[key] = down(r)
        if isinstance(gv, dict):
            leaky = True
            com = score.toks(gv["comments"]) - ref
            sums["comment_leak"] += sum(((pred - ref) & com).values()) / sum(com.values()) if com else 0.0
    n = len(files) or 1
    figures: dict[str, float] = {name: down(sums[name] / n) for name in HIGHER}
    figures["lost"] = lost
    if leaky:
        figures["comment_leak"] = up(sums["comment_leak"] / n)
    return Measured(digest(where), figures, pages)


def fallen(floor: dict[str, object], now: Measured) -> list[tuple[str, float, float]]:
    """(figure, floor, now) for each figure worse than its floor: a higher-is-better
    figure below it, a lower-is-better one (lost, comment leak) above it."""
    out = []
    for name in HIGHER + LOWER:
        if name not in floor:
            continue
        pinned, value = float(floor[name]), float(now.figures.get(name, 0))
        if (value < pinned) if name in HIGHER else (value > pinned):
            out.append((name, pinned, value))
    return out


def problems(floor: dict[str, object], now: Measured) -> list[str]:
    """What fell below its floor, each with the pages that got worse; [] when none."""
    out = [
        f"{name} {value:.4f} is below its floor {pinned:.4f}"
        if name in HIGHER
        else f"{name} {value:g} is above its ceiling {pinned:g}"
        for name, pinned, value in fallen(floor, now)
    ]
    if out:
        was: dict[str, float] = floor.get("pages", {})
        worse = sorted(
            (now.pages.get(page, 0.0) - r, page, r)
            for page, r in was.items()
            if now.pages.get(page, 0.0) < r - PAGE_SLACK
        )
        newly_lost = [page for _, page, r in worse if r >= 0.5 > now.pages.get(page, 0.0)]
        if newly_lost:
            out.append("pages lost (recall < 0.5): " + ", ".join(newly_lost))
        if worse:
            out.append(
                "pages whose recall fell: "
                + ", ".join(f"{page} {r:.4f} -> {now.pages.get(page, 0.0):.4f}" for _, page, r in worse[:20])
                + (f" and {len(worse) - 20} more" if len(worse) > 20 else "")
            )
    return out


def lowered(floor: dict[str, object], now: Measured) -> list[str]:
    """The floors a raise would lower."""
    return [
        f"{name} {pinned:.4f} -> {value:.4f}" if name in HIGHER else f"{name} {pinned:g} -> {value:g}"
        for name, pinned, value in fallen(floor, now)
    ]


def load(path: Path) -> dict[str, dict[str, object]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save(path: Path, floors: dict[str, dict[str, object]]) -> None:
    path.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=str(BENCH), help="the benchmark folder (default ../shared/bench)")
    ap.add_argument("--floors", default=str(FLOORS), help="the floors file (default tests/gold_floors.json)")
    ap.add_argument("--folders", default=",".join(FOLDERS))
    ap.add_argument("--cmd", default=f"{Path(sys.executable).parent / 'archive'} clean --json")
    ap.add_argument("--raise", dest="raise_", action="store_true", help="raise the floors that rose; never lower one")
    ap.add_argument("--rebase", action="store_true", help="with --raise: pin a folder whose files changed")
    a = ap.parse_args(argv)
    bench, path = Path(a.bench), Path(a.floors)
    if not (bench / "score.py").is_file():
        print(f"gold gate: no benchmark at {bench}", file=sys.stderr)
        return 2
    floors = load(path)
    refused: list[str] = []
    failed = False
    new = dict(floors)
    for folder in a.folders.split(","):
        now = measure(bench, folder, a.cmd)
        floor = floors.get(folder)
        shown = " ".join(f"{k} {v:g}" for k, v in now.figures.items())
        print(f"{folder}: {shown}")
        if floor is not None and floor.get("digest") != now.digest and not a.rebase:
            refused.append(f"{folder}: the benchmark's files differ from those the floors were measured on (--rebase)")
            continue
        if a.raise_:
            fall = lowered(floor, now) if floor is not None and floor.get("digest") == now.digest else []
            if fall:
                refused.append(f"{folder}: would lower " + "; ".join(fall))
            else:
                new[folder] = now.as_json()
        elif floor is None:
            refused.append(f"{folder}: no floors yet (run with --raise)")
        else:
            found = problems(floor, now)
            for line in found:
                print(f"  {line}")
            failed = failed or bool(found)
    for line in refused:
        print(f"gold gate: {line}", file=sys.stderr)
    if a.raise_ and refused:
        print("gold gate: refused; no floor was changed", file=sys.stderr)
        return 1
    if a.raise_:
        save(path, new)
        print(f"gold gate: wrote {path}")
    return 1 if failed or refused else 0


if __name__ == "__main__":
    sys.exit(main())
