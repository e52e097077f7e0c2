"""The hot phase in a real browser: start an exercise, scale it, see the alert board, answer
the alert on a phone, write in the logbook and watch it arrive live in a second window."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from oranje.alerting.models import AlertRule
from oranje.alerting.tasks import deliver
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import put_on_call
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def test_an_exercise_is_started_scaled_answered_and_logged_live(page, live_server, settings):
    settings.SITE_URL = live_server.url
    world = build_world()
    AlertRule.objects.filter(region=world.region).exclude(function=world.ovd, grip_level=1).delete()
    put_on_call(world)

    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/incidenten/nieuw/")
    page.get_by_label("Titel").fill("Gasstoring Velsen-Noord")
    page.get_by_label("Dit is een oefening (OEFENING)").check()
    page.get_by_label("Gemeente van het incident").select_option(label="Velsen")
    page.get_by_label("Locatie (adres)").fill("Wijkerstraatweg")
    page.get_by_role("button", name="Incident starten").click()
    expect(page.get_by_text("Incident gestart.")).to_be_visible()
    expect(page.locator(".exercise-banner")).to_be_visible()

    page.get_by_label("GRIP-niveau").select_option("1")
    page.get_by_label("Besloten door").fill("Leider CoPI")
    page.get_by_label("Reden").fill("Gaslucht in de wijk")
    page.get_by_role("button", name="Opschalen en alarmeren").click()
    expect(page.locator(".board-overview").get_by_role("row", name="OVD-BZ")).to_be_visible()
    board = page.locator("details", has_text="OVD-BZ")
    expect(board.get_by_text("0/1 komt")).to_be_visible()
    board.locator("summary").click()  # open the folded people list of OVD-BZ

    # The worker's job, done here: deliver the queued mail.
    from oranje.alerting.models import Delivery

    deliver.call(list(Delivery.objects.filter(status="pending").values_list("pk", flat=True)))
    link = re.search(r"http://\S+/alarmering/\S+/", mail.outbox[0].body).group(0)
    assert mail.outbox[0].subject.startswith("OEFENING ALARM OVD-BZ")
    phone = page.context.browser.new_page(viewport={"width": 390, "height": 800})
    phone.goto(link)
    expect(phone.get_by_text("OEFENING — geen echt incident")).to_be_visible()
    phone.get_by_label("Ik kom", exact=True).check()
    phone.get_by_label("Ik kan er zijn over (minuten)").fill("15")
    phone.get_by_role("button", name="Antwoord versturen").click()
    expect(phone.get_by_text("Verwacht over 15 minuten.")).to_be_visible()
    phone.get_by_role("button", name="Ik ben aangekomen").click()
    expect(phone.get_by_text("Aankomst vastgelegd")).to_be_visible()

    # The board updates itself (htmx polling) without a reload.
    board.get_by_text("1/1 komt").wait_for(timeout=10_000)
    assert board.evaluate("details => details.open"), "a live update folded the list up again"

    # A second officer watches the logbook while the coordinator writes in it.
    page.get_by_role("link", name="Logboek").click()
    watcher = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    other = watcher.new_page()
    log_in(other, live_server, "ovd")
    other.goto(page.url)
    page.get_by_label("Wat is er gebeurd?").fill("1.300 huishoudens zonder gas")
    page.get_by_label("Proces:").select_option(label="opvang en verzorging")
    page.get_by_role("button", name="Toevoegen aan logboek").click()
    page.locator("#quick-entry").get_by_text("opgeslagen.").wait_for(timeout=10_000)
    other.get_by_text("1.300 huishoudens zonder gas").wait_for(timeout=10_000)
    assert page.get_by_label("Wat is er gebeurd?").input_value() == ""
    watcher.close()

    page.get_by_role("link", name="Checklists").click()
    page.get_by_role("button", name="Afvinken: Moet de overheid hier iets doen?").first.click()
    expect(
        page.get_by_role("button", name="Ongedaan maken: Moet de overheid hier iets doen?").first
    ).to_be_visible()
    assert timezone.now() - dt.timedelta(minutes=5) < world.region.incidents.get().started_at
