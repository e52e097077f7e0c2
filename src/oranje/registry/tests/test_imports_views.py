"""The list import pages: upload with a sender (or a new one), the mapping step prefilled,
the result, every bad row shown with nothing imported, and nobody else's upload reachable."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import SenderKind, Status
from oranje.registry.models import ImportBatch, ImportUpload, Person, Sender
from oranje.registry.tests.factories import RegistryWorld, build_registry
from oranje.registry.tests.test_imports import ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


@pytest.fixture
def officer(rw: RegistryWorld) -> Client:
    client = Client()
    client.force_login(rw.officer)
    return client


def _base(rw: RegistryWorld) -> str:
    return f"/incidenten/{rw.incident.pk}/registratie/import/"


def _upload(officer: Client, rw: RegistryWorld, data: bytes, **fields: object):  # type: ignore[no-untyped-def]
    form = {"new_sender": "Spaarne Gasthuis", "new_sender_kind": SenderKind.HOSPITAL, **fields}
    form["file"] = SimpleUploadedFile("spaarne.csv", data, content_type="text/csv")
    return officer.post(_base(rw), form)


def test_the_front_page_links_to_the_import(rw: RegistryWorld, officer: Client) -> None:
    page = officer.get(f"/incidenten/{rw.incident.pk}/registratie/").content.decode()
    assert _base(rw) in page and "Lijst importeren" in page


def test_upload_map_and_import_a_hospital_list(rw: RegistryWorld, officer: Client) -> None:
    page = officer.get(_base(rw))
    assert page.status_code == 200 and "Lijst importeren" in page.content.decode()
    response = _upload(officer, rw, csv_bytes(ROWS))
    assert response.status_code == 302
    upload = ImportUpload.objects.get()
    assert response["Location"] == f"{_base(rw)}koppelen/{upload.token}/"
    assert upload.sender.name == "Spaarne Gasthuis" and upload.sender.kind == SenderKind.HOSPITAL
    mapping_page = officer.get(response["Location"]).content.decode()
    # Prefilled from the headers: the surname select has 'Achternaam' chosen.
    assert '<option value="Achternaam" selected>Achternaam</option>' in mapping_page
    assert "De kolommen zijn geraden" in mapping_page
    form = {
        "row_id": "Patiëntnummer",
        "given_names": "Voornaam",
        "prefix": "Tussenvoegsel",
        "surname": "Achternaam",
        "birth": "Geboortedatum",
        "status": "Status",
    }
    done = officer.post(response["Location"], form)
    batch = ImportBatch.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"{_base(rw)}{batch.pk}/"
    assert (batch.created, batch.updated, batch.unchanged) == (3, 0, 0)
    result = officer.get(done["Location"]).content.decode()
    assert "Spaarne Gasthuis" in result and "Nieuwe personen" in result
    assert Person.objects.get(surname="Vries").current_status == Status.HOSPITALISED
    assert not ImportUpload.objects.exists()  # the stored file is gone once imported
    sender = Sender.objects.get()
    assert sender.mapping == form
    # The next list of this sender: the remembered mapping is prefilled.
    again = _upload(officer, rw, csv_bytes(ROWS), sender=sender.pk, new_sender="")
    page = officer.get(again["Location"]).content.decode()
    assert "zoals bij de vorige lijst" in page
    assert '<option value="Geslacht" selected>' not in page  # not remembered: not mapped
    officer.post(again["Location"], form)
    second = ImportBatch.objects.latest("pk")
    assert (second.created, second.unchanged) == (0, 3)
    assert officer.get(_base(rw)).content.decode().count("spaarne.csv") == 2


def test_every_bad_row_is_shown_and_nothing_is_imported(rw: RegistryWorld, officer: Client) -> None:
    rows = [
        ROWS[0],
        ROWS[1].replace("12-7-1962", "31-2-1962"),
        ROWS[2].replace(";;;;", ";;;123456789;"),
    ]
    response = _upload(officer, rw, csv_bytes(rows))
    page = officer.post(
        response["Location"], {"surname": "Achternaam", "birth": "Geboortedatum", "bsn": "BSN"}
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "Er is niets ingelezen" in text or "Niets ingelezen" in text or "2 problemen" in text
    assert "Geboortedatum" in text and "elfproef" in text
    assert not Person.objects.exists() and not ImportBatch.objects.exists()
    assert ImportUpload.objects.exists()  # the user may change the mapping and try again


def test_a_file_that_is_no_list_is_refused_in_dutch(rw: RegistryWorld, officer: Client) -> None:
    response = _upload(officer, rw, b"%PDF-1.4\x00\x00\x01binary")
    assert response.status_code == 400
    assert ".xlsx" in response.content.decode()
    assert not ImportUpload.objects.exists()
    sender = services.sender_create(
        incident=rw.incident, actor=rw.officer, name="Politie", kind=SenderKind.POLICE
    )
    both = _upload(officer, rw, csv_bytes(ROWS), sender=sender.pk)
    assert both.status_code == 400 and "niet allebei" in both.content.decode()
    neither = _upload(officer, rw, csv_bytes(ROWS), new_sender="")
    assert "Kies de afzender" in neither.content.decode()


def test_another_users_upload_is_not_found(rw: RegistryWorld, officer: Client) -> None:
    sender = services.sender_create(
        incident=rw.incident, actor=rw.officer, name="Politie", kind=SenderKind.POLICE
    )
    upload = services.upload_store(
        incident=rw.incident,
        actor=rw.second_officer,
        sender=sender,
        file_name="p.csv",
        data=csv_bytes(ROWS),
    )
    assert officer.get(f"{_base(rw)}koppelen/{upload.token}/").status_code == 404
    assert officer.post(f"{_base(rw)}koppelen/{upload.token}/", {}).status_code == 404
    assert officer.get(f"{_base(rw)}koppelen/{'x' * 200}/").status_code == 404
    assert officer.get(f"{_base(rw)}999999/").status_code == 404
