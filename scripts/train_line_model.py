#!/usr/bin/env python3
"""Train the learned line model on the development benchmark, and report
how it does on sites it was not trained on.

Every line of every text scrape in the development folders (wcxb_text,
text, comments) is described by ``archivist.clean.line_features`` and labelled
story when most of its word trigrams are in the page's gold article (lines
of fewer than three words: when they occur in it); the seeds' lines by their
line-by-line gold. Gradient-boosted trees
(scikit-learn, fixed seed) learn the labels. Cross-validation holds out
whole sites: pages of one site are never on both sides of a split (sites by
the host of each page's HTML capture; a comments page is its own site). It
prints, per folder, the benchmark's own measures for the hand rules alone
and for the cleaner with the model (``clean.text.given_back``), out of fold, then fits on everything and
writes the trees to ``archivist/clean/data/line_model.json``.

Retrain after changing the hand rules or the features: the model reads the
rules' verdicts. Needs the ``train`` extra: pip install -e '.[train]'.

usage: python scripts/train_line_model.py [--bench DIR] [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gold_gate import scorer  # noqa: E402  (the benchmark's score.py, imported)

from archivist.clean import line_model  # noqa: E402
from archivist.clean import text as clean_text  # noqa: E402
from archivist.clean.line_features import NAMES, page_features  # noqa: E402
from archivist.clean.lines import plain_words  # noqa: E402
from archivist.ingest.originals import source_from_bytes  # noqa: E402

FOLDERS = ("wcxb_text", "text", "comments")
SEEDS = "seeds"  # the archive's first collection (../shared/seeds), its gold line by line
HTML_OF = {"wcxb_text": "wcxb_html", "text": "html"}  # where each text folder's pages were captured as HTML
SEED = 0
FOLDS = 5
TREES = dict(max_iter=150, max_depth=6, max_leaf_nodes=31, learning_rate=0.1, l2_regularization=1.0)
DECODING = {"switch_cost": 1.0, "bias": 1.0}  # chosen out of fold: recall first (see the module docstring)
_HOST = re.compile(
    r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']https?://([^/\"']+)"
    r"|og:url[\"'][^>]*content=[\"']https?://([^/\"']+)"
    r"|href=[\"']https?://([^/\"']+)"
)


def site_of(bench: Path, folder: str, key: str) -> str:
    """The host a page was captured from (its HTML's canonical address), so
    that cross-validation holds out whole sites."""
    html = HTML_OF.get(folder)
    if html is None:
        return f"{folder}/{key}"
    path = bench / html / f"{key}.html.gz"
    if not path.exists():
        return f"{folder}/{key}"
    m = _HOST.search(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    host = next((g for g in m.groups() if g), "") if m else ""
    return host.lower().removeprefix("www.") or f"{folder}/{key}"


def label(text: str, trigrams: set[tuple[str, ...]], joined: str) -> bool:
    words = plain_words(text)
    if len(words) >= 3:
        grams = [words[k : k + 3] for k in range(len(words) - 2)]
        return sum(1 for g in grams if g in trigrams) / len(grams) >= 0.5
    return bool(words) and (" " + " ".join(words) + " ") in joined


def pages(bench: Path) -> list[dict]:
    out = []
    for folder in FOLDERS:
        d = bench / folder
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        for path in sorted(d.iterdir()):
            key = path.name.split(".")[0]
            if key not in gold:
                continue
            g = gold[key]
            article = g["article"] if isinstance(g, dict) else g
            words = plain_words(article)
            trigrams = {words[k : k + 3] for k in range(len(words) - 2)}
            joined = " " + " ".join(words) + " "
            source = source_from_bytes(path.read_bytes(), path.name)
            lines = clean_text.split_lines(source)
            verdicts = clean_text.rule_verdicts(source)
            out.append(
                {
                    "folder": folder,
                    "site": site_of(bench, folder, key),
                    "x": page_features(lines, [v.kept for v in verdicts], [v.rule.id for v in verdicts]),
                    "y": [label(line.text, trigrams, joined) for line in lines],
                    "texts": [line.text for line in lines],
                    "rules": [v.kept for v in verdicts],
                    "verdicts": verdicts,
                    "gold": g,
                }
            )
    return out


def seed_pages(shared: Path) -> list[dict]:
    """The seeds, labelled by the lines their gold keeps in the body."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    out = []
    for name, g in sorted(gold.items()):
        source = source_from_bytes((shared / "seeds" / name).read_bytes(), name)
        lines = clean_text.split_lines(source)
        verdicts = clean_text.rule_verdicts(source)
        body = {b["line"] for b in g["body"]}
        out.append(
            {
                "folder": SEEDS,
                "site": f"{SEEDS}/{name}",
                "x": page_features(lines, [v.kept for v in verdicts], [v.rule.id for v in verdicts]),
                "y": [line.number in body for line in lines],
                "texts": [line.text for line in lines],
                "rules": [v.kept for v in verdicts],
                "verdicts": verdicts,
                "gold": "\n\n".join(b["text"] for b in g["body"]),
            }
        )
    return out


def measures(score, rows: list[dict], kept: list[list[bool]]) -> dict[str, str]:
    """The benchmark's measures per folder for the given kept lines."""
    by_folder: dict[str, list[tuple[float, ...]]] = {}
    for row, keep in zip(rows, kept, strict=True):
        pred: Counter = Counter()
        for text, k in zip(row["texts"], keep, strict=True):
            if k:
                pred += score.toks(text)
        g = row["gold"]
        article = score.toks(g["article"] if isinstance(g, dict) else g)
        p, r, f = score.prf(pred, article)
        leak = 0.0
        if isinstance(g, dict):
            com = score.toks(g["comments"]) - article
            leak = sum(((pred - article) & com).values()) / sum(com.values()) if com else 0.0
        by_folder.setdefault(row["folder"], []).append((p, r, f, leak, float(r < 0.5)))
    out = {}
    for folder, values in by_folder.items():
        p, r, f, leak, lost = np.mean(values, axis=0)
        text = f"P {p:.3f} R {r:.3f} F1 {f:.3f} lost {int(round(lost * len(values)))}"
        out[folder] = text + (f" comment-leak {leak:.3f}" if folder == "comments" else "")
    return out


def export(model: HistGradientBoostingClassifier) -> dict:
    """The fitted trees as plain lists (see archivist.clean.line_model.load). The
    features are never missing, so where a missing value would go is not kept."""
    trees = []
    depth = 0
    for (predictor,) in model._predictors:  # one tree per boosting round (binary task)
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        trees.append(
            {
                "feature": nodes["feature_idx"].astype(int).tolist(),
                "threshold": nodes["num_threshold"].astype(float).tolist(),
                "left": nodes["left"].astype(int).tolist(),
                "right": nodes["right"].astype(int).tolist(),
                "leaf": nodes["is_leaf"].astype(bool).tolist(),
                "value": nodes["value"].astype(float).tolist(),
            }
        )
    return {
        "about": "learned line model of archivist's text cleaner; written by scripts/train_line_model.py",
        "features": list(NAMES),
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "depth": depth + 1,
        "decoding": DECODING,
        "trees": trees,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", default=str(ROOT.parent / "shared" / "bench"))
    ap.add_argument("--no-write", action="store_true", help="report the cross-validation only")
    ap.add_argument("--oof", help="also save the pages and their out-of-fold log-odds to this pickle, for analysis")
    a = ap.parse_args()
    bench = Path(a.bench)
    score = scorer(bench)
    rows = pages(bench) + seed_pages(bench.parent)
    x = np.array([v for row in rows for v in row["x"]])
    y = np.array([v for row in rows for v in row["y"]])
    page = np.array([i for i, row in enumerate(rows) for _ in row["y"]])
    sites = np.array([row["site"] for row in rows for _ in row["y"]])
    print(f"{len(rows)} pages, {len(y)} lines, {len(set(sites))} sites; {FOLDS}-fold cross-validation by site")
    odds = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, sites):
        fold = HistGradientBoostingClassifier(random_state=SEED, **TREES).fit(x[train], y[train])
        odds[test] = fold.decision_function(x[test])
    decoded = []
    for i, row in enumerate(rows):
        page_odds = odds[page == i].tolist()
        story = line_model.decode(page_odds, DECODING["switch_cost"], DECODING["bias"])
        probability = [1 / (1 + np.exp(-o)) for o in page_odds]
        decoded.append([v.kept for v in clean_text.given_back(row["verdicts"], story, probability)])
    if a.oof:
        with open(a.oof, "wb") as f:
            pickle.dump({"rows": rows, "odds": odds, "page": page}, f)
    rules_only, with_model = measures(score, rows, [row["rules"] for row in rows]), measures(score, rows, decoded)
    for folder in (*FOLDERS, SEEDS):
        print(f"  {folder:10} rules alone  {rules_only[folder]}")
        print(f"  {folder:10} with model   {with_model[folder]}   (out of fold, by site)")
    model = HistGradientBoostingClassifier(random_state=SEED, **TREES).fit(x, y)
    data = export(model)
    target = ROOT / "archivist" / "clean" / "data" / line_model.MODEL_FILE
    if a.no_write:
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    line_model.load.cache_clear()
    check = line_model.load().log_odds(x[:2000].tolist())
    assert np.allclose(check, model.decision_function(x[:2000]), atol=1e-9), "exported trees disagree with the fit"
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,} bytes, {len(data['trees'])} trees)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
