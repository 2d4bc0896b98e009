"""The site runs under HOSTING.md's Content-Security-Policy: no inline script, no eval.

The policy is read from HOSTING.md, so the one a librarian copies is the one
tested. The built site is served under a sub-path with that header on every
response (the search worker's too), and Chromium, listening for
securitypolicyviolation events and "Refused to ..." console errors, visits the
main pages, searches and switches the colour scheme.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browsing import search
from .conftest import ROOT, running
from .subpath import SubPathHandler, SubPathServer

MATERIAL_PARTIALS = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts"
OUR_SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
PAGES = {
    "home": "",
    "article": "articles/agents-find-ways-around-sanctuary-policies/",
    "term": "glossary/ice/",
    "report": "articles/agents-find-ways-around-sanctuary-policies/report/",
}
# Listens before any of the page's own scripts run (an init script is not subject to the policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


def hosting_policy() -> str:
    """The Content-Security-Policy header HOSTING.md gives, as one line."""
    text = (ROOT / "HOSTING.md").read_text(encoding="utf-8")
    found = re.search(r"^\s*Content-Security-Policy: (.+)$", text, re.M)
    assert found, "HOSTING.md gives no Content-Security-Policy line"
    return found.group(1).strip()


@contextmanager
def serve_with(folder: Path, policy: str) -> Iterator[SubPathServer]:
    """The site under the sub-path, every response carrying ``policy``."""

    class Handler(SubPathHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    server = SubPathServer(folder, "/some/sub/path/")
    server.RequestHandlerClass = lambda *args: Handler(*args, directory=str(folder))
    with running(server):
        yield server


def visit_and_search(browser, server: SubPathServer, query: str = "Bernalillo") -> tuple[list[str], bool]:
    """Every violation and CSP console error on the main pages and a search, and whether the search answered."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    base = server.origin + server.prefix
    for name, path in PAGES.items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1").first).to_be_visible()
        problems += [f"{name}: {v}" for v in page.evaluate("window.__violations")]
    page.goto(base + PAGES["article"])
    page.locator("a.archive-term").first.focus()  # a glossary tooltip, which Material's script places
    expect(page.locator(".md-tooltip2--active, .md-tooltip--active").first).to_be_visible()
    page.locator("label[for='__palette_1']").click()  # the colour scheme switch, Material's script
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    search(page, query)
    results = page.locator("a.md-search-result__link")
    try:
        expect(results.first).to_be_visible(timeout=10_000)
        answered = True
    except AssertionError:
        answered = False
    page.wait_for_timeout(300)  # a worker's refusal reaches the console after its answer
    problems += [f"search: {v}" for v in page.evaluate("window.__violations")]
    context.close()
    return problems, answered


def test_no_page_has_an_inline_script_or_handler(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            data = re.search(r'type="application/(?:json|ld\+json)"', attrs)  # data, never run
            assert "src=" in attrs or (data and body.strip()), f"{page.relative_to(built_site)}: inline <script{attrs}>"
        assert not re.search(r"<[^>]+\son[a-z]+=", html), page  # no onclick= and the like
        assert "javascript:" not in html, page


@pytest.mark.parametrize(
    ("partial", "ours", "index"),
    [("base.html", "md-base.js", 0), ("palette.html", "md-palette.js", 0), ("content.html", "md-content.js", -1)],
)
def test_the_moved_scripts_are_still_materials(partial: str, ours: str, index: int) -> None:
    """overrides/partials/javascripts/ replaces Material's inline scripts with these files: an upgraded
    Material that changes a script fails here, until the file is copied again."""
    material = re.findall(r"<script>(.*?)</script>", (MATERIAL_PARTIALS / partial).read_text(encoding="utf-8"), re.S)
    script = material[index].replace(
        'new URL("{{ config.extra.scope | d(base_url) }}",location)',
        "new URL(document.currentScript.dataset.mdScope,location)",
    )
    code = (OUR_SCRIPTS / ours).read_text(encoding="utf-8").split("*/\n", 1)[1].strip()
    assert code == script.strip()


@pytest.mark.browser
def test_the_site_runs_under_the_hosting_policy(browser, built_site: Path) -> None:
    policy = hosting_policy()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    with serve_with(built_site, policy) as server:
        problems, answered = visit_and_search(browser, server)
        assert any(r.endswith("/pagefind/wasm.en.pagefind") for r in server.requests)  # Pagefind ran
    assert answered, "no search result under the policy"
    assert problems == []


@pytest.mark.browser
def test_without_wasm_unsafe_eval_the_search_is_refused(browser, built_site: Path) -> None:
    """The check above can fail: the same policy less 'wasm-unsafe-eval' stops Pagefind, and it is seen."""
    policy = hosting_policy().replace(" 'wasm-unsafe-eval'", "")
    with serve_with(built_site, policy) as server:
        problems, answered = visit_and_search(browser, server)
    assert not answered
    assert any("WebAssembly" in p or "wasm" in p.lower() for p in problems), problems
