"""Importing the register of shelter locations: the example file of a region, every bad row
reported by row and column in Dutch with nothing kept, the same file twice changing nothing,
a file for one municipality, and rows for a municipality the user may not change."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from openpyxl import Workbook

from oranje.care.models import Location
from oranje.care.services.location_import import (
    COLUMNS,
    locations_import,
    read_locations,
    template_csv,
)
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parent / "data" / "locaties_voorbeeld.csv"
HEADER = "gemeente;code;naam;capaciteit_dag;capaciteit_nacht;keuken;contact1_naam;contact1_telefoon"


@pytest.fixture(autouse=True)
def _dutch() -> None:
    translation.activate("nl")


def _rows(text: str, name: str = "locaties.csv") -> list[tuple[int, dict[str, object]]]:
    return read_locations(io.BytesIO(text.encode("utf-8")), name)


def _example() -> list[tuple[int, dict[str, object]]]:
    return read_locations(io.BytesIO(EXAMPLE.read_bytes()), EXAMPLE.name)


def test_the_example_file_imports_the_regions_locations_with_contacts(world: World) -> None:
    report = locations_import(actor=world.coordinator, region=world.region, rows=_example())
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    hall = Location.objects.get(code="HLM-01")
    assert hall.municipality == world.haarlem
    assert str(hall.latitude) == "52.365000" and hall.capacity_night == 250
    assert (hall.kitchen, hall.showers, hall.pets, hall.power_backup) == (True, True, False, False)
    assert [(c.name, c.phone) for c in hall.contacts.all()] == [
        ("Piet Beheer", "+31612345678"),
        ("Kees Sleutel", "+31235123456"),
    ]
    centre = Location.objects.get(code="HLM-02")
    assert (centre.kind, centre.house_number, centre.house_addition) == (
        "community_centre",
        12,
        "A",
    )
    assert not centre.available and str(centre.unavailable_until) == "2027-01-15"
    assert centre.note == "Verbouwing keuken"
    assert Location.objects.get(code="VLS-01").municipality == world.velsen
    entry = AuditEntry.objects.get(action="care.location_import")
    assert entry.changes["created"] == [0, 3]


def test_importing_the_same_file_twice_changes_nothing(world: World) -> None:
    locations_import(actor=world.coordinator, region=world.region, rows=_example())
    stamps = dict(Location.objects.values_list("code", "updated_at"))
    contact_ids = sorted(Location.objects.get(code="HLM-01").contacts.values_list("pk", flat=True))
    again = locations_import(actor=world.coordinator, region=world.region, rows=_example())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert dict(Location.objects.values_list("code", "updated_at")) == stamps
    assert (
        sorted(Location.objects.get(code="HLM-01").contacts.values_list("pk", flat=True))
        == contact_ids
    )
    assert AuditEntry.objects.filter(action="care.location_import").count() == 1


def test_a_changed_row_updates_its_location_by_code(world: World) -> None:
    locations_import(actor=world.coordinator, region=world.region, rows=_example())
    rows = _rows(f"{HEADER}\nGM0392;HLM-01;Sporthal Zuid;450;250;ja;Kees Sleutel;0235123456\n")
    report = locations_import(actor=world.coordinator, region=world.region, rows=rows)
    assert (report.created, report.updated) == (0, 1)
    hall = Location.objects.get(code="HLM-01")
    assert hall.capacity_day == 450
    assert [c.name for c in hall.contacts.all()] == ["Kees Sleutel"]
    assert Location.objects.count() == 3


def test_every_bad_row_is_reported_and_nothing_is_kept(world: World) -> None:
    rows = _rows(
        f"{HEADER}\n"
        "GM0392;A1;Sporthal;100;50;ja;Piet;0612345678\n"
        "GM0392;A2;Buurthuis;veel;50;misschien;Ans;12\n"
        "GM9999;A3;Elders;10;0;nee;;\n"
        ";A4;Zonder gemeente;10;0;nee;;\n"
        "Haarlem;A1;Dubbel;10;0;nee;;\n"
        "GM0392;;;10;0;nee;;\n"
    )
    report = locations_import(actor=world.coordinator, region=world.region, rows=rows)
    assert not report.ok
    found = [(e.line, e.field, e.message) for e in report.errors]
    assert (3, "capaciteit_dag", "'veel' is geen geheel getal.") in found
    assert (3, "keuken", "'misschien' is geen ja of nee.") in found
    assert (
        3,
        "contact1_telefoon",
        "telefoon van contactpersoon 1: '12' is geen telefoonnummer.",
    ) in found
    assert (4, "gemeente", "'GM9999' is geen gemeente van Kennemerland.") in found
    assert (5, "gemeente", "geef de gemeente (CBS-code of naam).") in found
    assert (6, "code", "code A1 staat al in rij 2.") in found
    assert (7, "code", "code: geef de eigen code van de gemeente voor de locatie.") in found
    assert (7, "naam", "naam: geef de naam van de locatie.") in found
    assert not Location.objects.exists()
    assert not AuditEntry.objects.filter(action="care.location_import").exists()


def test_a_file_for_one_municipality_needs_no_municipality_column(world: World) -> None:
    rows = _rows("code;naam;beschikbaar\nB1;Gymzaal;nee\nB2;Kerk;ja\n")
    report = locations_import(
        actor=world.haarlem_coordinator, region=world.region, municipality=world.haarlem, rows=rows
    )
    assert report.ok and report.created == 2
    assert set(Location.objects.values_list("municipality", flat=True)) == {world.haarlem.pk}
    assert not Location.objects.get(code="B1").available


def test_a_row_of_another_municipality_in_a_municipal_file_is_refused(world: World) -> None:
    rows = _rows("gemeente;code;naam\nVelsen;B1;Gymzaal\n")
    report = locations_import(
        actor=world.coordinator, region=world.region, municipality=world.haarlem, rows=rows
    )
    assert [(e.line, e.field) for e in report.errors] == [(2, "gemeente")]
    assert "de gemeente van deze import" in report.errors[0].message


def test_a_municipal_coordinator_imports_only_their_own_municipality(world: World) -> None:
    rows = _rows("gemeente;code;naam\nGM0392;B1;Gymzaal\nGM0453;B2;Kerk\n")
    report = locations_import(actor=world.haarlem_coordinator, region=world.region, rows=rows)
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (3, "gemeente", "U mag de opvanglocaties van Velsen niet wijzigen.")
    ]
    assert not Location.objects.exists()
    with pytest.raises(PermissionDenied):
        locations_import(
            actor=world.haarlem_coordinator,
            region=world.region,
            municipality=world.velsen,
            rows=rows,
        )
    with pytest.raises(PermissionDenied):
        locations_import(actor=world.viewer, region=world.region, rows=rows)


def test_an_xlsx_file_with_number_and_date_cells_imports(world: World) -> None:
    import datetime as dt

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Code",
            "Naam",
            "Capaciteit_dag",
            "Breedtegraad",
            "Lengtegraad",
            "Overeenkomst_tot",
            "Huisnummer",
        ]
    )
    sheet.append(["X1", "Sporthal Noord", 250.0, 52.4, 4.63, dt.datetime(2027, 6, 30), 7])
    out = io.BytesIO()
    book.save(out)
    rows = read_locations(io.BytesIO(out.getvalue()), "register.xlsx")
    report = locations_import(
        actor=world.coordinator, region=world.region, municipality=world.haarlem, rows=rows
    )
    assert report.ok, report.errors
    hall = Location.objects.get(code="X1")
    assert (hall.capacity_day, hall.house_number) == (250, 7)
    assert str(hall.agreement_until) == "2027-06-30"


def test_a_file_without_the_name_column_says_which_column_lacks() -> None:
    with pytest.raises(ValidationError) as refused:
        _rows("code;plaats\nA;Haarlem\n")
    assert "naam" in refused.value.messages[0]


def test_the_template_has_every_column_the_import_reads() -> None:
    header = template_csv().decode("utf-8-sig").strip().split(";")
    assert header == [names[0] for names in COLUMNS.values()]
    assert {"gemeente", "code", "naam", "contact1_telefoon", "contact3_email"} <= set(header)
