"""The frame of every page in a real browser: the phone menu folds away and opens again."""

from __future__ import annotations

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
    assert not roster.is_visible()

    button = page.get_by_role("button", name="Menu")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert roster.is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not roster.is_visible()


def test_on_a_wide_screen_the_menu_is_always_open(page, live_server):
    build_world()
    log_in(page, live_server, "coordinator")
    assert page.get_by_role("link", name="Rooster", exact=True).is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
