"""Helpers for the tests that drive Chromium: the two screen sizes a reader
uses, screenshots into test-artifacts/, and a search typed as a reader types it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    # Material slides its search overlay in (some transitions start late): wait till all are done.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState === 'finished')")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def search(page, query: str) -> None:
    """Type a query in Material's search box, as a reader would, and wait for its answer."""
    box = page.locator("input.md-search__input")
    icon = page.locator("label.md-header__button[for='__search']")
    if icon.is_visible():  # a phone: the box hides behind the header's search icon
        icon.tap()
    else:
        box.click()
    expect(box).to_be_focused()
    box.press_sequentially(query)  # Material searches on key strokes
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_be_visible()
    expect(meta).not_to_have_text(re.compile("Initializing|Type to start"))
