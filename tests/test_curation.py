"""article.yml: the curator corrects metadata and overrides the cleaner, and the report says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.build.pipeline import build
from archivist.errors import ArchiveError

from .story import story_text

STORY = story_text(2, after=("Related Posts",))


def make_archive(tmp_path: Path, article_yml: str) -> Path:
    root = tmp_path / "archive"
    folder = root / "articles" / "library-hours"
    folder.mkdir(parents=True)
    (folder / "original.txt").write_text(STORY, encoding="utf-8")
    (folder / "article.yml").write_text(article_yml, encoding="utf-8")
    return root


def test_keep_drop_and_metadata_corrections(tmp_path: Path) -> None:
    root = make_archive(
        tmp_path,
        "metadata:\n  date: {value: 2021-05-02, source: the library's press release}\n"
        "  authors: Jane Roe\n"
        'keep: ["Related Posts"]\n'
        "drop: [{line: 5, reason: duplicate}]\n"
        "note: Checked against the print edition.\n",
    )
    output = build(root)
    assert not output.problems
    article = output.articles[0]
    assert article.meta.iso("date") == "2021-05-02"
    assert article.meta.origins()["date"] == "article.yml: the library's press release"
    assert article.meta.names("authors") == ("Jane Roe",)
    assert [b.text for b in article.cleaned.body][-1] == "Related Posts"
    dropped = [r for r in article.cleaned.removed if r.lines == (5, 5)]
    assert dropped and dropped[0].curator and dropped[0].reason == "duplicate"
    report = output.pages["articles/library-hours/report.md"]
    assert "decided by the curator" in report
    assert "Checked against the print edition" in output.pages["articles/library-hours/index.md"]


@pytest.mark.parametrize(
    "yml, message",
    [
        ("keep: [99]\n", "names line 99, which is not a non-blank line"),
        ("metadata:\n  date: last spring\n", "is not a date (write YYYY-MM-DD)"),
        ("metadata:\n  colour: red\n", "unknown metadata field 'colour'"),
        ("kept: [1]\n", "unknown key(s) kept"),
        ("metadata: [\n", "invalid YAML"),
    ],
)
def test_bad_article_yml_is_reported_with_its_path_and_the_rest_builds(tmp_path: Path, yml: str, message: str) -> None:
    root = make_archive(tmp_path, yml)
    good = root / "articles" / "another-story"
    good.mkdir()
    (good / "original.txt").write_text(STORY, encoding="utf-8")
    output = build(root)
    assert [a.id for a in output.articles] == ["another-story"]
    (problem,) = output.problems
    assert isinstance(problem, ArchiveError)
    assert str(problem).startswith("archive/articles/library-hours/article.yml")
    assert message in str(problem)
