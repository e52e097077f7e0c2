"""What a region's population care costs, and what a scenario would cost beside today.

`region_costs(region, period)`:

- **On-call allowance**: the hours people were on hard and on soft on-call in the region's
  pools (every shift clipped to the period), per function, times the cost model's rates.
  A function's cost is its hours times the rate, rounded to the cent; the total is the sum of
  the functions' costs.
- **Training and exercise**: the readiness records of the region's people completed in the
  period (courses, exams, practical tests, exercises; real deployments cost nothing extra),
  grouped by their price code — an exercise's `exercise_type` (its `code` when it has no
  type), every other record's `code` — and priced by the region's `CoursePrice`: count ×
  price. Records whose code has no price are counted and listed as "no price", never priced.
- **Regional capacity**: fte × cost per fte per year, prorated by the days of the period.
- **Per inhabitant** and **per municipality**: inhabitants of each current municipality of the
  region, from the latest year ≤ the period's year. Only when every municipality has a figure
  are the per-inhabitant cost and the shares by inhabitants given; otherwise they are None and
  `inhabitants_missing` names the municipalities without one (never a made-up value). Beside
  each share, the municipality's agreed `budget_share` (its agreement in force during the
  period, the latest one starting first) where there is one.

`scenario_costs(scenario, year)`: per change, the units its function's minimum applies to in
the region (districts, municipalities or the region, by `RegionFunction.coverage_unit`; a
function without a regional setting counts per district, the default) × extra people × the
hours of the year × the rate, hard and soft; beside today's costs of that year, with the
difference per year, per inhabitant and per municipality by inhabitants.

Without a cost model the region's rates are zero and `has_model` is False: pages and reports
say so instead of showing the zeros as costs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min

from oranje.core.models import Municipality, Region
from oranje.organisation.constants import CoverageUnit, OnCallKind
from oranje.organisation.models import District, Function, OnCallShift, RegionFunction
from oranje.organisation.selectors import function_name
from oranje.quality.models import (
    CostModel,
    CostScenario,
    CoursePrice,
    Inhabitants,
    MunicipalAgreement,
)
from oranje.quality.periods import Period
from oranje.readiness.constants import ActivityKind
from oranje.readiness.models import Activity

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
#: Readiness records that cost money (a real deployment is not training).
PRICED_KINDS = (
    ActivityKind.COURSE,
    ActivityKind.EXAM,
    ActivityKind.PRACTICAL_TEST,
    ActivityKind.EXERCISE,
)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def hours_of(seconds: int | float | Decimal) -> Decimal:
    """Seconds as hours with two decimals."""
    return cents(Decimal(seconds) / Decimal(3600))


def year_hours(year: int) -> int:
    """Hours in a calendar year: 8,760, or 8,784 in a leap year."""
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days * 24


def period_days(period: Period) -> int:
    return (period.end_day - period.first_day).days


def year_fraction(period: Period) -> Decimal:
    """The period's days over its year's days (a quarter of 2026: 90/365, 91/365, 92/365)."""
    year_days = (dt.date(period.year + 1, 1, 1) - dt.date(period.year, 1, 1)).days
    return Decimal(period_days(period)) / Decimal(year_days)


def format_euro(amount: Decimal | None, *, none: str = "—") -> str:
    """Money in Dutch format: "€ 1.234,56", "€ -12,50" (None: `none`)."""
    if amount is None:
        return none
    text = f"{abs(cents(Decimal(amount))):,.2f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ -{text}" if amount < 0 else f"€ {text}"


def format_number(value: Decimal | int | float | None, places: int = 2, *, none: str = "—") -> str:
    """A number in Dutch format: "1.234,5" (trailing zeros of the decimals dropped)."""
    if value is None:
        return none
    text = f"{Decimal(value):,.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rates:
    hard_hour_rate: Decimal
    soft_hour_rate: Decimal
    fte: Decimal
    fte_cost: Decimal
    has_model: bool


@dataclass(frozen=True)
class FunctionOnCall:
    """On-call hours and allowance of one function in the period."""

    function_id: int
    code: str
    name: str
    hard_hours: Decimal
    soft_hours: Decimal
    hard_cost: Decimal
    soft_cost: Decimal

    @property
    def cost(self) -> Decimal:
        return self.hard_cost + self.soft_cost


@dataclass(frozen=True)
class CourseLine:
    """Readiness records with one price code: count × price (`price` None: no price)."""

    code: str
    label: str
    count: int
    price: Decimal | None
    cost: Decimal | None


@dataclass(frozen=True)
class MunicipalityShare:
    municipality_id: int
    name: str
    inhabitants: int | None
    inhabitants_year: int | None
    #: Share by inhabitants in percent (two decimals) and in euros; None without figures.
    share_percent: Decimal | None
    share_cost: Decimal | None
    #: The agreed share of the budget in percent and in euros; None without agreement.
    agreed_percent: Decimal | None
    agreed_cost: Decimal | None


@dataclass(frozen=True)
class RegionCosts:
    region_id: int
    region_code: str
    region_name: str
    period: Period
    rates: Rates
    # On-call allowance.
    on_call: tuple[FunctionOnCall, ...]
    hard_hours: Decimal
    soft_hours: Decimal
    hard_cost: Decimal
    soft_cost: Decimal
    on_call_cost: Decimal
    # Training and exercise.
    courses: tuple[CourseLine, ...]
    course_count: int
    course_cost: Decimal
    unpriced: tuple[CourseLine, ...]
    unpriced_count: int
    # Regional capacity.
    capacity_fraction: Decimal
    capacity_cost: Decimal
    # Together.
    total: Decimal
    inhabitants: int | None
    inhabitants_missing: tuple[str, ...]
    per_inhabitant: Decimal | None
    municipalities: tuple[MunicipalityShare, ...]

    @property
    def has_model(self) -> bool:
        return self.rates.has_model

    @property
    def has_inhabitants(self) -> bool:
        return self.inhabitants is not None


@dataclass(frozen=True)
class ChangeCost:
    """One scenario change costed for a year."""

    change_id: int
    function_id: int
    code: str
    name: str
    coverage_unit: str
    units: int
    extra_hard: int
    extra_soft: int
    hours_in_year: int
    extra_hard_hours: int
    extra_soft_hours: int
    extra_hard_cost: Decimal
    extra_soft_cost: Decimal
    #: Today's on-call of the function in the same year (hours and allowance).
    today_hard_hours: Decimal
    today_soft_hours: Decimal
    today_cost: Decimal
    note: str = ""

    @property
    def extra_cost(self) -> Decimal:
        return self.extra_hard_cost + self.extra_soft_cost


@dataclass(frozen=True)
class ScenarioShare:
    municipality_id: int
    name: str
    inhabitants: int | None
    share_percent: Decimal | None
    today: Decimal | None
    scenario: Decimal | None
    difference: Decimal | None


@dataclass(frozen=True)
class ScenarioCosts:
    scenario_id: int
    name: str
    region_id: int
    year: int
    today: RegionCosts
    changes: tuple[ChangeCost, ...]
    difference: Decimal
    scenario_total: Decimal
    today_per_inhabitant: Decimal | None
    scenario_per_inhabitant: Decimal | None
    difference_per_inhabitant: Decimal | None
    municipalities: tuple[ScenarioShare, ...] = field(default=())

    @property
    def today_total(self) -> Decimal:
        return self.today.total

    @property
    def today_on_call(self) -> Decimal:
        return self.today.on_call_cost

    @property
    def scenario_on_call(self) -> Decimal:
        return self.today.on_call_cost + self.difference


# --- pieces -------------------------------------------------------------------------------


def rates_of(region: Region) -> Rates:
    model = CostModel.objects.filter(region=region).first()
    if model is None:
        return Rates(ZERO, ZERO, ZERO, ZERO, has_model=False)
    return Rates(
        model.hard_hour_rate, model.soft_hour_rate, model.fte, model.fte_cost, has_model=True
    )


def on_call_seconds(region: Region, period: Period) -> dict[tuple[int, str], float]:
    """Seconds on call per (function id, kind) in the region's pools, clipped to the period."""
    start, end = period.starts_at, period.ends_at
    seconds: dict[tuple[int, str], float] = defaultdict(float)
    rows = OnCallShift.objects.filter(
        pool__region=region, starts_at__lt=end, ends_at__gt=start
    ).values_list("function_id", "kind", "starts_at", "ends_at")
    for function_id, kind, starts_at, ends_at in rows.iterator(chunk_size=5000):
        clipped = (min(ends_at, end) - max(starts_at, start)).total_seconds()
        if clipped > 0:
            seconds[(function_id, kind)] += clipped
    return seconds


