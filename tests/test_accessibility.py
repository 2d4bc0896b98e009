"""Accessibility: axe-core in Chromium finds no serious or critical violation,
in the light and the dark scheme, on the pages readers land on."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "article": "articles/la-officials-oppose-ice-sanctuary-deployment/",
    "term": "glossary/sb-54/",
    "glossary": "glossary/",
    "timeline": "browse/timeline/",
    "report": "articles/homeland-security-officers-visit-la-schools/report/",
}
SERIOUS = ("serious", "critical")


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violation(browser, site_server: str, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_serious_violation(browser, site_server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server)
    page.keyboard.press("/")
    page.keyboard.type("sanctuary")
    page.locator("a.md-search-result__link").first.wait_for()
    assert serious_violations(page) == []
    context.close()


def test_search_by_keyboard_alone(browser, site_server: str) -> None:
    page = browser.new_page()
    page.goto(site_server)
    page.keyboard.press("/")
    page.keyboard.type("Senate Bill 54")
    first = page.locator("a.md-search-result__link").first
    first.wait_for()
    assert "glossary/sb-54/" in (first.get_attribute("href") or "")  # the glossary entry comes first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/sb-54/**")
    page.close()
