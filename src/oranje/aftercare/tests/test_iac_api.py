"""The IAC's API: cases listed, opened, read and changed; the work inside a case; closing;
the weekly figures for everyone who sees the incident; bad input answered 400 naming the
field; reads audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.aftercare.models import IacCase
from oranje.aftercare.tests.iac_helpers import (
    damage_report,
    iac_officer,
    open_case,
    registry_person,
)
from oranje.core.models import AuditEntry, User
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_open_list_read_and_change_a_case(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    report = damage_report(incident)
    api = _api(officer)
    url = f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/"
    made = api.post(
        url,
        {
            "household_name": "Fam. Bakker",
            "phone": "06 12345678",
            "postcode": "1951 ab",
            "house": "4",
            "limited_mobility": True,
            "themes": ["housing", "psychosocial"],
            "damage_reports": [report.pk],
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["number"] == 1 and body["postcode"] == "1951AB"
    assert body["damage_reports"] == [report.pk] and body["person"] is None
    listed = api.get(url + "?limited_mobility=true&theme=housing").json()
    assert [c["household_name"] for c in listed["results"]] == ["Fam. Bakker"]
    assert api.get(url + "?status=closed").json()["count"] == 0
    case_url = f"/api/v1/aftercare/iac/cases/{body['id']}/"
    AuditEntry.objects.filter(action="iac.read").delete()
    changed = api.patch(
        case_url, {"city": "Velsen-Noord", "limited_mobility": False}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["city"] == "Velsen-Noord"
    assert changed.json()["damage_reports"] == [report.pk]
    assert AuditEntry.objects.filter(action="iac.read").count() == 1


def test_bad_input_names_the_field(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    other = start_incident(world, title="Ander")
    api = _api(officer)
    url = f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/"
    for body, field in [
        ({}, "household_name"),
        ({"household_name": "x" * 201}, "household_name"),
        ({"household_name": "X", "postcode": "1234"}, "postcode"),
        ({"household_name": "X", "phone": "abc"}, "phone"),
        ({"household_name": "X", "themes": ["weer"]}, "themes"),
        ({"household_name": "X", "damage_reports": [2**64]}, "damage_reports"),
        ({"household_name": "X", "damage_reports": [damage_report(other).pk]}, "damage_reports"),
        ({"household_name": "X", "person": registry_person(incident).pk}, "person"),
    ]:
        response = api.post(url, body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), (body, response.json())
    assert not IacCase.objects.exists()
    assert api.get(url + "?status=weg").status_code == 400


def test_work_inside_a_case_and_closing(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)
    api = _api(officer)
    base = f"/api/v1/aftercare/iac/cases/{case.pk}/"
    assert (
        api.post(
            base + "questions/", {"theme": "finance", "text": "Vergoeding?"}, format="json"
        ).status_code
        == 201
    )
    assert (
        api.post(
            base + "contacts/", {"kind": "home_visit", "summary": "Bezocht"}, format="json"
        ).status_code
        == 201
    )
    due = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    follow = api.post(
        base + "follow-ups/",
        {"due_on": due, "text": "Bellen", "assigned_to": officer.pk},
        format="json",
    )
    assert follow.status_code == 201 and follow.json()["overdue"] is False
    assert (
        api.post(
            base + "follow-ups/", {"due_on": "1999-01-01", "text": "x"}, format="json"
        ).status_code
        == 400
    )
    assert api.post(base + "referrals/", {"to": "ggd"}, format="json").status_code == 201
    assert api.post(base + "referrals/", {"to": "other"}, format="json").json().keys() == {
        "organisation"
    }
    refused = api.post(base + "close/", {"note": "Klaar"}, format="json")
    assert refused.status_code == 400 and "follow_ups" in refused.json()
    closed = api.post(base + "close/", {"note": "Klaar", "follow_ups_done": True}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    detail = api.get(base).json()
    assert [c["kind"] for c in detail["contacts"]] == ["home_visit"]
    assert detail["follow_ups"][0]["done_at"] is not None
    assert (
        api.post(base + "contacts/", {"kind": "phone", "summary": "x"}, format="json").status_code
        == 400
    )


def test_doors(world: World) -> None:
    officer = iac_officer(world.region)
    incident = start_incident(world)
    case = open_case(officer, incident)
    figures = f"/api/v1/incidents/{incident.pk}/aftercare/iac/figures/"
    for user in (world.viewer, world.coordinator):
        api = _api(user)
        assert api.get(f"/api/v1/incidents/{incident.pk}/aftercare/iac/cases/").status_code == 403
        assert api.get(f"/api/v1/aftercare/iac/cases/{case.pk}/").status_code == 403
        weeks = api.get(figures)
        assert weeks.status_code == 200 and weeks.json()[-1]["new"] == 1
        assert "Jansen" not in weeks.content.decode()
    outsider = _api(world.outsider)
    assert outsider.get(figures).status_code == 404
    assert outsider.get(f"/api/v1/aftercare/iac/cases/{case.pk}/").status_code == 404
    assert _api(officer).get(f"/api/v1/aftercare/iac/cases/{2**63}/").status_code == 404
