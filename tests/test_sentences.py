"""Sentence boundaries: a term's page quotes each mention in its sentence, whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archivist.build.pipeline import Output
from archivist.common.sentences import _judged_spans, sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On Feb. 27 the agents came. They left.", ["On Feb. 27 the agents came.", "They left."]),
        (
            "U.S. Immigration and Customs Enforcement said so. Then it left.",
            ["U.S. Immigration and Customs Enforcement said so.", "Then it left."],
        ),
        ("He moved to the U.S. He stayed.", ["He moved to the U.S.", "He stayed."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("J. R. Smith said ICE was there. Then he left.", ["J. R. Smith said ICE was there.", "Then he left."]),
        (
            "They met at No. 5 Main St. in the morning. ICE came.",
            ["They met at No. 5 Main St. in the morning.", "ICE came."],
        ),
        ("It ended at 5 p.m. Then ICE came.", ["It ended at 5 p.m.", "Then ICE came."]),
        (
            "Gov. Jerry Brown signed SB 54 in Oct. 2017. It took effect Jan. 1, 2018.",
            ["Gov. Jerry Brown signed SB 54 in Oct. 2017.", "It took effect Jan. 1, 2018."],
        ),
        ("Sen. Kamala Harris, D-Calif., spoke. She left.", ["Sen. Kamala Harris, D-Calif., spoke.", "She left."]),
        ("The L.A. Times reported it. ICE declined.", ["The L.A. Times reported it.", "ICE declined."]),
        ("“We comply,” ICE said. Others disagreed.", ["“We comply,” ICE said.", "Others disagreed."]),
        ("What? No! Yes.", ["What?", "No!", "Yes."]),
        (
            "“We comply. We always do,” ICE said. Others disagreed.",
            ["“We comply. We always do,” ICE said.", "Others disagreed."],
        ),
        ('He said: "No. Never." Then he left.', ['He said: "No. Never."', "Then he left."]),
        ("ICE (the U.S. agency) came. It left.", ["ICE (the U.S. agency) came.", "It left."]),
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        ("One sentence without a full stop", ["One sentence without a full stop"]),
    ],
)
def test_sentences_end_at_sentence_ends_not_at_abbreviations(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@given(st.text(alphabet=st.sampled_from("ab .?!,”\"'U.S.Mr\n(1)"), max_size=80))
def test_the_spans_cover_the_text_whole_in_order(text: str) -> None:
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))
    assert all(s < e for s, e in spans) or text == ""


def test_the_quick_path_cuts_where_pysbd_alone_does(seed_output: Output) -> None:
    """Plain ends ("said. The") are cut without pySBD, for speed: on every
    paragraph of the archive the sentences are the same as pySBD's alone."""
    paragraphs = [b.text for a in seed_output.articles for b in a.cleaned.body if b.kind in ("paragraph", "quote")]
    assert len(paragraphs) > 100
    differ = [p for p in paragraphs if list(sentence_spans(p)) != _judged_spans(p)]
    assert differ == []
