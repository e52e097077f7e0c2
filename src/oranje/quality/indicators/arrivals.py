"""ARRIVAL_REAL and ARRIVAL_EXERCISE: of the people who accepted an alert for a function with
an arrival norm (`RegionFunction.response_norm_minutes`, 30 minutes for CoPI functions), in
incidents started in the quarter (real ones and exercises apart), the share that arrived
within the norm of being alerted. One who accepted and never arrived counts as late once the
incident is closed; while it runs they are left out. By the person's municipality and the
function. Drill-down: the late arrivals with their minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from oranje.alerting.constants import Answer
from oranje.alerting.models import Alert
from oranje.core.models import Region
from oranje.organisation.models import RegionFunction
from oranje.quality.constants import Indicator
from oranje.quality.indicators.common import (
    Records,
    Row,
    Tally,
    moment,
    quarter_at,
    quarters,
    span,
    started,
)
from oranje.quality.indicators.names import function_names
from oranje.quality.periods import Period

INDICATORS = (Indicator.ARRIVAL_REAL, Indicator.ARRIVAL_EXERCISE)


def _norms(region_ids: list[int]) -> dict[tuple[int, int], int]:
    return {
        (region_id, function_id): minutes
        for region_id, function_id, minutes in RegionFunction.objects.filter(
            region_id__in=region_ids, response_norm_minutes__isnull=False
        ).values_list("region_id", "function_id", "response_norm_minutes")
        if minutes is not None
    }


def _outcome(
    alerted: dt.datetime, arrived: dt.datetime | None, closed: dt.datetime | None, norm: int
) -> bool | None:
    """In time, late, or None while the person may still arrive."""
    if arrived is not None:
        return arrived - alerted <= dt.timedelta(minutes=norm)
    return None if closed is None else False


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    wanted = [q for q in quarters(periods) if started(q)]
    ids = [r.pk for r in regions]
    norms = _norms(ids)
    if not wanted or not norms:
        return []
    keys = {(q.year, q.quarter) for q in wanted}
    start, end = span(wanted)
    tally = Tally()
    for (
        region_id,
        began,
        exercise,
        closed,
        municipality_id,
        function_id,
        alerted,
        arrived,
    ) in Alert.objects.filter(
        answer=Answer.ACCEPTED,
        call__incident__region_id__in=ids,
        call__incident__started_at__gte=start,
        call__incident__started_at__lt=end,
    ).values_list(
        "call__incident__region_id",
        "call__incident__started_at",
        "call__incident__is_exercise",
        "call__incident__closed_at",
        "person__municipality_id",
        "call__function_id",
        "alerted_at",
        "arrived_at",
    ):
        norm = norms.get((region_id, function_id))
        year, quarter = quarter_at(began)
        if norm is None or (year, quarter) not in keys:
            continue
        hit = _outcome(alerted, arrived, closed, norm)
        if hit is None:
            continue
        indicator = Indicator.ARRIVAL_EXERCISE if exercise else Indicator.ARRIVAL_REAL
        tally.count((region_id, municipality_id, indicator, function_id, year, quarter), hit)
    return tally.rows()


def compute(regions: Iterable[Region], period: Period) -> list[Row]:
    return compute_all(regions, [period])


def records(
    region: Region,
    municipality_id: int | None,
    period: Period,
    function_id: int | None,
    *,
    indicator: str = Indicator.ARRIVAL_REAL,
) -> Records:
    table = Records(
        caption=_("Late arrivals"),
        columns=[
            _("Name"),
            _("Function"),
            _("Incident"),
            _("Alerted"),
            _("Arrived"),
            _("Minutes"),
            _("Norm (minutes)"),
        ],
        explanation=_(
            "Everyone who accepted an alert for a function with an arrival norm and arrived "
            "later than the norm, or never arrived in an incident that is closed."
        ),
    )
    norms = _norms([region.pk])
    alerts = Alert.objects.filter(
        answer=Answer.ACCEPTED,
        call__incident__region=region,
        call__incident__is_exercise=indicator == Indicator.ARRIVAL_EXERCISE,
        call__incident__started_at__gte=period.starts_at,
        call__incident__started_at__lt=period.ends_at,
        call__function_id__in=[f for (_r, f) in norms],
    ).select_related("person", "call", "call__incident")
    if municipality_id is None:
        alerts = alerts.filter(person__municipality__isnull=True)
    else:
        alerts = alerts.filter(person__municipality_id=municipality_id)
    if function_id is not None:
        alerts = alerts.filter(call__function_id=function_id)
    names = function_names(region)
    for alert in alerts.order_by("call__incident__started_at", "alerted_at", "pk"):
        norm = norms[(region.pk, alert.call.function_id)]
        incident = alert.call.incident
        if _outcome(alert.alerted_at, alert.arrived_at, incident.closed_at, norm) is not False:
            continue
        minutes = (
            _("did not arrive")
            if alert.arrived_at is None
            else str(-(-int((alert.arrived_at - alert.alerted_at).total_seconds()) // 60))
        )
        table.rows.append(
            [
                alert.person.full_name,
                names.get(alert.call.function_id, ""),
                incident.title,
                moment(alert.alerted_at),
                moment(alert.arrived_at),
                minutes,
                str(norm),
            ]
        )
        table.people.add(alert.person_id)
    return table
