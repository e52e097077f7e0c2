"""The signals in a real browser, on a tablet at the information line: a question recorded
with the quick entry, a tally of an hour, a rumour linked to the message that counters it,
and the charts with their tables; axe finds no accessibility problems and nothing is wider
than the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.communication.models import Message, Signal
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

TABLET = {"width": 768, "height": 1024}


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]


def test_the_information_line_on_a_tablet(page: Any, live_server: Any) -> None:
    world = build_world()
    adviser(world.region, "infolijn")
    incident = start_incident(world, title="Brand Velsen-Noord")
    rumour = Signal.objects.create(
        incident=incident,
        source="social",
        text="Er komt koolmonoxide uit de loods!",
        topic="koolmonoxide",
        rumour=True,
        count=9,
        at=timezone.now() - dt.timedelta(minutes=4),
    )
    counter = Message.objects.create(
        incident=incident,
        kind="public",
        title="Geen koolmonoxide buiten de loods",
        text="De brandweer meet geen koolmonoxide in de wijk.",
        status="published",
        approved_at=timezone.now(),
        published_at=timezone.now(),
    )
    context = page.context.browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=TABLET, bypass_csp=True
    )
    tablet = context.new_page()
    log_in(tablet, live_server, "infolijn")

    tablet.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")
    tablet.get_by_role("link", name="Signalen: vastleggen, turven, importeren").click()
    entry = tablet.locator("#quick-entry")
    entry.get_by_label("Wat werd er gevraagd of gezegd").fill("Is de rook giftig?")
    entry.get_by_label("Onderwerp").fill("Rook")
    entry.get_by_label("Doel").select_option("limit_harm")
    _no_violations(tablet)
    _fits(tablet)
    tablet.get_by_role("button", name="Signaal vastleggen").click()
    expect(tablet.get_by_text("Signaal vastgelegd.")).to_be_visible()
    expect(tablet.locator("table")).to_contain_text("Is de rook giftig?")
    # The goal stays chosen for the next caller.
    expect(tablet.locator("#quick-entry").get_by_label("Doel")).to_have_value("limit_harm")

    tablet.get_by_role("link", name="Turven").click()
    end = timezone.localtime().replace(second=0, microsecond=0)
    tablet.locator("#id_start").fill((end - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    tablet.locator("#id_end").fill(end.strftime("%Y-%m-%dT%H:%M"))
    tablet.get_by_label("Onderwerp of vraag (regel 1)").fill("rook giftig?")
    tablet.get_by_label("Aantal (regel 1)").fill("12")
    _no_violations(tablet)
    _fits(tablet)
    tablet.get_by_role("button", name="Turflijst vastleggen").click()
    expect(tablet.get_by_text("Turflijst vastgelegd: 1 onderwerpen, 12 contacten.")).to_be_visible()

    tablet.get_by_role("link", name="Geruchten").click()
    tablet.get_by_label("Weerlegd door").select_option(
        label=f"{counter.title} ({timezone.localtime(counter.published_at):%d-%m %H:%M})"
    )
    tablet.get_by_role("button", name="Opslaan").click()
    expect(
        tablet.get_by_text("Gerucht gekoppeld aan het bericht dat het weerlegt.")
    ).to_be_visible()
    expect(tablet.locator(f"#rumour-{rumour.pk}")).to_contain_text("weerlegd")
    _no_violations(tablet)

    tablet.get_by_role("link", name="Grafieken").click()
    chart = tablet.get_by_role("img", name="Signalen per onderwerp")
    expect(chart).to_be_visible()
    expect(tablet.get_by_role("table", name="Signalen per doel")).to_contain_text("schadebeperking")
    _no_violations(tablet)
    _fits(tablet)
    context.close()
