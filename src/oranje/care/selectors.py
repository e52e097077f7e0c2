"""Reads of the care room that are more than a `get`: occupancy per shelter, the norm
figures of an incident."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from oranje.care.constants import NeedStatus
from oranje.care.models import CareNorms, IncidentCare, Location, Shelter, Stay
from oranje.incidents.models import Incident


def occupancy(incident: Incident) -> QuerySet[Shelter]:
    """The incident's shelters with `open_needs` annotated, open ones first."""
    return (
        Shelter.objects.filter(incident=incident)
        .select_related("location", "location__municipality")
        .annotate(
            open_needs=Count(
                "needs", filter=Q(needs__status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS])
            )
        )
        .order_by("closed_at", "opened_at", "pk")
    )


@dataclass(frozen=True)
class CapacityNorm:
    involved: int | None
    needed: int | None
    #: Day capacity of the open shelters.
    open_capacity: int
    present: int
    #: Start of the incident to the first shelter ready, and whether that met the norm.
    ready_after: dt.timedelta | None
    ready_met: bool | None
    norms: CareNorms

    @property
    def shortfall(self) -> int:
        """Places the norm asks beyond what is open (0 when met or not known)."""
        return max((self.needed or 0) - self.open_capacity, 0)


def capacity_norm(incident: Incident) -> CapacityNorm:
    norms = CareNorms.for_region(incident.region_id)
    care = IncidentCare.objects.filter(incident=incident).first()
    involved = care.people_involved if care is not None else None
    totals = Shelter.objects.filter(incident=incident, closed_at__isnull=True).aggregate(
        capacity=Sum("capacity_day"), present=Sum("present")
    )
    first_ready = (
        Shelter.objects.filter(incident=incident, ready_at__isnull=False)
        .order_by("ready_at")
        .values_list("ready_at", flat=True)
        .first()
    )
    ready_after = first_ready - incident.started_at if first_ready is not None else None
    return CapacityNorm(
        involved=involved,
        needed=norms.capacity_needed(involved),
        open_capacity=totals["capacity"] or 0,
        present=totals["present"] or 0,
        ready_after=ready_after,
        ready_met=(ready_after <= norms.shelter_delta) if ready_after is not None else None,
        norms=norms,
    )


@dataclass(frozen=True)
class BoardTotals:
    """The open shelters added up."""

    shelters: int
    present: int
    out_today: int
    capacity_day: int
    capacity_night: int
    open_needs: int

    @property
    def free_day(self) -> int:
        return max(self.capacity_day - self.present, 0)

    @property
    def free_night(self) -> int:
        return self.capacity_night - self.present

    @property
    def beds_short(self) -> int:
        return max(self.present - self.capacity_night, 0)


def occupancy_board(incident: Incident) -> tuple[list[Shelter], BoardTotals]:
    """The occupancy board: every shelter of the incident with `open_needs` and `out_today`
    (people whose stay there ended since midnight, transfers included) annotated, and the
    totals of the open ones. Counts only: no guest is read."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    left = (
        Stay.objects.filter(shelter=OuterRef("pk"), checked_out_at__gte=midnight)
        .values("shelter")
        .annotate(n=Sum("people"))
        .values("n")
    )
    rows: list[Shelter] = list(
        occupancy(incident).annotate(out_today=Coalesce(Subquery(left), Value(0)))
    )
    running = [s for s in rows if s.is_open]
    totals = BoardTotals(
        shelters=len(running),
        present=sum(s.present for s in running),
        out_today=sum(s.out_today for s in rows),  # type: ignore[attr-defined]
        capacity_day=sum(s.capacity_day for s in running),
        capacity_night=sum(s.capacity_night for s in running),
        open_needs=sum(s.open_needs for s in running),  # type: ignore[attr-defined]
    )
    return rows, totals


def first_ready(incident: Incident) -> tuple[bool, dt.datetime | None]:
    """Whether shelter care has begun in the incident (a shelter opened, or the people
    involved recorded), and when the first shelter was ready."""
    found = Shelter.objects.filter(incident=incident).aggregate(
        n=Count("pk"), ready=Min("ready_at")
    )
    if found["n"]:
        return True, found["ready"]
    begun = IncidentCare.objects.filter(incident=incident, people_involved__gt=0).exists()
    return begun, None


def openable_locations(incident: Incident) -> list[Location]:
    """The locations of the incident's region that may be opened now (available, not open
    for this incident), nearest to the incident's point first when it has one; the others
    by municipality and name."""
    today = timezone.localdate()
    running = Shelter.objects.filter(incident=incident, closed_at__isnull=True).values(
        "location_id"
    )
    candidates = [
        place
        for place in Location.objects.filter(municipality__region_id=incident.region_id)
        .exclude(pk__in=running)
        .select_related("municipality")
        if place.available_on(today)
    ]
    if incident.latitude is None or incident.longitude is None:
        return candidates
    here = (float(incident.latitude), float(incident.longitude))

    def away(place: Location) -> float:
        km = distance_km(here, place)
        return math.inf if km is None else km

    return sorted(candidates, key=away)


def distance_km(point: tuple[float, float], place: Location) -> float | None:
    """Straight-line distance from a point to a location (None without coordinates)."""
    if place.latitude is None or place.longitude is None:
        return None
    lat1, lon1 = (math.radians(v) for v in point)
    lat2, lon2 = math.radians(float(place.latitude)), math.radians(float(place.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))
