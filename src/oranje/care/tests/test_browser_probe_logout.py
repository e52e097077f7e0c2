"""A shared tablet after logout: the desk's check-in page kept by the service worker for
offline use is gone, so the next person at the tablet cannot open the desk (its shelter, its
queue of not yet sent households) without a connection and a login."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright.sync_api import Error, expect

from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = [*BROWSER_TEST, pytest.mark.strict_csp]


def test_logging_out_removes_the_desk_page_kept_for_offline_use(
    page: Any, live_server: Any
) -> None:
    cw = build_care(build_world())
    cw.desk.set_password("test-pass-123")
    cw.desk.save()
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid"))
    url = f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/"
    log_in(page, live_server, "desk_anna")
    page.goto(url)
    expect(page.locator("#desk-offline-ready")).to_be_visible()
    kept = page.evaluate("() => caches.keys()")
    assert kept, "the service worker keeps the page"

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/inloggen/**")
    assert page.evaluate("() => caches.keys()") == []

    page.context.set_offline(True)
    # No connection and nothing kept: the browser's own error page.
    with contextlib.suppress(Error):
        page.goto(url)
    assert page.locator("#checkin-form").count() == 0
    assert "Sporthal Zuid" not in page.content()
