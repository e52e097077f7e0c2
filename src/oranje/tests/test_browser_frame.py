"""The frame of every page in a real browser: the phone menu folds away and opens again."""

from __future__ import annotations

from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_on_a_phone_the_menu_folds_behind_one_button(page, live_server):
    build_world()
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server, "coordinator")
    header = page.locator("header.top")
    assert header.bounding_box()["height"] < 80, "the closed menu takes one line"
    roster = page.get_by_role("link", name="Rooster", exact=True)
    expect(roster).to_be_hidden()

    button = page.get_by_role("button", name="Menu")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    expect(roster).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    expect(roster).to_be_hidden()


def test_on_a_wide_screen_the_menu_is_always_open(page, live_server):
    build_world()
    log_in(page, live_server, "coordinator")
    expect(page.get_by_role("link", name="Rooster", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
