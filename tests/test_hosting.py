"""Hosting: the site served under a sub-path, its links and anchors, sitemap.xml,
reproducible builds and a build that fails without touching the previous site.

The crawler serves a built site with a small static server on loopback that
answers only under a prefix (``/some/sub/path/``) and sends ``404.html`` with a
404 for anything else, as nginx with ``alias`` and ``error_page`` does, then
follows every same-origin address of every HTML page. The same checks, from
the files on disk, are ``archivist.site.linkcheck.check_site``, run here on the
built site so that ``make test`` checks every internal link and anchor.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import extruct
import feedparser
import pytest
import yaml
from playwright.sync_api import expect

from archivist.preserve.fixity import compute, verify
from archivist.site.linkcheck import check_site, html_pages, parse_page, scan
from archivist.site.linkcheck import main as linkcheck_main

from .conftest import ROOT, html_text, mkdocs_build
from .subpath import PREFIX, serve

SITE_URL = "https://archive.example.org/some/sub/path/"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
MKDOCS = Path(sys.executable).parent / "mkdocs"
LOADS = {("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src")}


def fetch(url: str) -> tuple[int, str, str, bytes]:
    """Status, final URL (after redirects), content type and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.geturl(), response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, url, error.headers.get_content_type(), error.read()


# -- the crawler ----------------------------------------------------------------------------


@dataclass
class Crawl:
    status: dict[str, int] = field(default_factory=dict)  # every fetched URL (no fragment)
    anchors: dict[str, set[str]] = field(default_factory=dict)  # HTML page URL (as requested and final) -> ids
    referrers: dict[str, set[str]] = field(default_factory=dict)  # URL -> pages linking to it
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target URL, fragment)
    escapes: list[tuple[str, str]] = field(default_factory=list)  # (page, address outside the prefix)
    external: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # URL -> {(page, tag)}


def crawl(origin: str, prefix: str, aliases: tuple[str, ...] = ()) -> Crawl:
    """Follow every same-origin address of every HTML page from ``origin + prefix``.

    Addresses outside the prefix are recorded, never fetched; ``aliases`` (such
    as the site_url of canonical links) are addresses of this same site."""
    result = Crawl()
    start = origin + prefix
    queue = [start]
    result.referrers[start] = set()
    while queue:
        url = queue.pop()
        status, final, ctype, body = fetch(url)
        result.status[url] = status
        if status != 200 or ctype != "text/html":
            continue
        page = parse_page(body.decode("utf-8"))
        result.anchors[url] = result.anchors[final] = page.anchors
        for link in page.links:
            absolute = urljoin(final, link.url)
            for alias in aliases:
                if absolute.startswith(alias):
                    absolute = start + absolute[len(alias) :]
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != origin:
                result.external.setdefault(absolute, set()).add((final, link.tag))
                continue
            if not parts.path.startswith(prefix):
                result.escapes.append((final, link.url))
                continue
            target = urlunsplit(parts._replace(fragment=""))
            if parts.fragment:
                result.fragments.append((final, target, parts.fragment))
            if target not in result.referrers:
                queue.append(target)
            result.referrers.setdefault(target, set()).add(final)
    return result


def page_of(url: str, prefix: str) -> str:
    """The file a crawled URL names, relative to the site folder."""
    rel = urlsplit(url).path[len(prefix) :]
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def assert_crawl_is_clean(crawl_: Crawl, folder: Path, prefix: str, requests: list[str]) -> None:
    broken = {url: (code, sorted(crawl_.referrers[url])) for url, code in crawl_.status.items() if code != 200}
    assert broken == {}, "addresses that do not answer 200, with the pages linking to them"
    missing = [
        (page, f"{target}#{fragment}")
        for page, target, fragment in crawl_.fragments
        if fragment != "top" and fragment not in crawl_.anchors.get(target, set())
    ]
    assert missing == [], "anchors not found in their page"
    assert crawl_.escapes == [], "links that leave the prefix"
    outside = [path for path in requests if not urlsplit(path).path.startswith(prefix)]
    assert outside == [], "requests outside the prefix"
    reached = {page_of(url, prefix) for url, code in crawl_.status.items() if code == 200}
    unreached = sorted(set(html_pages(folder)) - reached - {"404.html"})
    assert unreached == [], "pages no link leads to"
    loaded_elsewhere = sorted(url for url, uses in crawl_.external.items() if any(tag != "a" for _, tag in uses))
    assert loaded_elsewhere == [], "only links (a href) may lead to another host; nothing is loaded from one"


