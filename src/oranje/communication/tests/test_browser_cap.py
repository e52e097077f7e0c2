"""The NL-Alert draft and the text for social media in a real browser: reached from the
message's page, the copy button works from the keyboard under the site's Content-Security-
Policy, the CAP file downloads valid, and neither page has an accessibility violation on a
tablet (axe-core)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.communication.services.cap import parse_cap
from oranje.communication.tests.capcheck import assert_valid_cap, warning
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

TABLET = {"width": 768, "height": 1024}


@pytest.mark.strict_csp
def test_the_nl_alert_draft_is_copied_and_its_cap_downloaded(page: Any, live_server: Any) -> None:
    world = build_world()
    message = warning(start_incident(world, title="Brand loods Velsen-Noord"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, "viewer")
    page.goto(
        f"{live_server.url}/incidenten/{message.incident_id}/communicatie/berichten/{message.pk}/"
    )
    page.get_by_role("link", name="Concept NL-Alert en CAP 1.2").click()
    expect(page.get_by_role("heading", name=f"Concept NL-Alert: {message.title}")).to_be_visible()
    expect(page.get_by_text("Oranje stelt deze tekst en het CAP-bestand op")).to_be_visible()
    expect(page.locator("#nl-alert-text")).to_contain_text(message.instruction)

    # The copy button, from the keyboard: focus it and press Enter.
    button = page.get_by_role("button", name="Kopieer de tekst")
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#nl-alert-text-status")).to_have_text("Gekopieerd.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#nl-alert-text").text_content()
    assert copied.startswith("NL-Alert ")

    with page.expect_download() as caught:
        page.get_by_role("link", name="Download het CAP-bestand").click()
    download = caught.value
    assert download.suggested_filename == f"cap-vr12-{message.pk}.xml"
    with open(download.path(), "rb") as file:
        document = file.read()
    assert_valid_cap(document)
    assert parse_cap(document)["info"][0]["headline"] == message.title


def test_the_export_pages_have_no_accessibility_violations_on_a_tablet(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    message = warning(
        start_incident(world, exercise=True), text="Bewoners worden geëvacueerd.", social_text=""
    )
    context = page.context.browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=TABLET, bypass_csp=True
    )
    tablet = context.new_page()
    log_in(tablet, live_server, "viewer")
    base = f"{live_server.url}/incidenten/{message.incident_id}/communicatie/berichten/{message.pk}"
    for part, heading in (
        ("nl-alert/", f"Concept NL-Alert: {message.title}"),
        ("sociale-media/", f"Tekst voor sociale media: {message.title}"),
    ):
        tablet.goto(f"{base}/{part}")
        expect(tablet.get_by_role("heading", name=heading)).to_be_visible()
        expect(tablet.locator(".exercise-banner")).to_contain_text("OEFENING")
        tablet.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
        violations = Axe().run(tablet).response["violations"]
        assert violations == [], [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
        ]
        width = tablet.evaluate("document.documentElement.scrollWidth")
        assert width <= TABLET["width"], part
    # The social text is a labelled field a keyboard user can select.
    expect(tablet.get_by_label("De post")).to_have_value(
        "OEFENING: Houd ramen en deuren gesloten Ga naar binnen. Sluit ramen en deuren. Zet de "
        "ventilatie uit."
    )
    context.close()
