"""Importing functionaries from a spreadsheet, with their kind (issue 17, part "people")."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation.constants import PersonKind
from oranje.organisation.imports_people import people_import, read_table
from oranje.organisation.models import Person

pytestmark = pytest.mark.django_db

HEADER = "email;voornaam;tussenvoegsel;achternaam;telefoon;gemeente;functies;soort\n"


def rows(text: str):
    return read_table(io.BytesIO((HEADER + text).encode()), "mensen.csv")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_people_are_imported_with_their_kind_functions_and_municipality(world):
    report = people_import(
        actor=world.coordinator,
        region=world.region,
        rows=rows(
            "an@example.nl;An;de;Vries;06 11111111;Haarlem;CPG;ambtenaar\n"
            "bo@example.nl;Bo;;Bakker;0622222222;GM0453;OVD-BZ, CPG;\n"
        ),
        filename="mensen.csv",
    )
    assert report.ok, report.errors
    assert report.created == 2
    an = Person.objects.get(email="an@example.nl")
    bo = Person.objects.get(email="bo@example.nl")
    assert (an.kind, an.municipality, an.prefix) == (PersonKind.CIVIL, world.haarlem, "de")
    assert bo.kind == PersonKind.KEY
    assert sorted(bo.functions.values_list("code", flat=True)) == ["CPG", "OVD-BZ"]
    assert bo.phone == "+31622222222"
    assert AuditEntry.objects.filter(action="person.import", note="mensen.csv").exists()
    assert AuditEntry.objects.filter(action="person.create").count() == 2


def test_a_bad_row_imports_nothing_and_every_problem_is_named(world):
    report = people_import(
        actor=world.coordinator,
        region=world.region,
        rows=rows(
            "ok@example.nl;Ok;;Goed;0611111111;;;\n"
            "x@example.nl;X;;Fout;06;Nergensdorp;NOPE;baas\n"
            f"{world.officers[0].email};Dubbel;;Persoon;0611111112;;;\n"
        ),
    )
    assert not report.ok
    assert report.created == 0
    assert {(e.line, e.field) for e in report.errors} >= {
        (3, "gemeente"),
        (3, "functies"),
        (3, "soort"),
        (4, "email"),
    }
    assert not Person.objects.filter(email="ok@example.nl").exists()


def test_a_municipal_coordinator_imports_people_of_their_municipality_only(world):
    report = people_import(
        actor=world.haarlem_coordinator,
        region=world.region,
        rows=rows("v@example.nl;V;;Velsen;0611111111;Velsen;;\n"),
    )
    assert [(e.line, e.field) for e in report.errors] == [(2, "gemeente")]
    assert not Person.objects.filter(email="v@example.nl").exists()


def test_the_import_page_imports_and_refuses_readers(world):
    url = reverse("organisation:person_import")
    assert client_for(world.viewer).get(url).status_code == 403
    upload = SimpleUploadedFile(
        "mensen.csv", (HEADER + "p@example.nl;P;;Pieters;0611111111;;CPG;ambtenaar\n").encode()
    )
    response = client_for(world.coordinator).post(url, {"file": upload})
    assert response.status_code == 302
    assert Person.objects.get(email="p@example.nl").kind == PersonKind.CIVIL


def test_the_api_imports_people(world):
    client = client_for(world.coordinator)
    upload = SimpleUploadedFile(
        "mensen.csv", (HEADER + "q@example.nl;Q;;Quist;0611111111;;;sleutelfunctionaris\n").encode()
    )
    response = client.post("/api/v1/persons/import/?region=VR12", {"file": upload})
    assert response.status_code == 201, response.content
    assert response.json() == {"created": 1}
    bad = SimpleUploadedFile("mensen.csv", (HEADER + "r@example.nl;R;;R;06;;;baas\n").encode())
    response = client.post("/api/v1/persons/import/?region=VR12", {"file": bad})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"soort"}
