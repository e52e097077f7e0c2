"""EXERCISE_PARTICIPATION: the share of the key-function holders in a key function who took
part in an exercise (a readiness activity of kind exercise) in the twelve months up to the
quarter's end, by their municipality (None: regional staff); civil servants without a path
are neither counted nor listed. Twelve months back from a quarter's end
are exactly that quarter and the three before it, so one query marks, per person, the
quarters they exercised in (a bit per quarter) and every period reads its four bits.
Drill-down: who did not exercise, with their last exercise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Max, Sum, Value, When
from django.utils.translation import gettext as _

from oranje.core.models import Region
from oranje.organisation.models import Person
from oranje.quality.constants import Indicator
from oranje.quality.indicators.common import (
    Records,
    Row,
    Tally,
    day_text,
    key_holder_ids,
    key_holders,
    measured_on,
    quarters,
    started,
)
from oranje.quality.indicators.names import function_names
from oranje.quality.periods import Period
from oranje.readiness.constants import ActivityKind
from oranje.readiness.models import Activity

INDICATORS = (Indicator.EXERCISE_PARTICIPATION,)
#: The most quarters one query marks (bits of a 64-bit sum).
_BITS = 60


def _window(period: Period) -> list[Period]:
    """The quarter and the three before it."""
    last = Period(period.year, period.quarter or 4)
    return [*last.previous(3), last]


def _next(quarter: Period) -> Period:
    number = quarter.quarter or 4
    return Period(quarter.year + 1, 1) if number == 4 else Period(quarter.year, number + 1)


def _index(quarter: Period) -> int:
    return quarter.year * 4 + (quarter.quarter or 1) - 1


def _masks(person_filter: dict[str, object], first: Period, last: Period) -> dict[int, int]:
    """Per person: a bit for each quarter from `first` to `last` they exercised in."""
    count = _index(last) - _index(first) + 1
    chain = []
    quarter = first
    for bit in range(count):
        chain.append(When(completed_on__lt=quarter.end_day, then=Value(1 << bit)))
        quarter = _next(quarter)
    rows = (
        Activity.objects.filter(
            kind=ActivityKind.EXERCISE,
            completed_on__gte=first.first_day,
            completed_on__lt=last.end_day,
            **person_filter,
        )
        .values("person_id")
        .annotate(
            mask=Sum(Case(*chain, default=Value(0), output_field=IntegerField()), distinct=True)
        )
        .values_list("person_id", "mask")
    )
    # PostgreSQL sums a bigint into a numeric: back to an int for the bit tests.
    return {person_id: int(mask or 0) for person_id, mask in rows}


def _chunks(wanted: list[Period]) -> list[list[Period]]:
    """The quarters in runs whose four-quarter windows fit in one query's bits."""
    runs: list[list[Period]] = []
    for quarter in wanted:
        if runs and _index(quarter) - _index(_window(runs[-1][0])[0]) < _BITS:
            runs[-1].append(quarter)
        else:
            runs.append([quarter])
    return runs


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    region_list = list(regions)
    wanted = [q for q in quarters(periods) if started(q)]
    if not wanted:
        return []
    ids = [r.pk for r in region_list]
    holders = key_holders(ids)
    if not holders:
        return []
    # Only the key people's activities: a semi-join that reads them by the (person, date)
    # index instead of scanning every activity of the country.
    person_filter: dict[str, object] = {"person_id__in": key_holder_ids(ids)}
    tally = Tally()
    for run in _chunks(wanted):
        first = _window(run[0])[0]
        masks = _masks(person_filter, first, run[-1])
        for quarter in run:
            shift = _index(quarter) - 3 - _index(first)
            window_bits = 0b1111 << shift
            for h in holders:
                tally.count(
                    (
                        h.region_id,
                        h.municipality_id,
                        Indicator.EXERCISE_PARTICIPATION,
                        h.function_id,
                        quarter.year,
                        quarter.quarter or 0,
                    ),
                    bool(masks.get(h.person_id, 0) & window_bits),
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
    indicator: str = Indicator.EXERCISE_PARTICIPATION,
) -> Records:
    window = _window(period)
    start = window[0].first_day
    table = Records(
        caption=_("People in a key function who did not exercise"),
        columns=[_("Name"), _("Function"), _("Last exercise")],
        explanation=_("No exercise recorded from %(start)s up to %(end)s.")
        % {"start": day_text(start), "end": day_text(measured_on(period))},
    )
    if not started(period):
        return table
    holders = key_holders([region.pk], municipality=municipality_id, function_id=function_id)
    ids = {h.person_id for h in holders}
    last: dict[int, dt.date] = {}
    for person_id, day in (
        Activity.objects.filter(
            kind=ActivityKind.EXERCISE, person_id__in=ids, completed_on__lt=window[-1].end_day
        )
        .values("person_id")
        .annotate(day=Max("completed_on"))
        .values_list("person_id", "day")
    ):
        last[person_id] = day
    people = Person.objects.in_bulk(ids)
    names = function_names(region)
    missing = [h for h in holders if h.person_id not in last or last[h.person_id] < start]
    for h in sorted(missing, key=lambda h: (people[h.person_id].sort_name, h.function_id)):
        table.rows.append(
            [
                people[h.person_id].full_name,
                names.get(h.function_id, ""),
                day_text(last[h.person_id]) if h.person_id in last else _("never"),
            ]
        )
        table.people.add(h.person_id)
    return table
