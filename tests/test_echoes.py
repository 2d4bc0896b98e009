"""A reader quoting the page: the shortcuts of ``Earlier`` (runs of words
said, the page's text joined only now and then) must answer as a plain
search of everything said before does."""

import random

from archivist.clean.text import Earlier, echoes

WORDS = "the council voted on tuesday to approve a new budget for city".split()


def _page(seed: int, lines: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(lines):
        if out and rnd.random() < 0.3:  # a quotation of an earlier line, or of a part of one
            words = rnd.choice(out).split()
            start = rnd.randrange(len(words))
            out.append(" ".join(words[start : start + rnd.randint(4, 12)]) + ".")
        else:
            out.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14))).capitalize() + ".")
    return out


def test_echoes_answers_as_a_plain_search_of_the_page_before():
    quoted = 0
    for seed in range(40):
        earlier, said = Earlier(), ""
        for text in _page(seed, 120):
            expected = echoes(text, said)
            assert echoes(text, earlier) is expected, text
            assert echoes(text, earlier) is expected, text  # asked twice, as reaction_tail does
            quoted += expected
            earlier.add(text)
            said += " " + " ".join(text.lower().rstrip(".").split()) + " \n"
    assert quoted > 100  # the pages do quote themselves


def test_a_quotation_never_spans_two_lines():
    earlier = Earlier()
    earlier.add("the council voted on")
    earlier.add("tuesday to approve the budget")
    assert not echoes("The council voted on tuesday to approve.", earlier)
    assert echoes("They said the council voted on tuesday to approve the budget. Then", earlier) is False
    earlier.add("the council voted on tuesday to approve the budget")
    assert echoes("Oh. The council voted on tuesday to approve!", earlier)
