"""What a board report says, read from the records: per norm the region's figure, its state
in words, the waterlijn and bandbreedte in force at the end of the period, the next in-growth
step and the trend over the last eight quarters; the gaps per municipality with their
improvement actions; the actions open, overdue or closed in the period; the incidents and
exercises (`events`); the costs; and the reviews of the flexible scalings.

Every figure comes from `quality.selectors` (`figures`, `norm_figure`, `state`,
`waterlijn_on`, `next_step`), so a cell says in the report what it says on the monitoring
page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.quality import selectors
from oranje.quality.constants import ActionStatus, Answer, CellState, Measure, Review
from oranje.quality.models import (
    BoardReport,
    ImprovementAction,
    IndicatorValue,
    Norm,
    SelfAssessment,
)
from oranje.quality.periods import Period
from oranje.quality.selectors import Figure, FigureKey

#: How many quarters a trend chart shows (the period's last quarter and the seven before).
TREND_QUARTERS = 8
#: A self-assessment's answer as a share.
POINTS: dict[str, float] = {Answer.YES: 100.0, Answer.PARTLY: 50.0, Answer.NO: 0.0}

#: Per indicator: figure key → figure (so a norm reads only its own indicator's figures).
ByIndicator = dict[str, dict[FigureKey, Figure]]


def report_period(report: BoardReport) -> Period:
    return Period(report.year, report.quarter)


def trend_quarters(period: Period) -> list[Period]:
    """The eight quarters ending with the period's last quarter, oldest first."""
    last = Period(period.year, period.quarter or 4)
    return [*last.previous(TREND_QUARTERS - 1), last]


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    percent: float | None
    waterlijn: float


@dataclass
class NormStatus:
    """One norm's standing (for the region, or one municipality) at the end of the period."""

    norm: Norm
    percent: float | None
    numerator: float | None
    denominator: float | None
    state: str
    waterlijn: Decimal
    bandbreedte: Decimal
    step: tuple[dt.date, Decimal] | None
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return str(CellState(self.state).label)

    @property
    def figure_text(self) -> str:
        return "—" if self.percent is None else f"{self.percent:.1f}%"

    @property
    def floor(self) -> float:
        return float(self.waterlijn) - float(self.bandbreedte)


@dataclass
class Gap:
    municipality: Municipality
    status: NormStatus
    actions: list[ImprovementAction]


@dataclass
class ActionLine:
    action: ImprovementAction
    #: "open", "overdue" or "closed" as at the end of the period.
    standing: str
    municipality_name: str
    norm_code: str


def _by_indicator(rows: dict[FigureKey, Figure]) -> ByIndicator:
    found: ByIndicator = defaultdict(dict)
    for key, figure in rows.items():
        found[key[1]][key] = figure
    return found


