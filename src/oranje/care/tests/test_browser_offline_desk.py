"""The offline desk in a real browser (Playwright's offline mode): the check-in page opens
from the service worker without a connection, three households checked in offline wait in
the tablet's queue, and are written exactly once when the connection returns; a check-in
refused because the shelter filled up meanwhile stays at the desk as a conflict."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F
from playwright.sync_api import expect

from oranje.care.models import Guest, Household, Shelter
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.registry.models import Person

pytestmark = [*BROWSER_TEST, pytest.mark.strict_csp]


def _desk(page: Any, live_server: Any, day: int) -> tuple[Any, Shelter, str]:
    cw = build_care(build_world())
    cw.desk.set_password("test-pass-123")
    cw.desk.save()
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=day))
    url = f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/"
    log_in(page, live_server, "desk_anna")
    page.goto(url)
    # The service worker keeps the page and its files: from now on it opens offline.
    expect(page.locator("#desk-offline-ready")).to_be_visible()
    return cw, hall, url


def _check_in_offline(page: Any, given: str, surname: str) -> None:
    page.locator("[name=p1-given_names]").fill(given)
    page.locator("[name=p1-surname]").fill(surname)
    page.locator("[name=household-postcode]").fill("2011 AB")
    page.get_by_role("button", name="Inchecken", exact=True).click()
    expect(page.locator("[name=p1-surname]")).to_have_value("")


def test_three_households_checked_in_offline_sync_once(page: Any, live_server: Any) -> None:
    cw, hall, url = _desk(page, live_server, day=100)
    page.context.set_offline(True)
    page.reload()  # from the service worker's copy
    expect(page.locator("#checkin-form")).to_be_visible()
    expect(page.locator("[data-queue-state]")).to_contain_text("Geen verbinding")
    for given, surname in (("Anna", "Jansen"), ("Bram", "de Boer"), ("Cor", "Visser")):
        _check_in_offline(page, given, surname)
    queue = page.locator("#desk-queue")
    expect(queue.get_by_role("heading", name="Nog niet verzonden (3)")).to_be_visible()
    expect(queue.locator("[data-pending-list] li")).to_have_count(3)
    expect(queue.locator("[data-pending-list]")).to_contain_text("Bram de Boer")
    assert not Household.objects.exists()
    # Still queued after the page is opened again offline.
    page.reload()
    expect(queue.locator("[data-pending-list] li")).to_have_count(3)

    page.context.set_offline(False)  # the online event sends the queue
    expect(page.locator("[data-queue-state]")).to_contain_text("Inschrijvingen verzonden: 3.")
    expect(queue.locator("[data-pending-part]")).to_be_hidden()
    assert Household.objects.filter(incident=cw.incident).count() == 3
    assert Guest.objects.filter(household__shelter=hall, present=True).count() == 3
    assert Person.objects.filter(incident=cw.incident).count() == 3
    hall.refresh_from_db()
    assert hall.present == 3
    # Nothing left to send: opening the page again writes nothing more.
    page.goto(url)
    expect(page.locator("#desk-offline-ready")).to_be_visible()
    assert Household.objects.filter(incident=cw.incident).count() == 3


def test_a_shelter_filled_meanwhile_is_a_conflict_at_the_desk(page: Any, live_server: Any) -> None:
    cw, hall, url = _desk(page, live_server, day=2)
    page.context.set_offline(True)
    _check_in_offline(page, "Daan", "Mulder")
    # Meanwhile another desk, online, fills the shelter.
    check_in(cw, hall, "Eva Smit", "Fleur Smit")
    page.context.set_offline(False)
    queue = page.locator("#desk-queue")
    conflicts = queue.locator("[data-conflict-list] li")
    expect(conflicts).to_have_count(1)
    expect(queue.get_by_role("heading", name="Niet ingecheckt: oplossen (1)")).to_be_visible()
    expect(conflicts.first).to_contain_text("Daan Mulder")
    expect(conflicts.first).to_contain_text("Sporthal Zuid is vol")
    assert not Household.objects.filter(guests__surname="Mulder").exists()
    # Never silently dropped: it is still there when the page is opened again.
    page.goto(url)
    expect(conflicts).to_have_count(1)
    # Room is made; the desk sends it again and it is written.
    Shelter.objects.filter(pk=hall.pk).update(capacity_day=F("capacity_day") + 1)
    conflicts.first.get_by_role("button", name="Opnieuw verzenden").click()
    expect(page.locator("[data-queue-state]")).to_contain_text("Inschrijvingen verzonden: 1.")
    expect(conflicts).to_have_count(0)
    expect(queue).to_have_attribute("data-pending", "0")
    assert Household.objects.filter(guests__surname="Mulder").count() == 1
