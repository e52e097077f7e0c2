"""The network in a real browser: a national quality monitor sees the warning that the
portfolio holders are behind their minimum this year, plans a meeting and sees the count
change; then records an advisory question with an owner from the directory, is refused when
marking it answered without an answer, and answers it. axe finds no accessibility problems on
the meetings, the form and the question's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.learning.models import AdvisoryQuestion
from oranje.learning.services import network as services
from oranje.learning.tests.network_helpers import national_monitor
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_the_meetings_warning_and_an_advisory_question(page: Any, live_server: Any) -> None:
    world = build_world()
    nm = national_monitor("landelijk")
    today = timezone.localdate()
    first_day = dt.date(today.year, 1, 15)
    services.meeting_save(actor=nm, body="portfolio", held_on=first_day, status="held")
    services.member_save(actor=nm, name="Carla Voorzitter", role="chair", region=None)
    services.member_save(
        actor=world.coordinator, name="Sam Secretaris", role="secretary", region=world.region
    )

    log_in(page, live_server, "landelijk")
    page.goto(f"{live_server.url}/leren/netwerk/bijeenkomsten/")
    warning = page.locator("#body-portfolio ~ .warnings, section:has(#body-portfolio) .warnings")
    expect(warning.first).to_contain_text(
        "De portefeuillehouders kwamen dit jaar 1 keer bijeen; minimaal 4 per jaar"
    )
    _no_violations(page)

    # Plan a meeting still to come this year (or today, in the last days of December).
    later = min(today + dt.timedelta(days=7), dt.date(today.year, 12, 31))
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    page.locator("#id_body").select_option("portfolio")
    page.locator("#id_held_on").fill(later.isoformat())
    page.locator("#id_status").select_option("planned")
    page.locator("#id_theme").fill("Nazorg na de brand")
    _no_violations(page)
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    expect(page.get_by_text("Bijeenkomst opgeslagen.")).to_be_visible()
    page.goto(f"{live_server.url}/leren/netwerk/bijeenkomsten/")
    expect(page.locator("section:has(#body-portfolio) .warnings")).to_contain_text(
        "(nog 1 gepland)."
    )

    # An advisory question with an owner from the directory.
    page.goto(f"{live_server.url}/leren/netwerk/adviesvragen/")
    page.get_by_role("link", name="Nieuwe adviesvraag").click()
    page.locator("#id_title").fill("Advies over regionale pools")
    page.locator("#id_question").fill("Hoe richten de regio's hun pools in?")
    page.locator("#id_owner").select_option(label="Carla Voorzitter — voorzitter")
    page.locator("#id_deadline").fill((today + dt.timedelta(days=30)).isoformat())
    page.locator("#id_status").select_option("answered")
    page.get_by_role("button", name="Adviesvraag opslaan").click()
    expect(page.locator("main [role=alert]").first).to_contain_text("antwoord:")
    _no_violations(page)
    page.locator("#id_answer").fill("Drie hoofdpools per regio.")
    page.get_by_role("button", name="Adviesvraag opslaan").click()
    expect(page.get_by_text("Adviesvraag opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advies over regionale pools")
    expect(page.locator("dl.facts")).to_contain_text("Carla Voorzitter")
    expect(page.locator("main")).to_contain_text("Drie hoofdpools per regio.")
    _no_violations(page)
    advice = AdvisoryQuestion.objects.get()
    assert advice.status == "answered" and advice.owner is not None
    assert advice.answered_on == today
