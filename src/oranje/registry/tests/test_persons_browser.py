"""The persons part in a real browser: registering on a tablet with the keyboard only (the
first field has the focus, Tab walks the form in order, Enter saves, the form comes back
empty with a confirmation and a link to the person), and merging a double registration by
hand and undoing it."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.core.tests.browser import BROWSER_TEST, log_in
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world
from oranje.registry import services
from oranje.registry.constants import Source, Status, Whereabouts
from oranje.registry.models import Merge, Person, PossibleDuplicate

pytestmark = BROWSER_TEST

TABLET = {"width": 1024, "height": 768}


def _serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page (served locally)."""
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _officer(world: Any) -> User:
    user = User.objects.create_user(username="registratie", password="test-pass-123")
    Membership.objects.create(user=user, role=Role.REGISTRY_OFFICER, region=world.region)
    return user


def test_register_on_a_tablet_with_the_keyboard_only(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world, title="Brand zorgcentrum")
    _officer(world)
    page.set_viewport_size(TABLET)
    log_in(page, live_server, "registratie")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/registratie/personen/nieuw/")

    given = page.get_by_label("Voornamen")
    expect(given).to_be_focused()  # autofocus: typing starts at once
    keyboard = page.keyboard
    keyboard.type("Maria Johanna")
    keyboard.press("Tab")
    keyboard.type("van der")
    keyboard.press("Tab")
    keyboard.type("Berg")
    keyboard.press("Tab")
    expect(page.get_by_label("Naamgebruik")).to_be_focused()
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.press("Tab")
    expect(page.get_by_label("Geboortedatum")).to_be_focused()
    keyboard.type("3-1950")  # year and month only
    keyboard.press("Tab")
    keyboard.press("Tab")
    expect(page.get_by_label("Geslacht")).to_be_focused()
    keyboard.type("vrouw")
    keyboard.press("Tab")
    expect(page.get_by_label("Postcode")).to_be_focused()
    keyboard.type("2011ab")
    keyboard.press("Tab")
    keyboard.type("12a")
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.type("Grote Markt")
    keyboard.press("Tab")
    keyboard.type("Haarlem")
    keyboard.press("Tab")
    expect(page.get_by_label("Telefoon")).to_be_focused()
    keyboard.type("06 12345678")
    keyboard.press("Tab")
    expect(page.locator("#id_email")).to_be_focused()
    keyboard.press("Tab")
    expect(page.locator("#id_updates_consent")).to_be_focused()  # unknown: left alone
    keyboard.press("Tab")
    keyboard.type("111222333")
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.press("Tab")
    expect(page.locator("#id_status")).to_be_focused()
    keyboard.type("gewond")
    keyboard.press("Tab")
    expect(page.locator("#id_whereabouts")).to_be_focused()  # default: shelter
    keyboard.press("Tab")
    keyboard.type("Sporthal Zuid")
    keyboard.press("Enter")  # Enter saves

    confirmation = page.get_by_role("status").filter(has_text="Geregistreerd:")
    expect(confirmation).to_be_visible()
    person = Person.objects.get()
    assert (person.given_names, person.prefix, person.surname) == (
        "Maria Johanna",
        "van der",
        "Berg",
    )
    assert (person.birth_year, person.birth_month, person.birth_day) == (1950, 3, None)
    assert person.sex == "V" and person.postcode == "2011 AB" and person.house_number == 12
    assert person.bsn == "111222333" and person.phone == "+31612345678"
    assert person.current_status == Status.INJURED
    assert person.current_whereabouts == Whereabouts.SHELTER
    assert person.current_place == "Sporthal Zuid"
    # The form is empty again, ready for the next person, the focus on its first field.
    expect(page.get_by_label("Voornamen")).to_be_focused()
    expect(page.get_by_label("Voornamen")).to_have_value("")
    assert _serious_violations(page) == []
    expect(page.locator("#id_surname")).to_have_value("")
    # The confirmation links to the person.
    confirmation.get_by_role("link", name="Maria Johanna van der Berg").click()
    expect(page.get_by_role("heading", name="Maria Johanna van der Berg")).to_be_visible()
    expect(page.get_by_text("Sporthal Zuid").first).to_be_visible()
    assert _serious_violations(page) == []
    page.get_by_role("link", name="Alle getroffenen").click()
    expect(page.get_by_role("link", name="Maria Johanna van der Berg")).to_be_visible()
    assert _serious_violations(page) == []


def test_merging_a_double_registration_and_undoing_it(page: Any, live_server: Any) -> None:
    world = build_world()
    incident = start_incident(world, title="Brand zorgcentrum")
    officer = _officer(world)
    for given, source in (("Johannes", Source.SHELTER), ("Hans", Source.FIELD)):
        services.person_register(
            incident=incident,
            actor=officer,
            data=services.PersonData(
                given_names=given,
                prefix="de",
                surname="Vries",
                birth_year=1950,
                birth_month=3,
                birth_day=4,
            ),
            status=services.StatusData(
                status=Status.UNHARMED, whereabouts=Whereabouts.SHELTER, source=source
            ),
        )
    pair = PossibleDuplicate.objects.get()  # found after the commit, as in production
    hans = Person.objects.get(given_names="Hans")
    page.on("dialog", lambda dialog: dialog.accept())  # "Deze twee registraties samenvoegen?"
    log_in(page, live_server, "registratie")
    page.goto(f"{live_server.url}/incidenten/{incident.pk}/registratie/")
    page.get_by_role("link", name="Dubbele registraties").click()

    card = page.locator(f"#dup-{pair.pk}").locator("xpath=..")
    expect(card.get_by_text(pair.reasons[0]).first).to_be_visible()  # the engine's reasons
    assert _serious_violations(page) == []
    card.get_by_label("Hans de Vries").check()  # keep the second registration
    card.get_by_role("button", name="Samenvoegen").click()
    expect(page.get_by_text("samengevoegd met Hans de Vries")).to_be_visible()
    expect(page.get_by_text("Geen dubbele registraties om over te beslissen.")).to_be_visible()
    merge = Merge.objects.get()
    assert merge.kept_id == hans.pk and merge.merged.merged_into_id == hans.pk

    page.get_by_role("link", name="Samenvoegingen").click()
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_text("Samenvoeging ongedaan gemaakt")).to_be_visible()
    merge.refresh_from_db()
    assert merge.undone_at is not None
    assert not Person.objects.filter(merged_into__isnull=False).exists()
