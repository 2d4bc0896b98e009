"""A name claimed by two entries stops every build and blames the entry that
introduced it, with its line; it never drops an entry."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import mkdocs_build, project_copy, run_archive

# A new entry whose alias is one of ice.md's names (line 6 here; line 6 in ice.md too).
CBP = """---
id: cbp
term: CBP
full_name: U.S. Customs and Border Protection
aliases:
  - Immigration and Customs Enforcement
short: The federal agency that guards the borders and ports of entry of the United States.
sources:
  - id: cbp-about
    url: https://www.cbp.gov/about
---
CBP guards the borders.[^cbp-about]
"""
ICE_LINE = 6  # "  - Immigration and Customs Enforcement" in archive/glossary/ice.md
MESSAGE = "'Immigration and Customs Enforcement' is also a name of '{other}' ({where})"
HINT = " (a name links to one entry only: keep it in one of them)"


def project(tmp_path: Path) -> Path:
    """The repository's archive with cbp.md added, beside a copy of the site config."""
    root = project_copy(tmp_path / "project")
    (root / "archive" / "glossary" / "cbp.md").write_text(CBP, encoding="utf-8")
    return root


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_outside_git_both_entries_are_named_each_with_its_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run_archive("check", cwd=root)
    assert result.returncode == 1
    problems = [row for row in result.stderr.splitlines() if "is also a name of" in row]
    assert problems == [
        "archive/glossary/cbp.md:6: " + MESSAGE.format(other="ice", where=f"archive/glossary/ice.md:{ICE_LINE}") + HINT,
        f"archive/glossary/ice.md:{ICE_LINE}: " + MESSAGE.format(other="cbp", where="archive/glossary/cbp.md:6") + HINT,
    ]


def test_in_git_the_entry_that_differs_from_the_default_branch_is_named(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "archive" / "glossary" / "cbp.md").unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the archive")
    git(root, "checkout", "-q", "-b", "add-cbp")
    (root / "archive" / "glossary" / "cbp.md").write_text(CBP, encoding="utf-8")
    git(root, "add", "archive/glossary/cbp.md")
    git(root, "commit", "-q", "-m", "add CBP")
    result = run_archive("check", cwd=root)
    assert result.returncode == 1
    problems = [row for row in result.stderr.splitlines() if "is also a name of" in row]
    # cbp.md sorts before ice.md: the file name does not decide who is blamed.
    assert problems == [
        "archive/glossary/cbp.md:6: " + MESSAGE.format(other="ice", where=f"archive/glossary/ice.md:{ICE_LINE}") + HINT
    ]


def test_archive_build_stops_without_strict(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = run_archive("build", "--out", str(tmp_path / "out"), "--cache", "", cwd=root)
    assert result.returncode == 1
    assert "archive build: 2 problem(s) stop the build; nothing written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_mkdocs_build_stops_and_drops_no_entry(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = tmp_path / "site"
    result = mkdocs_build(site, root / "mkdocs.yml", cwd=root)
    assert result.returncode == 1
    assert "archive/glossary/cbp.md:6: 'Immigration and Customs Enforcement' is also a name of 'ice'" in result.stderr
    assert "2 problem(s) stop the build, strict or not" in result.stderr
    assert not (site / "glossary").exists()  # no site with ICE's page missing and its mentions sent to CBP
