"""Odd input to the self-assessment and agreements pages and API answers 400 or 404, never
500: huge ids, text where numbers go, NUL characters, wrong JSON shapes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.organisation.tests.factories import World
from oranje.quality.models import SelfAssessment
from oranje.quality.services import assessment as services
from oranje.quality.tests.assessment_helpers import monitor, norms

__all__ = ["monitor", "norms"]

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
ODD = [HUGE, "-1", "NaN", "1e400", "x\x00y", "", " ", "³", "1.5"]


def test_pages_with_odd_input(world: World, monitor: User, norms: object) -> None:
    r = services.round_open(
        actor=monitor, region=world.region, year=2026, deadline=dt.date(2026, 11, 30)
    )
    client = Client(raise_request_exception=False)
    client.force_login(monitor)
    base = [r.pk, world.haarlem.pk]
    for value in ODD:
        for url, data in [
            (reverse("quality:assessment_round_new"), {"year": value, "deadline": value}),
            (
                reverse("quality:assessment_evidence_add", args=base),
                {"assessment": value, "description": value, "link": value},
            ),
            (
                reverse("quality:assessment_review", args=base),
                {"assessment": value, "decision": value, "note": value},
            ),
            (
                reverse("quality:assessment_municipality", args=base),
                {
                    f"a{q.pk}-answer": value
                    for q in SelfAssessment.objects.filter(round=r, municipality=world.haarlem)
                },
            ),
            (
                reverse("quality:agreement_new"),
                {
                    "municipality": value,
                    "starts_on": value,
                    "ends_on": value,
                    "budget_share": value,
                    "line-TOTAL_FORMS": "1",
                    "line-INITIAL_FORMS": "0",
                    "line-0-function": value,
                    "line-0-pool": value,
                    "line-0-people": value,
                },
            ),
            (
                reverse("quality:agreement_new"),
                {"line-TOTAL_FORMS": value, "line-INITIAL_FORMS": value},
            ),
        ]:
            response = client.post(url, data)
            assert response.status_code in (302, 400), (url, value, response.status_code)


def test_api_with_odd_input(world: World, monitor: User, norms: object) -> None:
    r = services.round_open(
        actor=monitor, region=world.region, year=2026, deadline=dt.date(2026, 11, 30)
    )
    q = SelfAssessment.objects.filter(round=r).first()
    api = APIClient(raise_request_exception=False)
    api.force_login(monitor)
    bodies = [
        [],
        "x",
        None,
        {"answer": {"a": 1}},
        {"answer": "yes", "submit": "maybe"},
        {"answer": "yes", "explanation": "\x00"},
        {"municipality": HUGE, "starts_on": "2026-02-30", "ends_on": "0001-01-01"},
        {
            "municipality": world.haarlem.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "budget_share": "Infinity",
        },
        {
            "municipality": world.haarlem.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "lines": {"a": 1},
        },
        {
            "municipality": world.haarlem.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "lines": [{"function": HUGE, "pool": HUGE, "people": HUGE}],
        },
        {
            "municipality": world.haarlem.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "lines": [{"function": 2**62, "pool": 2**62, "people": 3}],
        },
    ]
    for body in bodies:
        for method, url in [
            ("post", f"/api/v1/quality/assessments/{q.pk}/"),
            ("post", "/api/v1/quality/regions/VR12/agreements/"),
        ]:
            response = getattr(api, method)(url, body, format="json")
            assert response.status_code == 400, (url, body, response.status_code)
    for url in [
        "/api/v1/quality/regions/XX/agreements/",
        "/api/v1/quality/regions/VR12%00/assessment-rounds/",
        f"/api/v1/quality/assessment-rounds/{HUGE}/answers/",
        f"/api/v1/quality/agreements/{HUGE}/",
    ]:
        assert api.get(url).status_code in (400, 404), url
