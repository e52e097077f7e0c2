"""The PFIF page and API: download, upload, problems shown per record, the OpenAPI document."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import etree

from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry.models import Person
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

BAD = (
    b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
    b"<pfif:person_record_id>pf.example.org/1</pfif:person_record_id>"
    b"<pfif:source_date>2026-01-02T10:00:00</pfif:source_date></pfif:person></pfif:pfif>"
)


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_page_the_download_and_the_upload(rw: RegistryWorld) -> None:
    register(rw)
    coordinator = client_for(rw.coordinator)
    page = coordinator.get(f"/incidenten/{rw.incident.pk}/registratie/pfif/")
    assert page.status_code == 200
    assert "PFIF-uitwisseling" in page.content.decode()
    home = coordinator.get(f"/incidenten/{rw.incident.pk}/registratie/")
    assert f"/incidenten/{rw.incident.pk}/registratie/pfif/" in home.content.decode()
    download = coordinator.get(f"/incidenten/{rw.incident.pk}/registratie/pfif/export.xml")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/xml")
    assert "attachment" in download["Content-Disposition"]
    assert etree.fromstring(download.content).tag == "{http://zesty.ca/pfif/1.4}pfif"
    # An officer sees the import, not the export.
    officer = client_for(rw.officer)
    assert (
        "export.xml"
        not in officer.get(f"/incidenten/{rw.incident.pk}/registratie/pfif/").content.decode()
    )
    target = start_incident(rw.world, title="Ander incident")
    upload = SimpleUploadedFile("a.xml", download.content, content_type="application/xml")
    done = officer.post(f"/incidenten/{target.pk}/registratie/pfif/", {"file": upload}, follow=True)
    assert done.status_code == 200
    assert "1 nieuwe personen" in done.content.decode()
    assert Person.objects.filter(incident=target).count() == 1


def test_problems_are_listed_per_record_and_field(rw: RegistryWorld) -> None:
    officer = client_for(rw.officer)
    upload = SimpleUploadedFile("b.xml", BAD, content_type="application/xml")
    page = officer.post(f"/incidenten/{rw.incident.pk}/registratie/pfif/", {"file": upload})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Niets geïmporteerd: 2 problemen" in text
    assert "person pf.example.org/1" in text
    assert "full_name" in text and "source_date" in text
    assert not Person.objects.exists()


def test_the_api_exports_and_imports(rw: RegistryWorld) -> None:
    register(rw)
    api = client_for(rw.coordinator)
    export = api.get(f"/api/v1/incidents/{rw.incident.pk}/registry/pfif/")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/xml")
    target = start_incident(rw.world, title="Ander incident")
    path = f"/api/v1/incidents/{target.pk}/registry/pfif/"
    answer = api.post(path, data=export.content, content_type="application/pfif+xml")
    assert answer.status_code == 201, answer.content
    assert answer.json()["persons_new"] == 1
    again = api.post(path, data=export.content, content_type="application/xml")
    assert again.json() == {
        "persons_new": 0,
        "persons_known": 1,
        "notes_new": 0,
        "notes_known": 1,
        "entries": 0,
        "duplicates": 0,
    }
    bad = api.post(path, data=BAD, content_type="application/xml")
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} == {"full_name", "source_date"}
    assert api.post(path, data="{}", content_type="application/json").status_code == 415
    assert (
        client_for(rw.officer).get(f"/api/v1/incidents/{rw.incident.pk}/registry/pfif/").status_code
        == 404
    )
    assert (
        client_for(rw.outsider).post(path, data=BAD, content_type="application/xml").status_code
        == 404
    )


def test_the_openapi_document_describes_both_operations(rw: RegistryWorld) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    operations = schema["paths"]["/api/v1/incidents/{id}/registry/pfif/"]
    assert "application/xml" in operations["get"]["responses"]["200"]["content"]
    assert "application/pfif+xml" in operations["post"]["requestBody"]["content"]
    assert "400" in operations["post"]["responses"]


def test_a_persons_page_shows_the_notes_received(rw: RegistryWorld) -> None:
    from oranje.registry import services

    data = (
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        b"<pfif:person_record_id>pf.example.org/1</pfif:person_record_id>"
        b"<pfif:full_name>Jan Smit</pfif:full_name>"
        b"<pfif:source_date>2026-01-02T10:00:00Z</pfif:source_date><pfif:note>"
        b"<pfif:note_record_id>pf.example.org/n1</pfif:note_record_id>"
        b"<pfif:author_name>Rode Kruis</pfif:author_name><pfif:author_made_contact>true"
        b"</pfif:author_made_contact><pfif:source_date>2026-01-02T11:00:00Z</pfif:source_date>"
        b"<pfif:text>Gesproken bij de sporthal</pfif:text></pfif:note></pfif:person></pfif:pfif>"
    )
    assert services.pfif_import(incident=rw.incident, actor=rw.officer, data=data).ok
    person = Person.objects.get(incident=rw.incident)
    page = client_for(rw.officer).get(
        f"/incidenten/{rw.incident.pk}/registratie/personen/{person.pk}/"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Notities ontvangen via PFIF" in text
    assert "Gesproken bij de sporthal" in text and "sprak de persoon" in text
