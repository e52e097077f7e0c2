"""Reads of the organisation room: who is on call, coverage gaps, rosters.

Coverage is computed per *unit*: an on-call district, a municipality, or the whole region,
as the region configured for each function. A pool covers a unit when it serves every
municipality of that unit (a regional pool serves the whole region). A person's shift counts
as coverage only for the part in which they are not unavailable (a sick officer is a gap).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.core.validation import local_zone
from oranje.organisation import qualification, selectors_loans
from oranje.organisation.constants import CoverageUnit, OnCallKind
from oranje.organisation.models import (
    District,
    Function,
    OnCallShift,
    Person,
    Pool,
    RegionFunction,
    Unavailability,
)


@dataclass(frozen=True)
class Unit:
    kind: str
    pk: int
    label: str
    municipality_ids: frozenset[int]


@dataclass
class Gap:
    region: Region
    function: Function
    unit: Unit
    starts_at: dt.datetime
    ends_at: dt.datetime
    have: int
    need: int

    @property
    def fill_starts_at(self) -> dt.datetime:
        """The gap's start rounded down to the minute, for a shift form that works in minutes."""
        return self.starts_at.replace(second=0, microsecond=0)

    @property
    def fill_ends_at(self) -> dt.datetime:
        """The gap's end rounded up to the minute, so that filling it leaves no sliver."""
        whole = self.ends_at.replace(second=0, microsecond=0)
        return whole if whole == self.ends_at else whole + dt.timedelta(minutes=1)


@dataclass
class OnCallEntry:
    shift: OnCallShift
    unavailable: bool
    unqualified: bool = False
    #: Lent to this region by another (qualification counts by the national profile).
    lent_from: Region | None = None
    #: This region's person, lent to another region now.
    lent_to: Region | None = None

    @property
    def counts(self) -> bool:
        return not (self.unavailable or self.unqualified)


@dataclass
class OnCallRow:
    function: Function
    name: str
    unit: Unit
    need: int
    hard: list[OnCallEntry] = field(default_factory=list)
    soft: list[OnCallEntry] = field(default_factory=list)

    @property
    def available_hard(self) -> int:
        return sum(1 for e in self.hard if e.counts)

    @property
    def short(self) -> bool:
        return self.available_hard < self.need


def region_settings(region: Region) -> dict[int, RegionFunction]:
    return {s.function_id: s for s in RegionFunction.objects.filter(region=region)}


def function_name(function: Function, setting: RegionFunction | None) -> str:
    """The region's own name for a function if it has one, else the national name."""
    return setting.local_name if setting and setting.local_name else function.name


