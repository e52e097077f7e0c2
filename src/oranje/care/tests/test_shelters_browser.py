"""Opening a shelter in a real browser: a care coordinator opens a location from the
occupancy board, sets it ready, and sees it on the board with the norm in the header."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from oranje.care.models import Shelter
from oranje.care.tests.factories import location
from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = [*BROWSER_TEST, pytest.mark.strict_csp]


def test_a_coordinator_opens_a_shelter_sets_it_ready_and_sees_it_on_the_board(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, title="Brand zorgcentrum")
    location(world.haarlem, "Sporthal Zuid", day=120, night=80)
    coordinator = User.objects.create_user(username="opvang", password="test-pass-123")
    Membership.objects.create(user=coordinator, role=Role.CARE_COORDINATOR, region=world.region)
    log_in(page, live_server, "opvang")

    page.goto(f"{live_server.url}/incidenten/{incident.pk}/opvang/")
    expect(page.get_by_text("Voor dit incident is geen opvanglocatie open.")).to_be_visible()
    page.get_by_role("link", name="Opvang openen").click()
    page.get_by_label("Locatie").select_option(
        label="Sporthal Zuid, Haarlem — 120 zitplaatsen, 80 bedden"
    )
    page.get_by_label("Besloten door").fill("Burgemeester (BT)")
    page.get_by_label("Verwacht aantal mensen").fill("40")
    page.get_by_role("button", name="Opvang openen").click()

    expect(page.get_by_text("Sporthal Zuid is open.")).to_be_visible()
    expect(page.locator(".norm-badges")).to_contain_text("opvang: nog")
    page.get_by_role("button", name="De opvang is gereed").click()
    expect(page.get_by_text("Sporthal Zuid is gereed.")).to_be_visible()
    expect(page.locator(".norm-badges")).to_contain_text(
        re.compile(r"Opvang gereed na \d+ min \(norm 3 u\)")
    )

    page.get_by_role("link", name="Terug naar het bezettingsbord").click()
    shelter = Shelter.objects.get()
    row = page.locator(f'#care-board tr[data-shelter="{shelter.pk}"]')
    expect(row).to_contain_text("Sporthal Zuid")
    expect(row.locator("td").nth(3)).to_have_text("120")  # free by day
    expect(row).not_to_contain_text("niet gereed")
    # The board polls: a check-in at a desk elsewhere shows up without a reload.
    Shelter.objects.filter(pk=shelter.pk).update(present=7)
    expect(row.locator("td").first).to_have_text("7", timeout=15_000)
