"""The living dossier's API: search with filters (bad filters a 400 naming the field), create
(an empty entry names its fields in Dutch), detail with versions and comments, a new
version (credited to a work session of the writer's region) and a comment; members read,
those who evaluate write."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.core.tests.logins import complete_second_step
from oranje.learning.models import Entry, WorkSession
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db

API = "/api/v1/learning/entries/"


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    complete_second_step(client, user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def test_create_search_detail_version_comment(qm: User, world: World) -> None:
    client = _api(qm)
    empty = client.post(API, {"region": "VR12", "theme": "on_call", "kind": "practice"})
    assert empty.status_code == 400
    body = empty.json()
    assert "titel" in str(body["title"]).lower() and "tekst" in str(body["text"]).lower()
    made = client.post(
        API,
        {
            "region": "VR12",
            "theme": "on_call",
            "kind": "practice",
            "title": "Zacht piket",
            "text": "Van harde naar zachte piketten.",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["versions"][0]["number"] == 1
    found = client.get(API, {"q": "piket", "theme": "on_call", "region": "vr12"}).json()
    assert [e["id"] for e in found["results"]] == [pk] and found["results"][0]["rank"] > 0
    assert client.get(API, {"theme": "?"}).status_code == 400
    assert "region" in client.get(API, {"region": "XX99"}).json()
    assert client.get(API, {"region": "VR\x00", "q": "piket\x00"}).status_code == 400
    assert client.get(API, {"q": 'pi\x00ket -\x00 "\x00'}).status_code in (200, 400)
    assert client.get(API, {"q": '"" or - NOT ( * NEAR(a b)'}).status_code == 200
    version = client.post(
        f"{API}{pk}/versions/",
        {"region": "VR12", "status": "tried", "note": "Geprobeerd in Velsen"},
        format="json",
    )
    assert version.status_code == 201 and version.json()["version"] == 2
    comment = client.post(f"{API}{pk}/comments/", {"region": "VR12", "text": ""}, format="json")
    assert comment.status_code == 400 and "text" in comment.json()
    comment = client.post(
        f"{API}{pk}/comments/", {"region": "VR12", "text": "Goed idee."}, format="json"
    )
    assert comment.status_code == 201
    detail = _api(world.viewer).get(f"{API}{pk}/").json()
    assert detail["status"] == "tried" and detail["comments"][0]["text"] == "Goed idee."
    assert [v["number"] for v in detail["versions"]] == [2, 1]


def test_contributors_write_versions_members_comment(qm: User, world: World) -> None:
    viewer = _api(world.viewer)
    entry = Entry.objects.create(
        theme="pools", kind="question", title="Drie pools", text="Welke pools?", region=world.region
    )
    assert viewer.get(API).status_code == 200
    version = {"region": "VR12", "text": "Andere tekst", "note": "x"}
    assert viewer.post(f"{API}{entry.pk}/versions/", version).status_code == 403
    # Any member comments: under their only region when left out.
    made = viewer.post(f"{API}{entry.pk}/comments/", {"text": "Goed."}, format="json")
    assert made.status_code == 201 and made.json()["region"] == "VR12"
    # A region the member is not a member of: the field named.
    refused = _api(qm).post(
        f"{API}{entry.pk}/comments/", {"region": "VR09", "text": "x"}, format="json"
    )
    assert refused.status_code == 400 and "region" in refused.json()
    national = _api(monitor(None, username="landelijk"))
    made = national.post(
        f"{API}{entry.pk}/comments/", {"region": "landelijk", "text": "Landelijk."}, format="json"
    )
    assert made.status_code == 201 and made.json()["region"] is None
    assert APIClient().get(API).status_code == 403


def test_a_version_names_its_work_session(qm: User, world: World) -> None:
    entry = Entry.objects.create(
        theme="pools", kind="question", title="Drie pools", text="Welke pools?", region=world.region
    )
    day = dt.date(2015, 11, 12)
    ours = WorkSession.objects.create(title="Sessie VR12", held_on=day, host_region=world.region)
    theirs = WorkSession.objects.create(
        title="Sessie VR09", held_on=day, host_region=world.other_region
    )
    client = _api(qm)
    url = f"{API}{entry.pk}/versions/"
    refused = client.post(
        url, {"region": "VR12", "status": "tried", "work_session": theirs.pk}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["work_session"] == [
        "Werksessie: kies een werksessie die uw regio organiseert of waaraan zij deelneemt."
    ]
    unknown = client.post(
        url, {"region": "VR12", "status": "tried", "work_session": 999999}, format="json"
    )
    assert unknown.status_code == 400 and "work_session" in unknown.json()
    bare = {"region": "VR12", "status": "tried", "work_session": ours.pk}
    no_note = client.post(url, bare, format="json")
    assert no_note.status_code == 400
    assert no_note.json()["note"] == [
        "Wat is er veranderd: zeg in een paar woorden wat deze versie verandert."
    ]
    made = client.post(url, {**bare, "note": "In de sessie besproken"}, format="json")
    assert made.status_code == 201, made.content
    versions = _api(world.viewer).get(f"{API}{entry.pk}/").json()["versions"]
    assert [(v["number"], v["work_session"], v["work_session_title"]) for v in versions] == [
        (2, ours.pk, "Sessie VR12")
    ]
