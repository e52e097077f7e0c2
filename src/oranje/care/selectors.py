"""Reads of the care room that are more than a `get`: occupancy per shelter, the norm
figures of an incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from oranje.care.constants import NeedStatus
from oranje.care.models import CareNorms, IncidentCare, Shelter
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