# -- builds ---------------------------------------------------------------------------------


def variant_config(tmp: Path, **settings: object) -> Path:
    """A config that INHERITs mkdocs.yml, with ``settings`` on top, written outside the repository.

    MkDocs resolves a config's relative paths from the folder of the config
    file, so the variant names the repository's folders absolutely."""
    parent = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins: list[object] = []
    archive = {"archive_dir": str(ROOT / "archive"), "cache_dir": str(ROOT / ".cache" / "archive")}
    for entry in parent.get("plugins", []):
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        plugins.append({"archive": {**(options or {}), **archive}} if name == "archive" else entry)
    config: dict[str, object] = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / parent.get("docs_dir", "docs")),
        "theme": {"custom_dir": str(ROOT / parent["theme"]["custom_dir"])},
        "plugins": plugins,
    }
    for key, value in settings.items():
        if key == "archive":
            for plugin in plugins:
                if isinstance(plugin, dict) and "archive" in plugin:
                    plugin["archive"].update(value)
        else:
            config[key] = value
    path = tmp / "mkdocs-variant.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def build(out: Path, config: Path = ROOT / "mkdocs.yml", **env: str) -> Path:
    """Build (not strict: as `make site` does) with ``env`` added to the environment."""
    result = mkdocs_build(out, config, "-q", **env)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def url_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built (--strict) with site_url set (SITE_URL)."""
    tmp = tmp_path_factory.mktemp("site-url")
    result = mkdocs_build(tmp / "site", variant_config(tmp, site_url=SITE_URL), "--strict")
    assert result.returncode == 0, result.stderr
    assert "site_url is not set" not in result.stderr
    return tmp / "site"


def differing(one: Path, two: Path) -> list[str]:
    """Every file that is in one folder only, or whose bytes differ."""
    first, second = compute(one, exclude=""), compute(two, exclude="")
    return sorted(rel for rel in set(first) | set(second) if first.get(rel) != second.get(rel))


# -- 1. served under a sub-path, every link, anchor and page -----------------------------------


def test_served_under_a_sub_path_every_link_anchor_and_page_resolves(built_site: Path) -> None:
    with serve(built_site) as server:
        result = crawl(server.origin, PREFIX)
        assert_crawl_is_clean(result, built_site, PREFIX, server.requests)
    fetched = {page_of(url, PREFIX) for url, code in result.status.items() if code == 200}
    originals = {p.relative_to(built_site).as_posix() for p in built_site.glob("articles/*/original*.txt")}
    assert len(originals) >= 5
    assert originals | {"data/articles.json", "feed.xml", "assets/archive.css"} <= fetched


def test_the_site_url_build_served_at_its_path_and_its_canonical_links(url_site: Path) -> None:
    prefix = urlsplit(SITE_URL).path
    with serve(url_site, prefix) as server:
        result = crawl(server.origin, prefix, aliases=(SITE_URL,))
        assert_crawl_is_clean(result, url_site, prefix, server.requests)
    about = (url_site / "about/index.html").read_text()
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', about)
    assert canonical == [SITE_URL + "about/"]
    assert re.findall(r'<meta property="og:url" content="([^"]+)"', about) == canonical


def test_the_404_page_without_site_url_loads_its_assets_from_the_domain_root(built_site: Path) -> None:
    """MkDocs writes the 404 page's addresses from site_url's path, "/" without it:
    under a sub-path, that page has no styles unless site_url is set (HOSTING.md)."""
    with serve(built_site) as server:
        status, _, ctype, body = fetch(server.origin + PREFIX + "no/such/page/")
        assert (status, ctype) == (404, "text/html")
        assert body == (built_site / "404.html").read_bytes()
        page = parse_page(body.decode("utf-8"))
        internal = [link for link in page.links if not link.url.startswith(("http:", "https:", "#"))]
        assert internal and all(link.url.startswith("/") for link in internal)
        assets = [link.url for link in internal if (link.tag, link.attr) in LOADS]
        assert assets and all(not url.startswith(PREFIX) for url in assets)
        # At the domain's root they exist: the page is right for a site served at "/".
        assert all((built_site / url.lstrip("/")).is_file() for url in assets)


def test_with_site_url_the_404_page_loads_its_assets_under_the_sub_path(url_site: Path) -> None:
    prefix = urlsplit(SITE_URL).path
    with serve(url_site, prefix) as server:
        for missing in ("nothing-here", "articles/no-such-article/", "a/b/c/d/e.html"):
            status, _, _, body = fetch(server.origin + prefix + missing)
            assert status == 404
            for link in parse_page(body.decode("utf-8")).links:
                target = urljoin(server.origin + prefix + missing, link.url)
                if target.startswith(server.origin):
                    assert urlsplit(target).path.startswith(prefix), link.url
                    assert fetch(target)[0] == 200, link.url
        assert all(urlsplit(path).path.startswith(prefix) for path in server.requests)


def test_in_chromium_the_404_page_under_a_sub_path_is_styled_and_its_links_work(url_site: Path, browser) -> None:
    prefix = urlsplit(SITE_URL).path
    with serve(url_site, prefix) as server:
        page = browser.new_page()
        response = page.goto(server.origin + prefix + "articles/no-such-article/")
        assert response is not None and response.status == 404
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        # Material's style sheet applied: its header is sticky and coloured (unstyled, it is static and transparent).
        header = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.md-header'));"
            " return [s.position, s.backgroundColor]; }"
        )
        assert header[0] == "sticky" and header[1] not in ("rgba(0, 0, 0, 0)", "transparent"), header
        sheets = page.evaluate("() => [...document.styleSheets].map(s => [s.href, s.cssRules.length])")
        assert any(href and href.startswith(server.origin + prefix) and rules > 100 for href, rules in sheets), sheets
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        internal = {link.split("#")[0] for link in links if link.startswith(server.origin)}
        assert len(internal) >= 5
        for link in sorted(internal):
            assert urlsplit(link).path.startswith(prefix), link
            assert page.request.get(link).status == 200, link
        page.get_by_role("link", name="Articles by date").click()
        page.wait_for_url(server.origin + prefix + "browse/timeline/")
        expect(page.locator("h1")).to_contain_text("date")
        page.close()
        assert all(urlsplit(path).path.startswith(prefix) for path in server.requests)


# -- 1a. site_url: what a build gives with it, and without it --------------------------------------


def test_without_site_url_the_build_warns_once_saying_what_breaks_and_strict_still_passes(tmp_path: Path) -> None:
    # the repository's mkdocs.yml (site_url commented out)
    result = mkdocs_build(tmp_path / "site", ROOT / "mkdocs.yml", "--strict")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "archive: site_url is not set in mkdocs.yml" in warnings[0], warnings
    for broken in ("canonical links", "sitemap.xml", "citations", "feed", "404 page"):
        assert broken in warnings[0]
    assert "# site_url: https://" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # the commented example


def served_articles(site: Path) -> list[dict]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


def citations(html: str) -> str:
    """The text of an article's 'Cite this article' section."""
    start = html.index('id="cite-this-article"')
    return html_text(html[start : html.index("<h2", start + 1)])


