"""What every indicator family shares: the row it computes (one future `IndicatorValue`), the
tally that sums numerators and denominators per key, the table a drill-down shows, the part
of a quarter that has happened, and the region's key functions and the people who hold them:
key-function holders only (`PersonKind.KEY`). A civil servant without a path may hold a
function and be called on soft on-call, but is on no qualification path, so the QUALIFIED and
EXERCISE figures neither count nor list them.

A family never invents a figure: a key with no records gets no row, and no row reads as
"no data" (`selectors.state`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import EllipsisType
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core.models import Region
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Person, RegionFunction
from oranje.quality.periods import Period


@dataclass(frozen=True)
class Row:
    """One computed figure, as `IndicatorValue` keeps it."""

    region_id: int
    municipality_id: int | None
    indicator: str
    function_id: int | None
    year: int
    quarter: int
    numerator: float
    denominator: float


#: (region id, municipality id or None, indicator, function id or None, year, quarter)
Key = tuple[int, int | None, str, int | None, int, int]


class Tally:
    """Numerators and denominators summed per key; `rows()` leaves out every key whose
    denominator stayed 0 (nothing to count is no data, not 0 %)."""

    def __init__(self) -> None:
        self._sums: dict[Key, list[float]] = defaultdict(lambda: [0.0, 0.0])

    def add(self, key: Key, numerator: float, denominator: float) -> None:
        entry = self._sums[key]
        entry[0] += numerator
        entry[1] += denominator

    def count(self, key: Key, hit: bool) -> None:
        self.add(key, 1.0 if hit else 0.0, 1.0)

    def rows(self) -> list[Row]:
        found = []
        for key, (numerator, denominator) in self._sums.items():
            if denominator <= 0:
                continue
            # Rounding may leave an hour's share a hair outside [0, denominator].
            numerator = min(max(numerator, 0.0), denominator)
            found.append(Row(*key, numerator, denominator))
        return found


@dataclass
class Records:
    """The records behind one figure, as a table: column headers and rows of text, the
    people named in it (for the audit), and a line saying what is counted."""

    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    explanation: str = ""
    people: set[int] = field(default_factory=set)


def quarters(periods: Iterable[Period]) -> list[Period]:
    """The quarters of the periods (a year stands for its four), each once, in order."""
    return sorted({Period(p.year, q) for p in periods for q in p.quarters})


def started(period: Period, now: dt.datetime | None = None) -> bool:
    """Whether any of the period has happened (a future quarter has no figures)."""
    return period.starts_at < (now or timezone.now())


def window(period: Period, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The part of the period up to now: [start, min(end, now)), in UTC (so that a
    difference counts real hours across a change of the clocks)."""
    start, end = utc(period.starts_at), utc(period.ends_at)
    return start, min(end, now or timezone.now())


def utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def measured_on(period: Period) -> dt.date:
    """The day a state-of-affairs figure (qualified, exercised) is read: the period's last
    day, or today while it runs."""
    return min(period.last_day, timezone.localdate())


def moment(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def day_text(value: dt.date | None) -> str:
    return "—" if value is None else date_format(value, "SHORT_DATE_FORMAT")


def key_functions(region_ids: Sequence[int]) -> dict[int, set[int]]:
    """Per region: its key functions (a minimum of qualified people or of hard on-call)."""
    found: dict[int, set[int]] = defaultdict(set)
    for region_id, function_id in RegionFunction.objects.filter(
        Q(min_qualified__gt=0) | Q(min_hard_on_call__gt=0), region_id__in=list(region_ids)
    ).values_list("region_id", "function_id"):
        found[region_id].add(function_id)
    return found


@dataclass(frozen=True)
class Holder:
    person_id: int
    function_id: int
    region_id: int
    municipality_id: int | None


def key_holders(
    region_ids: Sequence[int],
    *,
    municipality: int | EllipsisType | None = ...,
    function_id: int | None = None,
) -> list[Holder]:
    """The active key-function holders of the regions holding one of their region's key
    functions (one entry per person and function); civil servants without a path are left
    out. `municipality` narrows to one municipality (None: the
    regional staff), `function_id` to one function."""
    keys = key_functions(region_ids)
    wanted = {f for fs in keys.values() for f in fs}
    if function_id is not None:
        wanted &= {function_id}
    if not wanted:
        return []
    rows = Person.functions.through.objects.filter(
        person__region_id__in=list(region_ids),
        person__active=True,
        person__kind=PersonKind.KEY,
        function_id__in=wanted,
    )
    if municipality is None:
        rows = rows.filter(person__municipality__isnull=True)
    elif not isinstance(municipality, EllipsisType):
        rows = rows.filter(person__municipality_id=municipality)
    return [
        Holder(person_id, fid, region_id, municipality_id)
        for person_id, fid, region_id, municipality_id in rows.values_list(
            "person_id", "function_id", "person__region_id", "person__municipality_id"
        )
        if fid in keys.get(region_id, ())
    ]


def key_holder_ids(region_ids: Sequence[int]) -> QuerySet[Any]:
    """The ids of the active key-function holders holding a key function of their region, as
    a subquery (approximate: a key function of any of the regions; callers match exactly)."""
    return Person.functions.through.objects.filter(
        person__region_id__in=list(region_ids),
        person__active=True,
        person__kind=PersonKind.KEY,
        function_id__in=RegionFunction.objects.filter(
            Q(min_qualified__gt=0) | Q(min_hard_on_call__gt=0),
            region_id__in=list(region_ids),
        ).values("function_id"),
    ).values("person_id")


def region_ids(regions: Iterable[Region]) -> list[int]:
    return [r.pk for r in regions]


def quarter_at(value: dt.datetime) -> tuple[int, int]:
    """(year, quarter) of a moment, in local time."""
    local = timezone.localtime(value)
    return local.year, (local.month - 1) // 3 + 1


def span(periods: Sequence[Period]) -> tuple[dt.datetime, dt.datetime]:
    """From the first period's start to the last one's end."""
    return utc(min(p.starts_at for p in periods)), utc(max(p.ends_at for p in periods))
