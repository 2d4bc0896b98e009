"""Rights: a rightsstatements.org statement per archive (mkdocs.yml) and per article (article.yml),
and a takedown contact, checked with file:line, shown to readers and carried in every kind of metadata."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import extruct
import pytest
import yaml
from playwright.sync_api import expect

from archivist.build.pipeline import build
from archivist.errors import ArchiveError
from archivist.rights import STATEMENTS, Rights, contact, statement
from archivist.site.config import load as load_site

from .conftest import ROOT, mkdocs_build, project_copy, run_archive

IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"
NO_COPYRIGHT_US = "http://rightsstatements.org/vocab/NoC-US/1.0/"
TAKEDOWN = "https://github.com/immigration-news-archive/archive/issues/new"
ARTICLE = "homeland-security-officers-visit-la-schools"  # it has an article.yml


# -- the vocabulary ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "NoC-US",
        "noc-us",
        NO_COPYRIGHT_US,
        "https://rightsstatements.org/vocab/NoC-US/1.0/",
        "http://rightsstatements.org/page/NoC-US/1.0/?language=en",
        "http://rightsstatements.org/vocab/NoC-US/1.0",
    ],
)
def test_a_statement_is_named_by_its_id_or_uri_and_stored_as_its_uri(written: str) -> None:
    rights = statement(written, "article.yml", 3)
    assert (rights.id, rights.uri, rights.label) == ("NoC-US", NO_COPYRIGHT_US, "No Copyright - United States")


@pytest.mark.parametrize("written", ["Copyrighted", "CC-BY", "http://rightsstatements.org/vocab/InC/2.0/", 7, ""])
def test_an_unknown_statement_is_an_error_at_its_line_listing_the_valid_ones(written: object) -> None:
    with pytest.raises(ArchiveError) as caught:
        statement(written, "archive/articles/a/article.yml", 4)
    error = caught.value
    assert (error.path, error.line) == ("archive/articles/a/article.yml", 4)
    assert "is not a rightsstatements.org statement" in error.message
    assert all(f"{key} ({label})" in error.hint for key, label in STATEMENTS.items())
    assert len(STATEMENTS) == 12


def test_a_takedown_contact_is_an_email_or_a_web_address() -> None:
    assert contact("archive@example.org", "mkdocs.yml", 9).href == "mailto:archive@example.org"
    assert contact("mailto:archive@example.org", "mkdocs.yml", 9).email == "archive@example.org"
    page = contact("https://example.org/takedown(form)", "mkdocs.yml", 9)
    assert page is not None and page.href == "https://example.org/takedown%28form%29" and not page.email
    assert contact("", "mkdocs.yml", 9) is None
    for bad in ("write to us", "javascript:alert(1)", "https://example.org/a b"):
        with pytest.raises(ArchiveError, match="neither an email address nor a web address"):
            contact(bad, "mkdocs.yml", 9)


def test_the_offline_copy_states_the_same_rights_and_contact() -> None:
    """mkdocs-offline.yml's plugins list replaces mkdocs.yml's whole, so it repeats both options."""
    hosted, problems = load_site(ROOT / "mkdocs.yml")
    offline, more = load_site(ROOT / "mkdocs-offline.yml")
    assert problems == more == []
    assert (hosted.rights, hosted.takedown) == (offline.rights, offline.takedown)
    assert hosted.rights == Rights("InC") and hosted.takedown and hosted.takedown.href == TAKEDOWN


# -- archive check and the build name the file and line ------------------------------------------


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_archive_check_reports_a_bad_statement_in_article_yml_and_in_mkdocs_yml(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    notes = project / "archive" / "articles" / ARTICLE / "article.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + "rights: Public domain\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("rights: InC", "rights: In copyright"), encoding="utf-8"
    )
    result = run_archive("check", "--archive", "archive", "--config", "mkdocs.yml", cwd=project)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if not line.startswith("archive check:")]
    hint = "(write one of InC (In Copyright); InC-OW-EU (In Copyright - EU Orphan Work); "
    assert [p.split(hint)[0] for p in problems] == [
        f"mkdocs.yml:{line_of(config, 'rights: In copyright')}: "
        "'rights': 'In copyright' is not a rightsstatements.org statement ",
        f"archive/articles/{ARTICLE}/article.yml:{line_of(notes, 'rights:')}: "
        "'rights': 'Public domain' is not a rightsstatements.org statement ",
    ]
    assert all(hint in p and p.endswith(f"or its URI, e.g. {IN_COPYRIGHT})") for p in problems)


@pytest.mark.parametrize(
    ("good", "bad", "problem"),
    [
        ("rights: InC", "rights: Copyrighted", "'rights': 'Copyrighted' is not a rightsstatements.org statement"),
        (f"takedown: {TAKEDOWN}", "takedown: ask the editor", "'takedown': 'ask the editor' is neither an email"),
    ],
)
def test_a_bad_option_stops_the_mkdocs_build_naming_its_line(tmp_path: Path, good: str, bad: str, problem: str) -> None:
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(good, bad), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", config, "--strict")
    assert result.returncode != 0
    assert f"archive: {config.as_posix()}:{line_of(config, bad)}: {problem}" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_archive_that_names_no_statement_claims_none(tmp_path: Path) -> None:
    """Without the option: Copyright Not Evaluated, the statement that asserts nothing; no takedown contact."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\nplugins:\n  - search\n  - archive\n", encoding="utf-8")
    site, problems = load_site(config)
    assert problems == [] and site.rights == Rights("CNE") and site.takedown is None
    assert site.rights.label == "Copyright Not Evaluated"


