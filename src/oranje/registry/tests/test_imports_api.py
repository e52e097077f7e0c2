"""The import API: a list with its sender and mapping answers the counts, or every bad row
(400, nothing imported); the region's senders and the incident's imported lists."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oranje.organisation.tests.factories import World
from oranje.registry.constants import SenderKind
from oranje.registry.models import ImportBatch, Person, Sender
from oranje.registry.tests.factories import RegistryWorld, build_registry
from oranje.registry.tests.test_imports import ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _post(client: Client, rw: RegistryWorld, data: bytes, **fields: object):  # type: ignore[no-untyped-def]
    body = {"new_sender": "Spaarne Gasthuis", "new_sender_kind": SenderKind.HOSPITAL, **fields}
    body["file"] = SimpleUploadedFile("spaarne.csv", data, content_type="text/csv")
    return client.post(f"/api/v1/incidents/{rw.incident.pk}/registry/imports/", body)


def test_an_import_answers_the_counts_and_again_adds_nobody(rw: RegistryWorld) -> None:
    officer = _client(rw.officer)
    response = _post(officer, rw, csv_bytes(ROWS))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rows"], body["created"], body["updated"], body["unchanged"]) == (3, 3, 0, 0)
    assert ImportBatch.objects.get().pk == body["batch"]
    sender = Sender.objects.get()
    # Without a mapping: the one remembered for the sender.
    again = _post(officer, rw, csv_bytes(ROWS), sender=sender.pk, new_sender="")
    assert again.status_code == 201, again.content
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 3)
    assert Person.objects.count() == 3
    listed = officer.get(f"/api/v1/incidents/{rw.incident.pk}/registry/imports/").json()
    assert [b["created"] for b in listed] == [0, 3]
    senders = officer.get(f"/api/v1/incidents/{rw.incident.pk}/registry/senders/").json()
    assert [(s["id"], s["name"], s["kind"]) for s in senders] == [
        (sender.pk, "Spaarne Gasthuis", "hospital")
    ]
    assert senders[0]["mapping"]["surname"] == "Achternaam"
    # A mapping given: only those columns count (no status column: the hospital's default).
    mapping = json.dumps({"row_id": "Patiëntnummer", "surname": "Achternaam"})
    third = _post(officer, rw, csv_bytes(ROWS), sender=sender.pk, new_sender="", mapping=mapping)
    assert third.status_code == 201 and third.json()["created"] == 0
    sender.refresh_from_db()
    assert sender.mapping == {"row_id": "Patiëntnummer", "surname": "Achternaam"}


def test_bad_rows_answer_400_with_every_row_and_column(rw: RegistryWorld) -> None:
    rows = [ROWS[0].replace("2011 AB", "B-1000"), ROWS[1].replace("SEH", "weg")]
    response = _post(_client(rw.officer), rw, csv_bytes(rows))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(2, "Postcode"), (3, "Status")]
    assert "postcode" in errors[0]["message"]
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_bad_requests_are_refused_in_dutch(rw: RegistryWorld) -> None:
    officer = _client(rw.officer)
    url = f"/api/v1/incidents/{rw.incident.pk}/registry/imports/"
    assert officer.post(url, {}).status_code == 400
    assert _post(officer, rw, csv_bytes(ROWS), mapping="[1]").status_code == 400
    unknown = _post(officer, rw, csv_bytes(ROWS), mapping='{"shoe_size": "Maat"}')
    assert unknown.status_code == 400 and "shoe_size" in unknown.content.decode()
    assert _post(officer, rw, b"\x00\x01\x02 not a table").status_code == 400
    other = Sender.objects.create(region=rw.world.other_region, name="UMC", kind="hospital")
    assert _post(officer, rw, csv_bytes(ROWS), sender=other.pk, new_sender="").status_code == 400
    missing = _post(officer, rw, csv_bytes(ROWS), mapping='{"given_names": "Voornaam"}')
    assert missing.status_code == 400 and "achternaam" in missing.content.decode()
    assert not Person.objects.exists()


def test_others_do_not_find_the_incident(rw: RegistryWorld) -> None:
    assert _post(_client(rw.outsider), rw, csv_bytes(ROWS)).status_code == 404
    assert _post(Client(), rw, csv_bytes(ROWS)).status_code in (401, 403)
    assert not Person.objects.exists()


def test_the_import_api_is_in_the_openapi_document(rw: RegistryWorld) -> None:
    schema = _client(rw.officer).get("/api/v1/schema/?format=json").json()
    imports = schema["paths"]["/api/v1/incidents/{id}/registry/imports/"]
    assert "multipart/form-data" in imports["post"]["requestBody"]["content"]
    assert {"201", "400"} <= set(imports["post"]["responses"])
    assert "/api/v1/incidents/{id}/registry/senders/" in schema["paths"]
