#!/usr/bin/env python3
"""Benchmark glossary annotation: 1,000 articles with 5 terms, then with 500.

The matcher is built once per build; its cost should grow with the text, not
with the number of terms. Prints the time of each run (best of --repeat) and
the ratio; the issue's bound is 2x.

usage: python scripts/bench_annotate.py [--articles N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import string
import time

from archivist.glossary.annotate import Matcher, annotated_markdown, mentions
from archivist.glossary.load import Citation, Entry, Glossary
from archivist.model import Block

WORDS = (
    "the council agency officers said county police federal immigration program law state city "
    "residents court judge report policy records data cases week year people agents office public"
).split()


def synthetic_terms(n: int, rng: random.Random) -> Glossary:
    entries = []
    for i in range(n):
        acronym = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + str(i)
        full = " ".join(w.capitalize() for w in rng.sample(WORDS, 3)) + f" Office {i}"
        entries.append(
            Entry(
                id=f"t{i}",
                term=acronym,
                short="A synthetic term.",
                definition="x\n",
                path=f"t{i}.md",
                full_name=full,
                aliases=(f"{full} Program",),
                sources=(Citation("s", url="https://example.org"),),
            )
        )
    return Glossary(tuple(entries))


def synthetic_articles(n: int, glossary: Glossary, rng: random.Random) -> list[list[Block]]:
    names = [e.term for e in glossary.entries] + [e.full_name for e in glossary.entries]
    articles = []
    for _ in range(n):
        blocks = []
        for p in range(20):
            words = [rng.choice(WORDS) for _ in range(60)]
            for _ in range(2):
                words.insert(rng.randrange(len(words)), rng.choice(names))
            text = " ".join(words)
            blocks.append(Block("paragraph", text[:1].upper() + text[1:] + ".", (p, p)))
        articles.append(blocks)
    return articles


def run(articles: list[list[Block]], glossary: Glossary, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        matcher = Matcher.build(glossary)
        found = 0
        for blocks in articles:
            ms = mentions(blocks, matcher)
            annotated_markdown(blocks, ms, glossary, "../../glossary/")
            found += len(ms)
        best = min(best, time.perf_counter() - start)
    return best, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    every = synthetic_terms(500, random.Random(0))
    five = Glossary(every.entries[:5])
    # The same text for both runs, mentioning the first five terms: the 495
    # others only make the matcher bigger.
    articles = synthetic_articles(a.articles, five, random.Random(1))
    small, n_small = run(articles, five, a.repeat)
    large, n_large = run(articles, every, a.repeat)
    print(f"annotate {a.articles} articles x 20 paragraphs, 5 terms:   {small:.3f} s ({n_small} mentions)")
    print(f"annotate {a.articles} articles x 20 paragraphs, 500 terms: {large:.3f} s ({n_large} mentions)")
    print(f"annotate: 500 terms cost {large / small:.2f}x 5 terms (bound: 2x)")


if __name__ == "__main__":
    main()
