"""The one-hour drill's API: sending, reading (audited), assessing, and the same Dutch
messages as the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import make_shift
from oranje.readiness.models import Drill
from oranje.readiness.services import drills as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.coordinator)
    return client


@pytest.fixture
def shift(world):
    return make_shift(
        world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1)
    )


def test_a_drill_is_sent_read_and_assessed_through_the_api(world, shift, api):
    response = api.post(
        "/api/v1/drills/",
        {
            "region": "VR12",
            "shift": shift.pk,
            "assignment": "Regel 20 bedden.",
            "deadline_minutes": 60,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"] == world.officers[0].pk and body["function"] == "OVD-BZ"
    assert body["state"] == "open" and body["late"] is False
    drill = Drill.objects.get(pk=body["id"])
    assert round((drill.deadline - drill.created_at).total_seconds() / 60) == 60
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    one = api.get(f"/api/v1/drills/{drill.pk}/").json()
    assert one["report"] == "Geregeld" and one["state"] == "reported"
    assert AuditEntry.objects.filter(action="drill.read", object_id=str(drill.pk)).exists()
    assessed = api.post(
        f"/api/v1/drills/{drill.pk}/assessment/", {"assessment": "good"}, format="json"
    )
    assert assessed.status_code == 200
    assert assessed.json()["activity"] is not None
    listed = api.get("/api/v1/drills/?region=VR12&status=assessed").json()
    assert [d["id"] for d in listed] == [drill.pk]
    assert api.get("/api/v1/drills/?status=open").json() == []


def test_the_api_refuses_a_deadline_out_of_range_in_dutch(world, shift, api):
    for minutes in (5, 1441, "uur"):
        response = api.post(
            "/api/v1/drills/",
            {"region": "VR12", "shift": shift.pk, "assignment": "x", "deadline_minutes": minutes},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["deadline_minutes"] == [
            "Deadline: kies een deadline tussen 15 minuten en 24 uur."
        ]
    assert not Drill.objects.exists()


def test_the_api_refuses_a_drill_without_a_deadline_in_dutch(world, shift, api):
    """No silent 60 minutes: a missing or empty deadline gets the form's message."""
    body = {"region": "VR12", "shift": shift.pk, "assignment": "Regel 20 bedden."}
    for extra in ({}, {"deadline_minutes": None}, {"deadline_minutes": ""}):
        response = api.post("/api/v1/drills/", {**body, **extra}, format="json")
        assert response.status_code == 400, extra
        assert response.json()["deadline_minutes"] == [
            "Deadline: kies een deadline tussen 15 minuten en 24 uur."
        ]
    assert not Drill.objects.exists()


def test_the_api_names_who_when_nobody_is_chosen(world, api):
    response = api.post(
        "/api/v1/drills/",
        {"region": "VR12", "assignment": "Regel iets", "deadline_minutes": 60},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["person"][0].startswith("Wie:")


def test_a_key_function_holder_through_the_api(world, api):
    response = api.post(
        "/api/v1/drills/",
        {
            "region": "VR12",
            "person": world.officers[2].pk,
            "assignment": "Regel iets",
            "deadline_minutes": 60,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["function"] == "OVD-BZ"


def test_a_shift_or_person_of_another_region_is_not_reached(world, api):
    stranger = world.other_pool.members.first()
    other_shift = make_shift(
        world.other_pool, world.ovd, stranger, timezone.now() - dt.timedelta(hours=1)
    )
    response = api.post(
        "/api/v1/drills/",
        {"region": "VR12", "shift": other_shift.pk, "assignment": "x", "deadline_minutes": 60},
        format="json",
    )
    assert response.status_code == 400
    response = api.post(
        "/api/v1/drills/",
        {"region": "VR12", "person": stranger.pk, "assignment": "x", "deadline_minutes": 60},
        format="json",
    )
    assert response.status_code == 404
    assert not Drill.objects.exists()


def test_only_managers_send_through_the_api(world, shift):
    client = APIClient()
    client.force_authenticate(world.viewer)
    response = client.post(
        "/api/v1/drills/",
        {"region": "VR12", "shift": shift.pk, "assignment": "x", "deadline_minutes": 60},
        format="json",
    )
    assert response.status_code == 403
