"""The norms pages in a real browser: a regional coordinator starts the region's own set,
tries to make the CPG norm weaker than the national one (refused, in Dutch, naming both
numbers), makes it stricter, and adopts the set; axe finds no accessibility problems on the
overview, the set and the form."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_coordinator_makes_the_region_stricter_and_adopts_it(page: Any, live_server: Any) -> None:
    build_world()
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/kwaliteit/normen/")
    expect(page.locator("h1")).to_contain_text("Normen")
    expect(page.locator("main")).to_contain_text("Prestatie-eisen bevolkingszorg (2014)")
    _no_violations(page)

    page.get_by_role("button", name="Eigen set van de regio beginnen").click()
    expect(page.get_by_text("Conceptversie 1 is gemaakt")).to_be_visible()
    page.get_by_role("link", name="Norm toevoegen").click()
    _no_violations(page)
    page.locator("#id_code").fill("ORG-CPG")
    page.locator("#id_title").fill("CPG op harde piket")
    page.locator("#id_text").fill("Elke gemeente heeft op elk uur een CPG op harde piket.")
    page.locator("#id_process").select_option("organisation")
    page.locator("#id_measure").select_option("indicator")
    page.locator("#id_indicator").select_option("coverage")
    page.locator("#id_national_norm").select_option(label="ORG-CPG CPG op harde piket")
    page.locator("#id_waterlijn").fill("90")
    page.locator("#id_bandbreedte").fill("5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text(
        "waterlijn: 90% is lager dan de landelijke norm ORG-CPG (95%)"
    )
    page.locator("#id_waterlijn").fill("98")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Norm ORG-CPG is opgeslagen.")).to_be_visible()
    _no_violations(page)

    page.get_by_role("link", name="Deze versie vaststellen").click()
    page.locator("#id_adopted_by_body").fill("Algemeen bestuur")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Versie 1 is vastgesteld")).to_be_visible()
    page.goto(f"{live_server.url}/kwaliteit/normen/")
    expect(page.locator("#effective-caption")).to_be_visible()
    expect(page.locator("main")).to_contain_text("regionaal, strenger")
