#!/usr/bin/env python3
"""Write a synthetic archive of N articles in the real layout, for benchmarks.

Text and HTML originals mixed, with site chrome, bylines, dates spread over
20 years, several publishers, comment threads (marked and unmarked) and a
glossary of M terms that the articles mention. Deterministic for a seed.

usage: python scripts/make_corpus.py N DIR [--terms M] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import shutil
from pathlib import Path

PUBLISHERS = ["The Valley Ledger", "Coast Daily News", "Metro Tribune", "The Harbor Post", "Capitol Wire"]
FIRST = "Ana Ben Carla Dev Elena Farid Grace Hiro Ines Jamal Kara Luis Mina Noor Omar Priya".split()
LAST = "Ortiz Lee Novak Shah Kim Garcia Okafor Rossi Chen Diaz Ward Ito Haddad Silva".split()
WORDS = (
    "council agency officers county federal program residents court judge report policy records data "
    "week year office public budget school hospital families workers community city state program plan "
    "meeting vote hearing statement spokesperson department investigation decision funding request"
).split()
CHROME = ["Menu", "Home", "News", "Sports", "Opinion", "Subscribe", "Sign in", "Search"]
FOOTER = ["Related Posts", "Share this article", "Subscribe to our newsletter", "Privacy Policy", "Contact us"]
COMMENTS = [
    "I can't believe this is still happening in my city!",
    "You people never read the whole article, do you?",
    "Great reporting, thank you.",
    "This is a waste of my tax money lol",
    "My neighbor went through the same thing last year.",
]


def sentence(rng: random.Random, terms: list[tuple[str, str]]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    if terms and rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(terms)[1])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, terms: list[tuple[str, str]]) -> str:
    text = " ".join(sentence(rng, terms) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.3:
        text = f"“{text[:-1]},” {rng.choice(FIRST)} {rng.choice(LAST)} said."
    return text


def glossary(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(id, name) pairs; names are capitalised phrases that no common word matches."""
    out, seen = [], set()
    while len(out) < count:
        name = " ".join(w.capitalize() for w in rng.sample(WORDS, 2)) + f" Unit {len(out) + 1}"
        if name not in seen:
            seen.add(name)
            out.append((f"term-{len(out) + 1}", name))
    return out


def write_glossary(root: Path, terms: list[tuple[str, str]]) -> None:
    folder = root / "glossary"
    folder.mkdir(parents=True, exist_ok=True)
    for term_id, name in terms:
        (folder / f"{term_id}.md").write_text(
            f"---\nid: {term_id}\nterm: {name}\nshort: A synthetic term for benchmarks.\n"
            f"sources:\n  - id: s\n    url: https://example.org/{term_id}\n---\n"
            f"{name} is a synthetic glossary entry.[^s]\n",
            encoding="utf-8",
        )


def article_text(rng: random.Random, title: str, byline: str, date: dt.date, body: list[str]) -> str:
    lines = rng.sample(CHROME, 4) + [title, f"By {byline}", date.strftime("%B %-d, %Y")] + body
    lines += rng.sample(FOOTER, 2)
    if rng.random() < 0.5:
        lines += ["Leave a Reply"] + rng.sample(COMMENTS, 3)
    else:
        lines += rng.sample(COMMENTS, 4)
    return "\n\n".join(lines) + "\n"


def article_html(rng: random.Random, title: str, byline: str, date: dt.date, body: list[str], publisher: str) -> str:
    e = html.escape
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in body)
    nav = "".join(f"<li><a href='#'>{e(c)}</a></li>" for c in rng.sample(CHROME, 5))
    comments = "".join(f"<li class='comment'><p>{e(c)}</p></li>" for c in rng.sample(COMMENTS, 3))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)} | {e(publisher)}</title>"
        f"<meta property='og:site_name' content='{e(publisher)}'></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{e(title)}</h1>"
        f"<p class='byline'>By {e(byline)}</p><time datetime='{date.isoformat()}'>{date:%B %d, %Y}</time>"
        f"{paragraphs}</article><section id='comments'><h2>Comments</h2><ol>{comments}</ol></section></main>"
        f"<footer><p>Copyright {date.year} {e(publisher)}</p></footer></body></html>"
    )


def make(count: int, out: Path, terms: int = 50, seed: int = 1) -> None:
    rng = random.Random(seed)
    root = out / "archive"
    if root.exists():
        shutil.rmtree(root)
    glossary_terms = glossary(terms, rng)
    write_glossary(root, glossary_terms)
    (root / "pages").mkdir(parents=True)
    (root / "pages" / "index.md").write_text("# Synthetic archive\n\nFor benchmarks.\n", encoding="utf-8")
    start = dt.date(2005, 1, 1)
    for i in range(count):
        date = start + dt.timedelta(days=rng.randrange(20 * 365))
        title = " ".join(w.capitalize() for w in rng.sample(WORDS, 6))
        byline = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        body = [paragraph(rng, glossary_terms) for _ in range(rng.randint(8, 20))]
        folder = root / "articles" / f"story-{i + 1:05d}"
        folder.mkdir(parents=True)
        if rng.random() < 0.3:
            page = article_html(rng, title, byline, date, body, rng.choice(PUBLISHERS))
            (folder / "original.html").write_text(page, encoding="utf-8")
        else:
            (folder / "original.txt").write_text(article_text(rng, title, byline, date, body), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--terms", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    make(a.count, a.out, a.terms, a.seed)
    print(f"wrote {a.count} articles and {a.terms} glossary terms to {a.out / 'archive'}")


if __name__ == "__main__":
    main()
