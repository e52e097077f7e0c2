"""The damage overview: counts for everyone who sees the incident, computed in the database
(grouped queries, never a loop over reports), and the map's points.

What a user sees depends on whether they handle the reports (`access.can_handle`):

- **Everyone** who sees the incident: counts by kind × status, by street, by postcode (four
  digits and full), the number of unsafe homes (urgent first), and the map as *cells* of
  about 220 × 135 m with a count each — no names, no house numbers.
- **Handlers** also see the unsafe homes as addresses (linked to their reports) and the map
  with one point per report (linked), until there are more than `POINTS_MAX` of them; then
  they get the cells as well.

An address with its house number is personal data once it is tied to "unsafe to stay": it
names a household. A street or postcode with a count does not, and is what the municipality's
crisis staff need to plan (where to send the building inspector, where to open a desk)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, FloatField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast, Round, Substr

from oranje.damage.constants import OPEN_STATUSES, DamageKind, ReportStatus, Triage
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident

#: Beyond this many points a handler's map shows cells too (a browser draws 2,000 markers
#: smoothly; 10,000 make it crawl).
POINTS_MAX = 2000
#: Cells per degree: 500 → 0.002° (about 220 m north–south, 135 m east–west here).
CELLS_PER_DEGREE = 500
#: Rows per area table on the page (the API gives the same limit); the rest is summed.
AREA_ROWS = 50
#: Unsafe homes listed by address (handlers).
UNSAFE_ROWS = 100


def _reports(incident: Incident) -> QuerySet[DamageReport]:
    return DamageReport.objects.filter(incident=incident)


_OPEN = Q(status__in=OPEN_STATUSES)
_URGENT = Q(status__in=OPEN_STATUSES, triage=Triage.URGENT)
_UNSAFE = Q(unsafe=True)


@dataclass
class KindRow:
    kind: str
    label: str
    by_status: list[int]
    total: int


def by_kind_status(incident: Incident) -> tuple[list[KindRow], list[int], int]:
    """(a row per kind with its count per status, the totals per status, the grand total)
    from one grouped query; kinds without reports are left out."""
    cells = {
        (row["kind"], row["status"]): row["n"]
        for row in _reports(incident).values("kind", "status").annotate(n=Count("pk"))
    }
    statuses = ReportStatus.values
    rows = []
    for kind in DamageKind:
        counts = [cells.get((kind.value, s), 0) for s in statuses]
        if any(counts):
            rows.append(KindRow(kind.value, str(kind.label), counts, sum(counts)))
    totals = [sum(r.by_status[i] for r in rows) for i in range(len(statuses))]
    return rows, totals, sum(totals)


def _area(qs: QuerySet[Any], limit: int) -> list[dict[str, Any]]:
    return list(
        qs.annotate(
            n=Count("pk"),
            open=Count("pk", filter=_OPEN),
            urgent=Count("pk", filter=_URGENT),
            unsafe=Count("pk", filter=_UNSAFE),
            addresses=Count("address_key", distinct=True),
        ).order_by("-urgent", "-unsafe", "-n")[:limit]
    )


def by_street(incident: Incident, limit: int = AREA_ROWS) -> list[dict[str, Any]]:
    """Per street and place: reports, open, urgent, unsafe, addresses; most urgent first."""
    return _area(_reports(incident).values("street", "city"), limit)


def by_postcode_area(incident: Incident, limit: int = AREA_ROWS) -> list[dict[str, Any]]:
    """Per postcode area (the four digits)."""
    return _area(_reports(incident).annotate(area=Substr("postcode", 1, 4)).values("area"), limit)


def by_postcode(incident: Incident, limit: int = AREA_ROWS) -> list[dict[str, Any]]:
    """Per full postcode (2011AB)."""
    return _area(_reports(incident).values("postcode"), limit)


def unsafe_counts(incident: Incident) -> dict[str, int]:
    """Homes (addresses) unsafe to stay in, of which urgent and still open."""
    return (
        _reports(incident)
        .filter(unsafe=True)
        .aggregate(
            homes=Count("address_key", distinct=True),
            urgent=Count("address_key", distinct=True, filter=_URGENT),
            open=Count("address_key", distinct=True, filter=_OPEN),
        )
    )


def unsafe_homes(incident: Incident, limit: int = UNSAFE_ROWS) -> list[dict[str, Any]]:
    """For handlers: the unsafe homes as addresses, urgent open ones first, with their
    number of reports and the first report to open."""
    return list(
        _reports(incident)
        .filter(unsafe=True)
        .values("address_key")
        .annotate(
            street=Max("street"),
            house_number=Max("house_number"),
            house_addition=Max("house_addition"),
            postcode=Max("postcode"),
            city=Max("city"),
            n=Count("pk"),
            urgent=Count("pk", filter=_URGENT),
            open=Count("pk", filter=_OPEN),
            report=Min("pk"),
        )
        .order_by("-urgent", "-open", "-n", "postcode", "house_number")[:limit]
    )


_TRIAGE_ORDER = ("urgent", "normal", "info", "none")


def _cells(incident: Incident) -> dict[str, Any]:
    scale = CELLS_PER_DEGREE
    rows = (
        _reports(incident)
        .filter(latitude__isnull=False)
        .annotate(
            cy=Round(Cast("latitude", FloatField()) * scale, output_field=FloatField()),
            cx=Round(Cast("longitude", FloatField()) * scale, output_field=FloatField()),
        )
        .values("cy", "cx")
        .annotate(
            n=Count("pk"),
            urgent=Count("pk", filter=Q(triage=Triage.URGENT)),
            normal=Count("pk", filter=Q(triage=Triage.NORMAL)),
            info=Count("pk", filter=Q(triage=Triage.INFO)),
            none=Count("pk", filter=Q(triage="")),
            unsafe=Count("pk", filter=_UNSAFE),
        )
        .order_by()
    )
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(r["cx"]) / scale, 5), round(float(r["cy"]) / scale, 5)],
            },
            "properties": {
                "count": r["n"],
                # The cell takes the colour of its most pressing report.
                "triage": next((t for t in _TRIAGE_ORDER if r[t]), "none"),
                **{t: r[t] for t in _TRIAGE_ORDER},
                "unsafe": r["unsafe"],
            },
        }
        for r in rows
    ]
    return {"type": "FeatureCollection", "kind": "cells", "features": features}


def _coordinate(value: Decimal | None) -> float:
    return round(float(value or 0), 6)


def map_points(incident: Incident, *, handles: bool) -> dict[str, Any]:
    """The map's GeoJSON: one point per report for a handler (id, reference, triage,
    unsafe, status) while there are at most POINTS_MAX; cells with counts otherwise and
    for everyone else."""
    placed = _reports(incident).filter(latitude__isnull=False)
    if not handles or placed.count() > POINTS_MAX:
        return _cells(incident)
    rows = placed.values_list(
        "pk", "reference", "triage", "unsafe", "status", "latitude", "longitude"
    ).order_by("pk")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [_coordinate(lon), _coordinate(lat)]},
            "properties": {
                "id": pk,
                "reference": reference,
                "triage": triage or "none",
                "unsafe": unsafe,
                "status": status,
            },
        }
        for pk, reference, triage, unsafe, status, lat, lon in rows
    ]
    return {"type": "FeatureCollection", "kind": "points", "features": features}


def placed_count(incident: Incident) -> tuple[int, int]:
    """(reports with a point on the map, reports without one)."""
    c = _reports(incident).aggregate(
        placed=Count("pk", filter=Q(latitude__isnull=False)),
        unplaced=Count("pk", filter=Q(latitude__isnull=True)),
    )
    return int(c["placed"] or 0), int(c["unplaced"] or 0)