def test_with_site_url_every_article_gives_its_address_to_citations_harvesters_and_feeds(url_site: Path) -> None:
    articles = served_articles(url_site)
    sitemap = {loc for loc, _ in sitemap_entries(url_site)}
    feed = feedparser.parse((url_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE_URL + "feed.xml"]
    assert [e.link for e in feed.entries] == [SITE_URL + a["url"] for a in articles]
    for a in articles:
        address = SITE_URL + a["url"]
        html = (url_site / a["url"] / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'<link rel="canonical" href="([^"]+)"', html) == [address]
        (data,) = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
        assert data["url"] == address and data["isPartOf"]["url"] == SITE_URL
        (og,) = extruct.extract(html, syntaxes=["opengraph"])["opengraph"]
        assert [v for k, v in og["properties"] if k == "og:url"] == [address]
        forms = citations(html)
        assert f"Archived in Immigration Enforcement News Archive, {address}." in forms  # Chicago
        assert f"Archived in Immigration Enforcement News Archive: {address}" in forms  # APA
        assert f"howpublished = {{Archived in Immigration Enforcement News Archive: {address}}}" in forms  # BibTeX
        assert address in sitemap


def test_without_site_url_no_relative_address_poses_as_an_absolute_one(built_site: Path) -> None:
    """No canonical link, no JSON-LD url, citations naming the archive alone; the feed's links
    are relative, and a feed reader resolves them against the feed's address, under any sub-path."""
    articles = served_articles(built_site)
    for a in articles:
        html = (built_site / a["url"] / "index.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html
        (data,) = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
        assert "url" not in data and "url" not in data["isPartOf"]
        forms = citations(html)
        assert a["url"] not in forms
        assert forms.count("Archived in Immigration Enforcement News Archive.") == 2  # Chicago, APA
        assert "howpublished = {Archived in Immigration Enforcement News Archive}" in forms
    with serve(built_site) as server:
        feed = feedparser.parse(server.origin + PREFIX + "feed.xml")  # fetched, as a feed reader does
        assert feed.status == 200 and not feed.bozo, feed.get("bozo_exception")
        assert [e.link for e in feed.entries] == [server.origin + PREFIX + a["url"] for a in articles]
        assert all(fetch(e.link)[0] == 200 for e in feed.entries)
        assert [e.rights for e in feed.entries] == [f"In Copyright ({a['rights']['uri']})" for a in articles]


# -- 1b. the link checker, from the files on disk (what `make test` runs) ----------------------


def test_every_internal_link_and_anchor_of_the_built_site(built_site: Path) -> None:
    problems = check_site(built_site)
    assert not problems, "\n".join(map(str, problems))


def test_every_internal_link_and_anchor_of_the_site_url_build(url_site: Path) -> None:
    problems = check_site(url_site, site_url=SITE_URL)
    assert not problems, "\n".join(map(str, problems))


def test_the_link_checker_finds_each_kind_of_problem(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">A</a> <a href="a/#here">ok</a> <a href="a/#gone">bad anchor</a>\n'
        '<img src="missing.png"> <a href="../outside/">up</a> <a href="/a/">root</a>\n'
        '<a href="https://example.org/x">out</a> <a href="mailto:x@example.org">mail</a> <a href="#top">top</a>\n',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a name="named"></a>', encoding="utf-8")
    (tmp_path / "orphan.html").write_text('<a href="index.html#named">x</a>', encoding="utf-8")
    (tmp_path / "404.html").write_text('<link href="/a/" rel="stylesheet">', encoding="utf-8")
    result = scan(tmp_path)
    assert [(p.page, p.line, p.url, p.kind) for p in result.problems] == [
        ("index.html", 1, "a/#gone", "anchor"),
        ("index.html", 2, "../outside/", "outside"),
        ("index.html", 2, "/a/", "absolute"),
        ("index.html", 2, "missing.png", "missing"),
        ("orphan.html", 0, "orphan.html", "unreached"),
        ("orphan.html", 1, "index.html#named", "anchor"),
    ]
    assert result.external == {"https://example.org/x": {"index.html"}}
    assert linkcheck_main([str(tmp_path)]) == 1
    (tmp_path / "orphan.html").unlink()
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a>', encoding="utf-8")
    assert linkcheck_main([str(tmp_path)]) == 0


def test_every_line_link_of_a_cleaning_report_shows_that_line_of_the_capture(built_site: Path) -> None:
    """The cleaning report numbers every line of the capture, blank ones at the start
    and end included, so that 'Line N' in the report shows line N of the file."""
    wrong = []
    for folder in sorted((built_site / "articles").iterdir()):
        capture = next(folder.glob("original*.txt")).read_bytes().decode("utf-8", errors="replace")
        lines = (capture[:-1] if capture.endswith("\n") else capture).split("\n")
        report = (folder / "report" / "index.html").read_text(encoding="utf-8")
        shown = numbered_lines(report)
        if len(shown) != len(lines):
            wrong.append(f"{folder.name}: the capture has {len(lines)} lines, its report numbers {len(shown)}")
        for number in sorted({int(n) for n in re.findall(r'href="#__codelineno-0-(\d+)"', report)}):
            if shown.get(number, "").strip() != lines[number - 1].strip():
                wrong.append(f"{folder.name}: Line {number} shows {shown.get(number)!r}, not {lines[number - 1]!r}")
    assert not wrong, "\n".join(wrong)


def numbered_lines(page: str) -> dict[int, str]:
    """Line number -> text, as the report's numbered capture shows them."""
    parts = re.split(r'<a id="__codelineno-0-(\d+)" name="__codelineno-0-\d+"></a>', page)
    shown = {}
    for number, chunk in zip(parts[1::2], parts[2::2], strict=True):
        text = re.sub(r"<[^>]+>", "", chunk.split("\n", 1)[0])
        shown[int(number)] = html.unescape(text)
    return shown


# -- 2. sitemap.xml ------------------------------------------------------------------------------


def sitemap_entries(folder: Path) -> list[tuple[str, str | None]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((folder / "sitemap.xml").read_bytes())
    return [(u.findtext("s:loc", namespaces=ns) or "", u.findtext("s:lastmod", namespaces=ns)) for u in root]


def test_with_site_url_the_sitemap_lists_every_page_by_its_absolute_address(url_site: Path) -> None:
    entries = sitemap_entries(url_site)
    locs = [loc for loc, _ in entries]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(SITE_URL) for loc in locs)
    pages = {rel.removesuffix("index.html") for rel in html_pages(url_site) if rel != "404.html"}
    assert {loc[len(SITE_URL) :] for loc in locs} == pages
    assert (url_site / "sitemap.xml.gz").is_file()
    assert gzip.decompress((url_site / "sitemap.xml.gz").read_bytes()) == (url_site / "sitemap.xml").read_bytes()


def test_sitemap_dates_come_from_source_date_epoch(tmp_path: Path) -> None:
    out = build(tmp_path / "site", variant_config(tmp_path, site_url=SITE_URL), SOURCE_DATE_EPOCH=EPOCH)
    day = datetime.fromtimestamp(int(EPOCH), UTC).date()
    assert {lastmod for _, lastmod in sitemap_entries(out)} == {day.isoformat()}
    gz_mtime = int.from_bytes((out / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert gz_mtime == int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def test_without_site_url_the_sitemap_is_an_empty_urlset(built_site: Path) -> None:
    """MkDocs lists a page only by its absolute address, which needs site_url."""
    assert sitemap_entries(built_site) == []
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()) == (built_site / "sitemap.xml").read_bytes()


# -- 3. reproducible builds ------------------------------------------------------------------------


def test_two_builds_of_the_same_checkout_are_byte_identical(tmp_path: Path) -> None:
    one = build(tmp_path / "one", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="1")
    two = build(tmp_path / "two" / "site", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="2")
    assert differing(one, two) == []
    assert len(compute(one, exclude="")) > 50


def test_only_the_sitemap_and_the_manifest_depend_on_the_build_date(tmp_path: Path) -> None:
    """Why SOURCE_DATE_EPOCH matters: without it two builds on different days differ
    in sitemap.xml.gz's gzip header (and so in the manifest), and with site_url in
    sitemap.xml's <lastmod> too."""
    one = build(tmp_path / "one", SOURCE_DATE_EPOCH=EPOCH)
    two = build(tmp_path / "two", SOURCE_DATE_EPOCH=str(int(EPOCH) + 86400 * 400))
    assert differing(one, two) == ["manifest-sha256.txt", "sitemap.xml.gz"]


def test_the_cleaning_cache_changes_no_byte(tmp_path: Path) -> None:
    config = variant_config(tmp_path, archive={"cache_dir": str(tmp_path / "cache")})
    cold = build(tmp_path / "cold", config, SOURCE_DATE_EPOCH=EPOCH)
    assert any((tmp_path / "cache").rglob("*"))
    warm = build(tmp_path / "warm", config, SOURCE_DATE_EPOCH=EPOCH)
    assert differing(cold, warm) == []


# -- 4. `make site`: atomic, dated from the last commit ---------------------------------------------


@pytest.fixture
def project(tmp_path: Path, built_site: Path) -> Path:
    """A copy of the project with a previous site/ (and a stale file in it)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "archive", "overrides", "scripts/build_site.sh"):
        source = ROOT / name
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    shutil.copytree(built_site, project / "site")
    (project / "site" / "stale.html").write_text("from an older build\n", encoding="utf-8")
    return project


def run_build_site(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        ["sh", "scripts/build_site.sh", *args],
        capture_output=True,
        text=True,
        cwd=project,
        env={**environ, "MKDOCS": str(MKDOCS), "NO_MKDOCS_2_WARNING": "1", **env},
    )


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    digests = compute(folder, exclude="")
    return {rel: (digest, (folder / rel).stat().st_mtime_ns) for rel, digest in digests.items()}


def test_make_site_runs_the_atomic_build() -> None:
    recipe = subprocess.run(["make", "-n", "site"], capture_output=True, text=True, cwd=ROOT)
    assert recipe.returncode == 0, recipe.stderr
    assert "scripts/build_site.sh site" in recipe.stdout


@pytest.mark.parametrize("breakage", ["config", "template"])
def test_a_failed_build_leaves_the_previous_site_untouched(project: Path, breakage: str) -> None:
    before = snapshot(project / "site")
    if breakage == "config":  # fails before writing anything
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\nplugins: [no-such-plugin]\n", encoding="utf-8")
    else:  # an exception in the middle of the build, after some files are written
        (project / "overrides" / "main.html").write_text(
            '{% extends "base.html" %}{% block content %}{{ no_such_function() }}{% endblock %}\n', encoding="utf-8"
        )
    result = run_build_site(project)
    assert result.returncode != 0
    assert "site is left as it was" in result.stderr
    assert snapshot(project / "site") == before
    assert not (project / "build" / "site.new").exists()
    assert not (project / "build" / "site.old").exists()


def test_a_successful_build_replaces_the_site_whole(project: Path) -> None:
    result = run_build_site(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "stale.html").exists()
    assert verify(site) == []
    assert sorted((project / "build").iterdir()) == []


def test_make_site_dates_the_build_from_the_last_commit(project: Path) -> None:
    """In a git checkout, two builds of a commit are byte-identical: the script sets
    SOURCE_DATE_EPOCH to the last commit's time. Outside git it builds undated."""
    shutil.rmtree(project / "site")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    dated = {**os.environ, "GIT_COMMITTER_DATE": f"@{EPOCH} +0000", "GIT_AUTHOR_DATE": f"@{EPOCH} +0000"}
    subprocess.run([*git, "commit", "-q", "-m", "archive"], cwd=project, check=True, env=dated)
    one, two = run_build_site(project, "site"), run_build_site(project, "other/site")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert f"SOURCE_DATE_EPOCH={EPOCH}" in one.stdout
    assert differing(project / "site", project / "other" / "site") == []
    day = datetime.fromtimestamp(int(EPOCH), UTC).replace(hour=0, minute=0, second=0)
    assert int.from_bytes((project / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little") == day.timestamp()
