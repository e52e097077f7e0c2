"""Seeds national norm set v1, "Prestatie-eisen bevolkingszorg (2014)" (data/national_norms_2014.json):
the performance requirements of DOMAIN.md §6 and the organisation norms, adopted 1-4-2014 by the
Veiligheidsberaad. Reversed by deleting that set (its norms and steps go with it)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "national_norms_2014.json"


def _seed():
    with SEED.open(encoding="utf-8") as handle:
        return json.load(handle)


def forwards(apps, schema_editor):
    norm_set_model = apps.get_model("quality", "NormSet")
    norm_model = apps.get_model("quality", "Norm")
    step_model = apps.get_model("quality", "GrowthStep")
    function_model = apps.get_model("organisation", "Function")
    seed = _seed()
    if norm_set_model.objects.filter(region__isnull=True, version=seed["version"]).exists():
        return
    functions = {f.code: f for f in function_model.objects.all()}
    norm_set = norm_set_model.objects.create(
        region=None,
        version=seed["version"],
        title=seed["title"],
        status="adopted",
        adopted_by_body=seed["adopted_by_body"],
        adopted_on=datetime.date.fromisoformat(seed["adopted_on"]),
        note=seed["note"],
    )
    for order, row in enumerate(seed["norms"], start=1):
        code = row.get("function")
        if code and code not in functions:
            raise RuntimeError(f"Norm {row['code']}: function {code} is not in the catalogue")
        norm = norm_model.objects.create(
            norm_set=norm_set,
            code=row["code"],
            title=row["title"],
            text=row["text"],
            process=row["process"],
            measure=row["measure"],
            indicator=row.get("indicator", ""),
            function=functions[code] if code else None,
            question=row.get("question", ""),
            waterlijn=Decimal(row["waterlijn"]),
            bandbreedte=Decimal(row["bandbreedte"]),
            valid_from=datetime.date.fromisoformat(row.get("valid_from", seed["adopted_on"])),
            source=row.get("source", ""),
            sort_order=order * 10,
        )
        for step in row.get("steps", []):
            step_model.objects.create(
                norm=norm,
                due_on=datetime.date.fromisoformat(step["due_on"]),
                waterlijn=Decimal(step["waterlijn"]),
                note=step.get("note", ""),
            )


def backwards(apps, schema_editor):
    seed = _seed()
    norm_set_model = apps.get_model("quality", "NormSet")
    for norm_set in norm_set_model.objects.filter(
        region__isnull=True, version=seed["version"], title=seed["title"]
    ):
        apps.get_model("quality", "GrowthStep").objects.filter(norm__norm_set=norm_set).delete()
        apps.get_model("quality", "Norm").objects.filter(norm_set=norm_set).delete()
        norm_set.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_initial"),
        ("organisation", "0002_load_catalogue"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
