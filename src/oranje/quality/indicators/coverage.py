"""COVERAGE: the share of hours at or above the on-call minimum, per function with a minimum
(`RegionFunction.min_hard_on_call`) and per unit, from the rosters
(`organisation.selectors.coverage_gaps`). Only the part of a quarter up to now counts.

A municipality's unit counts for that municipality, a district's for each of its member
municipalities, the region's unit for the region's own (municipality None). Drill-down: the
periods below the minimum."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from oranje.core.models import Municipality, Region
from oranje.organisation.constants import CoverageUnit
from oranje.organisation.models import District, RegionFunction
from oranje.organisation.selectors import Gap, coverage_gaps, function_name
from oranje.quality.constants import Indicator
from oranje.quality.indicators.common import (
    Records,
    Row,
    Tally,
    moment,
    quarters,
    started,
    window,
)
from oranje.quality.periods import Period

INDICATORS = (Indicator.COVERAGE,)
_HOUR = 3600.0

#: (kind, unit pk) → the municipalities its hours count for (None: the region's own)
UnitTargets = dict[tuple[str, int], list[int | None]]


def _units(region_ids: Sequence[int]) -> dict[int, dict[str, UnitTargets]]:
    """Per region and unit kind: each unit with the municipalities its hours count for."""
    found: dict[int, dict[str, UnitTargets]] = defaultdict(lambda: defaultdict(dict))
    for pk, region_id in (
        Municipality.objects.current()
        .filter(region_id__in=list(region_ids))
        .values_list("pk", "region_id")
    ):
        found[region_id][CoverageUnit.MUNICIPALITY][(CoverageUnit.MUNICIPALITY, pk)] = [pk]
    members: dict[int, list[int | None]] = defaultdict(list)
    for district_id, municipality_id in District.municipalities.through.objects.filter(
        district__region_id__in=list(region_ids)
    ).values_list("district_id", "municipality_id"):
        members[district_id].append(municipality_id)
    for pk, region_id in District.objects.filter(region_id__in=list(region_ids)).values_list(
        "pk", "region_id"
    ):
        found[region_id][CoverageUnit.DISTRICT][(CoverageUnit.DISTRICT, pk)] = members[pk]
    for region_id in region_ids:
        found[region_id][CoverageUnit.REGION][(CoverageUnit.REGION, region_id)] = [None]
    return found


def _overlap(start: dt.datetime, end: dt.datetime, a: dt.datetime, b: dt.datetime) -> float:
    return max((min(end, b) - max(start, a)).total_seconds(), 0.0)


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    region_list = list(regions)
    now = timezone.now()
    wanted = [q for q in quarters(periods) if started(q, now)]
    ids = [r.pk for r in region_list]
    settings_ = list(
        RegionFunction.objects.filter(region_id__in=ids, min_hard_on_call__gt=0).values_list(
            "region_id", "function_id", "coverage_unit"
        )
    )
    if not wanted or not settings_:
        return []
    span_start = min(window(q, now)[0] for q in wanted)
    span_end = max(window(q, now)[1] for q in wanted)
    gaps: dict[tuple[int, int, str, int], list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for gap in coverage_gaps(region_list, span_start, span_end):
        gaps[(gap.region.pk, gap.function.pk, gap.unit.kind, gap.unit.pk)].append(
            (gap.starts_at, gap.ends_at)
        )
    units = _units(ids)
    tally = Tally()
    for quarter in wanted:
        start, end = window(quarter, now)
        hours = (end - start).total_seconds() / _HOUR
        if hours <= 0:
            continue
        for region_id, function_id, unit_kind in settings_:
            for (kind, pk), targets in units[region_id][unit_kind].items():
                short = sum(
                    _overlap(start, end, a, b)
                    for a, b in gaps.get((region_id, function_id, kind, pk), ())
                )
                covered = hours - short / _HOUR
                for municipality_id in targets:
                    tally.add(
                        (
                            region_id,
                            municipality_id,
                            Indicator.COVERAGE,
                            function_id,
                            quarter.year,
                            quarter.quarter or 0,
                        ),
                        covered,
                        hours,
                    )
    return tally.rows()


def compute(regions: Iterable[Region], period: Period) -> list[Row]:
    return compute_all(regions, [period])


def _counts_for(gap: Gap, municipality_id: int | None) -> bool:
    if municipality_id is None:
        return gap.unit.kind == CoverageUnit.REGION
    return gap.unit.kind != CoverageUnit.REGION and municipality_id in gap.unit.municipality_ids


def records(
    region: Region,
    municipality_id: int | None,
    period: Period,
    function_id: int | None,
    *,
    indicator: str = Indicator.COVERAGE,
) -> Records:
    table = Records(
        caption=_("Hours below the on-call minimum"),
        columns=[
            _("Function"),
            _("Unit"),
            _("From"),
            _("Until"),
            _("Hours"),
            _("On call / needed"),
        ],
        explanation=_(
            "Every period in which fewer qualified and available people were on hard on-call "
            "than the region's minimum. A district's hours count for each of its "
            "municipalities; the region's own unit for the region."
        ),
    )
    if not started(period):
        return table
    start, end = window(period)
    names = {
        s.function_id: function_name(s.function, s)
        for s in RegionFunction.objects.filter(region=region).select_related("function")
    }
    for gap in coverage_gaps([region], start, end):
        if function_id is not None and gap.function.pk != function_id:
            continue
        if not _counts_for(gap, municipality_id):
            continue
        hours = (gap.ends_at - gap.starts_at).total_seconds() / _HOUR
        table.rows.append(
            [
                names.get(gap.function.pk, gap.function.name),
                gap.unit.label,
                moment(gap.starts_at),
                moment(gap.ends_at),
                number_format(hours, 1),
                f"{gap.have} / {gap.need}",
            ]
        )
    return table
