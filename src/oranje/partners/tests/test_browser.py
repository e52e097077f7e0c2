"""The partner view in a real browser: the police log in, land on Kennemerland's partner view,
read the published Velsen-Noord situation report and see no staff menu."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST
from oranje.organisation.tests.factories import build_world
from oranje.partners.tests.factories import build_partner_world

pytestmark = BROWSER_TEST


def test_a_partner_reads_the_published_report_without_a_staff_menu(page, live_server):
    world = build_world()
    build_partner_world(world.region, world.other_region, world.velsen)

    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("politie@example.nl")
    page.get_by_label("Wachtwoord").fill("test-pass-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/partners/VR12/$"))

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Partnerbeeld Kennemerland")).to_be_visible()
    for staff in ["Incidenten", "Nu piket", "Mensen", "Rooster", "Vakbekwaamheid"]:
        expect(menu.get_by_role("link", name=staff, exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Open opvanglocaties")).to_be_visible()
    expect(page.get_by_role("cell", name="Sporthal De Kooi")).to_be_visible()

    page.get_by_role("link", name="Gasstoring Velsen-Noord").click()
    expect(page.get_by_role("heading", name="Gasstoring Velsen-Noord")).to_be_visible()
    expect(page.get_by_text("Tweede beeld").first).to_be_visible()
    expect(page.get_by_text("Concept derde beeld")).to_have_count(0)

    page.goto(f"{live_server.url}/piket/nu/")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
