"""The people who came in a real browser: a lead closes an exercise incident, opens the list of
who came (OEFENING, the deployment recorded), sends the thank-you with one click, and sees the
delivery counts follow the worker until done; axe finds no accessibility problems."""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.aftercare.models import ThankYouItem
from oranje.aftercare.tests.people_helpers import answered, arrived
from oranje.aftercare.thanks_delivery import deliver_items
from oranje.alerting.constants import Answer
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world
from oranje.readiness.models import Activity

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_lead_closes_an_exercise_and_thanks_who_came(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world, exercise=True, title="Oefening zorginstelling Haarlem")
    arrived(incident, world.officers[0], world.ovd, hours_ago=3)
    arrived(incident, world.contacts[0], world.cpg, hours_ago=2)
    answered(incident, world.officers[1], world.ovd, Answer.DECLINED)
    context = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    tab = context.new_page()
    log_in(tab, live_server, "coordinator")

    tab.goto(f"{live_server.url}/incidenten/{incident.pk}/afsluiten/")
    tab.get_by_label("Ja, sluit dit incident af").check()
    tab.get_by_role("button", name="Afsluiten").click()
    tab.wait_for_load_state()
    assert Activity.objects.filter(kind="exercise").count() == 2

    tab.goto(f"{live_server.url}/incidenten/{incident.pk}/nafase/")
    people = tab.get_by_role("region", name="Wie er kwamen")
    expect(people).to_contain_text("Aangekomen op het alarmeringsbord: 2")
    people.get_by_role("link", name="Wie er kwamen, en het bedankje").click()

    expect(tab.get_by_role("heading", name="Wie er kwamen", exact=True)).to_be_visible()
    expect(tab.locator(".incident-head")).to_contain_text("OEFENING")
    rows = tab.locator("#people-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(world.officers[0].full_name)
    expect(rows.first).to_contain_text("ja")
    expect(tab.get_by_text(world.officers[1].full_name)).to_have_count(0)  # declined
    text = tab.get_by_label("Tekst")
    expect(text).to_have_value(re.compile("^Dank voor je deelname aan de oefening"))
    expect(tab.get_by_text("Per e-mail: 2")).to_be_visible()
    _no_violations(tab)

    tab.get_by_role("button", name="Bedankje versturen (2 ontvangers)").click()
    expect(
        tab.get_by_text("Ontvangers van het bedankje: 2; het versturen is begonnen.")
    ).to_be_visible()
    panel = tab.locator(".thanks-panel")
    expect(panel).to_contain_text("bezig met verzenden")
    _no_violations(tab)

    # The worker sends; the counts refresh by themselves.
    deliver_items(list(ThankYouItem.objects.values_list("pk", flat=True)))
    expect(panel).to_contain_text("afgerond", timeout=15_000)
    # Sent at, by, e-mail, SMS, queued, delivered, failed, status.
    expect(panel.get_by_role("row", name=re.compile(r"2 0 0 2 0 afgerond"))).to_be_visible()
    # The form gives way to the reason a second one cannot go yet.
    expect(tab.get_by_text(re.compile("er is om .* al een verstuurd"))).to_be_visible()

    tab.get_by_role("link", name="Afdrukweergave").click()
    expect(tab.get_by_role("heading", name=re.compile("OEFENING Wie er kwamen"))).to_be_visible()
    expect(tab.locator("#people-print tbody tr")).to_have_count(2)
    context.close()
