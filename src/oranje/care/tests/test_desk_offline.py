"""The offline desk's sync: per-item answers (written, already written, full, invalid) for a
batch, a retry that never registers twice, the door and CSRF, and the service worker."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from oranje.care.models import Household, Shelter
from oranje.care.tests.factories import CareWorld, build_care, location, open_shelter
from oranje.organisation.tests.factories import World
from oranje.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(world: World) -> CareWorld:
    return build_care(world)


def _url(shelter: Shelter, part: str = "verzenden/") -> str:
    return f"/incidenten/{shelter.incident_id}/opvang/{shelter.pk}/balie/{part}"


def _item(key: str, *names: str, **extra: str) -> dict[str, Any]:
    fields: dict[str, str] = {"persons": str(len(names)), "household-postcode": "2011 AB"}
    for n, name in enumerate(names, start=1):
        given, _, surname = name.rpartition(" ")
        fields[f"p{n}-given_names"] = given
        fields[f"p{n}-surname"] = surname
    return {"client_key": key, "fields": {**fields, **extra}}


def _sync(client: Client, shelter: Shelter, body: object) -> Any:
    return client.post(_url(shelter), json.dumps(body), content_type="application/json")


def _desk_client(cw: CareWorld) -> Client:
    client = Client()
    client.force_login(cw.desk)
    return client


def test_a_batch_answers_per_item_and_a_retry_is_written_once(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid", day=3))
    open_shelter(cw.incident, location(cw.world.haarlem, "Buurthuis", lat=52.371))
    client = _desk_client(cw)
    items = [
        _item("key-anna-0001", "Anna Jansen", "Bram Jansen"),
        _item("key-cor-00002", "Cor Visser", "Daan Visser"),  # 2 more than the 1 left
        _item("key-eva-00003", "Eva Smit", **{"p1-birth": "31-2-1950"}),
        _item("key-fleur-0004", "Fleur Bakker"),
    ]
    answer = _sync(client, hall, {"items": items})
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["client_key"] for r in results] == [i["client_key"] for i in items]
    assert [r["outcome"] for r in results] == ["written", "full", "invalid", "written"]
    assert results[0]["household"]["people"] == 2
    assert results[0]["household"]["url"].endswith(f"/huishoudens/{results[0]['household']['id']}/")
    assert "Sporthal Zuid is vol" in results[1]["message"]
    assert results[1]["alternative"]["name"] == "Buurthuis"
    assert results[2]["errors"]["p1-birth"][0].startswith("persoon 1, geboortedatum:")
    # The tablet did not hear the answer and sends the written ones again: written once.
    again = _sync(client, hall, {"items": [items[0], items[3]]}).json()["results"]
    assert [r["outcome"] for r in again] == ["replayed", "replayed"]
    assert again[0]["household"]["id"] == results[0]["household"]["id"]
    hall.refresh_from_db()
    assert hall.present == 3
    assert Household.objects.count() == 2
    assert Person.objects.filter(incident=cw.incident).count() == 3


def test_one_item_without_a_batch_and_bad_bodies(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    client = _desk_client(cw)
    one = _sync(client, hall, _item("single-key-1", "Anna Jansen")).json()["results"]
    assert [r["outcome"] for r in one] == ["written"]
    bad = client.post(_url(hall), "{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["detail"] == "De inhoud is geen JSON."
    assert _sync(client, hall, {"items": []}).status_code == 400
    assert _sync(client, hall, {"items": [{}] * 101}).status_code == 400
    odd = _sync(client, hall, {"items": [1, {"client_key": "no"}, {"client_key": "okay-key-2"}]})
    outcomes = odd.json()["results"]
    assert [r["outcome"] for r in outcomes] == ["invalid", "invalid", "invalid"]
    assert "client_key" in outcomes[1]["errors"] and "fields" in outcomes[2]["errors"]
    assert Household.objects.count() == 1


def test_the_door_csrf_and_the_service_worker(cw: CareWorld) -> None:
    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    body = {"items": [_item("door-key-0001", "Anna Jansen")]}
    assert _sync(Client(), hall, body).status_code == 302  # to the login
    outsider = Client()
    outsider.force_login(cw.outsider)
    assert _sync(outsider, hall, body).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cw.desk)
    assert _sync(strict, hall, body).status_code == 403
    assert not Household.objects.exists()
    worker = _desk_client(cw).get(_url(hall, "sw.js"))
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("text/javascript")
    assert b"oranje-balie" in worker.content
    assert outsider.get(_url(hall, "sw.js")).status_code == 404
    page = _desk_client(cw).get(_url(hall, ""))
    assert "worker-src 'self'" in page["Content-Security-Policy"]
    assert b'id="desk-queue"' in page.content and b"desk-offline.js" in page.content


def test_a_batch_runs_the_registrys_duplicate_check_for_its_persons(cw: CareWorld) -> None:
    from oranje.registry.models import PossibleDuplicate

    hall = open_shelter(cw.incident, location(cw.world.haarlem))
    same = {"p1-birth": "4-3-1950", "household-house": "12"}
    items = [
        _item("dup-key-0001", "Anna Jansen", **same),
        _item("dup-key-0002", "Anna Jansen", **same),
    ]
    results = _sync(_desk_client(cw), hall, {"items": items}).json()["results"]
    assert [r["outcome"] for r in results] == ["written", "written"]
    persons = Person.objects.filter(incident=cw.incident)
    assert persons.count() == 2 and not persons.filter(matched_at__isnull=True).exists()
    assert PossibleDuplicate.objects.filter(incident=cw.incident).count() == 1
