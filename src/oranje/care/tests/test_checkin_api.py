"""The check-in API: written (201), replayed (200), full (409 with the alternative), field
errors (400), and the door (a token of the region's desk; 404 for everyone else)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from oranje.care.models import Guest, Household, Shelter
from oranje.care.tests.factories import CareWorld, build_care, location, open_shelter
from oranje.organisation.tests.factories import World
from oranje.registry.models import Person

pytestmark = pytest.mark.django_db

BODY = {
    "client_key": "0b9c3d7e-7a51-4a8e-9d3c-1f6c1b2a0001",
    "household": {"phone": "06 12345678", "house": "12a", "postcode": "2011ab", "city": "Haarlem"},
    "persons": [
        {"given_names": "Anna", "surname": "Jansen", "birth": "4-3-1950", "medication": "insuline"},
        {"given_names": "Bram", "surname": "Jansen", "birth": "2015", "share_whereabouts": True},
    ],
}


@pytest.fixture
def cw(world: World) -> CareWorld:
    return build_care(world)


def _client(user: Any) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _post(client: APIClient, shelter: Shelter, body: dict[str, Any] = BODY) -> Any:
    return client.post(f"/api/v1/shelters/{shelter.pk}/check-in/", body, format="json")


def test_a_check_in_is_written_once_and_replayed_after(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    client = _client(cw.desk)
    first = _post(client, hall)
    assert first.status_code == 201, first.json()
    body = first.json()
    assert body["people"] == 2 and body["shelter"] == hall.pk and not body["replayed"]
    home = Household.objects.get()
    assert (home.code, home.name, home.postcode, home.house_number, home.house_addition) == (
        body["code"],
        "Jansen",
        "2011AB",
        12,
        "A",
    )
    anna = Guest.objects.get(given_names="Anna")
    assert (anna.birth_year, anna.birth_month, anna.birth_day) == (1950, 3, 4)
    assert anna.medication == "insuline"
    assert Guest.objects.get(given_names="Bram").share_whereabouts is True
    again = _post(_client(cw.second_desk), hall)
    assert again.status_code == 200 and again.json()["replayed"]
    assert again.json()["id"] == body["id"]
    hall.refresh_from_db()
    assert hall.present == 2
    assert Person.objects.filter(incident=cw.incident).count() == 2


def test_a_full_shelter_answers_409_with_the_nearest_with_room(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=1))
    near = open_shelter(cw.incident, location(cw.world.haarlem, "Buurthuis", lat=52.371))
    answer = _post(_client(cw.desk), hall)
    assert answer.status_code == 409
    assert answer.json()["alternative"] == {"id": near.pk, "name": "Buurthuis", "free": 100}
    assert answer.json()["detail"].startswith("Sporthal Zuid is vol")
    assert not Household.objects.exists()


def test_field_errors_name_the_field_in_dutch(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    client = _client(cw.desk)
    bad = {
        "client_key": " ",
        "household": {"postcode": "20111", "house": "nul"},
        "persons": [{"given_names": "", "surname": "", "birth": "31-2-1950"}],
    }
    answer = _post(client, hall, bad)
    assert answer.status_code == 400
    errors = answer.json()
    assert errors["client_key"] == ["clientsleutel: ontbreekt."]
    assert errors["household"]["postcode"][0].startswith("postcode:")
    assert errors["household"]["house"][0].startswith("huisnummer:")
    assert errors["persons"]["0"]["birth"][0].startswith("geboortedatum:")
    assert errors["persons"]["0"]["surname"][0].startswith("naam:")
    empty = _post(client, hall, {"client_key": "k-1", "persons": []})
    assert empty.status_code == 400 and "persons" in empty.json()
    assert not Household.objects.exists()


def test_a_closed_shelter_refuses_with_a_message(cw: CareWorld) -> None:
    from django.utils import timezone

    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    Shelter.objects.filter(pk=hall.pk).update(closed_at=timezone.now())
    answer = _post(_client(cw.desk), hall)
    assert answer.status_code == 400
    assert "gesloten" in str(answer.json())


def test_only_the_regions_care_roles_get_through(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    assert _post(_client(cw.outsider), hall).status_code == 404
    assert _post(_client(cw.world.coordinator), hall).status_code == 404
    assert _post(APIClient(), hall).status_code == 403
    assert _post(_client(cw.coordinator), hall).status_code == 201
