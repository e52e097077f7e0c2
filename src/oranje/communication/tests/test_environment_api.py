"""The API of the analyses and the Q&A list: drafting from signals, patching a draft,
approval, no change after; Q&A versions, approval, public only when approved, all of a
patch or nothing; bad input as 400 in Dutch naming the field; the doors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.communication.models import QAItem
from oranje.communication.tests.environment_factories import advisor, registry_officer, signal
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world: World) -> Incident:
    found = start_incident(world)
    found.started_at = timezone.now() - dt.timedelta(hours=6)
    found.save()
    return found


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_an_analysis_is_drafted_patched_and_approved_through_the_api(
    world: World, incident: Incident
) -> None:
    signal(
        incident,
        timezone.now() - dt.timedelta(hours=1),
        "Is de rook giftig?",
        topic="rook",
        goal="limit_harm",
        count=7,
    )
    signal(
        incident,
        timezone.now() - dt.timedelta(hours=1),
        "Koolmonoxide!",
        topic="co",
        rumour=True,
        count=3,
    )
    api = _api(advisor(world))
    base = f"/api/v1/incidents/{incident.pk}/analyses/"
    start = (timezone.now() - dt.timedelta(hours=2)).isoformat()
    made = api.post(
        base, {"period_start": start, "period_end": timezone.now().isoformat()}, format="json"
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["top_questions_by_goal"]["limit_harm"] == ["rook (7×): “Is de rook giftig?”"]
    assert body["rumours"].startswith("- co: 3× in deze periode")
    one = f"{base}{body['id']}/"
    patched = api.patch(one, {"mood": "Onrustig."}, format="json")
    assert patched.status_code == 200 and patched.json()["mood"] == "Onrustig."
    assert patched.json()["rumours"] == body["rumours"]
    approved = api.post(one + "approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = api.patch(one, {"mood": "Anders."}, format="json")
    assert again.status_code == 400
    assert "status" in again.json()
    listed = _api(world.viewer).get(base).json()
    assert [a["id"] for a in listed["results"]] == [body["id"]]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period_start": "gisteren", "period_end": "2026-01-01T10:00:00+01:00"}, "period_start"),
        (
            {
                "period_start": "1999-01-01T10:00:00+01:00",
                "period_end": "1999-01-02T10:00:00+01:00",
            },
            "period_start",
        ),
        ({"period_end": "2026-01-01T10:00:00+01:00"}, "period_start"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(
    world: World, incident: Incident, payload: dict[str, str], field: str
) -> None:
    response = _api(advisor(world)).post(
        f"/api/v1/incidents/{incident.pk}/analyses/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_the_end_before_the_start_is_refused_in_dutch(world: World, incident: Incident) -> None:
    now = timezone.now()
    response = _api(advisor(world)).post(
        f"/api/v1/incidents/{incident.pk}/analyses/",
        {"period_start": now.isoformat(), "period_end": (now - dt.timedelta(hours=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["period_end"] == [
        "tot: het einde van de periode moet na het begin liggen."
    ]


def test_the_qa_through_the_api_keeps_versions_and_public_only_when_approved(
    world: World, incident: Incident
) -> None:
    api = _api(advisor(world))
    base = f"/api/v1/incidents/{incident.pk}/qa/"
    made = api.post(base, {"question": "Is de rook giftig?", "answer": "Nee."}, format="json")
    assert made.status_code == 201
    one = f"{base}{made.json()['id']}/"
    refused = api.patch(one, {"answer": "Nee, wel hinderlijk.", "public": True}, format="json")
    assert refused.status_code == 400
    assert refused.json()["public"][0].startswith("publiek: alleen een vastgestelde")
    assert api.get(one).json()["version"] == 1  # nothing of the refused patch was kept
    assert api.post(one + "approve/").json()["status"] == "approved"
    changed = api.patch(one, {"answer": "Nee, wel hinderlijk.", "public": True}, format="json")
    assert changed.status_code == 200
    body = changed.json()
    assert (body["answer"], body["public"], body["version"]) == ("Nee.", True, 1)
    assert body["pending"]["answer"] == "Nee, wel hinderlijk."
    assert [v["number"] for v in body["versions"]] == [1, 2]
    body = api.post(one + "approve/").json()
    assert (body["answer"], body["version"], body["pending"]) == ("Nee, wel hinderlijk.", 2, None)
    assert api.post(one + "approve/").status_code == 400


def test_bad_qa_input_is_a_400_in_dutch_naming_the_field(world: World, incident: Incident) -> None:
    api = _api(advisor(world))
    base = f"/api/v1/incidents/{incident.pk}/qa/"
    response = api.post(base, {"question": "x" * 501, "answer": "Ja."}, format="json")
    assert response.status_code == 400
    assert "question" in response.json()
    response = api.post(base, {"question": "   ", "answer": "Ja."}, format="json")
    assert response.status_code == 400
    assert "question" in response.json()
    item = api.post(base, {"question": "Vraag?", "answer": "Ja."}, format="json").json()
    response = api.patch(f"{base}{item['id']}/", {"position": 9}, format="json")
    assert response.status_code == 400
    assert response.json()["position"] == ["positie: geef een plaats van 1 tot en met 1."]
    assert not QAItem.objects.filter(question__startswith="x").exists()


def test_the_information_line_reads_approved_items_and_writes_nothing(
    world: World, incident: Incident
) -> None:
    writer = _api(advisor(world))
    base = f"/api/v1/incidents/{incident.pk}/qa/"
    draft = writer.post(base, {"question": "Concept?", "answer": "Ja."}, format="json").json()
    done = writer.post(base, {"question": "Drinkwater veilig?", "answer": "Ja."}, format="json")
    writer.post(f"{base}{done.json()['id']}/approve/")
    officer = _api(registry_officer(world))
    listed = officer.get(base).json()["results"]
    assert [i["question"] for i in listed] == ["Drinkwater veilig?"]
    assert officer.get(base + "?search=drinkwater").json()["count"] == 1
    assert officer.post(base, {"question": "x", "answer": "y"}, format="json").status_code == 403
    assert officer.post(f"{base}{draft['id']}/approve/").status_code == 403
    assert _api(world.outsider).get(base).status_code == 404