def quarter_figures(region: Region, quarters: list[Period]) -> dict[Period, ByIndicator]:
    """The region's computed figures per quarter, in one query (sums as
    `selectors.figures` makes them)."""
    years = sorted({q.year for q in quarters})
    rows = (
        IndicatorValue.objects.filter(region=region, year__in=years)
        .values("year", "quarter", "municipality_id", "indicator", "function_id")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    wanted = set(quarters)
    found: dict[Period, ByIndicator] = {q: defaultdict(dict) for q in quarters}
    for row in rows:
        period = Period(row["year"], row["quarter"])
        if period not in wanted:
            continue
        key = (row["municipality_id"], row["indicator"], row["function_id"])
        found[period][row["indicator"]][key] = Figure(row["n"], row["d"])
    return found


def period_figures(region: Region, period: Period) -> ByIndicator:
    return _by_indicator(selectors.figures([region.pk], period).get(region.pk, {}))


def self_assessment_shares(region: Region, year: int) -> dict[tuple[int, str], list[float]]:
    """(municipality id, norm code) → the points of the accepted answers of the year's
    round (yes 100, partly 50, no 0)."""
    found: dict[tuple[int, str], list[float]] = defaultdict(list)
    rows = SelfAssessment.objects.filter(
        round__region=region, round__year=year, status=Review.ACCEPTED
    ).values_list("municipality_id", "norm__code", "answer")
    for municipality_id, code, answer in rows:
        if answer in POINTS:
            found[(municipality_id, code)].append(POINTS[answer])
    return found


def _figure(
    norm: Norm,
    found: ByIndicator,
    municipality_id: int | None,
    shares: dict[tuple[int, str], list[float]],
) -> Figure | None:
    if norm.measure == Measure.SELF_ASSESSMENT:
        points = [
            p
            for (mun, code), values in shares.items()
            if code == norm.code and (municipality_id is None or mun == municipality_id)
            for p in values
        ]
        return Figure(sum(points) / 100.0, float(len(points))) if points else None
    return selectors.norm_figure(norm, found.get(norm.indicator, {}), municipality_id)


def norm_status(
    norm: Norm,
    day: dt.date,
    figure: Figure | None,
) -> NormStatus:
    percent = figure.percent if figure is not None else None
    return NormStatus(
        norm=norm,
        percent=percent,
        numerator=figure.numerator if figure is not None else None,
        denominator=figure.denominator if figure is not None else None,
        state=selectors.state(norm, percent, day),
        waterlijn=selectors.waterlijn_on(norm, day),
        bandbreedte=norm.bandbreedte,
        step=selectors.next_step(norm, day),
    )


def trend(
    norm: Norm, quarters: dict[Period, ByIndicator], municipality_id: int | None
) -> list[TrendPoint]:
    points = []
    for period, found in quarters.items():
        figure = (
            selectors.norm_figure(norm, found.get(norm.indicator, {}), municipality_id)
            if norm.measure == Measure.INDICATOR
            else None
        )
        points.append(
            TrendPoint(
                period,
                figure.percent if figure is not None else None,
                float(selectors.waterlijn_on(norm, period.last_day)),
            )
        )
    return points


@dataclass
class Basis:
    """What every chapter of one report reads: the norms, the figures of the period and of
    the eight quarters, the self-assessments."""

    region: Region
    period: Period
    day: dt.date
    norms: list[Norm]
    found: ByIndicator
    quarters: dict[Period, ByIndicator]
    shares: dict[tuple[int, str], list[float]]
    municipalities: list[Municipality]

    def status(self, norm: Norm, municipality_id: int | None, *, with_trend: bool) -> NormStatus:
        status = norm_status(
            norm, self.day, _figure(norm, self.found, municipality_id, self.shares)
        )
        if with_trend:
            status.trend = trend(norm, self.quarters, municipality_id)
        return status


def basis(region: Region, period: Period) -> Basis:
    day = period.last_day
    return Basis(
        region=region,
        period=period,
        day=day,
        norms=selectors.effective_norms(region, day),
        found=period_figures(region, period),
        quarters=quarter_figures(region, trend_quarters(period)),
        shares=self_assessment_shares(region, period.year),
        municipalities=list(Municipality.objects.filter(region=region).order_by("name")),
    )


def actions_of_period(
    region: Region, period: Period, municipality: Municipality | None = None
) -> list[ActionLine]:
    """The improvement actions the period saw: made before its end and not closed before
    its start; each as it stood at the end of the period (closed, overdue or open)."""
    actions = (
        ImprovementAction.objects.filter(region=region, created_at__lt=period.ends_at)
        .exclude(closed_at__lt=period.starts_at)
        .select_related("municipality", "norm")
        .order_by("deadline", "pk")
    )
    if municipality is not None:
        actions = actions.filter(municipality=municipality)
    end = min(period.last_day, timezone.localdate())
    lines = []
    for action in actions:
        if (
            action.status == ActionStatus.CLOSED
            and action.closed_at is not None
            and (action.closed_at < period.ends_at)
        ):
            standing = "closed"
        elif action.deadline < end:
            standing = "overdue"
        else:
            standing = "open"
        lines.append(
            ActionLine(
                action,
                standing,
                action.municipality.name if action.municipality else region.name,
                action.norm.code if action.norm else "",
            )
        )
    return lines


STANDING_ORDER = {"overdue": 0, "open": 1, "closed": 2}


@dataclass
class MunicipalStanding:
    """A municipality's norms counted by state (meets, within, below, no data)."""

    municipality: Municipality
    counts: dict[str, int]


def gaps(base: Basis, actions: list[ActionLine]) -> tuple[list[Gap], list[MunicipalStanding]]:
    """Cells within or below the bandbreedte, per municipality and norm, with the actions
    on the same municipality and norm; and per municipality its norms counted by state."""
    by_cell: dict[tuple[int | None, str], list[ImprovementAction]] = defaultdict(list)
    for line in actions:
        by_cell[(line.action.municipality_id, line.norm_code)].append(line.action)
    found = []
    standings = []
    for municipality in base.municipalities:
        rows = []
        for norm in base.norms:
            status = base.status(norm, municipality.pk, with_trend=False)
            rows.append(status)
            if status.state in (CellState.WITHIN, CellState.BELOW):
                found.append(
                    Gap(municipality, status, by_cell.get((municipality.pk, norm.code), []))
                )
        standings.append(MunicipalStanding(municipality, state_counts(rows)))
    found.sort(key=lambda g: (g.status.state != CellState.BELOW, g.municipality.name))
    return found, standings


def state_counts(rows: list[NormStatus]) -> dict[str, int]:
    counts = dict.fromkeys(CellState.values, 0)
    for row in rows:
        counts[row.state] += 1
    return counts


def summary(rows: list[NormStatus]) -> list[tuple[str, int]]:
    """(state in words, how many norms) in the order meets, within, below, no data."""
    counts = state_counts(rows)
    return [(str(CellState(value).label), counts[value]) for value in CellState.values]


def as_dict(status: NormStatus) -> dict[str, Any]:
    return {
        "code": status.norm.code,
        "percent": status.percent,
        "state": status.state,
        "waterlijn": str(status.waterlijn),
        "bandbreedte": str(status.bandbreedte),
    }
