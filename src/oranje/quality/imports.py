"""Inhabitants per municipality from a spreadsheet (CSV with ';' or ',', UTF-8 or
Windows-1252, or .xlsx): every bad row reported with its line, column and problem, nothing
kept of a failed batch; a municipality and year imported again get the new figure.

Columns (header names case-insensitive; Dutch or English):
  gemeente / municipality   the CBS code (GM0392) or the name of a municipality of the region
  jaar / year               the year the figure is for (inhabitants on 1 January)
  inwoners / inhabitants    the number of inhabitants
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import tabular
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.core.tabular import ImportReport, RowError
from oranje.quality import access
from oranje.quality.constants import FIRST_YEAR, LAST_YEAR
from oranje.quality.models import Inhabitants

COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": ("gemeente", "municipality", "gemeentecode", "code"),
    "year": ("jaar", "year", "peiljaar"),
    "count": ("inwoners", "inhabitants", "aantal", "bevolking"),
}
REQUIRED = ("municipality", "year", "count")
LABELS = {"municipality": "gemeente", "year": "jaar", "count": "inwoners"}
COUNT_MAX = 5_000_000

_CBS = re.compile(r"(?:GM)?([0-9]{1,4})", re.ASCII | re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]{1,7}", re.ASCII)
#: 160.000 or 160 000 as a Dutch spreadsheet may write a number with thousands.
_GROUPED = re.compile(r"[0-9]{1,3}(?:[. ][0-9]{3})+", re.ASCII)


@dataclass
class InhabitantsReport(ImportReport):
    """An import's outcome: figures created, updated, unchanged (`skipped`), or the errors."""

    updated: int = 0


def read_table(stream: IO[bytes], filename: str) -> list[tuple[int, dict[str, object]]]:
    """Rows of an inhabitants spreadsheet as (line number, {column: value})."""
    return tabular.read_table(stream, filename, columns=COLUMNS, required=REQUIRED)


def _whole(value: object, maximum: int) -> int | None:
    """A whole number from a cell: an int, a float without fraction, or digits (with Dutch
    thousands separators)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            return None
        number = int(value)
    else:
        text = str(value or "").strip().replace("\u00a0", " ")
        if _GROUPED.fullmatch(text):
            text = text.replace(".", "").replace(" ", "")
        if not _DIGITS.fullmatch(text):
            return None
        number = int(text)
    return number if 0 <= number <= maximum else None


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


@transaction.atomic
def inhabitants_import(
    *, actor: User, region: Region, rows: list[tuple[int, dict[str, object]]], filename: str = ""
) -> InhabitantsReport:
    """Check every row; write all figures (new or changed) or none."""
    core_access.require(access.can_monitor(actor, region.pk))
    report = InhabitantsReport()

    def bad(line: int, name: str, message: str) -> None:
        report.errors.append(RowError(line, LABELS[name], message))

    everyone = list(Municipality.objects.select_related("region"))
    by_code = {m.cbs_code.upper(): m for m in everyone}
    by_name: dict[str, list[Municipality]] = {}
    for m in everyone:
        by_name.setdefault(m.name.strip().lower(), []).append(m)
    seen: dict[tuple[int, int], int] = {}
    parsed: list[tuple[Municipality, int, int]] = []
    for line, values in rows:
        ok = True
        raw = _cell(values.get("municipality"))[:100]
        municipality: Municipality | None = None
        code = _CBS.fullmatch(raw)
        if code:
            municipality = by_code.get(f"GM{int(code.group(1)):04d}")
        else:
            named = by_name.get(raw.lower(), [])
            own = [m for m in named if m.region_id == region.pk]
            pick = own or named
            current = [m for m in pick if m.valid_until is None]
            municipality = (current or pick)[0] if pick else None
        if not raw:
            bad(line, "municipality", _("Give the municipality's CBS code (GM0392) or name."))
            ok = False
        elif municipality is None:
            bad(
                line,
                "municipality",
                _("No municipality with the code or name '%(value)s'.") % {"value": raw},
            )
            ok = False
        elif municipality.region_id != region.pk:
            bad(
                line,
                "municipality",
                _("%(name)s does not belong to region %(region)s.")
                % {"name": municipality.name, "region": region.name},
            )
            ok = False
        year = _whole(values.get("year"), 9999)
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            bad(
                line,
                "year",
                _("'%(value)s' is not a year from %(first)s to %(last)s.")
                % {"value": _cell(values.get("year"))[:40], "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            ok = False
        count = _whole(values.get("count"), COUNT_MAX)
        if count is None or count < 1:
            bad(
                line,
                "count",
                _("'%(value)s' is not a number of inhabitants from 1 to %(max)s.")
                % {
                    "value": _cell(values.get("count"))[:40],
                    "max": f"{COUNT_MAX:,}".replace(",", "."),
                },
            )
            ok = False
        if ok and municipality is not None and year is not None and count is not None:
            key = (municipality.pk, year)
            if key in seen:
                bad(
                    line,
                    "municipality",
                    _("%(name)s has a figure for %(year)s already in line %(line)s.")
                    % {"name": municipality.name, "year": year, "line": seen[key]},
                )
                continue
            seen[key] = line
            parsed.append((municipality, year, count))
    if report.errors:
        return report
    existing = {
        (i.municipality_id, i.year): i
        for i in Inhabitants.objects.select_for_update().filter(
            municipality_id__in={m.pk for m, _y, _c in parsed}
        )
    }
    new, changed = [], []
    for municipality, year, count in parsed:
        found = existing.get((municipality.pk, year))
        if found is None:
            new.append(Inhabitants(municipality=municipality, year=year, count=count))
        elif found.count != count:
            found.count = count
            changed.append(found)
    Inhabitants.objects.bulk_create(new)
    Inhabitants.objects.bulk_update(changed, ["count"])
    report.created = len(new)
    report.skipped = len(parsed) - len(new) - len(changed)
    audit_record(
        actor=actor,
        action=AuditAction.INHABITANTS_IMPORT,
        object_type="inhabitants",
        region=region,
        changes={"created": len(new), "updated": len(changed), "unchanged": report.skipped},
        note=filename[:200],
    )
    report.updated = len(changed)
    return report
