"""Reads of needs and supplies, meal counts, temporary housing (with the housing norm
measured per household) and the surroundings of an incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.care.constants import HousingStatus, MealMoment, NeedStatus, TaskStatus
from oranje.care.models import (
    CareNorms,
    CleanupTask,
    Housing,
    MealCount,
    Need,
    Outage,
    RoadClosure,
    Shelter,
)
from oranje.incidents.models import Incident

OPEN_NEEDS = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


def needs(
    incident: Incident,
    *,
    statuses: Iterable[str] = (),
    kind: str = "",
    shelter: Shelter | None = None,
) -> QuerySet[Need]:
    """The incident's needs, open ones first (oldest first), then the finished ones (latest
    first)."""
    rows = Need.objects.filter(incident=incident).select_related("shelter__location")
    wanted = list(statuses)
    if wanted:
        rows = rows.filter(status__in=wanted)
    if kind:
        rows = rows.filter(kind=kind)
    if shelter is not None:
        rows = rows.filter(shelter=shelter)
    return rows.annotate(
        finished=Case(
            When(status__in=OPEN_NEEDS, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("finished", "requested_at", "pk")


def need_counts(incident: Incident) -> dict[str, int]:
    """Open and in-progress needs of the incident, and those waiting longer than `late`."""
    late = timezone.now() - need_patience(incident)
    return Need.objects.filter(incident=incident).aggregate(
        open=Count("pk", filter=Q(status=NeedStatus.OPEN)),
        in_progress=Count("pk", filter=Q(status=NeedStatus.IN_PROGRESS)),
        waiting_long=Count("pk", filter=Q(status__in=OPEN_NEEDS, requested_at__lt=late)),
    )


def need_patience(incident: Incident) -> dt.timedelta:
    """How long a need may wait before it shows as waiting long: the region's shelter norm
    (3 hours by default) — the first needs of a shelter belong to being ready."""
    return CareNorms.for_region(incident.region_id).shelter_delta


# ---------------------------------------------------------------- meals


@dataclass
class MealDay:
    """One day of the incident's meal counts: per shelter a count (or None) per moment, and
    the day's totals per moment."""

    day: dt.date
    rows: list[tuple[Shelter, list[MealCount | None]]] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    special: list[int] = field(default_factory=list)


def meal_days(incident: Incident) -> list[MealDay]:
    """The meal counts of the incident per day (latest day first), one row per shelter."""
    moments = list(MealMoment.values)
    by_day: dict[dt.date, dict[int, dict[str, MealCount]]] = {}
    shelters: dict[int, Shelter] = {}
    for meal in MealCount.objects.filter(shelter__incident=incident).select_related(
        "shelter__location"
    ):
        shelters[meal.shelter_id] = meal.shelter
        by_day.setdefault(meal.day, {}).setdefault(meal.shelter_id, {})[meal.moment] = meal
    days = []
    for day in sorted(by_day, reverse=True):
        entry = MealDay(day=day)
        for shelter_id, counts in sorted(by_day[day].items()):
            entry.rows.append((shelters[shelter_id], [counts.get(m) for m in moments]))
        entry.totals = [sum(c[m].count for c in by_day[day].values() if m in c) for m in moments]
        entry.special = [sum(c[m].special for c in by_day[day].values() if m in c) for m in moments]
        days.append(entry)
    return days


# ---------------------------------------------------------------- housing


@dataclass(frozen=True)
class HousingRow:
    """One household's housing with the norm measured: `deadline` is needed_since plus the
    norm; `took` the time to placement (None while not placed); `left` the time left while
    waiting (negative: over the norm)."""

    housing: Housing
    deadline: dt.datetime
    took: dt.timedelta | None
    met: bool | None
    left: dt.timedelta | None

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < dt.timedelta(0)

    @property
    def left_text(self) -> str:
        return duration_text(self.left) if self.left is not None else ""

    @property
    def over_text(self) -> str:
        return duration_text(-self.left) if self.left is not None else ""

    @property
    def took_text(self) -> str:
        return duration_text(self.took) if self.took is not None else ""


def duration_text(span: dt.timedelta) -> str:
    """A span as hours and minutes: "31 h 05 min"."""
    minutes = max(int(span.total_seconds() // 60), 0)
    return _("%(hours)s h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}


def measure(housing: Housing, norm: dt.timedelta, now: dt.datetime) -> HousingRow:
    """The housing norm for one household: met when placed within `norm` of needing it."""
    deadline = housing.needed_since + norm
    if housing.placed_at is not None:
        took = housing.placed_at - housing.needed_since
        return HousingRow(housing, deadline, took, took <= norm, None)
    if housing.status == HousingStatus.NEEDED:
        return HousingRow(housing, deadline, None, None, deadline - now)
    return HousingRow(housing, deadline, None, None, None)  # ended without a placement


def housing_rows(incident: Incident) -> list[HousingRow]:
    """The incident's households on the housing list: waiting ones first (the most overdue
    on top), then placed, then ended."""
    norm = CareNorms.for_region(incident.region_id).housing_delta
    now = timezone.now()
    order = {HousingStatus.NEEDED: 0, HousingStatus.PLACED: 1, HousingStatus.ENDED: 2}
    rows = [
        measure(h, norm, now)
        for h in Housing.objects.filter(household__incident=incident).select_related(
            "household", "household__shelter__location"
        )
    ]
    rows.sort(key=lambda r: (order[HousingStatus(r.housing.status)], r.housing.needed_since))
    return rows


def housing_counts(incident: Incident) -> dict[str, int]:
    """Counts without names: waiting for housing (and over the norm), placed (and placed
    later than the norm), ended."""
    norm = CareNorms.for_region(incident.region_id).housing_delta
    late = timezone.now() - norm
    return Housing.objects.filter(household__incident=incident).aggregate(
        needed=Count("pk", filter=Q(status=HousingStatus.NEEDED)),
        needed_over=Count("pk", filter=Q(status=HousingStatus.NEEDED, needed_since__lt=late)),
        placed=Count("pk", filter=Q(status=HousingStatus.PLACED)),
        placed_late=Count(
            "pk", filter=Q(placed_at__isnull=False, placed_at__gt=F("needed_since") + norm)
        ),
        placed_ever=Count("pk", filter=Q(placed_at__isnull=False)),
        ended=Count("pk", filter=Q(status=HousingStatus.ENDED)),
    )


# ---------------------------------------------------------------- surroundings


def outages(incident: Incident) -> QuerySet[Outage]:
    """Outages still on first (by start), then the restored ones."""
    return Outage.objects.filter(incident=incident).order_by(
        F("restored_at").desc(nulls_first=True), "started_at", "pk"
    )


def closures(incident: Incident) -> QuerySet[RoadClosure]:
    """Closed roads first (by closing time), then the reopened ones."""
    return RoadClosure.objects.filter(incident=incident).order_by(
        F("reopened_at").desc(nulls_first=True), "closed_at", "pk"
    )


def cleanup_tasks(incident: Incident) -> QuerySet[CleanupTask]:
    """Open and running tasks first (earliest deadline first, none last), then the done."""
    return (
        CleanupTask.objects.filter(incident=incident)
        .annotate(
            done=Case(
                When(status=TaskStatus.DONE, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("done", F("due").asc(nulls_last=True), "pk")
    )
