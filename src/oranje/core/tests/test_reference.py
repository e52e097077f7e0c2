import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from oranje.core.models import Municipality, Region
from oranje.core.reference import MUNICIPALITIES_CSV, load_division
from oranje.organisation.models import Function, Person, RegionFunction

pytestmark = pytest.mark.django_db


def test_the_reference_data_is_loaded_by_the_migrations():
    assert Region.objects.count() == 25
    assert Municipality.objects.current().count() == 342
    assert Municipality.objects.filter(region__code="VR12").count() == 9
    assert Function.objects.count() == 18
    assert RegionFunction.objects.count() == 25 * 18


def _division_with_merger(tmp_path: Path) -> Path:
    lines = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines[1:] if not line.startswith(("GM0375,", "GM0396,"))]
    path = tmp_path / "indeling-2027.csv"
    path.write_text(
        "cbs_code,name,safety_region_code,predecessors\n"
        + "\n".join(f"{line}," for line in kept)
        + "\nGM1999,Beverwijk-Heemskerk,VR12,GM0375;GM0396\n",
        encoding="utf-8",
    )
    return path


def test_a_new_division_ends_merged_municipalities_without_losing_them(tmp_path, world):
    beverwijk = Municipality.objects.get(cbs_code="GM0375")
    person = Person.objects.create(
        region=world.region,
        municipality=beverwijk,
        given_name="A",
        surname="B",
        email="a@b.nl",
        phone="+31612345678",
    )
    call_command(
        "load_reference", division=_division_with_merger(tmp_path), valid_from=dt.date(2027, 1, 1)
    )

    beverwijk.refresh_from_db()
    assert beverwijk.valid_until == dt.date(2026, 12, 31)
    assert [m.name for m in beverwijk.successors.all()] == ["Beverwijk-Heemskerk"]
    assert Municipality.objects.current().count() == 341
    assert Municipality.objects.count() == 343
    person.refresh_from_db()
    assert person.municipality == beverwijk  # history is kept; the coordinator moves people on


def test_a_bad_division_file_reports_every_row_and_changes_nothing(tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text(
        "cbs_code,name,safety_region_code\nGM12,Ergens,VR12\nGM0392,,VR99\nGM0392,Haarlem,VR12\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("load_reference", division=path)
    text = str(exc.value)
    assert "regel 2: cbs_code 'GM12'" in text
    assert "regel 3: name is leeg" in text
    assert "regel 3: safety_region_code 'VR99' is onbekend" in text
    assert "regel 4: cbs_code 'GM0392' staat dubbel" in text
    assert Municipality.objects.current().count() == 342


def test_reloading_the_same_division_changes_nothing():
    report = load_division(Region, Municipality)
    assert (report.created, report.updated, report.ended, report.errors) == ([], [], [], [])
