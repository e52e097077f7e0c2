"""Importing a social-media monitoring export: Dutch or English headers, CSV or .xlsx, every
bad row reported with its row, column and problem, nothing kept of a bad file, the same file
never twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.communication.models import Signal, SignalImport
from oranje.communication.services.signal_import import read_signals, signals_import
from oranje.core.models import AuditEntry
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _when(incident: Incident, minutes: int) -> str:
    at = timezone.localtime(incident.started_at + dt.timedelta(minutes=minutes))
    return at.strftime("%d-%m-%Y %H:%M")


def _file(text: str, name: str = "export.csv"):  # type: ignore[no-untyped-def]
    return read_signals(io.BytesIO(text.encode("utf-8")), name)


def test_an_english_export_with_platforms_is_imported(world: World) -> None:
    incident = start_incident(world)
    at = (incident.started_at + dt.timedelta(minutes=3)).isoformat()
    parsed = _file(
        "Date/Time,Platform,Message,Category,Sentiment,Mentions\n"
        f"{at},Twitter,Is the smoke toxic?,Smoke,-0.7,3\n"
        f"{at},Nieuws,Brand in Velsen,Brand,positive,\n"
        f"{at},,Waar is de opvang?,Opvang,,1\n"
    )
    report = signals_import(incident=incident, actor=world.functionary, file=parsed)
    assert report.ok, report.errors
    assert (report.created, report.contacts) == (3, 5)
    rows = {s.text: s for s in Signal.objects.filter(incident=incident)}
    assert rows["Is the smoke toxic?"].source == "social"
    assert rows["Is the smoke toxic?"].sentiment == "negative"
    assert rows["Is the smoke toxic?"].topic == "smoke"
    assert rows["Brand in Velsen"].source == "press"
    assert rows["Waar is de opvang?"].source == "social"  # the form's default source
    assert report.batch is not None and report.batch.rows == 3
    assert all(s.batch == report.batch and s.created_by == world.functionary for s in rows.values())
    assert all(not s.rumour and s.countered_by is None for s in rows.values())
    audit = AuditEntry.objects.get(action="signal.import")
    assert audit.changes == {"rows": [0, 3], "contacts": [0, 5]}


def test_a_dutch_excel_csv_with_date_and_time_columns(world: World) -> None:
    incident = start_incident(world)
    at = timezone.localtime(incident.started_at + dt.timedelta(minutes=4))
    text = (
        "Datum;Tijd;Bron;Tekst;Onderwerp;Doel;Gerucht;Aantal\r\n"
        f"{at:%d-%m-%Y};{at:%H:%M};telefoon;Koolmonoxide in de wijk!;CO;"
        "schadebeperking;ja;2\r\n"
    )
    report = signals_import(
        incident=incident,
        actor=world.functionary,
        file=read_signals(io.BytesIO(text.encode("cp1252")), "signalen.csv"),
    )
    assert report.ok, report.errors
    signal = Signal.objects.get(incident=incident)
    assert (signal.source, signal.goal, signal.rumour, signal.count) == (
        "phone",
        "limit_harm",
        True,
        2,
    )
    assert timezone.localtime(signal.at).strftime("%H:%M") == f"{at:%H:%M}"


def test_every_bad_row_is_reported_and_nothing_is_kept(world: World) -> None:
    incident = start_incident(world)
    good = _when(incident, 2)
    parsed = _file(
        "datum/tijd;bron;tekst;onderwerp;sentiment;aantal\n"
        f"{good};twitter;Goed;rook;neutraal;1\n"
        f"gisteren;twitter;Slechte tijd;rook;neutraal;1\n"
        f"{good};duif;Onbekende bron;rook;boos;0\n"
        f"{good};twitter;;rook;neutraal;20000\n"
        f"01-01-2020 10:00;twitter;Te vroeg;rook;neutraal;1\n"
    )
    report = signals_import(incident=incident, actor=world.functionary, file=parsed)
    assert not report.ok
    found = {(e.line, e.field) for e in report.errors}
    assert found == {
        (3, "datum/tijd"),
        (4, "bron"),
        (4, "sentiment"),
        (5, "tekst"),
        (5, "aantal"),
        (6, "datum/tijd"),
    }
    by_key = {(e.line, e.field): e.message for e in report.errors}
    assert "'duif' is geen bron" in by_key[(4, "bron")]
    assert by_key[(5, "aantal")] == "aantal: geef een getal van 1 tot 10.000."
    assert "meer dan een dag voor het begin" in by_key[(6, "datum/tijd")]
    assert not Signal.objects.filter(incident=incident).exists()
    assert not SignalImport.objects.exists()


def test_the_reported_column_is_named_as_the_file_names_it(world: World) -> None:
    incident = start_incident(world)
    parsed = _file("Timestamp,Text,Source\nnot a time,Hallo,Facebook\n")
    report = signals_import(incident=incident, actor=world.functionary, file=parsed)
    assert [(e.line, e.field) for e in report.errors] == [(2, "Timestamp")]


def test_the_same_file_twice_is_refused(world: World) -> None:
    incident = start_incident(world)
    text = f"datum/tijd;tekst\n{_when(incident, 1)};Hallo\n"
    assert signals_import(incident=incident, actor=world.functionary, file=_file(text)).ok
    with pytest.raises(ValidationError) as caught:
        signals_import(incident=incident, actor=world.functionary, file=_file(text))
    assert "al geïmporteerd" in caught.value.message_dict["file"][0]
    assert Signal.objects.filter(incident=incident).count() == 1
    # Another incident may take the same file.
    other = start_incident(world, title="Andere")
    assert signals_import(incident=other, actor=world.functionary, file=_file(text)).ok


def test_a_file_without_a_time_or_text_column_says_so(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _file("bron;tekst\ntwitter;Hallo\n")
    assert "datum en tijd" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        _file("datum/tijd;bron\n1-1-2026 10:00;twitter\n")
    assert "tekst" in caught.value.messages[0]


def test_an_xlsx_export_with_date_cells(world: World) -> None:
    from openpyxl import Workbook

    incident = start_incident(world)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Datum", "Tekst", "Platform", "Categorie"])
    at = timezone.localtime(incident.started_at + dt.timedelta(minutes=5)).replace(tzinfo=None)
    sheet.append([at.replace(microsecond=0), "Wanneer mag ik naar huis?", "Facebook", "Terugkeer"])
    out = io.BytesIO()
    book.save(out)
    parsed = read_signals(io.BytesIO(out.getvalue()), "monitor.xlsx")
    report = signals_import(incident=incident, actor=world.functionary, file=parsed)
    assert report.ok, report.errors
    signal = Signal.objects.get(incident=incident)
    assert signal.topic == "terugkeer"
    assert abs(signal.at - incident.started_at - dt.timedelta(minutes=5)) < dt.timedelta(minutes=1)


def test_a_viewer_may_not_import(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(PermissionDenied):
        signals_import(
            incident=incident,
            actor=world.viewer,
            file=_file(f"datum/tijd;tekst\n{_when(incident, 1)};Hallo\n"),
        )
