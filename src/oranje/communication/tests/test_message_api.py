"""The messages API: the same rules as the pages, answered in JSON with Dutch messages."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from oranje.communication.models import Message
from oranje.communication.services import messages as services
from oranje.communication.tests.messages_helpers import AREA, adviser, public_data, warning_data
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(user)
    return client


WARNING: dict[str, Any] = {
    "kind": "warning",
    "title": "Houd ramen en deuren dicht",
    "text": "Er komt veel rook vrij.",
    "instruction": "Ga naar binnen. Sluit ramen en deuren.",
    "goals": ["inform", "limit_harm"],
    "cap_category": "Fire",
    "cap_event": "Brand",
    "area": AREA,
}


def test_draft_approve_publish_and_follow_up_through_the_api(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    created = _api(anna).post(
        f"/api/v1/incidents/{incident.pk}/communication/messages/", WARNING, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    pk = body["id"]
    assert (body["status"], body["version"], body["kind"]) == ("draft", 1, "warning")
    assert body["versions"][0]["changed_by"] == "Anna Woordvoerder"
    assert body["readability"]["level"] in {"A2", "B1", "B2", "C1", "C2"}
    assert body["lengths"]["sms_encoding"] == "GSM-7"
    # Four eyes: the writer may not approve her own warning.
    refused = _api(anna).post(f"/api/v1/communication/messages/{pk}/approve/")
    assert refused.status_code == 400
    assert "Vier ogen" in refused.json()["non_field_errors"][0]
    boss = _api(world.coordinator)
    not_yet = boss.post(f"/api/v1/communication/messages/{pk}/publish/")
    assert not_yet.status_code == 400
    assert "nog niet goedgekeurd" in not_yet.json()["status"][0]
    approved = boss.post(f"/api/v1/communication/messages/{pk}/approve/")
    assert approved.json()["approved_role"] == "leiding incident"
    published = boss.post(f"/api/v1/communication/messages/{pk}/publish/")
    assert published.json()["status"] == "published"
    edit = boss.patch(f"/api/v1/communication/messages/{pk}/", {"title": "Stil"}, format="json")
    assert edit.status_code == 400
    assert "nooit gewijzigd" in edit.json()["non_field_errors"][0]
    follow = boss.post(
        f"/api/v1/communication/messages/{pk}/follow-up/", {"relation": "cancel"}, format="json"
    )
    assert follow.status_code == 201
    assert (follow.json()["relation"], follow.json()["parent"]) == ("cancel", pk)
    assert follow.json()["area"] == AREA
    detail = boss.get(f"/api/v1/communication/messages/{pk}/").json()
    assert detail["followups"] == [follow.json()["id"]]


def test_a_warning_without_instruction_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=adviser(world.region, "anna"), data=warning_data(instruction="")
    )
    response = _api(world.coordinator).post(f"/api/v1/communication/messages/{message.pk}/approve/")
    assert response.status_code == 400
    assert response.json()["instruction"] == [
        "Wat te doen: een waarschuwing heeft een instructie nodig (wat mensen moeten doen)."
    ]


def test_patch_writes_the_next_version_with_its_note(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    response = _api(world.coordinator).patch(
        f"/api/v1/communication/messages/{message.pk}/",
        {"text": "De brand is uit.", "note": "brand uit"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 2
    assert body["versions"][1]["note"] == "brand uit"
    assert body["title"] == "Brand in loods Velsen-Noord"  # left out: unchanged


def test_bad_input_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    api = _api(world.coordinator)
    url = f"/api/v1/incidents/{incident.pk}/communication/messages/"
    too_long = api.post(url, {**WARNING, "title": "x" * 161}, format="json")
    assert too_long.status_code == 400 and "title" in too_long.json()
    open_ring = api.post(
        url, {**WARNING, "area": [[52.47, 4.62], [52.48, 4.63], [52.47, 4.65]]}, format="json"
    )
    assert open_ring.status_code == 400
    assert "gesloten ring" in open_ring.json()["area"][0]
    bad_point = api.post(url, {**WARNING, "area": [[52.4, "x"]]}, format="json")
    assert bad_point.status_code == 400 and "area" in bad_point.json()
    bad_goal = api.post(url, {**WARNING, "goals": ["fun"]}, format="json")
    assert bad_goal.status_code == 400 and "goals" in bad_goal.json()
    bad_status = api.get(url + "?status=gone")
    assert bad_status.status_code == 400
    reject = api.post(
        f"/api/v1/communication/messages/{Message.objects.create(incident=incident, kind='public', title='t', text='t').pk}/reject/",
        {"reason": ""},
        format="json",
    )
    assert reject.status_code == 400 and "reason" in reject.json()
    assert Message.objects.count() == 1


def test_the_list_filters_by_status(world: World) -> None:
    incident = start_incident(world)
    draft = services.message_create(incident=incident, actor=world.coordinator, data=public_data())
    other = services.message_create(incident=incident, actor=world.coordinator, data=public_data())
    services.message_approve(message=other, actor=world.coordinator)
    api = _api(world.viewer)
    url = f"/api/v1/incidents/{incident.pk}/communication/messages/"
    assert api.get(url).json()["count"] == 2
    drafts = api.get(url + "?status=draft").json()["results"]
    assert [m["id"] for m in drafts] == [draft.pk]


def test_who_may_do_what(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    url = f"/api/v1/communication/messages/{message.pk}/"
    assert _api(world.outsider).get(url).status_code == 404
    assert _api(world.viewer).get(url).status_code == 200
    assert _api(world.viewer).patch(url, {"title": "x"}, format="json").status_code == 403
    assert _api(world.viewer).post(url + "approve/").status_code == 403
    assert (
        _api(world.viewer)
        .post(f"/api/v1/incidents/{incident.pk}/communication/messages/", WARNING, format="json")
        .status_code
        == 403
    )
    assert _api(world.outsider).post(url + "publish/").status_code == 404


def test_the_schema_describes_the_messages_api(world: World) -> None:
    schema = _api(world.coordinator).get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    assert "/api/v1/incidents/{id}/communication/messages/" in paths
    assert "/api/v1/communication/messages/{id}/follow-up/" in paths
    assert "MessageDetailOut" in schema["components"]["schemas"]