# -- an article's own statement --------------------------------------------------------------------


def front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n", 2)[1])


def test_an_article_yml_statement_overrides_the_archive_s_everywhere(tmp_path: Path) -> None:
    root = project_copy(tmp_path / "project") / "archive"
    notes = root / "articles" / ARTICLE / "article.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + "rights: NoC-US\n", encoding="utf-8")
    takedown = contact("takedown@example.org", "mkdocs.yml", 1)
    output = build(root, None, "Archive", "", rights=Rights("InC"), takedown=takedown)
    assert output.problems == ()
    export = {a["id"]: a for a in json.loads(output.files["data/articles.json"])}
    assert export[ARTICLE]["rights"] == {
        "id": "NoC-US",
        "uri": NO_COPYRIGHT_US,
        "label": "No Copyright - United States",
    }
    assert {a["rights"]["uri"] for i, a in export.items() if i != ARTICLE} == {IN_COPYRIGHT}
    page = output.pages[f"articles/{ARTICLE}/index.md"]
    assert f"- Rights: [No Copyright \\- United States]({NO_COPYRIGHT_US})" in page
    assert "[takedown@example\\.org](mailto:takedown@example.org)" in page
    head = front_matter(page)["archive"]
    assert head["jsonld"]["license"] == NO_COPYRIGHT_US
    assert ["DC.rights", NO_COPYRIGHT_US] in head["meta"]
    package = json.loads(output.files["data/datapackage.json"])
    licenses = [
        {"path": IN_COPYRIGHT, "title": "In Copyright"},
        {"path": NO_COPYRIGHT_US, "title": STATEMENTS["NoC-US"]},
    ]
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["articles"]["licenses"] == by_name["articles-table"]["licenses"] == licenses
    assert "licenses" not in by_name["glossary"]  # the contributors' work: no statement is claimed for it
    assert package["contributors"] == [{"title": "Archive", "role": "publisher", "email": "takedown@example.org"}]
    assert package["takedown"]["path"] == "mailto:takedown@example.org"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(output.files["data/articles.csv"].decode("utf-8")))}
    assert rows[ARTICLE]["rights"] == NO_COPYRIGHT_US


# -- the built site, as a harvester and a reader get it -----------------------------------------------


def test_every_article_carries_its_statement_in_json_ld_dublin_core_and_the_data(built_site: Path) -> None:
    articles = json.loads((built_site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert articles and {a["rights"]["uri"] for a in articles} == {IN_COPYRIGHT}  # mkdocs.yml's rights: InC
    for a in articles:
        html = (built_site / a["url"] / "index.html").read_text(encoding="utf-8")
        (data,) = [d for d in extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]]
        assert data["license"] == a["rights"]["uri"]
        metas = re.findall(r'<meta name="([^"]+)" content="([^"]*)"', html)
        assert [v for k, v in metas if k == "DC.rights"] == [a["rights"]["uri"]]
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["takedown"]["path"] == TAKEDOWN
    annotations = next(r for r in package["resources"] if r["name"] == "annotations")
    assert annotations["path"] == "annotations.jsonld" and (built_site / "data" / "annotations.jsonld").is_file()
    assert annotations["licenses"] == [{"path": IN_COPYRIGHT, "title": "In Copyright"}]


def test_every_page_s_footer_names_the_statement_and_the_takedown_contact(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if not p.is_relative_to(built_site / "pagefind")]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        footer = html[html.index('<div class="md-copyright">') :]
        assert f'<a href="{IN_COPYRIGHT}" rel="license">In Copyright</a>' in footer, path
        assert f'<a href="{TAKEDOWN}" class="archive-takedown">' in footer, path


@pytest.mark.browser
def test_a_reader_sees_the_rights_and_whom_to_ask_on_an_article(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_server}articles/{ARTICLE}/")
    rights = page.locator(".archive-provenance + ul li", has_text="Rights:")
    expect(rights).to_be_visible()
    expect(rights.get_by_role("link", name="In Copyright")).to_have_attribute("href", IN_COPYRIGHT)
    expect(rights.get_by_role("link", name=TAKEDOWN)).to_have_attribute("href", TAKEDOWN)
    footer = page.locator(".md-footer .archive-rights")
    footer.scroll_into_view_if_needed()
    expect(footer).to_be_visible()
    expect(footer).to_contain_text("Articles: In Copyright (a rightsstatements.org statement)")
    expect(footer.get_by_role("link", name="In Copyright")).to_have_attribute("href", IN_COPYRIGHT)
    expect(footer.get_by_role("link", name=TAKEDOWN)).to_have_attribute("href", TAKEDOWN)
    page.close()