def _units_by_region(region_ids: Iterable[int]) -> dict[int, dict[str, list[Unit]]]:
    ids = list(region_ids)
    result: dict[int, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    municipalities: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, name, region_id in (
        Municipality.objects.current()
        .filter(region_id__in=ids)
        .values_list("pk", "name", "region_id")
    ):
        municipalities[region_id].append((pk, name))
        result[region_id][CoverageUnit.MUNICIPALITY].append(
            Unit(CoverageUnit.MUNICIPALITY, pk, name, frozenset({pk}))
        )
    members: dict[int, set[int]] = defaultdict(set)
    for district_id, municipality_id in District.municipalities.through.objects.filter(
        district__region_id__in=ids
    ).values_list("district_id", "municipality_id"):
        members[district_id].add(municipality_id)
    for district in District.objects.filter(region_id__in=ids).order_by("name"):
        result[district.region_id][CoverageUnit.DISTRICT].append(
            Unit(CoverageUnit.DISTRICT, district.pk, district.name, frozenset(members[district.pk]))
        )
    for region in Region.objects.filter(pk__in=ids):
        all_ids = frozenset(pk for pk, _name in municipalities[region.pk])
        result[region.pk][CoverageUnit.REGION].append(
            Unit(CoverageUnit.REGION, region.pk, region.name, all_ids)
        )
    return result


def _pool_areas(region_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The municipalities each pool serves; regional pools serve all current ones."""
    ids = list(region_ids)
    area: dict[int, set[int]] = defaultdict(set)
    for pool_id, municipality_id in Pool.municipalities.through.objects.filter(
        pool__region_id__in=ids
    ).values_list("pool_id", "municipality_id"):
        area[pool_id].add(municipality_id)
    whole: dict[int, set[int]] = defaultdict(set)
    for pk, region_id in (
        Municipality.objects.current().filter(region_id__in=ids).values_list("pk", "region_id")
    ):
        whole[region_id].add(pk)
    result: dict[int, frozenset[int]] = {}
    for pool_id, region_id, kind in Pool.objects.filter(region_id__in=ids).values_list(
        "pk", "region_id", "kind"
    ):
        result[pool_id] = frozenset(whole[region_id] if kind == "regional" else area[pool_id])
    return result


def _covers(pool_area: frozenset[int], unit: Unit) -> bool:
    return bool(unit.municipality_ids) and unit.municipality_ids <= pool_area


def on_call_at(region: Region, at: dt.datetime) -> list[OnCallRow]:
    """Who is on call at `at`, for every function the region rosters or sets a minimum for,
    in every unit, with people who reported unavailable marked as such."""
    settings_ = region_settings(region)
    units = _units_by_region([region.pk])[region.pk]
    areas = _pool_areas([region.pk])
    shifts = list(
        OnCallShift.objects.filter(pool__region=region, starts_at__lte=at, ends_at__gt=at)
        .select_related("person", "function", "pool")
        .order_by("function__sort_order", "kind", "person__surname")
    )
    unavailable = set(
        Unavailability.objects.filter(
            person_id__in={s.person_id for s in shifts}, starts_at__lte=at, ends_at__gt=at
        ).values_list("person_id", flat=True)
    )
    today = timezone.localtime(at).date()
    lent_in = selectors_loans.lent_in_at(region.pk, at)
    lent_out = selectors_loans.lent_out_at(region.pk, at)
    qualified = qualification.qualified_until_in_region(
        region.pk,
        {(s.person_id, s.function_id) for s in shifts if s.kind == OnCallKind.HARD},
        {s.person_id: s.person.region_id for s in shifts},
    )
    rostered = {s.function_id for s in shifts} | {
        fid for fid, s in settings_.items() if s.min_hard_on_call > 0
    }
    rows: list[OnCallRow] = []
    for function in Function.objects.filter(pk__in=rostered):
        setting = settings_.get(function.pk)
        unit_kind = setting.coverage_unit if setting else CoverageUnit.DISTRICT
        need = setting.min_hard_on_call if setting else 0
        function_units = units.get(unit_kind) or units[CoverageUnit.REGION]
        for unit in function_units:
            row = OnCallRow(function, function_name(function, setting), unit, need)
            for shift in shifts:
                if shift.function_id != function.pk or not _covers(areas[shift.pool_id], unit):
                    continue
                until = qualified.get((shift.person_id, shift.function_id), dt.date.max)
                entry = OnCallEntry(
                    shift,
                    shift.person_id in unavailable,
                    until is None or until < today,
                    lent_from=(
                        lent_in[shift.person_id].from_region if shift.person_id in lent_in else None
                    ),
                    lent_to=(
                        lent_out[shift.person_id].to_region if shift.person_id in lent_out else None
                    ),
                )
                (row.hard if shift.kind == OnCallKind.HARD else row.soft).append(entry)
            if need or row.hard or row.soft:
                rows.append(row)
    return rows


def coverage_gaps(
    regions: Iterable[Region], starts_at: dt.datetime, ends_at: dt.datetime
) -> list[Gap]:
    """Every period in [starts_at, ends_at) where a function in a unit has fewer people on
    hard on-call (and available) than the region's minimum. Works for one region or all 25
    at once with a fixed number of queries; the sweep itself is linear in the shifts."""
    region_list = list(regions)
    by_id = {r.pk: r for r in region_list}
    settings_ = list(
        RegionFunction.objects.filter(
            region__in=region_list, min_hard_on_call__gt=0
        ).select_related("function")
    )
    if not settings_:
        return []
    units = _units_by_region(by_id)
    areas = _pool_areas(by_id)
    pool_region = dict(Pool.objects.filter(region__in=region_list).values_list("pk", "region_id"))
    shifts: dict[tuple[int, int], list[tuple[int, int, dt.datetime, dt.datetime]]] = defaultdict(
        list
    )
    person_ids: set[int] = set()
    home: dict[int, int] = {}
    for person_id, function_id, pool_id, s_start, s_end, home_id in OnCallShift.objects.filter(
        pool__region__in=region_list,
        kind=OnCallKind.HARD,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).values_list(
        "person_id", "function_id", "pool_id", "starts_at", "ends_at", "person__region_id"
    ):
        shifts[(pool_region[pool_id], function_id)].append((person_id, pool_id, s_start, s_end))
        person_ids.add(person_id)
        home[person_id] = home_id
    # People on loan from another region count by the national profile only.
    pairs = {(r, p, f) for (r, f), rows in shifts.items() for p, _pool, _s, _e in rows}
    q_own = qualification.qualified_until({(p, f) for r, p, f in pairs if home.get(p) == r})
    q_lent = qualification.national_qualified_until(
        {(p, f) for r, p, f in pairs if home.get(p) != r}
    )
    zone = local_zone()
    away: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    ids = list(person_ids)
    for chunk in range(0, len(ids), 2000):
        for person_id, u_start, u_end in Unavailability.objects.filter(
            person_id__in=ids[chunk : chunk + 2000], starts_at__lt=ends_at, ends_at__gt=starts_at
        ).values_list("person_id", "starts_at", "ends_at"):
            away[person_id].append((u_start, u_end))

    gaps: list[Gap] = []
    for setting in sorted(settings_, key=lambda s: (s.region_id, s.function.sort_order)):
        region_units = units[setting.region_id]
        candidates = shifts.get((setting.region_id, setting.function_id), [])
        for unit in region_units.get(setting.coverage_unit, []):
            intervals: list[tuple[dt.datetime, dt.datetime]] = []
            for person_id, pool_id, s_start, s_end in candidates:
                if not _covers(areas[pool_id], unit):
                    continue
                # Only qualified time counts: up to the end of the last qualified day.
                lent = home.get(person_id) != setting.region_id
                until = (q_lent if lent else q_own).get((person_id, setting.function_id))
                if until is None:
                    continue
                end = min(s_end, ends_at)
                if until < dt.date.max - dt.timedelta(days=1):
                    end = min(
                        end, dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), zone)
                    )
                intervals.extend(_subtract(max(s_start, starts_at), end, away.get(person_id, ())))
            for g_start, g_end, have in _shortfalls(
                intervals, starts_at, ends_at, setting.min_hard_on_call
            ):
                gaps.append(
                    Gap(
                        by_id[setting.region_id],
                        setting.function,
                        unit,
                        g_start,
                        g_end,
                        have,
                        setting.min_hard_on_call,
                    )
                )
    return gaps


def _subtract(
    start: dt.datetime, end: dt.datetime, holes: Iterable[tuple[dt.datetime, dt.datetime]]
) -> list[tuple[dt.datetime, dt.datetime]]:
    pieces = [(start, end)]
    for h_start, h_end in holes:
        next_pieces = []
        for p_start, p_end in pieces:
            if h_end <= p_start or h_start >= p_end:
                next_pieces.append((p_start, p_end))
                continue
            if h_start > p_start:
                next_pieces.append((p_start, h_start))
            if h_end < p_end:
                next_pieces.append((h_end, p_end))
        pieces = next_pieces
    return [p for p in pieces if p[1] > p[0]]


def _shortfalls(
    intervals: list[tuple[dt.datetime, dt.datetime]],
    window_start: dt.datetime,
    window_end: dt.datetime,
    need: int,
) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """Maximal periods where fewer than `need` intervals overlap, with the lowest count seen."""
    events: dict[dt.datetime, int] = defaultdict(int)
    for start, end in intervals:
        events[start] += 1
        events[end] -= 1
    result: list[tuple[dt.datetime, dt.datetime, int]] = []
    count = 0
    cursor = window_start
    open_start: dt.datetime | None = None
    lowest = need
    for moment in [*sorted(events), window_end]:
        if moment > cursor:
            if count < need:
                if open_start is None:
                    open_start, lowest = cursor, count
                lowest = min(lowest, count)
            elif open_start is not None:
                result.append((open_start, cursor, lowest))
                open_start = None
            cursor = moment
        if moment < window_end:
            count += events[moment]
    if open_start is not None:
        result.append((open_start, window_end, lowest))
    return result


def roster_shifts(
    region: Region,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    *,
    pool: Pool | None = None,
    function: Function | None = None,
    person: Person | None = None,
) -> QuerySet[OnCallShift]:
    """Shifts overlapping a period, for the roster calendar."""
    qs = OnCallShift.objects.filter(
        pool__region=region, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("person", "function", "pool")
    if pool is not None:
        qs = qs.filter(pool=pool)
    if function is not None:
        qs = qs.filter(function=function)
    if person is not None:
        qs = qs.filter(person=person)
    return qs.order_by("starts_at", "function__sort_order", "kind")


def people_in_region(
    region: Region, *, search: str = "", function_code: str = "", kind: str = ""
) -> QuerySet[Person]:
    qs = (
        Person.objects.filter(region=region)
        .select_related("municipality")
        .prefetch_related(Prefetch("functions", queryset=Function.objects.order_by("sort_order")))
    )
    if search:
        for word in search.split():
            qs = qs.filter(
                Q(given_name__icontains=word)
                | Q(surname__icontains=word)
                | Q(email__icontains=word)
                | Q(municipality__name__icontains=word)
            )
    if function_code:
        qs = qs.filter(functions__code=function_code)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.distinct()


def shifts_of_person(person: Person, since: dt.datetime) -> QuerySet[OnCallShift]:
    return (
        person.shifts.filter(ends_at__gt=since)
        .select_related("function", "pool")
        .prefetch_related("handovers__from_person")
        .order_by("starts_at")
    )
