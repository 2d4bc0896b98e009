"""A rebuild renders again only the pages whose rendered template could have changed.

The render cache (site.render_cache) keeps each page's rendered template by a
key of everything it shows; a rebuild writes the same site as a build from
scratch, whatever was edited: a glossary definition (the pages that mention
the term change, the others come from the cache), a theme file (every page
changes), nothing at all (every page comes from the cache).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import pytest

from archivist.site.render_cache import CACHED_SOURCE, CACHED_TEMPLATE, EARLIER, OWN_TEMPLATE

from .conftest import mkdocs_build, project_with_corpus

REUSED = re.compile(r"(\d+) of (\d+) pages rendered by an earlier build")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with_corpus(tmp_path_factory, 8, glossary=False)


def build(project: Path, out: str) -> tuple[dict[str, bytes], int, int]:
    """The site's files, and how many of its pages came from the render cache, of how many."""
    result = mkdocs_build(project / out, project / "mkdocs.yml", cwd=project, SOURCE_DATE_EPOCH="1700000000")
    assert result.returncode == 0, result.stderr
    found = REUSED.search(result.stderr)
    assert found, result.stderr
    site = project / out
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    return files, int(found[1]), int(found[2])


def differing(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    assert one.keys() == other.keys()
    return [name for name in one if one[name] != other[name]]


def test_a_rebuild_writes_the_site_a_build_from_scratch_writes_rendering_only_what_changed(project: Path) -> None:
    cold, reused, pages = build(project, "cold")
    assert reused == 0 and pages > 20
    warm, reused, _ = build(project, "warm")
    assert reused == pages  # nothing changed: no template rendered
    assert differing(warm, cold) == []

    entry = project / "archive" / "glossary" / "ice.md"
    entry.write_text(
        re.sub(r"(?m)^short: .*$", "short: An edited definition of the agency.", entry.read_text()), encoding="utf-8"
    )
    edited, reused, _ = build(project, "edited")
    assert 0 < reused < pages  # the pages that mention ICE (and its own) rendered again, the rest not
    assert any(b"An edited definition of the agency." in data for data in edited.values())
    shutil.rmtree(project / ".cache")
    scratch, reused, _ = build(project, "scratch")
    assert reused == 0
    assert differing(edited, scratch) == []

    footer = project / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n<p>An edited footer.</p>\n", encoding="utf-8")
    themed, reused, _ = build(project, "themed")
    assert reused == 0  # a theme file changed: every page renders again
    pages_html = [name for name in themed if name.endswith(".html") and name != "404.html"]
    assert pages_html and all(b"An edited footer." in themed[name] for name in pages_html)

    config = project / "mkdocs.yml"  # the rights statement every footer shows, from config.extra
    config.write_text(config.read_text(encoding="utf-8").replace("rights: InC", "rights: NoC-US"), encoding="utf-8")
    relicensed, reused, _ = build(project, "relicensed")
    assert reused == 0
    assert all(b"NoC-US" in relicensed[name] for name in pages_html)


def test_a_page_whose_earlier_output_has_gone_renders_its_own_template() -> None:
    templates = {CACHED_TEMPLATE: CACHED_SOURCE, "main.html": "own {{ page.title }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    page = {"title": "A page", "meta": {OWN_TEMPLATE: "main.html"}}
    assert env.get_template(CACHED_TEMPLATE).render(page=page) == "own A page"
    page["meta"] = {OWN_TEMPLATE: "main.html", EARLIER: "<html>earlier</html>"}
    assert env.get_template(CACHED_TEMPLATE).render(page=page) == "<html>earlier</html>"
