"""The persons API: registering (a retried POST writes once), bad input refused naming the
field in Dutch, the list with filters in pages, status history, double registrations merged
by hand and undone, the same doors as the pages, read-logged, in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World
from oranje.registry.constants import DuplicateState, ReadKind, Source, Status, Whereabouts
from oranje.registry.models import Person, PossibleDuplicate, ReadLog
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "given_names": "Maria",
    "prefix": "van der",
    "surname": "Berg",
    "birth": "1950-03",
    "postcode": "2011 ab",
    "house": "12a",
    "phone": "06-12345678",
    "bsn": "111222333",
    "status": Status.HOSPITALISED,
    "whereabouts": Whereabouts.HOSPITAL,
    "place": "Spaarne Gasthuis",
    "source": Source.HOSPITAL,
    "client_key": "api-person-0001",
}


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _url(rw: RegistryWorld) -> str:
    return f"/api/v1/incidents/{rw.incident.pk}/affected-persons/"


def test_registering_twice_with_one_key_writes_once(rw: RegistryWorld) -> None:
    api = _client(rw.officer)
    first = api.post(_url(rw), BODY, format="json")
    again = api.post(_url(rw), BODY, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    body = first.json()
    assert body["birth"] == "1950-03" and body["postcode"] == "2011 AB"
    assert (body["house_number"], body["house_addition"]) == (12, "A")
    assert body["phone"] == "+31612345678"
    assert body["status"] == Status.HOSPITALISED and body["place"] == "Spaarne Gasthuis"
    assert Person.objects.count() == 1


def test_bad_input_is_refused_naming_the_field_in_dutch(rw: RegistryWorld) -> None:
    api = _client(rw.officer)
    bad = {**BODY, "birth": "30-2-1950", "bsn": "123456789", "postcode": "12345", "house": "x"}
    response = api.post(_url(rw), bad, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["birth"] == ["geboortedatum: 30-2-1950 bestaat niet."]
    assert "elfproef" in errors["bsn"][0]
    assert errors["postcode"][0].startswith("postcode:")
    assert errors["house"][0].startswith("huisnummer:")
    wrong_place = {**BODY, "whereabouts": Whereabouts.HOME, "client_key": ""}
    refused = api.post(_url(rw), wrong_place, format="json")
    assert refused.status_code == 400
    assert "ziekenhuis" in str(refused.json())
    assert api.get(_url(rw), {"status": "nope"}).status_code == 400
    assert api.get(_url(rw), {"limit": "0"}).status_code == 400
    assert not Person.objects.exists()


def test_the_list_filters_and_pages_and_is_read_logged(rw: RegistryWorld) -> None:
    register(rw)
    register(rw, given="Piet", surname="Smit", prefix="", birth=(1970, 1, 1), status="missing")
    api = _client(rw.officer)
    page = api.get(_url(rw), {"status": "missing"}).json()
    assert page["count"] == 1 and page["results"][0]["surname"] == "Smit"
    assert api.get(_url(rw), {"q": "vries"}).json()["count"] == 1
    assert api.get(_url(rw), {"limit": 1}).json()["next"]
    assert ReadLog.objects.filter(kind=ReadKind.LIST, user=rw.officer).count() == 3


def test_status_history_and_a_new_status(rw: RegistryWorld) -> None:
    person = register(rw)
    api = _client(rw.officer)
    url = f"/api/v1/affected-persons/{person.pk}/statuses/"
    new = api.post(
        url,
        {"status": Status.INJURED, "whereabouts": Whereabouts.HOME, "source": Source.PHONE},
        format="json",
    )
    assert new.status_code == 201
    history = api.get(url).json()
    assert [h["status"] for h in history] == [Status.INJURED, Status.UNHARMED]
    detail = api.get(f"/api/v1/affected-persons/{person.pk}/").json()
    assert detail["status"] == Status.INJURED
    assert ReadLog.objects.filter(kind=ReadKind.PERSON, object_id=person.pk).count() == 2


def test_merging_a_pair_by_hand_and_undoing_it(rw: RegistryWorld) -> None:
    first = register(rw)
    second = register(rw, given="Hans", source=Source.FIELD)
    api = _client(rw.officer)
    listed = api.get(f"/api/v1/incidents/{rw.incident.pk}/duplicates/").json()
    assert listed["count"] == 1 and listed["results"][0]["reasons"]
    pair = PossibleDuplicate.objects.get()
    url = f"/api/v1/duplicates/{pair.pk}/merge/"
    assert api.post(url, {"kept": 999999}, format="json").status_code == 400
    done = api.post(url, {"kept": second.pk}, format="json")
    assert done.status_code == 201 and done.json()["merged"] == first.pk
    assert api.get(f"/api/v1/affected-persons/{first.pk}/").json()["merged_into"] == second.pk
    assert api.get(_url(rw)).json()["count"] == 1
    assert api.get(f"/api/v1/incidents/{rw.incident.pk}/merges/").json()["count"] == 1
    undone = api.post(f"/api/v1/merges/{done.json()['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert api.post(f"/api/v1/merges/{done.json()['id']}/undo/").status_code == 400
    dismissed = api.post(f"/api/v1/duplicates/{pair.pk}/dismiss/")
    assert dismissed.json()["state"] == DuplicateState.DISMISSED


def test_other_roles_and_regions_get_404(rw: RegistryWorld) -> None:
    person = register(rw)
    for user in (rw.outsider, rw.world.coordinator, rw.world.admin):
        api = _client(user)
        assert api.get(_url(rw)).status_code == 404
        assert api.get(f"/api/v1/affected-persons/{person.pk}/").status_code == 404
        assert api.post(_url(rw), BODY, format="json").status_code == 404
    assert not ReadLog.objects.exclude(user=rw.officer).exists()


def test_the_operations_are_in_the_openapi_document(rw: RegistryWorld) -> None:
    paths = _client(rw.officer).get("/api/v1/schema/?format=json").json()["paths"]
    ours = [p for p in paths if "affected-persons" in p or "duplicates" in p or "merges" in p]
    assert len(ours) == 8
    post = next(p for p in ours if p.endswith("/affected-persons/"))
    assert "requestBody" in paths[post]["post"]
