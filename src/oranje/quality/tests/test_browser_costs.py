"""The cost pages in a real browser: a regional coordinator reads the costs of a quarter,
sets a course price, makes the scenario "one more OvD-BZ on hard on-call" and sees it
beside today; axe finds no accessibility problems on either page."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.quality.tests.costs_helpers import cost_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_costs_and_a_scenario_beside_today(page: Any, live_server: Any) -> None:
    world = build_world()
    cost_world(world)
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/kwaliteit/kosten/?periode=2026-Q1")
    expect(page.locator("#summary-caption")).to_contain_text("Kosten in")
    expect(page.locator("main")).to_contain_text("€ 57.622,95")
    _no_violations(page)

    page.locator("#id_code").fill("EX-OVD")
    page.locator("#id_label").fill("Examen OvD-BZ")
    page.locator("#id_price").fill("120,00")
    page.get_by_role("button", name="Cursusprijs opslaan").click()
    expect(page.get_by_text("Cursusprijs opgeslagen.")).to_be_visible()
    # 57,622.95 + 120.00 for the one exam that had no price.
    expect(page.locator("main")).to_contain_text("€ 57.742,95")

    page.get_by_role("link", name="Nieuw scenario").click()
    page.locator("#id_name").fill("Een OvD-BZ meer")
    page.get_by_role("button", name="Scenario opslaan").click()
    expect(page.get_by_text("Scenario opgeslagen; voeg de wijzigingen toe.")).to_be_visible()
    page.locator("#id_function").select_option(label="OVD-BZ — Officier van Dienst Bevolkingszorg")
    page.locator("#id_extra_hard").fill("1")
    page.get_by_role("button", name="Wijziging toevoegen").click()
    expect(page.get_by_text("Wijziging opgeslagen.")).to_be_visible()
    page.goto(page.url.split("?")[0] + "?jaar=2026")
    expect(page.locator("#compare-caption")).to_contain_text("2026")
    expect(page.locator("main")).to_contain_text("€ 39.420,00")
    _no_violations(page)
