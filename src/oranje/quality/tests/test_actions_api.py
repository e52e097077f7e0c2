"""Improvement actions and flexible scalings, the API: list with filters, create (the same
checks as the pages), one action with its history, PATCH its fields, POST a step, and the
region's flexible scalings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.incidents.services import incident_end_acute
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction
from oranje.quality.services.scalings import scaling_review_save
from oranje.quality.tests.actions_helpers import (
    Norms,
    flexible_incident,
    make_action,
    monitor,
    norm_sets,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/quality/"


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def norms(world: World) -> Norms:
    return norm_sets(world)


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def _deadline(days: int = 30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_create_list_and_filter(world: World, norms: Norms, qm: User) -> None:
    client = _client(qm)
    url = f"{BASE}regions/VR12/actions/"
    response = client.post(
        url,
        {
            "title": "Tweede CPG werven",
            "municipality": world.haarlem.pk,
            "norm": norms.regional.pk,
            "period": "2026-Q3",
            "owner": world.haarlem_coordinator.pk,
            "deadline": _deadline(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period"] == "2026-Q3" and body["status"] == "open" and not body["overdue"]
    assert body["municipality_name"] == "Haarlem" and len(body["updates"]) == 1
    make_action(qm, world, norms, title="Velsen", municipality=world.velsen)
    listed = client.get(url).json()
    assert listed["count"] == 2
    only = client.get(url, {"municipality": world.velsen.pk}).json()
    assert [a["title"] for a in only["results"]] == ["Velsen"]
    assert client.get(url, {"overdue": "true"}).json()["count"] == 0
    assert client.get(url, {"status": "done"}).status_code == 400
    assert client.get(url, {"overdue": "maybe"}).status_code == 400
    assert client.get(url, {"norm": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"norm": "foreign"}, "norm"),
        ({"municipality": "utrecht"}, "municipality"),
        ({"owner": "outsider"}, "owner"),
        ({"period": "2026-Q9"}, "period"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"title": "x" * 201}, "title"),
        ({"norm": 999999}, "norm"),
    ],
)
def test_create_names_the_bad_field(
    world: World, norms: Norms, qm: User, changes: dict[str, object], field: str
) -> None:
    utrecht = world.other_region.municipalities.first()
    assert utrecht is not None
    values = {"title": "Iets", "owner_name": "Secretaris", "deadline": _deadline()}
    named = {"foreign": norms.foreign.pk, "utrecht": utrecht.pk, "outsider": world.outsider.pk}
    values.update({k: named.get(v, v) if isinstance(v, str) else v for k, v in changes.items()})
    response = _client(qm).post(
        f"{BASE}regions/VR12/actions/", values, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not ImprovementAction.objects.exists()


def test_detail_patch_and_steps(world: World, norms: Norms, qm: User) -> None:
    action = make_action(qm, world, norms)
    client = _client(qm)
    url = f"{BASE}actions/{action.pk}/"
    assert client.get(url).json()["title"] == "Tweede CPG werven"
    patched = client.patch(url, {"title": "Derde CPG", "period": "2026"}, format="json").json()
    assert patched["title"] == "Derde CPG" and patched["period"] == "2026"
    assert patched["norm"] == norms.regional.pk and patched["municipality"] == world.haarlem.pk
    assert client.patch(url, {"norm": norms.foreign.pk}, format="json").status_code == 400
    refused = client.post(url, {"status": "closed"}, format="json")
    assert refused.status_code == 400 and "result" in refused.json()
    closed = client.post(url, {"status": "closed", "result": "Klaar"}, format="json").json()
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    reopened = client.post(url, {"status": "open", "note": "Toch niet"}, format="json").json()
    assert reopened["closed_at"] is None
    assert [u["status"] for u in reopened["updates"]] == ["open", "closed", "open"]


def test_a_municipalitys_own_people_read_and_note_through_the_api(
    world: World, norms: Norms, qm: User
) -> None:
    action = make_action(qm, world, norms)
    client = _client(world.haarlem_coordinator)
    url = f"{BASE}actions/{action.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "Kandidaat"}, format="json").status_code == 200
    assert client.post(url, {"status": "closed", "result": "x"}, format="json").status_code == 403
    assert client.patch(url, {"title": "Mijn titel"}, format="json").status_code == 403
    assert client.get(f"{BASE}regions/VR12/actions/").status_code == 403


def test_flexible_scalings(world: World, qm: User) -> None:
    incident = flexible_incident(world)
    flexible_incident(world, exercise=True, title="Oefening")
    incident_end_acute(actor=world.coordinator, incident=incident)
    scaling_review_save(actor=qm, incident=incident, wise="yes", legitimate="yes", reasoning="Goed")
    client = _client(qm)
    url = f"{BASE}regions/VR12/flexible-scalings/"
    body = client.get(url).json()
    assert body["count"] == 2
    real = client.get(url, {"exercise": "false"}).json()["results"]
    assert [r["title"] for r in real] == ["Dijkdoorbraak"]
    assert real[0]["review"]["wise"] == "yes" and real[0]["reviewable"]
    assert real[0]["steps"][0]["mode"] == "flexible" and real[0]["steps"][0]["teams"] == ["CoPI"]
    exercises = client.get(url, {"exercise": "true"}).json()["results"]
    assert exercises[0]["is_exercise"] and exercises[0]["review"] is None
    assert client.get(url, {"exercise": "x"}).status_code == 400
    assert _client(world.outsider).get(url).status_code == 404
