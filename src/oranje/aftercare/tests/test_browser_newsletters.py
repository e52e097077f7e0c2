"""A newsletter in a real browser, on a tablet: the IAC officer writes a newsletter from the
aftercare tab, sees who receives it by which channel, sends it after confirming, follows the
delivery counts as the worker sends (the panel refreshes by itself) and downloads the printed
letters; axe finds no accessibility problems and nothing is wider than the screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.aftercare.delivery import deliver_items
from oranje.aftercare.models import NewsletterItem
from oranje.aftercare.tests.newsletter_helpers import cases, iac_officer
from oranje.core.models import AuditEntry
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

TABLET = {"width": 768, "height": 1024}


def _no_violations(page: Any, context: Any = None) -> None:
    violations = Axe().run(page, context=context).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_an_iac_officer_writes_sends_and_prints_a_newsletter(page: Any, live_server: Any) -> None:
    world = build_world()
    iac_officer(world.region, "nazorg")
    incident = start_incident(world, title="Gasstoring Velsen-Noord")
    cases(incident, 2)
    cases(incident, 1, email=False, prefix="brief")
    context = page.context.browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport=TABLET,
        bypass_csp=True,
        accept_downloads=True,
    )
    tablet = context.new_page()
    log_in(tablet, live_server, "nazorg")

    tablet.goto(f"{live_server.url}/incidenten/{incident.pk}/nafase/")
    section = tablet.get_by_role("region", name="Nieuwsbrieven aan getroffen huishoudens")
    expect(section).to_contain_text("Er is nog geen nieuwsbrief geschreven.")
    _no_violations(tablet, {"include": [["section[aria-labelledby='aftercare-newsletters']"]]})
    section.get_by_role("link", name="Nieuwe nieuwsbrief").click()

    tablet.get_by_label("Onderwerp").fill("Stand van zaken na de gasstoring")
    tablet.get_by_label("Tekst").fill(
        "Beste bewoners,\n\nDe gaslevering is hersteld. Heeft u schade? Meld het bij het IAC."
    )
    _no_violations(tablet)
    tablet.get_by_role("button", name="Opslaan als concept").click()
    expect(tablet.get_by_text("De nieuwsbrief is opgeslagen als concept.")).to_be_visible()
    receivers = tablet.get_by_role("region", name="Wie hem nu ontvangt")
    expect(receivers.get_by_role("row", name="Per e-mail 2")).to_be_visible()
    expect(receivers.get_by_role("row", name="Als brief (geen e-mailadres) 1")).to_be_visible()
    _no_violations(tablet)

    tablet.get_by_role("link", name="Versturen…").click()
    expect(tablet.get_by_role("heading", name="De nieuwsbrief versturen?")).to_be_visible()
    _no_violations(tablet)
    tablet.get_by_role("button", name="Verstuur de nieuwsbrief").click()
    expect(
        tablet.get_by_text(
            "De nieuwsbrief gaat per e-mail naar 2 huishoudens; 1 krijgen een brief."
        )
    ).to_be_visible()
    panel = tablet.locator(".newsletter-panel")
    expect(panel).to_contain_text("bezig met verzenden")
    _no_violations(tablet)
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]

    # The worker sends; the panel refreshes by itself.
    deliver_items(list(NewsletterItem.objects.values_list("pk", flat=True)))
    expect(panel).to_contain_text("afgerond", timeout=15_000)
    # Queued, sent by e-mail, failed, not sent, printed letter, state.
    expect(panel.get_by_role("row", name=re.compile(r"^0 2 0 0 1 afgerond"))).to_be_visible()

    with tablet.expect_download() as download:
        tablet.get_by_role("link", name="Brieven afdrukken (pdf, 1)").click()
    saved = Path(download.value.path())
    assert saved.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == (
        f"brieven-nieuwsbrief-{NewsletterItem.objects.first().newsletter_id}.pdf"  # type: ignore[union-attr]
    )
    assert AuditEntry.objects.filter(action="newsletter.letters").count() == 1
    context.close()
