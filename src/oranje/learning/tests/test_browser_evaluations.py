"""Evaluations in a real browser: the region's coordinator records an evaluation of an
incident, is told in Dutch on the field that a finding needs its process, writes the
finding, links a line of the incident's logbook to it as evidence and sees it on the
evaluation's page. axe finds no accessibility problems on the pages visited."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.models import Evaluation, Evidence
from oranje.learning.tests.evaluations_helpers import scene
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_record_an_evaluation_with_a_linked_log_line(page: Any, live_server: Any) -> None:
    world = build_world()
    s = scene(world)

    log_in(page, live_server, world.coordinator.username)
    page.goto(f"{live_server.url}/leren/evaluaties/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluaties")
    _no_violations(page)
    page.get_by_role("link", name="Nieuwe evaluatie").click()
    page.get_by_label("Incident (echt of oefening)").select_option(str(s.incident.pk))
    page.get_by_label("Titel").fill("Evaluatie brand Velsen-Noord")
    page.get_by_label("teamnabespreking").check()
    _no_violations(page)
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatie brand Velsen-Noord")
    _no_violations(page)
    evaluation = Evaluation.objects.get()

    page.get_by_role("link", name="Nieuwe bevinding").click()
    page.locator("#id_text").fill("Het eerste publieksbericht kwam na vijftig minuten.")
    page.get_by_label("kan beter").check()
    page.get_by_role("button", name="Bevinding opslaan").click()
    expect(page.locator("main [role=alert]")).to_contain_text(
        "Proces: kies het proces waar de bevinding over gaat."
    )
    _no_violations(page)
    page.locator("#id_process").select_option("communication")
    page.get_by_role("button", name="Bevinding opslaan").click()
    expect(page.get_by_text("Bevinding opgeslagen.")).to_be_visible()
    _no_violations(page)

    page.get_by_text("Koppel een logboekregel").click()
    page.locator("#id_log_log_entry").select_option(str(s.line.pk))
    page.locator("#id_log_note").fill("Tijdstip van het eerste bericht.")
    page.get_by_role("form", name="Logboekregel").get_by_role("button", name="Koppelen").click()
    expect(page.get_by_text("Onderbouwing gekoppeld.")).to_be_visible()
    expect(page.locator("#evidence-head + ul.evidence")).to_contain_text(
        "Eerste publieksbericht via NL-Alert verstuurd."
    )
    _no_violations(page)

    page.get_by_role("link", name="Evaluatie brand Velsen-Noord").first.click()
    expect(page.locator("ul.evidence")).to_contain_text(f"#{s.line.number}")
    expect(page.locator("ul.evidence")).to_contain_text("Tijdstip van het eerste bericht.")
    _no_violations(page)
    ev = Evidence.objects.get()
    assert ev.log_entry == s.line and ev.finding.evaluation == evaluation
