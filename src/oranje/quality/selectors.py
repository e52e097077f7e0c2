"""The quality room's shared reads: which norms apply to a region on a day, the waterlijn in
force, a cell's state, and the computed figures summed over municipalities and quarters.

Every part of the room (monitoring, the municipal and national views, the board report)
reads norms and figures through these, so a cell means the same everywhere."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from oranje.core.models import Region
from oranje.quality.constants import CellState, Measure, SetStatus
from oranje.quality.models import GrowthStep, IndicatorValue, Norm, NormSet
from oranje.quality.periods import Period


def current_set(region: Region | None, day: dt.date | None = None) -> NormSet | None:
    """The adopted set of the nation (`region` None) or a region in force on `day` (the
    highest version adopted on or before it; today when `day` is None)."""
    sets = NormSet.objects.filter(status=SetStatus.ADOPTED)
    sets = sets.filter(region__isnull=True) if region is None else sets.filter(region=region)
    if day is not None:
        sets = sets.filter(adopted_on__lte=day)
    return sets.order_by("-version").first()


def _norms(norm_set: NormSet | None) -> QuerySet[Norm]:
    if norm_set is None:
        return Norm.objects.none()
    return (
        Norm.objects.filter(norm_set=norm_set)
        .select_related("function", "national_norm", "norm_set")
        .prefetch_related(Prefetch("growth_steps", queryset=GrowthStep.objects.order_by("due_on")))
        .order_by("sort_order", "code")
    )


def effective_norms(region: Region, day: dt.date | None = None) -> list[Norm]:
    """The norms that apply to the region on `day`: the national set's, each replaced by the
    regional norm that tightens it, then the region's own additions; norms not in force on
    the day are left out."""
    national = list(_norms(current_set(None, day)))
    regional = list(_norms(current_set(region, day)))
    tightened = {n.national_norm.code: n for n in regional if n.national_norm is not None}
    result = [tightened.get(n.code, n) for n in national]
    result += [n for n in regional if not n.national_norm_id]
    if day is not None:
        result = [
            n
            for n in result
            if n.valid_from <= day and (n.valid_until is None or n.valid_until >= day)
        ]
    return result


def waterlijn_on(norm: Norm, day: dt.date) -> Decimal:
    """The waterlijn in force on `day`. An in-growth step is a lower level that applies
    *until* its date (`due_on`, exclusive): the first step not yet due gives the level; once
    every step is due, the norm's own waterlijn applies."""
    for step in norm.growth_steps.all():
        if step.due_on > day:
            return step.waterlijn
    return norm.waterlijn


def next_step(norm: Norm, day: dt.date) -> tuple[dt.date, Decimal] | None:
    """When the waterlijn rises next after `day`, and to what: (the date, the level)."""
    steps = list(norm.growth_steps.all())
    for i, step in enumerate(steps):
        if step.due_on > day:
            level = steps[i + 1].waterlijn if i + 1 < len(steps) else norm.waterlijn
            return step.due_on, level
    return None


def state(norm: Norm, percent: float | None, day: dt.date) -> str:
    """A cell's state for a figure on a day: meets the waterlijn, within the bandbreedte
    below it, below that, or no data."""
    if percent is None:
        return CellState.NO_DATA
    floor = float(waterlijn_on(norm, day))
    if percent >= floor - 1e-9:
        return CellState.MEETS
    if percent >= floor - float(norm.bandbreedte) - 1e-9:
        return CellState.WITHIN
    return CellState.BELOW


@dataclass(frozen=True)
class Figure:
    numerator: float
    denominator: float

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator


#: (municipality id or None for the region's own, indicator, function id or None) → figure
FigureKey = tuple[int | None, str, int | None]


def figures(region_ids: Iterable[int], period: Period) -> dict[int, dict[FigureKey, Figure]]:
    """Per region: the computed figures of the period, summed over its quarters."""
    rows = (
        IndicatorValue.objects.filter(
            region_id__in=list(region_ids), year=period.year, quarter__in=period.quarters
        )
        .values("region_id", "municipality_id", "indicator", "function_id")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    result: dict[int, dict[FigureKey, Figure]] = defaultdict(dict)
    for row in rows:
        key = (row["municipality_id"], row["indicator"], row["function_id"])
        result[row["region_id"]][key] = Figure(row["n"], row["d"])
    return result


def norm_figure(
    norm: Norm, found: dict[FigureKey, Figure], municipality_id: int | None
) -> Figure | None:
    """A norm's figure for a municipality (or, `municipality_id` None, the whole region:
    every municipality and the region's own summed). A norm with a function reads that
    function's figures; one without reads all functions together."""
    if norm.measure != Measure.INDICATOR:
        return None
    n = d = 0.0
    for (mun, indicator, function), figure in found.items():
        if indicator != norm.indicator:
            continue
        if norm.function_id is not None and function != norm.function_id:
            continue
        if municipality_id is not None and mun != municipality_id:
            continue
        n += figure.numerator
        d += figure.denominator
    return Figure(n, d) if d > 0 else None


def flexible_scalings(region: Region) -> Q:
    """The filter for the region's incidents that scaled flexibly at some point."""
    return Q(region=region, scaling__mode="flexible")
