"""The national function catalogue (DOMAIN.md §3), shipped as data in data/functions.csv."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

FUNCTIONS_CSV = Path(__file__).resolve().parent / "data" / "functions.csv"


def catalogue_rows() -> list[dict[str, str]]:
    with FUNCTIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_catalogue(function_model: Any, region_model: Any, region_function_model: Any) -> int:
    """Create or update the catalogue, and give every region a setting per function (with the
    catalogue's default coverage unit) without touching settings a region already made."""
    rows = catalogue_rows()
    for order, row in enumerate(rows, start=1):
        function_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "group": row["group"],
                "description": row["description"],
                "sort_order": order * 10,
            },
        )
    functions = {f.code: f for f in function_model.objects.all()}
    has_norm = any(f.name == "response_norm_minutes" for f in region_function_model._meta.fields)
    for region in region_model.objects.all():
        for row in rows:
            defaults: dict[str, object] = {"coverage_unit": row["coverage_unit"]}
            # Older migrations run this with a historical model that lacks the norm field.
            if has_norm and row.get("response_norm"):
                defaults["response_norm_minutes"] = int(row["response_norm"])
            region_function_model.objects.get_or_create(
                region=region, function=functions[row["code"]], defaults=defaults
            )
    return len(rows)


def catalogue_load() -> str:
    """The reference loader organisation registers with core (`oranje load_reference`)."""
    from oranje.core.models import Region
    from oranje.organisation.models import Function, RegionFunction

    return f"{load_catalogue(Function, Region, RegionFunction)} functies"
