"""Inquiries in a real browser: an operator takes an inquiry by keyboard, sees the ranked
candidates with the engine's reasons at once and confirms one; four eyes on a deceased
person, with two officers in two browser contexts, and the police instead of a call."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.organisation.tests.factories import build_world
from oranje.registry import services
from oranje.registry.constants import InquiryStatus, Source, Status, Whereabouts
from oranje.registry.models import Inquiry
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = BROWSER_TEST


def _registry() -> RegistryWorld:
    rw = build_registry(build_world())
    for user in (rw.officer, rw.second_officer):
        user.set_password("test-pass-123")
        user.save()
    return rw


def test_take_an_inquiry_and_confirm_it(page: Any, live_server: Any) -> None:
    rw = _registry()
    register(rw)  # Johannes de Vries, 4-3-1950, unharmed in a shelter
    register(rw, given="Pieter", prefix="", surname="Bakker", birth=(1980, 1, 1))
    log_in(page, live_server, "reg_anna")
    page.goto(f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/")
    page.get_by_role("link", name="Vraag aannemen").click()
    # The caller's name has the focus: an operator on a headset types straight away.
    expect(page.get_by_label("Naam beller")).to_be_focused()
    page.keyboard.type("Marieke de Vries")
    page.keyboard.press("Tab")
    page.keyboard.type("0612345678")
    page.keyboard.press("Tab")
    page.keyboard.type("dochter")
    page.get_by_label("Voornamen").fill("Hans")
    page.get_by_label("Tussenvoegsel").fill("de")
    page.get_by_label("Achternaam").fill("Vries")
    page.get_by_label("Geboortedatum").fill("4-3-1950")
    page.get_by_label("Geboortedatum").press("Control+Enter")  # saves from any field
    expect(page.get_by_text("Vraag V1 opgeslagen.")).to_be_visible()
    candidate = page.locator("li.candidate").first
    expect(candidate).to_contain_text("Johannes de Vries")
    expect(candidate).to_contain_text("'hans' is een bekende naam voor 'johannes'")
    expect(candidate).to_contain_text("opvanglocatie")
    candidate.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Kandidaat bevestigd: bel de beller terug.")).to_be_visible()
    inquiry = Inquiry.objects.get()
    assert inquiry.status == InquiryStatus.FOUND and inquiry.person is not None
    # Not asked yet whether the caller may hear where: the call form warns.
    expect(
        page.get_by_text("Toestemming om de verblijfplaats te delen is nog niet")
    ).to_be_visible()
    page.get_by_role("button", name="Geeft toestemming").click()
    page.get_by_label("bereikt", exact=True).check()
    page.get_by_label("De persoon verblijft in een opvanglocatie.").check()
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Terugbelgesprek vastgelegd.")).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INFORMED


def test_four_eyes_on_deceased(page: Any, live_server: Any) -> None:
    rw = _registry()
    register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    url = f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/vragen/{inquiry.pk}/"

    log_in(page, live_server, "reg_anna")
    page.goto(url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("een tweede registratiemedewerker moet bevestigen")).to_be_visible()
    expect(page.get_by_role("button", name="Bevestigen als tweede medewerker")).to_have_count(0)

    other = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    bram = other.new_page()
    try:
        log_in(bram, live_server, "reg_bram")
        bram.goto(f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/vragen/")
        row = bram.locator(f"#q{inquiry.pk}")
        expect(row).to_contain_text("wacht op tweede medewerker")
        row.get_by_role("link", name="V1").click()
        bram.once("dialog", lambda dialog: dialog.accept())
        bram.get_by_role("button", name="Bevestigen als tweede medewerker").click()
        expect(bram.get_by_text("Bevestigd door twee medewerkers.")).to_be_visible()
        expect(bram.get_by_text("bij de politie").first).to_be_visible()
        # Never a call from Oranje: no call form, the police buttons instead.
        expect(bram.get_by_role("button", name="Gesprek vastleggen")).to_have_count(0)
        bram.get_by_role("button", name="Politie gevraagd").click()
        expect(bram.get_by_text("Vastgelegd: de politie is gevraagd")).to_be_visible()
    finally:
        other.close()

    page.reload()
    page.get_by_role("button", name="Politie bevestigt: naasten geïnformeerd").click()
    expect(
        page.get_by_text("Vastgelegd: de politie heeft de naasten geïnformeerd.")
    ).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INFORMED
    assert not inquiry.calls.exists()


def test_the_queue_updates_itself_and_a_strong_candidate_moves_up(
    page: Any, live_server: Any
) -> None:
    rw = _registry()
    older = services.inquiry_create(
        incident=rw.incident,
        actor=rw.second_officer,
        data=inquiry_data(given_names="Pieter", prefix="", surname="Bakker", birth_year=1980),
    )
    log_in(page, live_server, "reg_anna")
    page.goto(f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/vragen/")
    rows = page.locator("#inquiry-queue tbody tr")
    expect(rows).to_have_count(1)
    newer = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    expect(rows).to_have_count(2, timeout=25_000)  # without a reload: htmx polls
    expect(rows.first).to_have_id(f"q{older.pk}")
    register(rw)  # the newer inquiry's person arrives: a strong candidate
    expect(rows.first).to_have_id(f"q{newer.pk}", timeout=25_000)
    expect(rows.first).to_contain_text("sterke kandidaat")
    # Taking the older one from the queue.
    rows.nth(1).get_by_role("button", name=f"V{older.number} oppakken").click()
    expect(page.locator(f"#q{older.pk} strong")).to_have_text("u")
    older.refresh_from_db()
    assert older.assigned_to == rw.officer


def test_the_inquiry_pages_have_no_serious_accessibility_violations(
    page: Any, live_server: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    rw = _registry()
    register(rw)
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    context = page.context.browser.new_context(locale="nl-NL", bypass_csp=True)
    axe_page = context.new_page()
    try:
        log_in(axe_page, live_server, "reg_anna")
        base = f"{live_server.url}/incidenten/{rw.incident.pk}/registratie/vragen/"
        problems = {}
        for url in (base, base + "nieuw/", f"{base}{inquiry.pk}/"):
            axe_page.goto(url)
            found = [
                f"{v['id']} ({v['impact']})"
                for v in Axe().run(axe_page).response["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
            if found:
                problems[url] = found
        assert not problems, problems
    finally:
        context.close()
