"""The alerting API end to end through DRF: an incident is scaled, alerted and answered."""

from django.utils import timezone

from oranje.alerting.models import Alert
from oranje.incidents.tests.factories import OnCall
from oranje.incidents.tests.test_api import _start, api


def test_the_whole_incident_flow_through_the_api(on_call: OnCall) -> None:
    world = on_call.world
    client = api(world.coordinator)
    incident = _start(client)
    base = f"/api/v1/incidents/{incident['id']}"
    scaled = client.post(
        f"{base}/scale/",
        {"mode": "grip", "grip_level": 1, "reason": "Gas weg", "decided_by": "Leider CoPI"},
        format="json",
    )
    assert scaled.status_code == 201 and scaled.json()["warnings"] == []
    board = client.get(f"{base}/alerts/").json()
    alert_id = board[0]["alerts"][0]["id"]
    own = api(world.functionary)
    assert (
        own.post(
            f"/api/v1/alerts/{alert_id}/answer/", {"answer": "accepted", "eta_minutes": 15}
        ).status_code
        == 200
    )
    assert own.post(f"/api/v1/alerts/{alert_id}/answer/", {"answer": "arrived"}).status_code == 200
    assert Alert.objects.get(pk=alert_id).answered_via == "app"
    log = client.post(f"{base}/log/", {"text": "CoPI gestart", "team": "copi"}, format="json")
    assert log.status_code == 201
    newer = client.get(f"{base}/log/?after={log.json()['number'] - 1}").json()
    assert [e["text"] for e in newer] == ["CoPI gestart"]
    decision = client.post(
        f"{base}/decisions/",
        {"team": "gbt", "decided_by": "Burgemeester", "text": "Informatiepunt"},
    )
    assert decision.status_code == 201
    action = client.post(
        f"{base}/actions/",
        {"text": "Brief", "owner_function": "HTO-CC", "deadline": timezone.now().isoformat()},
    ).json()
    done = client.post(f"{base}/actions/{action['id']}/status/", {"status": "done"})
    assert done.json()["status"] == "done"
    checklists = client.get(f"{base}/checklists/").json()
    first = checklists[0]["items"][0]
    ticked = client.post(f"{base}/checklists/", {"item": first["id"]}).json()
    assert ticked[0]["items"][0]["ticked_by"] is not None
    report = client.post(f"{base}/reports/").json()
    assert report["marking"] == "OEFENING"
    empty = client.post(f"{base}/reports/1/", {"step": "approve"})
    assert empty.status_code == 400 and "summary" in empty.json()
    client.put(f"{base}/reports/1/", {"summary": "Gaslek", "sections": {}}, format="json")
    assert client.post(f"{base}/reports/1/", {"step": "approve"}).json()["status"] == "approved"
    assert client.post(f"{base}/reports/1/", {"step": "publish"}).json()["status"] == "published"
    times = client.get(f"/api/v1/incidents/{incident['id']}/times/").json()
    assert times["functions"][0]["function"] == "OVD-BZ"
    assert times["functions"][0]["first_arrival"] is not None
    assert client.post(f"{base}/close/", {"note": "Gas terug"}).status_code == 200
    closed = client.post(f"{base}/log/", {"text": "te laat"})
    assert closed.status_code == 400 and "afgesloten" in closed.json()["non_field_errors"][0]
