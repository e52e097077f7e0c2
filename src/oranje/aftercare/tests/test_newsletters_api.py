"""The newsletters through the API: the households per channel and the incident's
newsletters, a draft written and changed within its limits (Dutch messages naming the
field), sent once, counts only, and the same doors as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.aftercare.models import Newsletter, NewsletterItem
from oranje.aftercare.tests.newsletter_helpers import cases, draft, iac_officer
from oranje.core.models import User
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_write_change_and_send_a_newsletter_through_the_api(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = start_incident(world, title="Brand Velsen-Noord")
    cases(incident, 2)
    cases(incident, 1, email=False, prefix="brief")
    cases(incident, 1, email=False, address=False, prefix="weg")
    api = _api(iac_officer(world.region))
    base = f"/api/v1/incidents/{incident.pk}/aftercare/newsletters/"
    listed = api.get(base).json()
    assert listed == {"recipients": {"mail": 2, "letter": 1, "unreachable": 1}, "newsletters": []}

    bad = api.post(base, {"subject": "x" * 201, "body": ""}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"subject", "body"}
    assert "200" in bad.json()["subject"][0]
    blank = api.post(base, {"subject": "\u202e", "body": "tekst"}, format="json")
    assert blank.status_code == 400
    assert blank.json()["subject"] == ["Onderwerp: schrijf een onderwerp."]

    made = api.post(base, {"subject": "Stand van zaken", "body": "Beste bewoners,"}, format="json")
    assert made.status_code == 201
    body = made.json()
    assert body["status"] == "draft" and body["is_exercise"] is False
    assert body["counts"]["total"] == 0
    pk = body["id"]
    patched = api.patch(f"/api/v1/aftercare/newsletters/{pk}/", {"body": "Nieuw."}, format="json")
    assert patched.status_code == 200
    assert patched.json()["body"] == "Nieuw." and patched.json()["subject"] == "Stand van zaken"

    with django_capture_on_commit_callbacks(execute=False):
        sent = api.post(f"/api/v1/aftercare/newsletters/{pk}/send/")
    assert sent.status_code == 200
    out = sent.json()
    assert (out["mail"], out["letter"], out["unreachable"], out["exercise"]) == (2, 1, 1, False)
    assert out["newsletter"]["status"] == "sent"
    assert out["newsletter"]["counts"] == {
        "queued": 2,
        "sent": 0,
        "failed": 0,
        "not_sent": 0,
        "letter": 1,
        "total": 3,
        "busy": True,
    }
    assert "@" not in str(out) and "Fam." not in str(out)  # counts only

    again = api.post(f"/api/v1/aftercare/newsletters/{pk}/send/")
    assert again.status_code == 400 and "al verzonden" in str(again.json())
    late = api.patch(f"/api/v1/aftercare/newsletters/{pk}/", {"body": "Anders"}, format="json")
    assert late.status_code == 400
    assert NewsletterItem.objects.count() == 3
    assert api.get(base).json()["newsletters"][0]["id"] == pk


def test_the_doors_of_the_newsletter_api(world: World) -> None:
    incident = start_incident(world, title="Brand Velsen-Noord")
    letter = draft(incident)
    paths = [
        ("get", f"/api/v1/incidents/{incident.pk}/aftercare/newsletters/"),
        ("post", f"/api/v1/incidents/{incident.pk}/aftercare/newsletters/"),
        ("get", f"/api/v1/aftercare/newsletters/{letter.pk}/"),
        ("patch", f"/api/v1/aftercare/newsletters/{letter.pk}/"),
        ("post", f"/api/v1/aftercare/newsletters/{letter.pk}/send/"),
    ]
    for user, status in ((world.viewer, 403), (world.coordinator, 403), (world.outsider, 404)):
        api = _api(user)
        got = [getattr(api, m)(p, {}, format="json").status_code for m, p in paths]
        assert got == [status] * len(paths), user
    iac = _api(iac_officer(world.region))
    assert iac.get("/api/v1/aftercare/newsletters/99999999999999999999999/").status_code == 404
    assert iac.get(f"/api/v1/aftercare/newsletters/{letter.pk + 1000}/").status_code == 404
    assert Newsletter.objects.get().subject == letter.subject
