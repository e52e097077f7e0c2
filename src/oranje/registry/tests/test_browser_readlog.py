"""The read log in a real browser: a registry officer opens a person, and the registry
coordinator sees that read in the person's read log (reached from the person's page)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.registry.tests.factories import build_registry, register

pytestmark = BROWSER_TEST


def test_the_read_log(page: Any, live_server: Any) -> None:
    rw = build_registry(build_world())
    for user in (rw.officer, rw.coordinator):
        user.set_password("test-pass-123")
        user.save()
    person = register(rw)  # Johannes de Vries
    person_url = f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/personen/{person.pk}/"

    log_in(page, live_server, "reg_anna")
    page.goto(person_url)
    expect(page.get_by_role("heading", name="Johannes de Vries")).to_be_visible()
    # An officer has no read log: no link to it.
    expect(page.get_by_role("link", name="Wie heeft dit gelezen")).to_have_count(0)

    context = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    coordinator = context.new_page()
    log_in(coordinator, live_server, "reg_coord")
    coordinator.goto(person_url)
    coordinator.get_by_role("link", name="Wie heeft dit gelezen").click()
    expect(coordinator.get_by_role("heading", name="Leeslog: Persoon")).to_be_visible()
    read = coordinator.locator("table.read-log tbody tr").filter(has_text="reg_anna")
    expect(read.first).to_be_visible()
    expect(read.first).to_contain_text("persoon")
    # The coordinator's own look at the person is in it as well.
    expect(
        coordinator.locator("table.read-log tbody tr").filter(has_text="reg_coord").first
    ).to_be_visible()
    # And in the incident's read log, filtered to the officer.
    coordinator.get_by_role("link", name="← Leeslog").click()
    coordinator.get_by_label("Wie").select_option(label="reg_anna")
    coordinator.get_by_role("button", name="Filteren").click()
    rows = coordinator.locator("table.read-log tbody tr")
    expect(rows.first).to_contain_text("reg_anna")
    expect(rows.filter(has_text="reg_coord")).to_have_count(0)
    context.close()
