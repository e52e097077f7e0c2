"""Loading the national reference data: safety regions and the municipal division.

Rooms above core load their own reference data (the function catalogue) through a loader they
register here at start-up (`register_loader`); `oranje load_reference` runs each after the
regions and municipalities, so core never imports them.

Municipalities merge almost every year. Loading a new division never deletes: a municipality
missing from the new file gets `valid_until` (the day before the division takes effect) and
keeps its history; the optional column `predecessors` (CBS codes separated by `;`) records
which old municipalities a new one was formed from.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_CSV = DATA_DIR / "safety_regions.csv"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"

#: Further reference data, registered by the rooms that own it: each loader loads (creating or
#: updating, never deleting) and returns a short summary such as "42 functies".
_loaders: list[Callable[[], str]] = []


def register_loader(loader: Callable[[], str]) -> None:
    """Run `loader` on every `load_reference`, after regions and municipalities."""
    if loader not in _loaders:
        _loaders.append(loader)


def run_loaders() -> list[str]:
    """Run every registered loader, in order of registration; their summaries."""
    return [loader() for loader in _loaders]


@dataclass
class DivisionReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)
        ]


def load_regions(region_model: Any, path: Path = REGIONS_CSV) -> int:
    count = 0
    for row in _read(path):
        region_model.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
        count += 1
    return count


def load_division(
    region_model: Any,
    municipality_model: Any,
    path: Path = MUNICIPALITIES_CSV,
    *,
    valid_from: dt.date | None = None,
) -> DivisionReport:
    """Apply a municipal division; all or nothing. See the module docstring."""
    report = DivisionReport()
    rows = _read(path)
    regions = {r.code: r for r in region_model.objects.all()}
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        code, name, region_code = (
            row.get("cbs_code", ""),
            row.get("name", ""),
            row.get("safety_region_code", ""),
        )
        if not (len(code) == 6 and code.startswith("GM") and code[2:].isdigit()):
            report.errors.append(
                f"regel {line}: cbs_code '{code}' is geen CBS-code (GM + 4 cijfers)"
            )
        if not name:
            report.errors.append(f"regel {line}: name is leeg")
        if region_code not in regions:
            report.errors.append(f"regel {line}: safety_region_code '{region_code}' is onbekend")
        if code in seen:
            report.errors.append(f"regel {line}: cbs_code '{code}' staat dubbel in het bestand")
        seen.add(code)
    if report.errors:
        return report
    with transaction.atomic():
        for row in rows:
            code = row["cbs_code"]
            existing = municipality_model.objects.filter(cbs_code=code).first()
            if existing is None:
                municipality_model.objects.create(
                    cbs_code=code,
                    name=row["name"],
                    region=regions[row["safety_region_code"]],
                    valid_from=valid_from,
                )
                report.created.append(code)
            else:
                changed = (
                    existing.name != row["name"]
                    or existing.region_id != regions[row["safety_region_code"]].pk
                    or existing.valid_until is not None
                )
                existing.name = row["name"]
                existing.region = regions[row["safety_region_code"]]
                existing.valid_until = None
                existing.save()
                if changed:
                    report.updated.append(code)
        for row in rows:
            predecessors = [c.strip() for c in row.get("predecessors", "").split(";") if c.strip()]
            if predecessors:
                new = municipality_model.objects.get(cbs_code=row["cbs_code"])
                for old in municipality_model.objects.filter(cbs_code__in=predecessors):
                    old.successors.add(new)
        end = (valid_from - dt.timedelta(days=1)) if valid_from else None
        for gone in municipality_model.objects.filter(valid_until__isnull=True).exclude(
            cbs_code__in=seen
        ):
            gone.valid_until = end or dt.date.today()  # noqa: DTZ011
            gone.save(update_fields=["valid_until"])
            report.ended.append(gone.cbs_code)
    return report