def _names(region: Region, function_ids: set[int]) -> dict[int, tuple[str, str, int]]:
    settings_ = {
        s.function_id: s
        for s in RegionFunction.objects.filter(region=region, function_id__in=function_ids)
    }
    return {
        f.pk: (f.code, function_name(f, settings_.get(f.pk)), f.sort_order)
        for f in Function.objects.filter(pk__in=function_ids)
    }


def on_call_lines(region: Region, period: Period, rates: Rates) -> list[FunctionOnCall]:
    seconds = on_call_seconds(region, period)
    function_ids = {function_id for function_id, _kind in seconds}
    names = _names(region, function_ids)
    lines = []
    for function_id in function_ids:
        hard = Decimal(seconds.get((function_id, OnCallKind.HARD), 0.0))
        soft = Decimal(seconds.get((function_id, OnCallKind.SOFT), 0.0))
        code, name, _order = names[function_id]
        lines.append(
            FunctionOnCall(
                function_id=function_id,
                code=code,
                name=name,
                hard_hours=hours_of(hard),
                soft_hours=hours_of(soft),
                hard_cost=cents(hard * rates.hard_hour_rate / 3600),
                soft_cost=cents(soft * rates.soft_hour_rate / 3600),
            )
        )
    lines.sort(key=lambda line: (names[line.function_id][2], line.code))
    return lines


