"""`archive check`: every glossary problem named with its file, line and a fix hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ARCHIVE, ROOT, Ran, run_archive

GOOD = """---
id: {id}
term: {term}
full_name: {full_name}
aliases:
  - {alias}
short: A plain sentence about it.
related: [{related}]
sources:
  - id: doc
    title: A public document
    url: https://example.org/doc
---
It is a thing.[^doc]
"""


def entry(**fields: str) -> str:
    values = {"id": "ero", "term": "ERO", "full_name": "Enforcement and Removal Operations", "alias": "ERO office"}
    values["related"] = ""
    values.update(fields)
    return GOOD.format(**values)


def check(tmp_path: Path, files: dict[str, str]) -> Ran:
    folder = tmp_path / "archive" / "glossary"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return run_archive("check", "--archive", str(tmp_path / "archive"))


def test_the_repository_glossary_passes() -> None:
    result = run_archive("check", "--archive", str(ARCHIVE))
    assert result.returncode == 0, result.stderr
    assert "no problem" in result.stdout


def test_a_good_entry_passes(tmp_path: Path) -> None:
    assert check(tmp_path, {"ero.md": entry()}).returncode == 0


NO_SOURCES = entry().split("sources:")[0] + "---\nIt is a thing.\n"
BAD_YAML = "invalid YAML: a list opened with '[' is not closed"
SCRIPT = entry().replace("a thing.", "a <script>alert(1)</script>.")
TWO_CLAIMS = {"ero.md": entry(), "ice2.md": entry(id="ice2", term="ICE2", full_name="Other Office", alias="ERO office")}


@pytest.mark.parametrize(
    "files, where, message",
    [
        ({"ero.md": entry().replace("short: A plain", "short: [A plain")}, "ero.md:7:", BAD_YAML),
        ({"ero.md": entry().replace("short:", "colour: red\nshort:")}, "ero.md:7:", "unknown field 'colour'"),
        ({"ero.md": entry().replace("short: A plain sentence about it.\n", "")}, "ero.md:2:", "missing field 'short'"),
        ({"ero.md": entry(id="eros")}, "ero.md:2:", "id 'eros' does not match the file name 'ero.md'"),
        (TWO_CLAIMS, "ice2.md:", "'ERO office' is also a name of 'ero'"),
        ({"ero.md": entry(alias="removal")}, "ero.md:6:", "ordinary English word in lower case"),
        ({"ero.md": entry(related="nothing-here")}, "ero.md:", "related term 'nothing-here' does not exist"),
        ({"ero.md": NO_SOURCES}, "ero.md:2:", "missing field 'sources'"),
        ({"ero.md": SCRIPT}, "ero.md:14:", "the definition: a <script> element would be removed"),
        ({"ero.md": entry().replace("[^doc]", "[^nowhere]")}, "ero.md:14:", "citation [^nowhere] names no source"),
        ({"ero.md": entry(alias="x" * 10_000)}, "ero.md:6:", "too long"),
    ],
)
def test_each_problem_is_reported_with_place_and_hint(
    tmp_path: Path, files: dict[str, str], where: str, message: str
) -> None:
    result = check(tmp_path, files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next((row for row in result.stderr.splitlines() if message in row), None)
    assert line is not None, result.stderr
    assert f"archive/glossary/{where}" in line
    assert "(" in line and line.endswith(")")  # a hint


def test_make_check_runs_the_check() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "check: setup" in makefile and "archive check" in makefile.split("check: setup", 1)[1].split("\n\n")[0]
