"""API of the people who came: the list with deployments recorded (as the alert board's
access), the lead's rerun and thank-you, bad input answered 400 naming the field."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from oranje.aftercare.models import ThankYou
from oranje.aftercare.tests.people_helpers import arrived
from oranje.incidents import services as incidents
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.readiness.models import Activity

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(user)
    return client


def _incident(world: World, *, end: bool = True) -> Incident:
    incident = start_incident(world, exercise=True, title="Oefening Haarlem")
    arrived(incident, world.officers[0], world.ovd, hours_ago=4.3)
    if end:
        incident = incidents.incident_end_acute(actor=world.coordinator, incident=incident)
    return incident


def test_the_list_of_who_came(world: World) -> None:
    incident = _incident(world)
    url = f"/api/v1/incidents/{incident.pk}/aftercare/deployments/"
    response = _api(world.viewer).get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["is_exercise"] is True and data["acute_ended_at"]
    (row,) = data["came"]
    assert row["name"] == world.officers[0].full_name
    assert row["function"] == "OVD-BZ" and row["hours"] == "4.5" and row["recorded"] is True
    assert "email" not in row and "phone" not in row
    assert data["thanks"] == []
    assert _api(world.outsider).get(url).status_code == 404
    assert APIClient().get(url).status_code in (401, 403)


def test_record_and_thanks_for_a_lead(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(world)
    base = f"/api/v1/incidents/{incident.pk}/aftercare/"
    lead = _api(world.coordinator)
    Activity.objects.all().delete()
    response = lead.post(f"{base}deployments/record/")
    assert response.status_code == 200 and response.json() == {"recorded": 1}
    assert lead.post(f"{base}deployments/record/").json() == {"recorded": 0}
    with django_capture_on_commit_callbacks(execute=False):
        response = lead.post(f"{base}thanks/", {"text": "Dank!"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["mail"], body["queued"], body["sent"], body["busy"]) == (1, 1, 0, True)
    assert ThankYou.objects.get().text == "Dank!"
    listed = lead.get(f"{base}deployments/").json()
    assert [t["id"] for t in listed["thanks"]] == [body["id"]]
    # Twice in a row: refused, naming the field.
    again = lead.post(f"{base}thanks/", {"text": "Dank!"}, format="json")
    assert again.status_code == 400 and "text" in again.json()


def test_bad_input_and_no_right(world: World) -> None:
    incident = _incident(world, end=False)
    base = f"/api/v1/incidents/{incident.pk}/aftercare/"
    lead = _api(world.coordinator)
    for payload in ({}, {"text": ""}, {"text": "x" * 4001}, {"text": ["a"]}):
        response = lead.post(f"{base}thanks/", payload, format="json")
        assert response.status_code == 400 and "text" in response.json()
    running = lead.post(f"{base}thanks/", {"text": "Dank"}, format="json")
    assert running.status_code == 400 and "incident" in running.json()
    assert lead.post(f"{base}deployments/record/").status_code == 400
    assert _api(world.viewer).post(f"{base}thanks/", {"text": "Dank"}).status_code == 403
    assert _api(world.viewer).post(f"{base}deployments/record/").status_code == 403
    assert _api(world.outsider).post(f"{base}thanks/", {"text": "Dank"}).status_code == 404
    huge = "9" * 30
    assert lead.get(f"/api/v1/incidents/{huge}/aftercare/deployments/").status_code == 404
    assert not ThankYou.objects.exists()
