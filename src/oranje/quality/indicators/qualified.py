"""QUALIFIED: the share of the key-function holders in a key function (a function with a
minimum of qualified people or of hard on-call) who are qualified for it at the quarter's
end (today while the quarter runs), by their municipality (None: regional staff). Civil
servants without a path are neither counted nor listed. Qualification is
the readiness room's answer (`organisation.qualification.qualified_until`).

The people counted are those active and holding the function now: the records keep no
history of who held which function when. Drill-down: who is not qualified, and since when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from oranje.core.models import Region
from oranje.organisation import qualification
from oranje.organisation.models import Person
from oranje.quality.constants import Indicator
from oranje.quality.indicators.common import (
    Records,
    Row,
    Tally,
    day_text,
    key_holders,
    measured_on,
    quarters,
    started,
)
from oranje.quality.indicators.names import function_names
from oranje.quality.periods import Period

INDICATORS = (Indicator.QUALIFIED,)


def _qualified(until: dt.date | None, day: dt.date) -> bool:
    return until is not None and until >= day


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    wanted = [q for q in quarters(periods) if started(q)]
    if not wanted:
        return []
    holders = key_holders([r.pk for r in regions])
    until = qualification.qualified_until({(h.person_id, h.function_id) for h in holders})
    tally = Tally()
    for quarter in wanted:
        day = measured_on(quarter)
        for h in holders:
            tally.count(
                (
                    h.region_id,
                    h.municipality_id,
                    Indicator.QUALIFIED,
                    h.function_id,
                    quarter.year,
                    quarter.quarter or 0,
                ),
                _qualified(until.get((h.person_id, h.function_id)), day),
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
    indicator: str = Indicator.QUALIFIED,
) -> Records:
    day = measured_on(period)
    table = Records(
        caption=_("People in a key function who are not qualified"),
        columns=[_("Name"), _("Function"), _("Not qualified since")],
        explanation=_(
            "Qualified means meeting the function's qualification profile on %(day)s "
            "(the end of the period, or today while it runs)."
        )
        % {"day": day_text(day)},
    )
    if not started(period):
        return table
    holders = key_holders([region.pk], municipality=municipality_id, function_id=function_id)
    until = qualification.qualified_until({(h.person_id, h.function_id) for h in holders})
    missing = [
        (h, until.get((h.person_id, h.function_id)))
        for h in holders
        if not _qualified(until.get((h.person_id, h.function_id)), day)
    ]
    people = Person.objects.in_bulk({h.person_id for h, _u in missing})
    names = function_names(region)
    for h, last in sorted(
        missing, key=lambda pair: (people[pair[0].person_id].sort_name, pair[0].function_id)
    ):
        since = _("never qualified") if last is None else day_text(last + dt.timedelta(days=1))
        table.rows.append([people[h.person_id].full_name, names.get(h.function_id, ""), since])
        table.people.add(h.person_id)
    return table
