"""The damage API of the staff side: the list, a report taken by phone (idempotent), one
report and its changes, the overview's counts."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.damage.models import DamageEvent, DamageReport
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user: object) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)  # type: ignore[arg-type]
    return c


BODY = {
    "channel": "phone",
    "reporter_name": "Piet Jansen",
    "reporter_phone": "06 1234 5678",
    "postcode": "1951 ab",
    "house": "12a",
    "street": "Wijkerstraatweg",
    "city": "Velsen-Noord",
    "kind": "home",
    "description": "Dak beschadigd door de explosie.",
    "unsafe": True,
    "latitude": "52.470000",
    "longitude": "4.620000",
}


def test_create_by_phone_is_idempotent(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    url = f"/api/v1/incidents/{incident.pk}/damage/reports/"
    api = _api(officer)
    first = api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == 201, first.content
    again = api.post(url, BODY, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    created = DamageReport.objects.get()
    assert (created.channel, created.postcode, created.house_number, created.house_addition) == (
        "phone",
        "1951AB",
        12,
        "A",
    )
    assert created.address_key == "1951AB|12|A" and created.latitude is not None


def test_create_refuses_bad_input_by_field(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    url = f"/api/v1/incidents/{incident.pk}/damage/reports/"
    api = _api(officer)
    for change, field in (
        ({"channel": "form"}, "channel"),
        ({"postcode": "ABCD 12"}, "postcode"),
        ({"reporter_name": "x" * 201}, "reporter_name"),
        ({"latitude": None}, "latitude"),
        ({"client_key": "k" * 65}, "client_key"),
    ):
        response = api.post(url, BODY | change, format="json")
        assert response.status_code == 400, (change, response.content)
        assert field in response.json(), (field, response.json())
    assert not DamageReport.objects.exists()
    assert _api(world.coordinator).post(url, BODY, format="json").status_code == 403


def test_list_filters_paginates_and_audits(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    urgent = report(incident, triage="urgent", unsafe=True)
    report(incident, kind="vehicle")
    api = _api(officer)
    data = api.get(f"/api/v1/incidents/{incident.pk}/damage/reports/").json()
    assert data["count"] == 2 and data["results"][0]["reference"] == urgent.reference
    data = api.get(f"/api/v1/incidents/{incident.pk}/damage/reports/?kind=vehicle").json()
    assert data["count"] == 1
    bad = api.get(f"/api/v1/incidents/{incident.pk}/damage/reports/?status=zz&postcode=<x>")
    assert bad.status_code == 400 and {"status", "postcode"} <= set(bad.json())
    assert AuditEntry.objects.filter(action="damage.read").count() == 2
    assert (
        _api(world.viewer).get(f"/api/v1/incidents/{incident.pk}/damage/reports/").status_code
        == 403
    )


def test_patch_triage_status_handler_note(world: World) -> None:
    officer = handler(world.region, "schade1")
    colleague = handler(world.region, "schade2")
    incident = start_incident(world)
    r = report(incident)
    api = _api(officer)
    url = f"/api/v1/damage/reports/{r.pk}/"
    response = api.patch(
        url,
        {
            "triage": "urgent",
            "status": "in_progress",
            "status_note": "Inspecteur gestuurd",
            "handler": colleague.pk,
            "note": "Bewoner gebeld",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["triage"], data["status"], data["handler"]) == (
        "urgent",
        "in_progress",
        colleague.pk,
    )
    assert [e["kind"] for e in data["events"]] == ["triage", "status", "handler", "note"]
    assert api.patch(url, {"handler": 2**62}, format="json").status_code == 400
    assert api.patch(url, {"handler": 2**64}, format="json").status_code == 400
    assert api.patch(url, {"note": "x" * 2001}, format="json").status_code == 400
    assert DamageEvent.objects.filter(report=r).count() == 4
    assert _api(world.coordinator).patch(url, {"triage": "info"}, format="json").status_code == 403
    assert _api(world.coordinator).get(url).status_code == 403
    assert _api(handler(world.other_region, "utrecht")).get(url).status_code == 404


def test_overview_counts_for_everyone_who_sees_the_incident(world: World) -> None:
    incident = start_incident(world)
    report(incident, unsafe=True, triage="urgent", street="Dudokplein", reporter_name="Geheim")
    report(incident, kind="vehicle", postcode="2011AB")
    response = _api(world.viewer).get(f"/api/v1/incidents/{incident.pk}/damage/overview/")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2 and data["unsafe_homes_urgent"] == 1
    assert {r["key"] for r in data["by_postcode_area"]} == {"1951", "2011"}
    assert "Geheim" not in response.content.decode()
    other = _api(handler(world.other_region, "utrecht"))
    assert other.get(f"/api/v1/incidents/{incident.pk}/damage/overview/").status_code == 404
