"""The agreements and the mailing in a real browser, on a tablet: the communication adviser
records who communicates at GRIP 1 and sees it on the incident; sends a published message by
e-mail after confirming, and the panel's counts follow the worker until done; axe finds no
accessibility problems and nothing is wider than the screen."""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.communication.delivery import deliver_items
from oranje.communication.models import MailingItem
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

TABLET = {"width": 768, "height": 1024}


def _no_violations(page: Any, context: Any = None) -> None:
    violations = Axe().run(page, context=context).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_agreements_and_a_mailing_on_a_tablet(page: Any, live_server: Any) -> None:
    world = build_world()
    adviser(world.region, "woordvoerder")
    incident = start_incident(world, title="Brand Velsen-Noord")
    scale(world, incident, 1)
    consenting(incident, 3)
    message = published(incident)
    context = page.context.browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=TABLET, bypass_csp=True
    )
    tablet = context.new_page()
    log_in(tablet, live_server, "woordvoerder")

    tablet.goto(f"{live_server.url}/communicatie/afspraken/")
    expect(tablet.get_by_role("heading", name="Wie communiceert — Kennemerland")).to_be_visible()
    tablet.get_by_label("GRIP 1, publieksinformatie: wie communiceert").select_option(
        "municipality"
    )
    tablet.get_by_label("GRIP 1, publieksinformatie: opmerking").fill("Woordvoerder Haarlem")
    _no_violations(tablet)
    tablet.get_by_role("button", name="Afspraken opslaan").click()
    expect(tablet.get_by_text("De afspraken zijn opgeslagen (1 vakken gewijzigd).")).to_be_visible()

    tablet.goto(f"{live_server.url}/incidenten/{incident.pk}/communicatie/")
    now = tablet.get_by_role("region", name="Wie communiceert nu")
    expect(now).to_contain_text("Woordvoerder Haarlem")
    expect(now).to_contain_text("gemeente")
    mailings = tablet.get_by_role("region", name="Mail en sms aan getroffenen")
    expect(mailings).to_contain_text("Toestemming voor updates: 3 per e-mail, 3 per sms.")
    # This part's sections of the tab (the others are their parts' business).
    mine = [
        "section[aria-labelledby='comm-agreements']",
        "section[aria-labelledby='comm-mailings']",
    ]
    _no_violations(tablet, {"include": [[selector] for selector in mine]})

    mailings.get_by_role("link", name=message.title).click()
    tablet.get_by_role("link", name="Verstuur per e-mail").click()
    _no_violations(tablet)
    tablet.get_by_role("button", name="Verstuur naar 3 personen per e-mail").click()
    expect(tablet.get_by_text("Het bericht gaat naar 3 ontvangers per e-mail.")).to_be_visible()
    panel = tablet.locator(".mailing-panel")
    expect(panel).to_contain_text("bezig met verzenden")
    _no_violations(tablet)
    width = tablet.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"]

    # The worker sends; the panel refreshes by itself.
    deliver_items(list(MailingItem.objects.values_list("pk", flat=True)))
    expect(panel).to_contain_text("afgerond", timeout=15_000)
    # Channel, recipients, queued, sent, failed, not sent.
    expect(
        tablet.get_by_role("row", name=re.compile(r"^E-mail 3 0 3 0 0 afgerond"))
    ).to_be_visible()
    context.close()
