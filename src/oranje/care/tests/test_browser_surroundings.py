"""The surroundings in a real browser: a desk officer records the gas outage on the
"Omgeving" page, and the next situation report carries it among its live figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import expect

from oranje.care.tests.factories import build_care
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_a_gas_outage_reaches_the_situation_report(page: Any, live_server: Any) -> None:
    cw = build_care(build_world())
    cw.desk.set_password("test-pass-123")
    cw.desk.save()
    start = timezone.localtime(timezone.now() - dt.timedelta(hours=2))
    log_in(page, live_server, "desk_anna")
    page.goto(f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/")
    page.get_by_role("link", name="Omgeving").click()
    outage = page.locator("form").filter(has_text="Storing vastleggen")
    outage.get_by_label("Voorziening").select_option("gas")
    outage.get_by_label("Gebied").fill("Velsen-Noord")
    outage.get_by_label("Getroffen huishoudens").fill("1300")
    outage.get_by_label("Begin").fill(start.strftime("%Y-%m-%dT%H:%M"))
    outage.get_by_role("button", name="Storing vastleggen").click()
    row = page.locator("tr").filter(has_text="Velsen-Noord")
    expect(row).to_contain_text("1300")
    expect(row.get_by_role("button", name="Nu hersteld")).to_be_visible()

    page.get_by_role("link", name="Situatierapport").click()
    page.get_by_role("button", name="Nieuwe versie (vooringevuld)").click()
    figures = page.locator("dl.facts")
    expect(figures).to_contain_text("Storing: gas")
    expect(figures).to_contain_text(
        f"1.300 huishoudens zonder, sinds {start.day}-{start.month} {start:%H:%M}"
    )