def price_code(kind: str, code: str, exercise_type: str) -> str:
    """The code a readiness record is priced by."""
    if kind == ActivityKind.EXERCISE and exercise_type:
        return exercise_type
    return code.strip()


def course_lines(region: Region, period: Period) -> tuple[list[CourseLine], list[CourseLine]]:
    """(priced lines, lines without a price), both by code."""
    counts: dict[str, int] = defaultdict(int)
    titles: dict[str, str] = {}
    rows = (
        Activity.objects.filter(
            person__region=region,
            kind__in=PRICED_KINDS,
            completed_on__gte=period.first_day,
            completed_on__lte=period.last_day,
        )
        .values("kind", "code", "exercise_type")
        .annotate(count=Count("pk"), title=Min("title"))
        .order_by()
    )
    for row in rows:
        key = price_code(row["kind"], row["code"], row["exercise_type"])
        counts[key] += row["count"]
        title = titles.get(key)
        titles[key] = row["title"] if title is None else min(title, row["title"])
    prices = {p.code: p for p in CoursePrice.objects.filter(region=region, code__in=list(counts))}
    priced: list[CourseLine] = []
    unpriced: list[CourseLine] = []
    for key in sorted(counts):
        price = prices.get(key) if key else None
        if price is None:
            unpriced.append(CourseLine(key, titles[key], counts[key], None, None))
        else:
            cost = cents(price.price * counts[key])
            priced.append(CourseLine(key, price.label, counts[key], price.price, cost))
    return priced, unpriced


