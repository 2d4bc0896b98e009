"""Scraping artifacts are undone; every word stays."""

from __future__ import annotations

import pytest

from archivist.clean.artifacts import undo_markdown, undo_text_artifacts


@pytest.mark.parametrize(
    "raw, plain",
    [
        (r"\* \* \*", "* * *"),
        (r"the Clearinghouse \(TRAC\) found", "the Clearinghouse (TRAC) found"),
        ("a [report by TRAC](#) found", "a report by TRAC found"),
        ("the Inquirer . Then , later ; done", "the Inquirer. Then, later; done"),
        ("families ... they destroy", "families ... they destroy"),
        ("“quoted,” he said.", "“quoted,” he said."),
    ],
)
def test_text_artifacts(raw: str, plain: str) -> None:
    assert undo_text_artifacts(raw) == plain


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("# Federal crackdown", "Federal crackdown"),
        ("**LOS ANGELES** – The car", "LOS ANGELES – The car"),
        ("By [Jane Doe](#)", "By Jane Doe"),
        ("see [the report](https://example.org/a_(b)) now", "see the report now"),
        ("<https://example.org/story>", "https://example.org/story"),
        ("> quoted words", "quoted words"),
    ],
)
def test_markdown_markup_is_removed_words_kept(raw: str, plain: str) -> None:
    assert undo_markdown(raw) == plain


def test_text_scrapes_keep_markdown_lookalikes_literally() -> None:
    assert undo_text_artifacts("# not a heading, * not a list") == "# not a heading, * not a list"
