import datetime as dt
import io

import pytest

from oranje.core.models import AuditEntry
from oranje.readiness.imports import activity_import, read_table
from oranje.readiness.models import Activity, PersonQualification

pytestmark = pytest.mark.django_db
HEADER = "kenmerk;email;soort;code;titel;datum;uren;resultaat;functie;oefentype\n"


def rows(text):
    return read_table(io.BytesIO(text.encode()), "activiteiten.csv")


def test_an_import_qualifies_people_and_a_reimport_adds_nothing(profiled):
    person = profiled.officers[2]
    text = HEADER + (
        f"LMS-1;{person.email};cursus;BZ-OVD-BASIS;Opleiding;1-3-2022;40;voldaan;;\n"
        f"LMS-2;{person.email};proeve;PVB-OVD;Proeve;2026-01-10;4;7,5;;\n"
        f"LMS-3;{person.email};oefening;;Tabletop;2026-09-01;3;;OVD-BZ;tabletop\n"
        f"LMS-4;{person.email};inzet;;Gasstoring;2026-10-01;12,5;;OVD-BZ;\n"
    )
    report = activity_import(
        actor=profiled.coordinator, region=profiled.region, rows=rows(text), filename="lms.csv"
    )
    assert report.ok and (report.created, report.skipped) == (4, 0)
    exam = Activity.objects.get(external_id="LMS-2")
    assert exam.passed is True and str(exam.score) == "7.5"
    assert PersonQualification.objects.get(person=person).qualified_until is not None
    again = activity_import(actor=profiled.coordinator, region=profiled.region, rows=rows(text))
    assert (again.created, again.skipped) == (0, 4)
    assert Activity.objects.filter(person=person).count() == 4
    assert AuditEntry.objects.filter(action="activity.import").count() == 2


def test_every_bad_row_is_reported_and_nothing_is_kept(profiled):
    person = profiled.officers[2]
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    text = HEADER + (
        f"A1;{person.email};cursus;BZ-OVD-BASIS;Opleiding;1-3-2022;;;;\n"
        f"A2;onbekend@example.nl;cursus;X;Opleiding;1-3-2022;;;;\n"
        f"A3;{person.email};examen;PVB-OVD;Examen;2026-01-10;;11;;\n"
        f"A4;{person.email};cursus;BZ-OVD-BASIS;Opleiding;{future};;;;\n"
        f"A5;{person.email};wandeling;;Iets;2026-01-10;;;;\n"
        f"A1;{person.email};oefening;;Tabletop;gisteren;drie;;XYZ;\n"
    )
    report = activity_import(actor=profiled.coordinator, region=profiled.region, rows=rows(text))
    assert Activity.objects.filter(person=person).count() == 0
    found = {(e.line, e.field) for e in report.errors}
    assert {
        (3, "email"),
        (4, "resultaat"),
        (5, "datum"),
        (6, "soort"),
        (7, "datum"),
        (7, "uren"),
        (7, "functie"),
        (7, "kenmerk"),
    } <= found
    messages = {e.message for e in report.errors}
    assert "Een cijfer ligt tussen 1 en 10; 11 niet." in messages
    assert "Kenmerk 'A1' staat twee keer in dit bestand (ook op regel 2)." in messages