def latest_inhabitants(municipality_ids: list[int], year: int) -> dict[int, tuple[int, int]]:
    """Per municipality (count, year) of the latest figure of a year ≤ `year`."""
    found: dict[int, tuple[int, int]] = {}
    for municipality_id, figure_year, count in (
        Inhabitants.objects.filter(municipality_id__in=municipality_ids, year__lte=year)
        .order_by("municipality_id", "-year")
        .values_list("municipality_id", "year", "count")
    ):
        found.setdefault(municipality_id, (count, figure_year))
    return found


def agreed_shares(region: Region, period: Period) -> dict[int, Decimal]:
    """Per municipality the budget share of its agreement in force during the period (the
    latest one starting first), where that agreement sets one."""
    found: dict[int, Decimal | None] = {}
    for municipality_id, share in (
        MunicipalAgreement.objects.filter(
            region=region, starts_on__lte=period.last_day, ends_on__gte=period.first_day
        )
        .order_by("municipality_id", "-starts_on", "-pk")
        .values_list("municipality_id", "budget_share")
    ):
        found.setdefault(municipality_id, share)
    return {pk: share for pk, share in found.items() if share is not None}


@dataclass(frozen=True)
class _People:
    municipalities: list[tuple[int, str]]
    figures: dict[int, tuple[int, int]]
    total: int | None
    missing: tuple[str, ...]


def _people(region: Region, year: int) -> _People:
    municipalities = list(
        Municipality.objects.current()
        .filter(region=region)
        .order_by("name")
        .values_list("pk", "name")
    )
    figures = latest_inhabitants([pk for pk, _name in municipalities], year)
    missing = tuple(name for pk, name in municipalities if pk not in figures)
    total = sum(count for count, _year in figures.values())
    complete = bool(municipalities) and not missing and total > 0
    return _People(municipalities, figures, total if complete else None, missing)


def share_percent(count: int, total: int) -> Decimal:
    return cents(Decimal(count) * HUNDRED / Decimal(total))


def share_of(amount: Decimal, count: int, total: int) -> Decimal:
    return cents(amount * Decimal(count) / Decimal(total))


def per_head(amount: Decimal, total: int | None) -> Decimal | None:
    """Euros per inhabitant with two decimals (cents)."""
    return None if not total else cents(amount / Decimal(total))


# --- the two computations -----------------------------------------------------------------


def region_costs(region: Region, period: Period) -> RegionCosts:
    """Today's costs of the region in the period (see the module's docstring)."""
    rates = rates_of(region)
    on_call = on_call_lines(region, period, rates)
    courses, unpriced = course_lines(region, period)
    fraction = year_fraction(period)
    capacity = cents(rates.fte * rates.fte_cost * fraction)
    hard_cost = sum((line.hard_cost for line in on_call), ZERO)
    soft_cost = sum((line.soft_cost for line in on_call), ZERO)
    course_cost = sum((line.cost or ZERO for line in courses), ZERO)
    total = hard_cost + soft_cost + course_cost + capacity
    people = _people(region, period.year)
    agreed = agreed_shares(region, period)
    shares = []
    for pk, name in people.municipalities:
        count, figure_year = people.figures.get(pk, (None, None))
        percent = cost = None
        if people.total and count is not None:
            percent = share_percent(count, people.total)
            cost = share_of(total, count, people.total)
        agreed_percent = agreed.get(pk)
        shares.append(
            MunicipalityShare(
                municipality_id=pk,
                name=name,
                inhabitants=count,
                inhabitants_year=figure_year,
                share_percent=percent,
                share_cost=cost,
                agreed_percent=agreed_percent,
                agreed_cost=(
                    None if agreed_percent is None else cents(total * agreed_percent / HUNDRED)
                ),
            )
        )
    return RegionCosts(
        region_id=region.pk,
        region_code=region.code,
        region_name=region.name,
        period=period,
        rates=rates,
        on_call=tuple(on_call),
        hard_hours=sum((line.hard_hours for line in on_call), ZERO),
        soft_hours=sum((line.soft_hours for line in on_call), ZERO),
        hard_cost=hard_cost,
        soft_cost=soft_cost,
        on_call_cost=hard_cost + soft_cost,
        courses=tuple(courses),
        course_count=sum(line.count for line in courses),
        course_cost=course_cost,
        unpriced=tuple(unpriced),
        unpriced_count=sum(line.count for line in unpriced),
        capacity_fraction=fraction,
        capacity_cost=capacity,
        total=total,
        inhabitants=people.total,
        inhabitants_missing=people.missing,
        per_inhabitant=per_head(total, people.total),
        municipalities=tuple(shares),
    )


