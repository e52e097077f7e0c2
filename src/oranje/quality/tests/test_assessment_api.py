"""The self-assessment API: rounds with progress, a round's answers, answering by JSON."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.organisation.tests.factories import World
from oranje.quality.models import AssessmentRound, SelfAssessment
from oranje.quality.services import assessment as services
from oranje.quality.tests.assessment_helpers import haarlem_monitor, monitor, norms

__all__ = ["haarlem_monitor", "monitor", "norms"]

pytestmark = pytest.mark.django_db


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def round_(world: World, monitor: User, norms: object) -> AssessmentRound:
    return services.round_open(
        actor=monitor, region=world.region, year=2026, deadline=dt.date(2026, 11, 30)
    )


def test_rounds_and_answers(world, monitor, haarlem_monitor, round_) -> None:
    data = _client(monitor).get("/api/v1/quality/regions/VR12/assessment-rounds/").json()
    assert [r["year"] for r in data] == [2026]
    assert len(data[0]["progress"]) > 2
    own = _client(haarlem_monitor).get("/api/v1/quality/regions/VR12/assessment-rounds/").json()
    assert [p["name"] for p in own[0]["progress"]] == ["Haarlem"]
    answers = (
        _client(haarlem_monitor)
        .get(f"/api/v1/quality/assessment-rounds/{round_.pk}/answers/")
        .json()
    )
    assert {a["municipality_name"] for a in answers["results"]} == {"Haarlem"}
    assert (
        _client(world.viewer).get("/api/v1/quality/regions/VR12/assessment-rounds/").status_code
        == 403
    )
    assert (
        _client(world.outsider).get("/api/v1/quality/regions/VR12/assessment-rounds/").status_code
        == 404
    )
    assert (
        _client(world.outsider)
        .get(f"/api/v1/quality/assessment-rounds/{round_.pk}/answers/")
        .status_code
        == 404
    )


def test_answering_by_json(world, haarlem_monitor, round_) -> None:
    client = _client(haarlem_monitor)
    q = SelfAssessment.objects.filter(round=round_, municipality=world.haarlem).first()
    url = f"/api/v1/quality/assessments/{q.pk}/"
    assert client.post(url, {"answer": "", "submit": True}, format="json").status_code == 400
    assert client.post(url, {"answer": "maybe"}, format="json").status_code == 400
    assert (
        client.post(url, {"answer": "yes", "explanation": "x" * 5000}, format="json").status_code
        == 400
    )
    response = client.post(
        url, {"answer": "partly", "explanation": "Loopt", "submit": True}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["answer"], response.json()["status"]) == ("partly", "submitted")
    assert client.post(url, {"answer": "yes"}, format="json").status_code == 400  # locked now
    velsen = SelfAssessment.objects.filter(round=round_, municipality=world.velsen).first()
    assert (
        client.post(
            f"/api/v1/quality/assessments/{velsen.pk}/", {"answer": "yes"}, format="json"
        ).status_code
        == 403
    )
    assert _client(world.outsider).get(url).status_code == 404
    assert client.get("/api/v1/quality/assessments/999999/").status_code == 404
