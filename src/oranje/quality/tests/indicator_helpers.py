"""What the indicator tests share: a past quarter, a clean slate of key functions, and a
way to read the computed rows as {(municipality, indicator, function): (n, d)}."""

from __future__ import annotations

import datetime as dt

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.organisation.models import RegionFunction
from oranje.quality.indicators.common import Row
from oranje.quality.periods import Period

Q = Period(2025, 1)
#: 2025-Q1's hours in local time (the clocks go forward on 30 March: one hour less).
Q_HOURS = (Q.ends_at.astimezone(dt.UTC) - Q.starts_at).total_seconds() / 3600


def at(day: int, hour: int = 12, month: int = 2) -> dt.datetime:
    """A moment in 2025-Q1 (February by default), local time."""
    return dt.datetime(2025, month, day, hour, tzinfo=Q.starts_at.tzinfo)


def no_key_functions(region: Region) -> None:
    RegionFunction.objects.filter(region=region).update(
        min_hard_on_call=0, min_qualified=0, response_norm_minutes=None
    )


def as_table(rows: list[Row], indicator: str) -> dict[tuple[int | None, int | None], tuple]:
    """(municipality, function) → (numerator, denominator) of one indicator."""
    return {
        (r.municipality_id, r.function_id): (r.numerator, r.denominator)
        for r in rows
        if r.indicator == indicator
    }


def incident(region: Region, municipality: object, started: dt.datetime, **kw: object) -> Incident:
    return Incident.objects.create(
        region=region,
        title=kw.pop("title", "Brand"),
        kind="fire",
        started_at=started,
        municipality=municipality,
        **kw,
    )