def unit_counts(region: Region) -> dict[str, int]:
    """How many units of each kind the region has: its on-call districts, its current
    municipalities, and the region itself."""
    return {
        CoverageUnit.DISTRICT: District.objects.filter(region=region).count(),
        CoverageUnit.MUNICIPALITY: Municipality.objects.current().filter(region=region).count(),
        CoverageUnit.REGION: 1,
    }


def scenario_costs(scenario: CostScenario, year: int) -> ScenarioCosts:
    """What the scenario's changes cost in `year`, beside today's costs of that year."""
    region = scenario.region
    today = region_costs(region, Period(year))
    rates = today.rates
    hours = year_hours(year)
    units = unit_counts(region)
    changes = list(scenario.changes.select_related("function"))
    function_ids = {change.function_id for change in changes}
    settings_ = {
        s.function_id: s
        for s in RegionFunction.objects.filter(region=region, function_id__in=function_ids)
    }
    today_by_function = {line.function_id: line for line in today.on_call}
    costed = []
    for change in sorted(changes, key=lambda c: (c.function.sort_order, c.function.code, c.pk)):
        setting = settings_.get(change.function_id)
        unit = setting.coverage_unit if setting else CoverageUnit.DISTRICT
        count = units[unit]
        hard_hours = count * change.extra_hard * hours
        soft_hours = count * change.extra_soft * hours
        now = today_by_function.get(change.function_id)
        costed.append(
            ChangeCost(
                change_id=change.pk,
                function_id=change.function_id,
                code=change.function.code,
                name=function_name(change.function, setting),
                coverage_unit=unit,
                units=count,
                extra_hard=change.extra_hard,
                extra_soft=change.extra_soft,
                hours_in_year=hours,
                extra_hard_hours=hard_hours,
                extra_soft_hours=soft_hours,
                extra_hard_cost=cents(hard_hours * rates.hard_hour_rate),
                extra_soft_cost=cents(soft_hours * rates.soft_hour_rate),
                today_hard_hours=now.hard_hours if now else ZERO,
                today_soft_hours=now.soft_hours if now else ZERO,
                today_cost=now.cost if now else ZERO,
                note=change.note,
            )
        )
    difference = sum((c.extra_cost for c in costed), ZERO)
    scenario_total = today.total + difference
    shares = []
    for share in today.municipalities:
        known = share.inhabitants
        if today.inhabitants and known is not None:
            shares.append(
                ScenarioShare(
                    municipality_id=share.municipality_id,
                    name=share.name,
                    inhabitants=known,
                    share_percent=share.share_percent,
                    today=share.share_cost,
                    scenario=share_of(scenario_total, known, today.inhabitants),
                    difference=share_of(difference, known, today.inhabitants),
                )
            )
        else:
            shares.append(
                ScenarioShare(share.municipality_id, share.name, known, None, None, None, None)
            )
    return ScenarioCosts(
        scenario_id=scenario.pk,
        name=scenario.name,
        region_id=region.pk,
        year=year,
        today=today,
        changes=tuple(costed),
        difference=difference,
        scenario_total=scenario_total,
        today_per_inhabitant=today.per_inhabitant,
        scenario_per_inhabitant=per_head(scenario_total, today.inhabitants),
        difference_per_inhabitant=per_head(difference, today.inhabitants),
        municipalities=tuple(shares),
    )
