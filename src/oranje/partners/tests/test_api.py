"""The partner view's API: the same content and chokepoint as the page."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.partners.tests.factories import PartnerWorld, build_partner_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(world: World) -> PartnerWorld:
    return build_partner_world(world.region, world.other_region, world.velsen)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_gives_the_partner_view_without_drafts_or_persons(pw: PartnerWorld) -> None:
    response = _client(pw.partner).get("/api/v1/partners/VR12/")
    assert response.status_code == 200
    data = response.json()
    assert [(r["incident"]["title"], r["version"]) for r in data["reports"]] == [
        ("Gasstoring Velsen-Noord", 2)
    ]
    assert [r["incident"]["title"] for r in data["exercise_reports"]] == ["Oefening dijkdoorbraak"]
    titles = {m["title"] for m in data["messages"]}
    assert titles == {"Geen gas in Velsen-Noord", "Voor partners: informatiepunt"}
    assert [(s["name"], s["present"]) for s in data["shelters"]] == [("Sporthal De Kooi", 14)]
    assert [len(s["steps"]) for s in data["scaling"]] == [2]
    text = response.content.decode()
    assert "Jansen" not in text and "Piet Pietersen" not in text and "decided_by" not in text
    assert AuditEntry.objects.filter(action=AuditAction.PARTNER_VIEW_READ, note="API").exists()


def test_the_api_report_is_the_newest_published_version(pw: PartnerWorld) -> None:
    response = _client(pw.partner).get(f"/api/v1/partners/VR12/reports/{pw.real.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 2 and data["summary"] == "Tweede beeld"
    assert data["sections"] == [
        {"process": "shelter", "picture": "Beeld Tweede beeld", "judgement": "", "advice": ""}
    ]


def test_the_api_refuses_another_region(pw: PartnerWorld) -> None:
    client = _client(pw.partner)
    assert client.get("/api/v1/partners/VR09/").status_code == 404
    assert client.get(f"/api/v1/partners/VR12/reports/{pw.other_region.pk}/").status_code == 404
    assert Client().get("/api/v1/partners/VR12/").status_code == 403


@pytest.mark.parametrize(
    "path",
    ["/api/v1/persons/", "/api/v1/readiness/national/", "/api/v1/functions/", "/api/v1/loans/"],
)
def test_a_partners_api_token_opens_only_the_partners_api(pw: PartnerWorld, path: str) -> None:
    """A token is read inside the view, after the middleware: the same stranger rule holds."""
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=pw.partner)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/partners/VR12/").status_code == 200
    response = client.get(path)
    assert response.status_code == 403
    assert "partner" in response.json()["detail"].lower()
