"""`archive check` finds, at the right line and in plain words, every glossary
problem the build would find: nothing it passes trips the build later."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.build.pipeline import build

from .conftest import Ran, run_archive

ENTRY = """---
id: ero
term: ERO
full_name: Enforcement and Removal Operations
aliases:
  - ERO office
case_sensitive: true
short: The directorate of ICE that arrests and deports people.
body: U.S. Immigration and Customs Enforcement
related: []
sources:
  - id: doc
    title: "A public document"
    url: https://example.org/doc
  - id: second
    title: "Another document"
    url: https://example.org/second
---
It arrests people.[^doc] It deports them.[^second]
"""
STORY = "Agents Make Arrests\n\nOfficers of the agency made arrests on Tuesday, the agency said in a statement.\n"


def archive(tmp_path: Path, entry: str) -> Path:
    root = tmp_path / "archive"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "ero.md").write_text(entry, encoding="utf-8")
    (root / "articles" / "agents-make-arrests").mkdir(parents=True)
    (root / "articles" / "agents-make-arrests" / "original.txt").write_text(STORY, encoding="utf-8")
    return root


def check(root: Path) -> Ran:
    return run_archive("check", "--archive", str(root))


def replace_line(n: int, text: str) -> str:
    lines = ENTRY.split("\n")
    lines[n - 1] = text
    return "\n".join(lines)


CASES = [
    (
        replace_line(17, "    url: example.org/second"),
        17,
        "source url 'example.org/second' is not an http(s) address "
        "(write the whole address, starting https://, with no spaces or quotes)",
    ),
    (
        replace_line(17, """    url: 'https://example.org/"><script>alert(1)</script>'"""),
        17,
        "source url 'https://example.org/\"><script>alert(1)</script>' is not an http(s) address "
        "(write the whole address, starting https://, with no spaces or quotes)",
    ),
    (
        replace_line(16, '    title: "Another document'),
        16,
        "invalid YAML: a quoted text is not closed (end it with the same quote mark it starts with)",
    ),
    (
        replace_line(7, "case_sensitive: yes please"),
        7,
        "case_sensitive must be true or false, not 'yes please' "
        "(write 'case_sensitive: true', the default, or 'case_sensitive: false')",
    ),
    (
        replace_line(10, "short: Another sentence."),
        10,
        "'short' is written twice (first on line 8) (keep one: YAML would silently use the last)",
    ),
    (
        replace_line(8, "short: The directorate of ICE. It arrests and deports people."),
        8,
        "short definition is 2 sentences; it must be one "
        "(keep one sentence for the tooltip and put the rest in the text after '---')",
    ),
    (
        replace_line(17, "    article: no-such-article"),
        17,
        "source article 'no-such-article' is not in the archive "
        "(write the folder name of an article under archive/articles/)",
    ),
    (
        replace_line(8, "short: Note: it arrests people."),
        8,
        "invalid YAML: a second ': ' on one line (put the whole value in quotes)",
    ),
    (
        replace_line(6, "\t- ERO office"),
        6,
        "invalid YAML: a tab character is used for indentation (indent with spaces only)",
    ),
    (
        replace_line(10, "related: [ice"),
        10,
        "invalid YAML: a list opened with '[' is not closed (close it with ']' on the same line)",
    ),
    (
        replace_line(10, "related: [nothing-here]"),
        10,
        "related term 'nothing-here' does not exist (known: ero)",
    ),
    (
        replace_line(19, "It arrests people.[^doc]\n\nIt deports them, says [a page](../nowhere.md).[^second]"),
        21,
        "the definition links to '../nowhere.md', which is not a page of the site "
        "(link to another entry as 'its-id.md', or to a page that exists)",
    ),
    (
        replace_line(12, "  - id: doc one"),
        12,
        "source id 'doc one' is not letters, digits and hyphens (cite it as [^id])",
    ),
]


@pytest.mark.parametrize("entry, number, message", CASES, ids=[c[2][:40] for c in CASES])
def test_the_check_names_the_line_and_says_what_to_do(tmp_path: Path, entry: str, number: int, message: str) -> None:
    root = archive(tmp_path, entry)
    result = check(root)
    assert result.returncode == 1
    assert f"{root}/glossary/ero.md:{number}: {message}" in result.stderr.splitlines(), result.stderr


def test_the_entry_as_written_passes(tmp_path: Path) -> None:
    result = check(archive(tmp_path, ENTRY))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("entry, number, message", CASES, ids=[c[2][:40] for c in CASES])
def test_what_the_build_finds_the_check_found_first(tmp_path: Path, entry: str, number: int, message: str) -> None:
    root = archive(tmp_path, entry)
    built = {str(p) for p in build(root).problems if "/glossary/" in p.path}
    checked = set(check(root).stderr.splitlines())
    assert built, "the build must find the problem too"
    assert {f"{root}/glossary/ero.md:{p.split('/glossary/ero.md:', 1)[1]}" for p in built} <= checked


def test_a_link_to_a_page_of_the_site_passes_and_is_kept(tmp_path: Path) -> None:
    link = "[the arrests](../articles/agents-make-arrests/index.md)"
    root = archive(tmp_path, replace_line(19, f"It arrests people, as in {link}.[^doc][^second]"))
    assert check(root).returncode == 0
    page = build(root).pages["glossary/ero.md"]
    assert "[the arrests](../articles/agents-make-arrests/index.md)" in page


def test_a_link_to_a_years_or_a_publishers_page_passes_the_check(tmp_path: Path) -> None:
    # those pages exist once the articles are cleaned: the check, which cleans nothing, does not call them dead
    link = "[that year](../browse/timeline/2019.md) and [its papers](../browse/publishers/the-times.md)"
    root = archive(tmp_path, replace_line(19, f"It arrests people, as in {link}.[^doc][^second]"))
    result = check(root)
    assert result.returncode == 0, result.stderr


def test_a_file_that_is_not_utf8_is_named_at_its_first_bad_line(tmp_path: Path) -> None:
    root = archive(tmp_path, ENTRY)
    (root / "glossary" / "ero.md").write_bytes(ENTRY.encode("utf-8").replace(b"ERO office", b"ERO \xe9cole"))
    result = check(root)
    assert result.returncode == 1
    assert f"{root}/glossary/ero.md:6: not UTF-8 text (save the file as UTF-8)" in result.stderr.splitlines()
