"""The incident API, end to end through DRF, with field errors for bad input."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def _start(client: APIClient, **extra) -> dict:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/v1/incidents/",
        {
            "region": "VR12",
            "title": "Gasstoring Velsen-Noord",
            "kind": "utility_outage",
            "started_at": (timezone.now() - dt.timedelta(minutes=5)).isoformat(),
            "municipality": "GM0453",
            "is_exercise": True,
            "area": [[52.47, 4.62], [52.48, 4.64], [52.46, 4.65]],
            **extra,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"mode": "grip", "grip_level": 9, "reason": "r", "decided_by": "d"}, "grip_level"),
        (
            {"mode": "grip", "grip_level": 2, "teams": ["xyz"], "reason": "r", "decided_by": "d"},
            "teams",
        ),
        ({"mode": "warp", "reason": "r", "decided_by": "d"}, "mode"),
    ],
)
def test_bad_scaling_answers_400_with_the_field(world: World, payload: dict, field: str) -> None:  # type: ignore[type-arg]
    client = api(world.coordinator)
    incident = _start(client)
    response = client.post(f"/api/v1/incidents/{incident['id']}/scale/", payload, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_decision_without_a_team_and_bad_places_are_400(world: World) -> None:
    client = api(world.coordinator)
    incident = _start(client)
    response = client.post(
        f"/api/v1/incidents/{incident['id']}/decisions/",
        {"team": "", "decided_by": "Burgemeester", "text": "x"},
    )
    assert response.status_code == 400 and "team" in response.json()
    bad = client.post(
        "/api/v1/incidents/",
        {
            "region": "VR12",
            "title": "x",
            "kind": "fire",
            "started_at": timezone.now().isoformat(),
            "municipality": "GM9999",
        },
        format="json",
    )
    assert bad.status_code == 400 and "municipality" in bad.json()


def test_the_api_keeps_regions_and_exercises_apart(world: World) -> None:
    incident = _start(api(world.coordinator))
    outsider = api(world.outsider)
    assert outsider.get(f"/api/v1/incidents/{incident['id']}/").status_code == 404
    assert outsider.get(f"/api/v1/incidents/{incident['id']}/alerts/").status_code == 404
    viewer = api(world.viewer)
    real = viewer.get("/api/v1/incidents/").json()
    drills = viewer.get("/api/v1/incidents/?exercises=1").json()
    ids = lambda page: [i["id"] for i in (page["results"] if isinstance(page, dict) else page)]  # noqa: E731
    assert incident["id"] not in ids(real) and incident["id"] in ids(drills)
    assert viewer.post(f"/api/v1/incidents/{incident['id']}/log/", {"text": "x"}).status_code == 403


def test_the_openapi_document_lists_the_incident_endpoints(world: World) -> None:
    schema = api(world.viewer).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/incidents/{id}/scale/" in schema["paths"]
    assert "/api/v1/incidents/{id}/alerts/" in schema["paths"]
