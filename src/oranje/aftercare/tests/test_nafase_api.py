"""The nafase's API: the phase and its start, the transition document's versions, the
aftercare tasks — the same rules as the pages, Dutch messages naming the field."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from rest_framework.test import APIClient

from oranje.aftercare.tests.helpers import facts_world, officer
from oranje.alerting.constants import CallStatus
from oranje.alerting.models import FunctionCall
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.organisation.tests.factories import World


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(user)
    return client


def test_phase_and_start(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    nadia = officer(world.region)
    url = f"/api/v1/incidents/{incident.pk}/aftercare/"
    state = _api(world.viewer).get(url).json()
    assert state["phase"] == "acute" and state["aftercare"] is None
    assert _api(world.viewer).post(f"{url}start/", {"head": nadia.pk}).status_code == 403
    assert _api(world.outsider).get(url).status_code == 404
    lead = _api(world.coordinator)
    bad = lead.post(f"{url}start/", {"head": world.outsider.pk}, format="json")
    assert bad.status_code == 400 and "head" in bad.json()
    assert lead.post(f"{url}start/", {"head": "x"}, format="json").status_code == 400
    long = lead.post(f"{url}start/", {"head": nadia.pk, "note": "x" * 5001}, format="json")
    assert long.status_code == 400 and "note" in long.json()
    started = lead.post(f"{url}start/", {"head": nadia.pk, "note": "Klaar"}, format="json")
    assert started.status_code == 201, started.json()
    body = started.json()
    assert body["phase"] == "aftercare" and body["aftercare"]["head_name"] == "Nadia Nazorg"
    assert FunctionCall.objects.get(incident=incident).status == CallStatus.CANCELLED
    again = lead.post(f"{url}start/", {"head": nadia.pk}, format="json")
    assert again.status_code == 400
    # Scaling through the API is refused with the nafase's message.
    refused = lead.post(
        f"/api/v1/incidents/{incident.pk}/scale/",
        {"mode": "grip", "grip_level": 2, "reason": "x", "decided_by": "y"},
        format="json",
    )
    assert refused.status_code == 400 and "nafase" in str(refused.json()), refused.json()


def test_transition_documents(world: World) -> None:
    incident = start_incident(world)
    facts_world(world, incident)
    nadia = _api(officer(world.region))
    base = f"/api/v1/incidents/{incident.pk}/aftercare/transition-documents/"
    made = nadia.post(base)
    assert made.status_code == 201, made.json()
    doc = made.json()
    assert doc["number"] == 1 and doc["status"] == "draft"
    assert doc["facts"]["damage"]["total"] == 1 and doc["facts"]["registry"]["persons"] == 1
    assert nadia.post(base).status_code == 400  # one draft at a time
    listed = _api(world.viewer).get(base).json()
    assert [d["number"] for d in listed["results"]] == [1]
    one = f"/api/v1/aftercare/transition-documents/{doc['id']}/"
    assert _api(world.viewer).patch(one, {"risks": "x"}, format="json").status_code == 403
    assert _api(world.outsider).get(one).status_code == 404
    too_long = nadia.patch(one, {"risks": "x" * 5001}, format="json")
    assert too_long.status_code == 400 and "risks" in too_long.json()
    patched = nadia.patch(one, {"risks": "Onrust in de wijk"}, format="json").json()
    assert patched["risks"] == "Onrust in de wijk"
    assert patched["summary"] == "Brand in zorgcentrum geblust."  # left out: kept
    assert nadia.post(f"{one}approve/").status_code == 403
    approved = _api(world.coordinator).post(f"{one}approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    locked = nadia.patch(one, {"risks": "Anders"}, format="json")
    assert locked.status_code == 400 and "vastgesteld" in str(locked.json())
    assert nadia.post(base).json()["number"] == 2


def test_tasks(world: World) -> None:
    incident = start_incident(world)
    nadia_user = officer(world.region)
    nadia = _api(nadia_user)
    base = f"/api/v1/incidents/{incident.pk}/aftercare/tasks/"
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    made = nadia.post(
        base,
        {
            "theme": "housing",
            "title": "Wisselwoningen",
            "owner": nadia_user.pk,
            "deadline": yesterday,
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    task = made.json()
    assert task["owner_name"] == "Nadia Nazorg" and task["overdue"] is True
    assert [e["status"] for e in task["events"]] == ["open"]
    for bad, field in (
        ({"theme": "weer", "title": "x"}, "theme"),
        ({"theme": "housing", "title": "x" * 201}, "title"),
        ({"theme": "housing", "title": "x", "deadline": "2999-01-01"}, "deadline"),
        ({"theme": "housing", "title": "x", "owner": world.outsider.pk}, "owner"),
        ({"theme": "housing", "title": "x", "owner": 2**70}, "owner"),
    ):
        answer = nadia.post(base, bad, format="json")
        assert answer.status_code == 400 and field in answer.json(), (bad, answer.json())
    assert _api(world.viewer).post(base, {"theme": "housing", "title": "x"}).status_code == 403
    assert _api(world.viewer).get(base + "?status=overdue").json()["count"] == 1
    assert nadia.get(base + "?status=done").json()["count"] == 0
    assert nadia.get(base + "?theme=weer").status_code == 400
    one = f"/api/v1/aftercare/tasks/{task['id']}/"
    done = nadia.patch(one, {"status": "done", "note": "Geregeld"}, format="json")
    assert done.status_code == 200
    body = done.json()
    assert (
        body["status"] == "done" and body["overdue"] is False and body["title"] == "Wisselwoningen"
    )
    assert body["events"][-1] == {**body["events"][-1], "status": "done", "note": "Geregeld"}
    assert _api(world.outsider).get(one).status_code == 404
    assert _api(world.viewer).patch(one, {"status": "open"}, format="json").status_code == 403
