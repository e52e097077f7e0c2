"""The worklist in a real browser: a care coordinator makes the incident's worklist from its
area, marks a resident contacted, then evacuated to one of the incident's shelters; the
worklist and the resident's history say so."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from oranje.care.constants import CaseState
from oranje.care.models import Case, CaseEntry
from oranje.care.tests.factories import location, open_shelter
from oranje.care.tests.vulnerable_factories import OUTSIDE, build_vulnerable, deliver, row
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_mark_a_resident_contacted_then_evacuated(page: Any, live_server: Any) -> None:
    world = build_world()
    vw = build_vulnerable(world)
    vw.coordinator.set_password("test-pass-123")
    vw.coordinator.save()
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Henk Bos", OUTSIDE)])
    open_shelter(vw.cw.incident, location(world.velsen, "Sporthal Velsen"))
    incident = vw.cw.incident
    log_in(page, live_server, "care_coord")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/opvang/")
    page.get_by_role("link", name="Wie woont hier en heeft hulp nodig? De werklijst").click()
    page.get_by_role("button", name="Werklijst maken uit het gebied").click()
    expect(
        page.get_by_text("Werklijst gemaakt: 1 bewoners toegevoegd, 1 op de werklijst.")
    ).to_be_visible()
    worklist = page.locator("#worklist")
    expect(worklist).to_contain_text("Truus de Wit")
    expect(worklist).not_to_contain_text("Henk Bos")
    worklist.get_by_role("link", name="Truus de Wit").click()
    page.get_by_label("Status").select_option(CaseState.CONTACTED)
    page.get_by_label("Opmerking").fill("Aan de deur gesproken, zoon komt")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Werklijst bijgewerkt.")).to_be_visible()
    expect(worklist).to_contain_text("benaderd")
    worklist.get_by_role("link", name="Truus de Wit").click()
    page.get_by_label("Status").select_option(CaseState.EVACUATED)
    page.locator("#id_shelter").select_option(label="Sporthal Velsen")
    page.get_by_role("button", name="Opslaan").click()
    expect(worklist).to_contain_text("Sporthal Velsen")
    page.get_by_label("Status", exact=True).select_option(CaseState.EVACUATED)
    page.get_by_role("button", name="Filteren").click()
    expect(worklist).to_contain_text("Truus de Wit")
    worklist.get_by_role("link", name="Truus de Wit").click()
    history = page.locator("#case-history")
    expect(history).to_contain_text("Aan de deur gesproken, zoon komt")
    expect(history).to_contain_text("(Sporthal Velsen)")
    case = Case.objects.get()
    assert case.state == CaseState.EVACUATED and case.shelter is not None
    assert list(CaseEntry.objects.values_list("state", flat=True)) == [
        CaseState.CONTACTED,
        CaseState.EVACUATED,
    ]
