"""The shelter desk in a real browser on a tablet's screen (1024 × 768), by keyboard only:
check in a household of three (persons added by the page's script), then find its card on
the scan page by its typed code and check it out. With the Content-Security-Policy in force:
the desk's scripts are static files."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from oranje.care.models import Household, Shelter
from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = [*BROWSER_TEST, pytest.mark.strict_csp]


def _type_person(page: Any, given: str, surname: str, birth: str) -> None:
    """From a person's first field: given names, prefix (skipped), surname, date of birth."""
    page.keyboard.type(given)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type(surname)
    page.keyboard.press("Tab")
    page.keyboard.type(birth)


def _tab_to(page: Any, name: str, limit: int = 60) -> None:
    """Tab until the element with this accessible name (a button or field) has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); }"
        )
        if focused.rstrip(":") == name:
            return
    raise AssertionError(f"no focus on {name!r} after {limit} tabs")


def test_check_in_a_household_of_three_then_scan_its_card_and_check_out(
    page: Any, live_server: Any
) -> None:
    cw = build_care(build_world())
    cw.desk.set_password("test-pass-123")
    cw.desk.save()
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=50))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1024, "height": 768})
    log_in(page, live_server, "desk_anna")
    page.goto(f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/")

    # The first field has the focus: the desk types straight away.
    expect(page.get_by_label("Naam huishouden")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("2011AB")
    page.keyboard.press("Tab")
    page.keyboard.type("12a")
    for _ in range(3):  # street, city, phone
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#id_p1-given_names")).to_be_focused()
    _type_person(page, "Anna", "Jansen", "4-3-1950")
    page.keyboard.press("Tab")  # phone
    page.keyboard.press("Tab")
    page.keyboard.type("insuline")

    # A second and a third person, added by the script (no round trip) with the keyboard.
    for given, born in (("Bram", "1978"), ("Cor", "2015")):
        _tab_to(page, "Persoon toevoegen")
        page.keyboard.press("Enter")
        count = page.locator("input[name=persons]")
        expect(page.locator(f"#id_p{count.input_value()}-given_names")).to_be_focused()
        _type_person(page, given, "Jansen", born)
    expect(page.locator("fieldset.desk-person")).to_have_count(3)
    assert page.locator("input[name=persons]").input_value() == "3"

    # Enter in a field saves.
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ingecheckt: 3 personen.")).to_be_visible()
    household = Household.objects.get()
    code = page.locator("[data-code]").inner_text()
    assert code.replace("-", "") == household.code
    assert [g.full_name for g in household.guests.all()] == [
        "Anna Jansen",
        "Bram Jansen",
        "Cor Jansen",
    ]
    assert household.guests.get(given_names="Anna").medication == "insuline"
    assert household.postcode == "2011AB" and household.house_addition == "A"
    expect(page.get_by_role("link", name="Volgend huishouden")).to_be_focused()

    # The scan page: the code field has the focus; the typed code opens the household.
    page.goto(f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/scan/")
    expect(page.get_by_label("Code op de huishoudkaart")).to_be_focused()
    expect(page.get_by_role("button", name="Scannen met de camera")).to_be_visible()
    page.keyboard.type(code.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Uitchecken")).to_be_visible()

    # Check the whole household out: nobody ticked, a reason, the button.
    _tab_to(page, "Gaat naar")
    page.keyboard.press("ArrowDown")  # "naar huis" -> the next reason: family or friends
    _tab_to(page, "Uitchecken")
    page.keyboard.press("Enter")
    expect(page.get_by_text("3 uitgecheckt")).to_be_visible()
    hall = Shelter.objects.get(pk=hall.pk)
    household.refresh_from_db()
    assert hall.present == 0 and household.shelter is None
    assert household.stays.get().out_reason == "family"
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
