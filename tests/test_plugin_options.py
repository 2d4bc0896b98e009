"""The plugin's options as MkDocs reads them: paths relative to mkdocs.yml wherever mkdocs runs,
counts that refuse negatives naming the option, and one "archive: " before each message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARCHIVE


def mkdocs_build(config: Path, site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build -f CONFIG`` run from ``cwd``, INFO messages shown."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", os.path.relpath(config, cwd), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def write_config(folder: Path, options: str, docs_dir: str = "archive/pages") -> Path:
    (folder / docs_dir).mkdir(parents=True, exist_ok=True)
    config = folder / "mkdocs.yml"
    text = f"site_name: A\ndocs_dir: {docs_dir}\nplugins:\n  - search\n  - archive:\n{options}"
    config.write_text(text, encoding="utf-8")
    return config


def test_relative_paths_resolve_against_mkdocs_yml_not_where_mkdocs_runs(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    shutil.copytree(ARCHIVE, project / "my-archive")
    options = ("archive_dir: my-archive", "cache_dir: my-cache", "search: material")
    options += ("workers: 0", "clean_time_limit: 30.5")  # the least each takes
    config = write_config(project, "".join(f"      {option}\n" for option in options), "my-archive/pages")
    elsewhere.mkdir()
    result = mkdocs_build(config, tmp_path / "site", elsewhere)
    assert result.returncode == 0, result.stderr
    ids = sorted(p.name for p in (ARCHIVE / "articles").iterdir())
    assert ids and all((tmp_path / "site" / "articles" / i / "index.html").is_file() for i in ids)
    assert any((project / "my-cache").iterdir())  # the cache beside mkdocs.yml
    assert list(elsewhere.iterdir()) == []  # nothing where mkdocs ran
    # One plugin logger: each message names the plugin once.
    assert f"INFO    -  archive: {len(ids)} articles ({len(ids)} cleaned afresh, " in result.stderr
    assert "archive: archive:" not in result.stderr


def test_an_empty_cache_dir_caches_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ARCHIVE, project / "archive")
    config = write_config(project, "      cache_dir: ''\n      search: material\n")
    result = mkdocs_build(config, tmp_path / "site", project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["archive", "mkdocs.yml"]


@pytest.mark.parametrize(
    "option, value",
    [("workers", "-1"), ("workers", "true"), ("workers", "2.5"), ("clean_time_limit", "-1")],
)
def test_a_negative_or_non_number_count_stops_the_build_naming_the_option(
    tmp_path: Path, option: str, value: str
) -> None:
    config = write_config(tmp_path / "project", f"      {option}: {value}\n")
    result = mkdocs_build(config, tmp_path / "site", tmp_path)
    assert result.returncode != 0
    assert f"Plugin 'archive' option '{option}'" in result.stderr, result.stderr
    assert not (tmp_path / "site").exists()
