"""The checklists in a real browser: on a phone, the OvD-BZ opens the incident's checklists,
reads the coordinating municipal secretary's instruction above the CGS checklist and ticks a
question for administrators; the coordinator rewrites the region's questions. axe finds no
accessibility problems on the tab, the overview, the printable checklist and the edit pages."""

from __future__ import annotations

import os
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.constants import ChecklistKind
from oranje.incidents.selectors_checklists import checklist_items
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.models import Function
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

ADMIN_STANDARD = "Wat zou ik zelf doen in deze situatie, en welke hulp zou ik willen?"


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("ORANJE_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=False)


def test_a_question_for_administrators_ticked_on_a_phone(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "ovd")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/checklists/")
    page.get_by_role("link", name="CGS 0/10").click()
    card = page.locator("#functie-CGS")
    expect(card.get_by_role("note")).to_contain_text("Wat je niet doet")
    _shot(page, "checklists-phone")
    _no_violations(page)
    card.get_by_role("button", name=f"Afvinken: {ADMIN_STANDARD}").click()
    card = page.locator("#functie-CGS")
    expect(card.get_by_role("button", name=f"Ongedaan maken: {ADMIN_STANDARD}")).to_be_visible()
    expect(card.get_by_role("heading", name="Vragen voor bestuurders 1/5")).to_be_visible()
    question = checklist_items(
        world.region, Function.objects.get(code="CGS"), ChecklistKind.ADMINISTRATOR_QUESTION
    )[0]
    assert incident.ticks.filter(item=question, undone_at__isnull=True).exists()


def test_the_coordinator_rewrites_the_questions_and_prints_the_checklist(
    page: Any, live_server: Any
) -> None:
    build_world()
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/checklists/")
    _no_violations(page)
    page.get_by_role("link", name="Wijzigen SA-BZ").click()
    _no_violations(page)
    page.get_by_label("Vragen voor bestuurders").fill(
        f"{ADMIN_STANDARD}\nWat wilt u morgen in de krant lezen over de opvang?"
    )
    page.get_by_role("button", name="Opslaan voor de regio").click()
    expect(page.get_by_text("Checklist opgeslagen voor")).to_be_visible()
    page.get_by_role("link", name="Lezen en afdrukken").click()
    expect(page.locator("main")).to_contain_text("Wat wilt u morgen in de krant lezen")
    _shot(page, "checklist-print-screen")
    _no_violations(page)
    page.get_by_role("link", name="Instructie", exact=True).click()
    expect(page.get_by_label("Instructie")).to_have_value("")
    page.get_by_role("button", name="Opslaan voor de regio").click()
    expect(page.locator("main [role=alert]")).to_contain_text("Instructie: schrijf de instructie")
    _no_violations(page)
