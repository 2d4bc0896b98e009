"""Invariants of the cleaner and the annotator, property-tested with hypothesis."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from archivist.clean.cleaner import clean
from archivist.common.markdown_text import escape
from archivist.glossary.annotate import Matcher, annotated_markdown, mentions
from archivist.glossary.load import load
from archivist.ingest.originals import source_from_bytes
from archivist.model import Block

from .conftest import ARCHIVE, SEED_COPIES, html_text

GLOSSARY, _ = load(ARCHIVE / "glossary")
MATCHER = Matcher.build(GLOSSARY)
NAMES = sorted({n for e in GLOSSARY.entries for n in e.names})
# The site's Markdown extensions (mkdocs.yml), which the escaping must hold against.
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "footnotes"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines as scrapes have them: words, punctuation, Markdown and HTML look-alikes, names of terms.
WORDS = st.sampled_from(
    "the council said on Tuesday that ICE agents I you my # * 1. > | <div> {{ }} {% %} [x](#) "
    "\\* & &amp; “quoted” ’s — … Senate Bill 54 Secure Communities police ice 2019 http://x.org/a".split()
)
LINE = st.lists(WORDS, min_size=0, max_size=30).map(" ".join)
PAGE = st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=60).map("\n".join)


@SETTINGS
@given(PAGE)
@example("#\nthe\nthe\nthe\nthe the the the the\nthe the the the the")  # a scene break before the story
@example("the council said\n* * *\n\n#\nthe council said\n#")  # doubled and trailing breaks
def test_nothing_vanishes(page: str) -> None:
    """Every non-blank line of a text original is in the body or in the removed list."""
    if not page.strip():
        return  # an empty capture is refused with a message (test_hostile)
    source = source_from_bytes(page.encode("utf-8"), "original.txt")
    assume(source.format != "html")  # HTML is accounted block by block (test_clean_html)
    cleaned = clean(source)
    accounted = {n for b in cleaned.body for n in range(b.lines[0], b.lines[1] + 1)}
    accounted |= {n for r in cleaned.removed for n in range(r.lines[0], r.lines[1] + 1)}
    lines = page.split("\n")
    non_blank = {i for i, line in enumerate(lines, 1) if line.strip()}
    assert non_blank <= accounted  # a span of removed lines may take in the blank lines between them
    assert all(not lines[n - 1].strip() for n in accounted - non_blank)


@SETTINGS
@given(PAGE)
def test_cleaning_is_deterministic(page: str) -> None:
    if not page.strip():
        return
    data = page.encode("utf-8")
    assert clean(source_from_bytes(data, "original.txt")) == clean(source_from_bytes(data, "original.txt"))


@SETTINGS
@given(st.lists(LINE.filter(lambda s: s.strip()), min_size=1, max_size=8))
def test_annotation_changes_no_character(texts: list[str]) -> None:
    blocks = [Block("paragraph", t.strip(), (i, i)) for i, t in enumerate(texts, 1)]
    rendered = annotated_markdown(blocks, mentions(blocks, MATCHER), GLOSSARY, "../../glossary/")
    for block, source in zip(blocks, rendered, strict=True):
        html = markdown.markdown(source, extensions=EXTENSIONS)
        assert html_text(html).strip() == block.text


@SETTINGS
@given(LINE.filter(lambda s: s.strip()))
def test_rendering_then_extracting_gives_back_the_text(text: str) -> None:
    html = markdown.markdown(escape(text), extensions=EXTENSIONS)
    assert " ".join(html_text(html).split()) == " ".join(text.split())
    assert "<script" not in html and "<div" not in html


def as_text(blocks) -> str:
    return "\n\n".join(b.text if b.kind != "break" else "* * *" for b in blocks)


def test_cleaning_the_cleaned_text_keeps_it_whole() -> None:
    """Idempotence on the seeds: the cleaned body, cleaned again, loses nothing."""
    for seed in sorted(SEED_COPIES):
        once = clean(source_from_bytes(SEED_COPIES[seed].read_bytes(), "original.txt"))
        twice = clean(source_from_bytes(as_text(once.body).encode("utf-8"), "original.txt"))
        assert [b.text for b in twice.body] == [b.text for b in once.body], seed
