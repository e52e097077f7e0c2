"""The inquiries API: an intake answers with the ranked candidates, a retried POST writes
once, bad input is refused naming the field, four eyes and the police on the deceased,
consent and calls, the same doors as the pages, and the operations in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World
from oranje.registry.constants import InquiryStatus, ReadKind, Source, Status, Whereabouts
from oranje.registry.models import Inquiry, ReadLog
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

BODY: dict[str, Any] = {
    "caller_name": "Marieke de Vries",
    "caller_phone": "06-12345678",
    "caller_relation": "dochter",
    "given_names": "Hans",
    "prefix": "de",
    "surname": "Vries",
    "birth": "1950-03-04",
    "client_key": "api-key-0001",
}


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _create(rw: RegistryWorld, client: APIClient, **extra: Any) -> Any:
    return client.post(
        f"/api/v1/incidents/{rw.incident.pk}/inquiries/", {**BODY, **extra}, format="json"
    )


def test_an_intake_answers_with_the_ranked_candidates(rw: RegistryWorld) -> None:
    wanted = register(rw)
    client = _client(rw.officer)
    response = _create(rw, client)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == 1 and body["caller_phone"] == "+31612345678"
    first = body["candidates"][0]
    assert first["person"] == wanted.pk and first["decision"] == "match"
    assert first["status"] == Status.UNHARMED and first["whereabouts"] == Whereabouts.SHELTER
    assert any("johannes" in reason for reason in first["reasons"])
    again = _create(rw, client)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Inquiry.objects.count() == 1
    listed = client.get(f"/api/v1/incidents/{rw.incident.pk}/inquiries/").json()
    assert [row["id"] for row in listed] == [body["id"]]
    assert ReadLog.objects.filter(kind=ReadKind.LIST).count() == 1
    assert (
        client.get(f"/api/v1/incidents/{rw.incident.pk}/inquiries/?status=nope").status_code == 400
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("birth", "1950-02-30"), ("postcode", "ABCD"), ("caller_phone", "x"), ("house", "nul")],
)
def test_bad_input_is_refused_naming_the_field(rw: RegistryWorld, field: str, value: str) -> None:
    response = _create(rw, _client(rw.officer), **{field: value})
    assert response.status_code == 400
    assert field in response.json()
    assert not Inquiry.objects.exists()


def test_four_eyes_and_the_police_for_the_deceased(rw: RegistryWorld) -> None:
    register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)
    anna, bram = _client(rw.officer), _client(rw.second_officer)
    inquiry = _create(rw, anna).json()
    one = f"/api/v1/inquiries/{inquiry['id']}/"
    candidate = inquiry["candidates"][0]["id"]
    first = anna.post(f"{one}candidates/{candidate}/confirm/")
    assert first.status_code == 200 and first.json()["state"] == "second"
    assert anna.post(f"{one}candidates/{candidate}/confirm/").status_code == 400
    second = bram.post(f"{one}candidates/{candidate}/confirm/")
    assert second.status_code == 200 and second.json()["state"] == "confirmed"
    assert anna.get(one).json()["status"] == InquiryStatus.POLICE
    refused = anna.post(f"{one}calls/", {"outcome": "reached"}, format="json")
    assert refused.status_code == 400
    asked = anna.post(f"{one}police-asked/", {}, format="json")
    assert asked.status_code == 200 and asked.json()["confirmed_at"] is None
    done = bram.post(f"{one}police-confirmed/", {}, format="json")
    assert done.status_code == 200 and done.json()["confirmed_at"]
    detail = anna.get(one).json()
    assert detail["status"] == InquiryStatus.INFORMED and detail["police"]["asked_at"]
    assert anna.get(f"{one}calls/").json() == []


def test_consent_calls_and_closing(rw: RegistryWorld) -> None:
    register(rw)
    client = _client(rw.officer)
    inquiry = _create(rw, client).json()
    one = f"/api/v1/inquiries/{inquiry['id']}/"
    assert client.post(f"{one}consent/", {"share": True}, format="json").status_code == 400
    client.post(f"{one}candidates/{inquiry['candidates'][0]['id']}/confirm/")
    assert client.post(f"{one}take/").json()["assigned_to"] == rw.officer.username
    call = {"outcome": "reached", "phrases": ["in_shelter"]}
    assert client.post(f"{one}calls/", call, format="json").status_code == 400
    consented = client.post(f"{one}consent/", {"share": True}, format="json")
    assert consented.json()["share_whereabouts"] is True
    made = client.post(f"{one}calls/", call, format="json")
    assert made.status_code == 201 and made.json()["phrases"] == ["in_shelter"]
    assert client.get(one).json()["status"] == InquiryStatus.INFORMED
    assert client.post(f"{one}close/", {}, format="json").status_code == 400
    closed = client.post(f"{one}close/", {"reason": "Beantwoord"}, format="json").json()
    assert closed["status"] == InquiryStatus.CLOSED and closed["close_reason"] == "Beantwoord"


def test_only_the_registry_roles_of_the_region(rw: RegistryWorld) -> None:
    register(rw)
    inquiry = _create(rw, _client(rw.officer)).json()
    for user in (rw.outsider, rw.world.coordinator, rw.world.admin):
        client = _client(user)
        assert client.get(f"/api/v1/inquiries/{inquiry['id']}/").status_code == 404
        assert _create(rw, client, client_key="other").status_code == 404
        candidate = inquiry["candidates"][0]["id"]
        url = f"/api/v1/inquiries/{inquiry['id']}/candidates/{candidate}/confirm/"
        assert client.post(url).status_code == 404


def test_the_operations_are_in_the_openapi_document(rw: RegistryWorld) -> None:
    schema = _client(rw.officer).get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    assert "/api/v1/incidents/{id}/inquiries/" in paths or any(
        p.startswith("/api/v1/incidents/") and p.endswith("/inquiries/") for p in paths
    )
    ours = [p for p in paths if p.startswith("/api/v1/inquiries/")]
    assert len(ours) == 10
    post = next(p for p in paths if p.endswith("/inquiries/") and "incidents" in p)
    assert "requestBody" in paths[post]["post"]


@pytest.mark.parametrize(
    "body",
    [
        [],
        "text",
        {"outcome": 5, "phrases": "in_shelter", "at": "gisteren"},
        {"outcome": "reached", "phrases": [None, 3], "note": "x" * 5000},
        {"share": "misschien", "reason": ["a"], "at": "2999-01-01T00:00:00Z"},
        {**BODY, "birth": "٣-٣-١٩٥٠", "age_estimate": 10**30, "last_seen_at": "1-1-1"},
        {**BODY, "sex": "Q", "is_child": "soms", "client_key": "k" * 500},
    ],
)
def test_odd_input_never_makes_a_server_error(rw: RegistryWorld, body: Any) -> None:
    register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)
    client = _client(rw.officer)
    inquiry = _create(rw, client, client_key="fuzz").json()
    one = f"/api/v1/inquiries/{inquiry['id']}/"
    candidate = inquiry["candidates"][0]["id"]
    for url in (
        f"/api/v1/incidents/{rw.incident.pk}/inquiries/",
        f"{one}calls/",
        f"{one}consent/",
        f"{one}close/",
        f"{one}police-asked/",
        f"{one}police-confirmed/",
        f"{one}take/",
        f"{one}candidates/{candidate}/confirm/",
        f"{one}candidates/{candidate}/reject/",
    ):
        response = client.post(url, body, format="json")
        assert response.status_code < 500, (url, response.status_code)
