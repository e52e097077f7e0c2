"""Evaluations, the API: create (a Dutch 400 naming the field when neither an incident nor
an exercise is given), list with filters, the detail with findings and evidence (audited
when it has participants), a finding without a process refused on `process`, evidence of
another incident refused on its field, and bad query values answered 400, never 500."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry, User
from oranje.learning.tests.evaluations_helpers import Scene, evaluation, finding, scene
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

BASE = "/api/v1/learning/"


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def s(world: World) -> Scene:
    return scene(world)


def test_create_list_and_filter(world: World, s: Scene) -> None:
    client = _client(world.coordinator)
    url = f"{BASE}regions/VR12/evaluations/"
    response = client.post(url, {"title": "Evaluatie"}, format="json")
    assert response.status_code == 400
    assert "kies het incident of de oefening" in response.content.decode()
    response = client.post(
        url,
        {"title": "Evaluatie brand", "incident": s.incident.pk, "methods": ["debrief"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["incident"] == s.incident.pk and body["status"] == "draft"
    assert body["findings"] == [] and body["participants"] == []
    listed = client.get(url).json()
    assert listed["count"] == 1
    assert client.get(url, {"status": "final"}).json()["count"] == 0
    assert client.get(url, {"status": "nope"}).status_code == 400
    assert client.get(url, {"year": "²⁰²⁵"}).status_code == 400
    assert client.get(url, {"of": "x"}).status_code == 400


def test_the_detail_holds_findings_and_evidence_and_audits_participants(
    world: World, s: Scene
) -> None:
    e = evaluation(world, s)
    f = finding(world, e)
    client = _client(world.coordinator)
    response = client.post(
        f"{BASE}findings/{f.pk}/evidence/",
        {"kind": "log", "log_entry": s.line.pk, "note": "Tijdstip"},
        format="json",
    )
    assert response.status_code == 201, response.content
    response = client.post(
        f"{BASE}findings/{f.pk}/evidence/",
        {"kind": "log", "log_entry": s.foreign_line.pk},
        format="json",
    )
    assert response.status_code == 400 and "log_entry" in response.content.decode()
    response = client.post(
        f"{BASE}findings/{f.pk}/evidence/", {"kind": "log", "log_entry": 2**62}, format="json"
    )
    assert response.status_code == 400
    detail = client.get(f"{BASE}evaluations/{e.pk}/").json()
    assert detail["findings"][0]["evidence"][0]["log_entry"] == s.line.pk
    assert not AuditEntry.objects.filter(action="evaluation.read").exists()
    response = client.post(
        f"{BASE}evaluations/{e.pk}/participants/", {"name": "Mira Jansen"}, format="json"
    )
    assert response.status_code == 201
    client.get(f"{BASE}evaluations/{e.pk}/")
    assert AuditEntry.objects.filter(action="evaluation.read").count() == 1


def test_a_finding_without_a_process_is_refused_on_process(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    client = _client(world.coordinator)
    response = client.post(
        f"{BASE}evaluations/{e.pk}/findings/", {"kind": "improve", "text": "Laat."}, format="json"
    )
    assert response.status_code == 400
    assert "proces: kies het proces waar de bevinding over gaat." in response.content.decode()
    response = client.post(
        f"{BASE}evaluations/{e.pk}/findings/",
        {"process": "communication", "kind": "improve", "text": "Laat."},
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    response = client.patch(f"{BASE}findings/{pk}/", {"kind": "well"}, format="json")
    assert response.status_code == 200 and response.json()["kind"] == "well"
    assert client.get(f"{BASE}evaluations/{e.pk}/findings/").json()["count"] == 1


def test_patch_and_final(world: World, s: Scene) -> None:
    e = evaluation(world, s)
    client = _client(world.coordinator)
    response = client.post(f"{BASE}evaluations/{e.pk}/final/")
    assert response.status_code == 400
    response = client.patch(
        f"{BASE}evaluations/{e.pk}/", {"held_on": "2026-01-05", "title": "Nieuw"}, format="json"
    )
    assert response.status_code == 200 and response.json()["title"] == "Nieuw"
    finding(world, e)
    assert client.post(f"{BASE}evaluations/{e.pk}/final/").json()["status"] == "final"
    response = client.patch(f"{BASE}evaluations/{e.pk}/", {"title": "Weer"}, format="json")
    assert response.status_code == 400 and "definitief" in response.content.decode()
