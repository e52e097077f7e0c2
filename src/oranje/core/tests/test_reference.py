from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from oranje.core.models import Municipality, Region
from oranje.core.reference import MUNICIPALITIES_CSV, load_division

pytestmark = pytest.mark.django_db


def test_the_regions_and_municipalities_are_loaded_by_the_migrations():
    assert Region.objects.count() == 25
    assert Municipality.objects.current().count() == 342
    assert Municipality.objects.filter(region__code="VR12").count() == 9


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
