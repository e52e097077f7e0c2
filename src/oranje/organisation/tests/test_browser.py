"""The main roster flow in a real browser: headless Chromium (Debian's) driven by Playwright."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.models import OnCallShift
from oranje.organisation.tests.factories import build_world, make_shift

pytestmark = BROWSER_TEST


def test_a_coordinator_logs_in_opens_the_roster_and_fills_a_gap(page, live_server):  # type: ignore[no-untyped-def]
    world = build_world()
    start = timezone.now() - dt.timedelta(hours=1, seconds=7)
    make_shift(world.ovd_pool, world.ovd, world.officers[0], start, hours=14 * 24)
    make_shift(
        world.ovd_pool, world.ovd, world.officers[1], start + dt.timedelta(days=21), hours=28 * 24
    )
    make_shift(
        world.ovd_pool, world.ovd, world.officers[0], start + dt.timedelta(days=49), hours=14 * 24
    )

    log_in(page, live_server, "coordinator")
    expect(page.get_by_role("heading", name="Nu piket — Kennemerland")).to_be_visible()
    expect(page.get_by_text("Test Visser").first).to_be_visible()

    page.get_by_role("link", name="Rooster").click()
    expect(page.get_by_role("heading", name="Rooster — Kennemerland")).to_be_visible()
    expect(page.locator("table.roster").get_by_text("Test Visser").first).to_be_visible()

    page.get_by_role("link", name="Gaten", exact=True).click()
    expect(page.get_by_text("1 gat")).to_be_visible()
    page.get_by_role("link", name="Vullen").first.click()

    page.get_by_label("Pool").select_option(label="OvD-BZ Kennemerland")
    page.wait_for_function("document.querySelectorAll('#id_person option').length === 4")
    page.get_by_label("Persoon").select_option(label=f"{world.officers[2].sort_name}")
    page.get_by_role("button", name="Dienst opslaan").click()

    expect(page.get_by_text("Dienst toegevoegd aan het rooster.")).to_be_visible()
    filled = OnCallShift.objects.get(person=world.officers[2])
    gap_start = start + dt.timedelta(days=14)
    assert filled.starts_at == gap_start.replace(second=0, microsecond=0)
    page.get_by_role("link", name="Gaten", exact=True).click()
    expect(page.get_by_text("Geen gaten: elk minimum is gehaald.")).to_be_visible()


def test_a_refused_shift_names_the_problem_in_dutch(page, live_server):  # type: ignore[no-untyped-def]
    world = build_world()
    monday = timezone.localtime() + dt.timedelta(days=7)
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday, hours=48)
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/rooster/dienst/nieuw/")
    page.get_by_label("Pool").select_option(label="OvD-BZ Kennemerland")
    page.get_by_label("Functie").select_option(label="OVD-BZ Officier van Dienst Bevolkingszorg")
    page.wait_for_function("document.querySelectorAll('#id_person option').length === 4")
    page.get_by_label("Persoon").select_option(label=world.officers[0].sort_name)
    page.get_by_label("Begin").fill(monday.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde").fill((monday + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Dienst opslaan").click()
    expect(page.get_by_role("alert").filter(has_text="heeft al piket")).to_be_visible()
