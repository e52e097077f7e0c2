"""The desk's API: a household by its card's code (typed or the QR payload), check-out of
the whole household or some persons, transfer (409 when the target is full), with Dutch
messages naming the field and an audit entry without names for every answer with guests."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.care.models import Household, Shelter
from oranje.care.services.codes import qr_payload, show_code
from oranje.care.tests.factories import CareWorld, build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(world: World) -> CareWorld:
    return build_care(world)


@pytest.fixture
def hall(cw: CareWorld) -> Shelter:
    return open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=10))


@pytest.fixture
def api(cw: CareWorld) -> APIClient:
    client = APIClient()
    client.force_authenticate(cw.desk)
    return client


@pytest.fixture
def home(cw: CareWorld, hall: Shelter) -> Household:
    found = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(found, Household)
    return found


def test_a_household_is_found_by_its_typed_code_or_its_qr_payload(
    cw: CareWorld, api: APIClient, home: Household
) -> None:
    base = f"/api/v1/incidents/{cw.incident.pk}/households/by-code/"
    typed = api.get(f"{base}{show_code(home.code)}/")
    assert typed.status_code == 200
    body = typed.json()
    assert body["code"] == show_code(home.code) and body["shelter_name"] == "Sporthal Zuid"
    assert [g["given_names"] for g in body["guests"]] == ["Anna", "Bram"]
    assert body["qr_payload"] == qr_payload(cw.incident.pk, home.code, exercise=False)
    scanned = api.get(f"{base}{body['qr_payload']}/")
    assert scanned.status_code == 200 and scanned.json()["id"] == home.pk


def test_a_card_of_an_exercise_or_unknown_gets_a_dutch_message(
    cw: CareWorld, api: APIClient, home: Household
) -> None:
    base = f"/api/v1/incidents/{cw.incident.pk}/households/by-code/"
    exercise = api.get(f"{base}{qr_payload(cw.incident.pk, home.code, exercise=True)}/")
    assert exercise.status_code == 400
    assert "OEFENING" in exercise.json()["code"][0]
    unknown = api.get(f"{base}ZZZZ-ZZZZ/")
    assert unknown.json() == {"code": ["code: er is geen huishouden met deze code."]}
    assert api.get(f"{base}{'9' * 300}/").status_code == 400


def test_check_out_some_persons_then_all(api: APIClient, home: Household, hall: Shelter) -> None:
    bram = home.guests.get(given_names="Bram")
    url = f"/api/v1/households/{home.pk}/check-out/"
    part = api.post(url, {"reason": "family", "guests": [bram.pk]}, format="json")
    assert part.status_code == 200
    assert part.json()["people"] == 1 and part.json()["household"]["shelter"] == hall.pk
    rest = api.post(url, {"reason": "home"}, format="json")
    assert rest.json()["people"] == 1 and rest.json()["household"]["shelter"] is None
    hall.refresh_from_db()
    assert hall.present == 0
    again = api.post(url, {"reason": "home"}, format="json")
    assert again.status_code == 400
    assert "niet ingecheckt" in again.json()["non_field_errors"][0]
    assert api.post(url, {"reason": "transfer"}, format="json").status_code == 400


def test_a_transfer_moves_the_household_or_answers_409_when_the_target_is_full(
    cw: CareWorld, api: APIClient, home: Household
) -> None:
    tiny = open_shelter(cw.incident, location(cw.world.haarlem, "Kerk", day=1))
    roomy = open_shelter(cw.incident, location(cw.world.haarlem, "Hotel Centrum", day=30))
    url = f"/api/v1/households/{home.pk}/transfer/"
    full = api.post(url, {"shelter": tiny.pk}, format="json")
    assert full.status_code == 409
    assert full.json()["alternative"] == roomy.pk
    assert "Kerk is vol" in full.json()["non_field_errors"][0]
    moved = api.post(url, {"shelter": roomy.pk}, format="json")
    assert moved.status_code == 200 and moved.json()["shelter"] == roomy.pk


def test_a_shelter_of_another_region_is_not_found(
    cw: CareWorld, api: APIClient, home: Household
) -> None:
    from oranje.incidents.tests.factories import start_incident

    elsewhere = start_incident(cw.world, title="Elders")
    elsewhere.region = cw.world.other_region
    elsewhere.save()
    far = open_shelter(elsewhere, location(cw.world.haarlem, "Ver weg"))
    url = f"/api/v1/households/{home.pk}/transfer/"
    assert api.post(url, {"shelter": far.pk}, format="json").status_code == 404


def test_reads_are_audited_without_names(cw: CareWorld, api: APIClient, home: Household) -> None:
    api.get(f"/api/v1/households/{home.pk}/")
    entry = AuditEntry.objects.get(action="care.guests_read")
    assert entry.object_repr == f"huishouden {home.code}"
    assert "Anna" not in str(entry.changes) and "Jansen" not in str(entry.changes)
    outsider = APIClient()
    outsider.force_authenticate(cw.outsider)
    assert outsider.get(f"/api/v1/households/{home.pk}/").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "home", "guests": ["x"]},
        {"reason": "home", "guests": [0]},
        {"reason": "home", "guests": [2**70]},
        {"reason": "home", "guests": list(range(1, 100))},
        {"reason": "home", "guests": "1"},
        {"reason": "home", "guests": [999999]},
        {"reason": "home", "note": "x" * 5000},
        {"reason": ["home"]},
        {"reason": None},
        [],
        "home",
    ],
)
def test_odd_check_out_bodies_are_refused_not_crashed(
    api: APIClient, home: Household, body: object
) -> None:
    answer = api.post(f"/api/v1/households/{home.pk}/check-out/", body, format="json")
    assert answer.status_code == 400


@pytest.mark.parametrize("shelter", ["abc", -1, 0, 2**70, None, [1], 10**12])
def test_odd_transfer_targets_are_refused_not_crashed(
    api: APIClient, home: Household, shelter: object
) -> None:
    answer = api.post(
        f"/api/v1/households/{home.pk}/transfer/", {"shelter": shelter}, format="json"
    )
    assert answer.status_code in (400, 404)


@pytest.mark.parametrize(
    "code",
    ["ORANJE-OPVANG:1:", "ORANJE-OPVANG:x:ABCDEFGH", "%C3%A9", "a" * 101, "ＡＢＣＤ-ＥＦＧＨ"],
)
def test_odd_codes_are_refused_not_crashed(cw: CareWorld, api: APIClient, code: str) -> None:
    answer = api.get(f"/api/v1/incidents/{cw.incident.pk}/households/by-code/{code}/")
    assert answer.status_code == 400 and "code" in answer.json()
