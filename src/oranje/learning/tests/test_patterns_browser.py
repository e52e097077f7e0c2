"""Patterns and the evaluation report in a real browser: a quality monitor filters the
patterns, opens a recurring one and sees where it was found, groups again, and opens an
evaluation's print page. axe finds no accessibility problems on these pages."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.services.patterns import patterns_compute
from oranje.learning.tests.patterns_world import monitor, recurring
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_monitor_follows_a_recurring_finding_to_its_evaluations(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    found = recurring(world)
    patterns_compute()
    monitor(world.region, "kwaliteit")
    log_in(page, live_server, "kwaliteit")
    page.goto(f"{live_server.url}/leren/patronen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Patronen over incidenten heen")
    _no_violations(page)
    page.locator("#id_soort").select_option("improve")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#once")).not_to_contain_text("De woordvoerder")
    page.get_by_role("link", name="Het eerste publieksbericht kwam pas na vijftig minuten").click()
    expect(page.get_by_text("Gezien bij 3 incidenten in 2 regio's")).to_be_visible()
    expect(page.locator("#findings tbody tr")).to_have_count(3)
    _no_violations(page)
    page.get_by_role("link", name="Evaluatie Gasstoring Velsen-Noord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatie Gasstoring Velsen-Noord")
    page.goto(f"{live_server.url}/leren/evaluaties/{found.here.pk}/afdrukken/")
    expect(page.get_by_text("2. Bevindingen per proces")).to_be_visible()
    _no_violations(page)
    page.goto(f"{live_server.url}/leren/patronen/")
    page.get_by_role("button", name="Opnieuw groeperen").click()
    expect(page.get_by_text("Bevindingen opnieuw gegroepeerd: 3 patronen.")).to_be_visible()
