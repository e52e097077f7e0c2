"""The IAC in a real browser: an IAC officer opens a case for a household with limited
mobility, records a home visit, adds a follow-up and a referral, and closes the case; axe
finds no accessibility problems on the case page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from oranje.aftercare.models import IacCase
from oranje.aftercare.tests.iac_helpers import iac_officer
from oranje.core.models import AuditEntry
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST


def _no_violations(page: Any) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
    ]


def test_a_home_visit_for_a_household_with_limited_mobility(page: Any, live_server: Any) -> None:
    world = build_world()
    iac_officer(world.region, "iac")
    incident = start_incident(world, title="Gaslek Velsen-Noord")
    log_in(page, live_server, "iac")

    page.goto(f"{live_server.url}/incidenten/{incident.pk}/nafase/")
    page.get_by_role("link", name="IAC-dossiers").click()
    page.locator("main").get_by_role("link", name="Dossier openen").first.click()
    page.locator("#id_household_name").fill("Fam. Visser")
    page.locator("#id_phone").fill("06 12345678")
    page.locator("#id_street").fill("Wijkerstraatweg")
    page.locator("#id_house").fill("40b")
    page.locator("#id_postcode").fill("1951 ab")
    page.locator("#id_city").fill("Velsen-Noord")
    page.get_by_label("Beperkt mobiel: liever een huisbezoek dan de balie").check()
    page.get_by_label("huisvesting").check()
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("Dossier 1 geopend.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Wijkerstraatweg 40B, 1951 AB Velsen-Noord")
    expect(page.locator("dl.facts")).to_contain_text("beperkt mobiel: huisbezoek")

    contacts = page.locator("#contacts")
    contacts.locator("summary").click()
    expect(contacts).to_contain_text("Beperkt mobiel: liever een huisbezoek dan de balie.")
    contacts.get_by_label("Soort contact").select_option("home_visit")
    contacts.get_by_label("Samenvatting").fill("Keukentafelgesprek: kachel stuk, zoon helpt.")
    contacts.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_text("Contact vastgelegd.")).to_be_visible()
    expect(page.locator("#contacts li.home-visit")).to_contain_text("Huisbezoek")

    follow_ups = page.locator("#follow-ups")
    follow_ups.locator("summary").click()
    due = timezone.localdate() + dt.timedelta(days=7)
    follow_ups.get_by_label("Uiterlijk op").fill(due.isoformat())
    follow_ups.get_by_label("Wat er moet gebeuren").fill("Terugbellen over de kachel")
    follow_ups.get_by_label("Toegewezen aan").select_option(label="Ilse Adviseur")
    follow_ups.get_by_role("button", name="Vervolgactie toevoegen").click()
    expect(page.get_by_text("Vervolgactie toegevoegd.")).to_be_visible()
    expect(page.locator("#follow-ups")).to_contain_text("Terugbellen over de kachel")

    referrals = page.locator("#referrals")
    referrals.locator("summary").click()
    referrals.get_by_label("Verwezen naar").select_option("ggd")
    referrals.get_by_label("Organisatie").fill("GGD Kennemerland")
    referrals.get_by_role("button", name="Verwijzing vastleggen").click()
    expect(page.get_by_text("Verwijzing vastgelegd.")).to_be_visible()
    expect(page.locator("#referrals")).to_contain_text("GGD Kennemerland")
    _no_violations(page)

    closure = page.locator("#closure")
    expect(closure).to_contain_text("Nog open vervolgacties: 1.")
    closure.get_by_label("Afsluitende notitie").fill("Kachel vervangen; geen vragen meer.")
    closure.get_by_role("button", name="Dossier sluiten").click()
    # Refused while the follow-up is open, unless it is done with the closure.
    expect(page.locator("#closure [role=alert]")).to_contain_text("vervolgacties")
    closure = page.locator("#closure")
    closure.get_by_label("Afsluitende notitie").fill("Kachel vervangen; geen vragen meer.")
    closure.get_by_label("De open vervolgacties zijn met het sluiten afgerond").check()
    closure.get_by_role("button", name="Dossier sluiten").click()
    expect(page.get_by_text("Dossier gesloten.")).to_be_visible()
    expect(page.locator("#closure")).to_contain_text("Gesloten op")

    case = IacCase.objects.get(incident=incident)
    assert case.status == "closed" and case.limited_mobility
    assert case.contacts.get().kind == "home_visit"
    assert not case.follow_ups.filter(done_at__isnull=True).exists()
    assert AuditEntry.objects.filter(action="iac.close").count() == 1
    _no_violations(page)
