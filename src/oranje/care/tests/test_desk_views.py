"""The shelter desk's pages: check-in (a double submit writes once, a person added without
script, errors naming the field, a full shelter proposing another), the household page,
finding a card by its code, check-out, transfer, the guest list, and the audit of every
page that shows guests (without names)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from oranje.care.models import Guest, Household, Shelter
from oranje.care.services.codes import qr_payload, show_code
from oranje.care.tests.factories import CareWorld, build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

FORM: dict[str, Any] = {
    "household-postcode": "2011 AB",
    "household-house": "12",
    "household-city": "Haarlem",
    "persons": "2",
    "p1-given_names": "Anna",
    "p1-surname": "Jansen",
    "p1-birth": "1950",
    "p1-diet": "glutenvrij",
    "p2-given_names": "Bram",
    "p2-surname": "Jansen",
    "p2-share": "yes",
    "client_key": "5e1c6f0a9b2d4c3e8f7a6b5c4d3e2f10",
}


@pytest.fixture
def cw(world: World) -> CareWorld:
    return build_care(world)


@pytest.fixture
def hall(cw: CareWorld) -> Shelter:
    return open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=10))


@pytest.fixture
def desk(cw: CareWorld) -> Client:
    client = Client()
    client.force_login(cw.desk)
    return client


def _base(hall: Shelter) -> str:
    return f"/incidenten/{hall.incident_id}/opvang/{hall.pk}/balie/"


def _home(hall: Shelter, household: Household) -> str:
    return f"{_base(hall)}huishoudens/{household.pk}/"


def test_the_empty_form_has_a_fresh_key_and_focus_on_the_first_field(
    desk: Client, hall: Shelter
) -> None:
    page = desk.get(_base(hall))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="checkin-form"' in html
    assert re.search(r'name="household-name"[^>]*autofocus', html)
    key = re.search(r'name="client_key" value="([0-9a-f]{32})"', html)
    assert key is not None
    again = desk.get(_base(hall)).content.decode()
    assert key.group(1) not in again
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]


def test_a_check_in_shows_the_household_with_its_code_once_for_a_double_submit(
    desk: Client, hall: Shelter
) -> None:
    first = desk.post(_base(hall), FORM)
    second = desk.post(_base(hall), FORM)
    household = Household.objects.get()
    assert first.status_code == 302 and first["Location"].startswith(_home(hall, household))
    assert "opnieuw=1" in second["Location"]
    hall.refresh_from_db()
    assert hall.present == 2
    assert [g.full_name for g in household.guests.all()] == ["Anna Jansen", "Bram Jansen"]
    assert household.guests.get(given_names="Bram").share_whereabouts is True
    page = desk.get(first["Location"])
    html = page.content.decode()
    assert show_code(household.code) in html
    assert "Volgend huishouden" in html and "glutenvrij" in html


def test_adding_a_person_without_script_renders_one_more_block_and_writes_nothing(
    desk: Client, hall: Shelter
) -> None:
    page = desk.post(_base(hall), {**FORM, "add_person": "1"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="persons" value="3"' in html
    assert re.search(r'name="p3-given_names"[^>]*autofocus', html)
    assert 'value="Bram"' in html and FORM["client_key"] in html
    assert not Household.objects.exists()


def test_bad_input_is_refused_with_the_field_named_in_dutch(desk: Client, hall: Shelter) -> None:
    page = desk.post(_base(hall), {**FORM, "p2-birth": "31-2-1990", "p1-surname": ""})
    assert page.status_code == 400
    html = page.content.decode()
    assert "persoon 2, geboortedatum: 31-2-1990 bestaat niet." in html
    assert re.search(r'name="p2-birth"[^>]*autofocus', html)
    assert not Household.objects.exists()


def test_a_full_shelter_names_its_free_places_and_offers_the_nearest_with_room(
    cw: CareWorld, desk: Client
) -> None:
    small = open_shelter(cw.incident, location(cw.world.haarlem, "Buurthuis Oost", day=1))
    near = open_shelter(
        cw.incident, location(cw.world.haarlem, "Sporthal West", lat=52.371, lon=4.641)
    )
    page = desk.post(_base(small), FORM)
    assert page.status_code == 409
    html = page.content.decode()
    assert "Buurthuis Oost is vol: 1 plaatsen vrij, 2 nodig" in html
    assert f'formaction="{_base(near)}"' in html
    carried = desk.post(_base(near), {**FORM, "overnemen": "1"})
    assert carried.status_code == 200
    assert 'value="Anna"' in carried.content.decode()
    assert not Household.objects.exists()


def test_others_do_not_find_the_desk(cw: CareWorld, hall: Shelter) -> None:
    household = check_in(cw, hall, "Anna Jansen")
    assert isinstance(household, Household)
    for user, expected in ((cw.outsider, 404), (cw.world.coordinator, 404), (cw.coordinator, 200)):
        client = Client()
        client.force_login(user)
        assert client.get(_base(hall)).status_code == expected
        assert client.get(_home(hall, household)).status_code == expected
    wrong_incident = f"/incidenten/{hall.incident_id + 999}/opvang/{hall.pk}/balie/"
    client = Client()
    client.force_login(cw.desk)
    assert client.get(wrong_incident).status_code == 404


def test_a_typed_or_scanned_code_opens_the_household(
    cw: CareWorld, desk: Client, hall: Shelter
) -> None:
    household = check_in(cw, hall, "Anna Jansen")
    assert isinstance(household, Household)
    typed = desk.post(f"{_base(hall)}scan/", {"code": show_code(household.code).lower()})
    assert typed.status_code == 302 and typed["Location"] == _home(hall, household)
    payload = qr_payload(cw.incident.pk, household.code, exercise=False)
    assert desk.post(f"{_base(hall)}scan/", {"code": payload})["Location"] == typed["Location"]
    unknown = desk.post(f"{_base(hall)}scan/", {"code": "ZZZZ-ZZZZ"})
    assert unknown.status_code == 400
    assert "code: er is geen huishouden met deze code." in unknown.content.decode()
    exercise = desk.post(
        f"{_base(hall)}scan/",
        {"code": qr_payload(cw.incident.pk, household.code, exercise=True)},
    )
    assert "OEFENING" in exercise.content.decode()


def test_checking_out_ticked_persons_then_the_rest(
    cw: CareWorld, desk: Client, hall: Shelter
) -> None:
    household = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(household, Household)
    bram = household.guests.get(given_names="Bram")
    url = f"{_home(hall, household)}uitchecken/"
    part = desk.post(url, {"guests": [bram.pk], "reason": "hospital", "note": "Spaarne"})
    assert part.status_code == 302 and part["Location"] == _home(hall, household)
    hall.refresh_from_db()
    assert hall.present == 1
    rest = desk.post(url, {"reason": "home"})
    assert rest["Location"] == f"{_base(hall)}scan/"
    hall.refresh_from_db()
    household.refresh_from_db()
    assert hall.present == 0 and household.shelter is None
    again = desk.post(url, {"reason": "home"})
    assert again.status_code == 400
    assert "code: dit huishouden is niet ingecheckt" in again.content.decode()
    assert desk.post(url, {"reason": "transfer"}).status_code == 400


def test_a_transfer_lists_open_shelters_with_room_and_moves_the_household(
    cw: CareWorld, desk: Client, hall: Shelter
) -> None:
    household = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(household, Household)
    other = open_shelter(cw.incident, location(cw.world.haarlem, "Hotel Centrum", day=30))
    tiny = open_shelter(cw.incident, location(cw.world.haarlem, "Kerk", day=1))
    html = desk.get(_home(hall, household)).content.decode()
    assert "Hotel Centrum (30 plaatsen vrij)" in html
    assert "Kerk (" not in html
    refused = desk.post(f"{_home(hall, household)}overplaatsen/", {"shelter": tiny.pk})
    assert refused.status_code == 400
    moved = desk.post(f"{_home(hall, household)}overplaatsen/", {"shelter": other.pk})
    assert moved.status_code == 302
    household.refresh_from_db()
    other.refresh_from_db()
    assert household.shelter == other and other.present == 2


def test_the_guest_list_filters_on_a_need(cw: CareWorld, desk: Client, hall: Shelter) -> None:
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    Guest.objects.filter(given_names="Bram").update(medication="insuline")
    everyone = desk.get(f"{_base(hall)}gasten/").content.decode()
    assert "Anna Jansen" in everyone and "Bram Jansen" in everyone
    medicine = desk.get(f"{_base(hall)}gasten/?behoefte=medicatie").content.decode()
    assert "Bram Jansen" in medicine and "Anna Jansen" not in medicine
    assert "1 gast, 1 huishouden" in medicine


def test_every_page_with_guests_is_audited_once_without_names(
    cw: CareWorld, desk: Client, hall: Shelter
) -> None:
    household = check_in(cw, hall, "Anna Jansen")
    assert isinstance(household, Household)
    for url in (
        _home(hall, household),
        f"{_base(hall)}gasten/",
        f"{_home(hall, household)}kaart/",
        f"{_home(hall, household)}kaart.pdf",
    ):
        before = AuditEntry.objects.filter(action="care.guests_read").count()
        assert desk.get(url).status_code == 200
        assert AuditEntry.objects.filter(action="care.guests_read").count() == before + 1
    for entry in AuditEntry.objects.filter(action="care.guests_read"):
        text = f"{entry.object_repr} {entry.changes} {entry.note}"
        assert "Anna" not in text and "Jansen" not in text
        assert entry.actor == cw.desk


def test_a_closed_shelter_says_so_and_checks_nobody_in(desk: Client, hall: Shelter) -> None:
    from django.utils import timezone

    Shelter.objects.filter(pk=hall.pk).update(closed_at=timezone.now())
    assert "Deze opvanglocatie is gesloten" in desk.get(_base(hall)).content.decode()
    refused = desk.post(_base(hall), FORM)
    assert refused.status_code == 400
    assert "Sporthal Zuid is gesloten" in refused.content.decode()
    assert not Household.objects.exists()
