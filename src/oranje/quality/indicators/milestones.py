"""FIRST_MESSAGE, SHELTER_READY and HOUSING: per real incident started in the quarter,
attributed to the municipality of the scene, the milestone the communication and care rooms
report (`incidents.norms.milestones`): met within its norm counts, missed counts against,
one whose norm still runs is left out, and an incident without that milestone (no shelter
needed, nobody to house) is not counted. Drill-down: the incidents with their times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from oranje.care.hooks import HOUSING, SHELTER_READY
from oranje.communication.hooks import FIRST_MESSAGE
from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.incidents.norms import duration_text, milestones
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
from oranje.quality.periods import Period

#: The milestone key each indicator reads.
KEYS = {
    Indicator.FIRST_MESSAGE: FIRST_MESSAGE,
    Indicator.SHELTER_READY: SHELTER_READY,
    Indicator.HOUSING: HOUSING,
}
INDICATORS = tuple(KEYS)


def _incidents(region_ids: list[int], start: dt.datetime, end: dt.datetime) -> QuerySet[Incident]:
    return (
        Incident.objects.filter(
            region_id__in=region_ids,
            is_exercise=False,
            started_at__gte=start,
            started_at__lt=end,
        )
        .select_related("region", "municipality")
        .order_by("started_at", "pk")
    )


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    wanted = [q for q in quarters(periods) if started(q)]
    if not wanted:
        return []
    keys = {(q.year, q.quarter) for q in wanted}
    start, end = span(wanted)
    tally = Tally()
    for incident in _incidents([r.pk for r in regions], start, end):
        year, quarter = quarter_at(incident.started_at)
        if (year, quarter) not in keys:
            continue
        found = {m.key: m for m in milestones(incident)}
        for indicator, key in KEYS.items():
            milestone = found.get(key)
            if milestone is None or milestone.met is None:
                continue
            tally.count(
                (incident.region_id, incident.municipality_id, indicator, None, year, quarter),
                milestone.met,
            )
    return tally.rows()


def compute(regions: Iterable[Region], period: Period) -> list[Row]:
    return compute_all(regions, [period])


def records(
    region: Region,
    municipality_id: int | None,
    period: Period,
    function_id: int | None,
    *,
    indicator: str = Indicator.FIRST_MESSAGE,
) -> Records:
    table = Records(
        caption=_("Incidents and their times against the norm"),
        columns=[_("Incident"), _("Start"), _("Reached"), _("After"), _("Norm"), _("Result")],
        explanation=_(
            "Every real incident of the period with this milestone, at the municipality of "
            "the scene. One whose norm still runs is not counted yet."
        ),
    )
    key = KEYS.get(indicator)  # type: ignore[call-overload]
    if key is None or municipality_id is None:
        return table
    incidents = _incidents([region.pk], period.starts_at, period.ends_at)
    for incident in incidents.filter(municipality_id=municipality_id):
        milestone = next((m for m in milestones(incident) if m.key == key), None)
        if milestone is None:
            continue
        result = {True: _("met"), False: _("missed"), None: _("norm still runs")}[milestone.met]
        table.rows.append(
            [
                incident.title,
                moment(incident.started_at),
                moment(milestone.at),
                "—" if milestone.elapsed is None else duration_text(milestone.elapsed),
                duration_text(milestone.norm),
                result,
            ]
        )
    return table
