"""Staff triage a damage report in a real browser: from the damage tab to the worklist, open
the report, mark it urgent, give it to a colleague and set it in progress; the overview's
map draws the report (Leaflet served by Oranje, no tile server). axe finds no accessibility
problems on the worklist and the report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.constants import Role
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.damage.models import DamageEvent, DamageReport
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_staff_triage_a_report(page: Any, live_server: Any) -> None:
    world = build_world()
    handler(world.region, "schade", first_name="Sanne", last_name="de Wit")
    handler(world.region, "nazorg", role=Role.AFTERCARE, first_name="Karel", last_name="Smit")
    incident = start_incident(world, title="Explosie Velsen-Noord")
    target = report(
        incident,
        reporter_name="Anna Bakker",
        street="Wijkerstraatweg",
        postcode="1951EC",
        house_number=12,
        unsafe=True,
        description="Voorgevel gescheurd, we durven niet naar binnen.",
        latitude=Decimal("52.470000"),
        longitude=Decimal("4.630000"),
    )
    report(incident, street="Wijkerstraatweg", postcode="1951EC", house_number=12, kind="contents")
    report(incident, street="Pontweg", postcode="1951JE", house_number=3, kind="vehicle")

    log_in(page, live_server, "schade")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/schade/")
    page.get_by_role("link", name="Werklijst").click()
    worklist = page.locator("#damage-worklist")
    expect(worklist).to_contain_text("Anna Bakker")
    expect(worklist).to_contain_text("2 meldingen op dit adres")
    _no_violations(page)
    worklist.get_by_role("link", name=target.reference).click()

    expect(page.get_by_role("heading", level=2)).to_contain_text(target.reference)
    expect(page.locator("#same-address").locator("..")).to_contain_text("S-TEST")
    page.get_by_label("urgent", exact=True).check()
    page.get_by_role("button", name="Triage vastleggen").click()
    expect(page.get_by_text("Triage vastgelegd.")).to_be_visible()

    page.get_by_label("Behandeld door").select_option(label="Karel Smit")
    page.get_by_role("button", name="Behandelaar vastleggen").click()
    expect(page.get_by_text("Behandelaar vastgelegd.")).to_be_visible()

    page.locator("select[name=status]").select_option(label="bezig")
    page.get_by_label("Waarom (niet verplicht)").fill("Bouwkundige gaat kijken")
    page.get_by_role("button", name="Status vastleggen").click()
    expect(page.get_by_text("Status vastgelegd.")).to_be_visible()
    history = page.locator("#damage-history")
    expect(history).to_contain_text("Bouwkundige gaat kijken")
    expect(history).to_contain_text("Karel Smit")
    _no_violations(page)

    target.refresh_from_db()
    assert (target.triage, target.status, target.handler.username) == (  # type: ignore[union-attr]
        "urgent",
        "in_progress",
        "nazorg",
    )
    assert DamageEvent.objects.filter(report=target).count() == 3
    assert DamageReport.objects.filter(incident=incident).count() == 3

    # The overview: the unsafe home first, and the map drawn (no tile server configured).
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/schade/overzicht/")
    expect(page.locator("#unsafe-homes")).to_contain_text("Wijkerstraatweg 12")
    expect(page.locator("#damage-map")).to_be_visible()
    expect(
        page.locator("#damage-map .leaflet-interactive, #damage-map canvas").first
    ).to_be_attached()
