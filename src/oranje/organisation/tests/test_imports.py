import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from oranje.core.models import AuditEntry
from oranje.core.validation import local_zone
from oranje.organisation import errors
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import OnCallShift
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db

HEADER = "email;functie;pool;soort;begin;einde;opmerking\n"


def rows_from(text: str, name: str = "rooster.csv"):
    return read_table(io.BytesIO(text.encode("utf-8")), name)


def test_a_valid_csv_creates_every_shift_and_one_audit_entry(world):
    a, b = world.officers[0].email, world.officers[1].email
    text = HEADER + (
        f"{a};OVD-BZ;OvD-BZ Kennemerland;hard;7-12-2026 08:00;14-12-2026 08:00;\n"
        f"{b};ovd-bz;ovd-bz kennemerland;Hard;2026-12-14 08:00;2026-12-21 08:00;na overleg\n"
    )
    report = roster_import(
        actor=world.coordinator, region=world.region, rows=rows_from(text), filename="rooster.csv"
    )
    assert report.ok and report.created == 2
    first = OnCallShift.objects.order_by("starts_at").first()
    local = first.starts_at.astimezone(local_zone())
    assert (local.hour, local.utcoffset()) == (8, dt.timedelta(hours=1))
    assert AuditEntry.objects.get(action="shift.import").note == "rooster.csv"


def test_every_bad_row_is_reported_and_nothing_is_kept(world):
    a = world.officers[0].email
    text = HEADER + (
        f"{a};OVD-BZ;OvD-BZ Kennemerland;hard;7-12-2026 08:00;14-12-2026 08:00;\n"
        "niemand@example.nl;OVD-BZ;OvD-BZ Kennemerland;hard;7-12-2026 08:00;14-12-2026 08:00;\n"
        f"{a};XYZ;Onbekende pool;lauw;morgen;14-12-2026 08:00;\n"
        f"{a};OVD-BZ;OvD-BZ Kennemerland;hard;20-12-2026 08:00;19-12-2026 08:00;\n"
    )
    report = roster_import(actor=world.coordinator, region=world.region, rows=rows_from(text))
    assert report.created == 0
    assert OnCallShift.objects.count() == 0
    by_line = {(e.line, e.field) for e in report.errors}
    assert (3, "email") in by_line
    assert {(4, "functie"), (4, "pool"), (4, "soort"), (4, "begin")} <= by_line
    assert (5, "einde") in by_line
    messages = [e.message for e in report.errors]
    assert "Geen functionaris met e-mailadres 'niemand@example.nl' in deze regio." in messages
    assert (
        "'morgen' is geen datum en tijd (gebruik 2026-12-01 08:00 of 1-12-2026 08:00)." in messages
    )


def test_overlaps_within_the_file_and_with_the_roster_are_reported(world, monday):
    a = world.officers[0]
    make_shift(world.ovd_pool, world.ovd, a, monday)
    later = monday + dt.timedelta(days=21)
    fmt = "%d-%m-%Y %H:%M"
    text = HEADER + (
        f"{a.email};OVD-BZ;OvD-BZ Kennemerland;hard;{monday:{fmt}};{monday + dt.timedelta(days=1):{fmt}};\n"
        f"{a.email};OVD-BZ;OvD-BZ Kennemerland;hard;{later:{fmt}};{later + dt.timedelta(days=7):{fmt}};\n"
        f"{a.email};OVD-BZ;OvD-BZ Kennemerland;hard;{later + dt.timedelta(days=1):{fmt}};{later + dt.timedelta(days=2):{fmt}};\n"
    )
    report = roster_import(actor=world.coordinator, region=world.region, rows=rows_from(text))
    assert [(e.line, e.field) for e in report.errors] == [(2, "begin"), (4, "begin")]
    assert str(errors.IMPORT_OVERLAP_IN_FILE % {"line": 3}) == report.errors[1].message
    assert OnCallShift.objects.count() == 1


def test_an_xlsx_with_real_date_cells_imports(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["E-mail", "Functie", "Pool", "Soort", "Begin", "Einde"])
    sheet.append(
        [
            world.officers[2].email,
            "OVD-BZ",
            "OvD-BZ Kennemerland",
            "zacht",
            dt.datetime(2026, 12, 7, 8),
            dt.datetime(2026, 12, 14, 8),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    rows = read_table(buffer, "rooster.xlsx")
    report = roster_import(actor=world.coordinator, region=world.region, rows=rows)
    assert report.ok
    assert OnCallShift.objects.get().kind == "soft"


def test_a_file_without_the_required_columns_is_refused_by_name(world):
    with pytest.raises(ValidationError) as exc:
        rows_from("naam,functie\nJan,OVD-BZ\n")
    assert exc.value.messages == [
        "Het bestand mist de kolom(men): email, pool, soort, begin, einde."
    ]


def test_a_municipal_coordinator_cannot_import_into_a_regional_pool(world):
    text = (
        HEADER
        + f"{world.officers[0].email};OVD-BZ;OvD-BZ Kennemerland;hard;7-12-2026 08:00;14-12-2026 08:00;\n"
    )
    report = roster_import(
        actor=world.haarlem_coordinator, region=world.region, rows=rows_from(text)
    )
    assert [e.field for e in report.errors] == ["pool"]


def test_a_viewer_cannot_import_at_all(world):
    with pytest.raises(PermissionDenied):
        roster_import(actor=world.viewer, region=world.region, rows=[])
