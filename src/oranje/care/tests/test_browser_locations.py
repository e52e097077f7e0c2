"""The register of shelter locations in a real browser: a municipal coordinator adds a
location with a key holder by keyboard only, and finds it in the register and its print."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from oranje.care.models import Location
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_add_a_location_with_a_contact_by_keyboard(page: Any, live_server: Any) -> None:
    world = build_world()
    world.haarlem_coordinator.set_password("test-pass-123")
    world.haarlem_coordinator.save()
    log_in(page, live_server, world.haarlem_coordinator.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Opvanglocaties"
    ).click()
    page.get_by_role("link", name="Locatie toevoegen").click()
    # Every field is reached with Tab and filled by typing; the form is sent with Enter.
    page.locator("#id_code").focus()
    page.keyboard.type("HLM-07")
    page.keyboard.press("Tab")
    page.keyboard.type("Sporthal Oost")
    page.get_by_label("Soort").select_option("sports_hall")
    page.get_by_label("Straat").focus()
    page.keyboard.type("Oostweg")
    page.keyboard.press("Tab")
    page.keyboard.type("5a")
    page.keyboard.press("Tab")
    page.keyboard.type("2035 AB")
    page.keyboard.press("Tab")
    page.keyboard.type("Haarlem")
    page.get_by_label("Capaciteit overdag (zitplaatsen)").fill("300")
    page.get_by_label("Capaciteit 's nachts (bedden)").fill("150")
    page.get_by_label("Douches").focus()
    page.keyboard.press("Space")
    contact = page.get_by_role("group", name="Contactpersoon 1")
    contact.get_by_label("Naam").focus()
    page.keyboard.type("Piet Beheer")
    page.keyboard.press("Tab")
    page.keyboard.type("sleutelhouder")
    page.keyboard.press("Tab")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Locatie Sporthal Oost opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sporthal Oost")).to_be_visible()
    expect(page.get_by_text("Piet Beheer")).to_be_visible()
    expect(page.get_by_role("link", name="06 12345678")).to_be_visible()
    saved = Location.objects.get(code="HLM-07")
    assert saved.municipality == world.haarlem
    assert (saved.house_number, saved.house_addition, saved.showers) == (5, "A", True)
    assert [(c.name, c.role, c.phone) for c in saved.contacts.all()] == [
        ("Piet Beheer", "sleutelhouder", "+31612345678")
    ]
    page.get_by_role("link", name="Opvanglocaties").first.click()
    expect(page.get_by_role("link", name="Sporthal Oost")).to_be_visible()
