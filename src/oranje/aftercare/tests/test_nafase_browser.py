"""The nafase in a real browser: the region's coordinator ends the acute phase of an
exercise and hands it to the aftercare officer (with the confirmation step), makes the
transition document from the records, writes it, approves it and opens the print view
(OEFENING, approved)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from oranje.aftercare.models import TransitionDocument
from oranje.aftercare.tests.helpers import facts_world, officer
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


@pytest.mark.strict_csp
def test_lead_starts_the_nafase_and_approves_the_transition_document(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    incident = start_incident(world, exercise=True, title="Brand zorgcentrum Haarlem")
    facts_world(world, incident)
    officer(world.region)

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/nafase/")
    expect(page.get_by_text("De acute fase loopt nog.")).to_be_visible()
    page.get_by_label("Leiding nafase").select_option(
        label="Nadia Nazorg (medewerker nafase en IAC)"
    )
    page.get_by_label("Opmerking").fill("Brand meester, bewoners elders ondergebracht.")
    page.get_by_role("button", name="Acute fase beëindigen en nafase starten").click()
    # The confirmation step: nothing has happened yet.
    expect(page.get_by_text("Dit kan niet ongedaan worden gemaakt.")).to_be_visible()
    expect(page.get_by_text("Nadia Nazorg gaat de nafase leiden.")).to_be_visible()
    page.get_by_role("button", name="Ja, acute fase beëindigen").click()
    expect(page.get_by_text("De acute fase is beëindigd")).to_be_visible()
    expect(page.locator(".incident-head")).to_contain_text("nafase")
    expect(page.get_by_text("onder leiding van Nadia Nazorg")).to_be_visible()

    # Scaling is explained, not offered.
    page.get_by_role("link", name="Opschaling", exact=True).click()
    expect(page.get_by_text("Dit incident is in de nafase")).to_be_visible()
    expect(page.get_by_role("button", name="Opschalen en alarmeren")).to_have_count(0)

    page.get_by_role("link", name="Nafase", exact=True).click()
    page.get_by_role("link", name="Naar het overdrachtsdocument").click()
    page.get_by_role("button", name="Nieuwe versie").click()
    expect(page.get_by_role("heading", name="Overdrachtsdocument, versie 1")).to_be_visible()
    # The facts from the records: the shelter, the open action, no names of persons.
    expect(page.get_by_text("Sporthal De Feiten")).to_be_visible()
    expect(page.get_by_text("Tijdelijke huisvesting regelen").first).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Feitsma")
    summary = page.get_by_label("Samenvatting acute fase")
    expect(summary).to_have_value("Brand in zorgcentrum geblust.")
    summary.fill("Brand in zorgcentrum geblust; 40 bewoners in de sporthal.")
    page.get_by_label("Afspraken voor de nafase").fill("IAC in het wijkcentrum vanaf maandag.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Overdrachtsdocument opgeslagen.")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())  # "Deze versie vaststellen?"
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Overdrachtsdocument vastgesteld")).to_be_visible()
    expect(page.get_by_label("Samenvatting acute fase")).to_have_count(0)  # no longer editable
    doc = TransitionDocument.objects.get(incident=incident)
    assert doc.status == "approved" and doc.arrangements == "IAC in het wijkcentrum vanaf maandag."

    page.get_by_role("link", name="Afdrukweergave").click()
    sheet = page.locator("article.transition-print")
    expect(sheet.get_by_role("heading", level=1)).to_contain_text("OEFENING")
    expect(sheet).to_contain_text("Vastgesteld")
    expect(sheet).not_to_contain_text("CONCEPT")
    expect(sheet).to_contain_text("IAC in het wijkcentrum vanaf maandag.")
    expect(sheet).to_contain_text("Sporthal De Feiten")
