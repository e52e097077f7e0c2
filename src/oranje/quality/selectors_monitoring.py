"""The monitoring's reads: the region's matrix (municipality × norm, with the whole region as
a row) and one municipality's contribution against its agreement; the national distribution
per norm is in `selectors_national`.

Figures, states and in-growth steps come from `quality.selectors` only, so a cell means
the same here, in the API and in the board report. The matrix is built with a fixed number
of queries whatever the size of the region (norms, municipalities, one figures query per
quarter of the trend, the self-assessments): it is read on every page view."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.core.models import Municipality, Region
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function, Person
from oranje.quality import selectors
from oranje.quality.constants import ActionStatus, Answer, CellState, Indicator, Measure, Review
from oranje.quality.models import (
    AgreementLine,
    ImprovementAction,
    Inhabitants,
    MunicipalAgreement,
    Norm,
    SelfAssessment,
)
from oranje.quality.periods import Period
from oranje.quality.selectors import Figure, FigureKey
from oranje.quality.selectors_indicators import state_day

#: How many quarters a cell's trend shows (the period's own last quarter included).
TREND_QUARTERS = 4
#: A change smaller than this (percentage points) reads as steady.
STEADY_POINTS = 1.0
#: The drill-down's `gemeente` for the region's own figures (regional staff and pools).
REGION_OWN = "regio"
#: What a self-assessment's answer counts for.
ANSWER_POINTS = {Answer.YES: 100.0, Answer.PARTLY: 50.0, Answer.NO: 0.0}
#: The reviews whose answer counts: accepted by the region, or submitted and awaiting it.
COUNTED_REVIEWS = (Review.ACCEPTED, Review.SUBMITTED)
#: The function whose coverage an agreement's "CPG on hard on-call" is read against.
CPG_CODE = "CPG"
STATES: tuple[str, ...] = (
    CellState.MEETS,
    CellState.WITHIN,
    CellState.BELOW,
    CellState.NO_DATA,
)
#: A state's symbol beside its colour and its word (colour is never the only signal).
SYMBOLS: dict[str, str] = {
    CellState.MEETS: "✓",
    CellState.WITHIN: "≈",
    CellState.BELOW: "✗",
    CellState.NO_DATA: "–",
}
SHORT: dict[str, Promise] = {
    CellState.MEETS: gettext_lazy("meets"),
    CellState.WITHIN: gettext_lazy("within"),
    CellState.BELOW: gettext_lazy("below"),
    CellState.NO_DATA: gettext_lazy("no data"),
}
ARROWS: dict[str, str] = {"up": "↑", "down": "↓", "steady": "→", "": ""}
DIRECTIONS: dict[str, Promise] = {
    "up": gettext_lazy("rising"),
    "down": gettext_lazy("falling"),
    "steady": gettext_lazy("steady"),
    "": gettext_lazy("no trend yet"),
}


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{number_format(value, 1)}%"


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    percent: float | None

    def state(self, norm: Norm) -> str:
        """The point's state against the waterlijn in force at the quarter's end (asked
        only where shown: the page draws the line, the API names each point's state)."""
        return selectors.state(norm, self.percent, state_day(self.period))


@dataclass
class Cell:
    """One municipality's (or, `municipality_id` None, the region's) standing on one norm."""

    norm: Norm
    municipality_id: int | None
    percent: float | None
    state: str
    figure: Figure | None = None
    trend: list[TrendPoint] = field(default_factory=list)
    #: "up", "down", "steady", or "" (fewer than two quarters with data).
    direction: str = ""
    #: The region's row: the part of the figure that is the region's own (regional staff).
    own_figure: Figure | None = None
    #: A self-assessment norm: the answer and its review status ("" when none counts).
    answer: str = ""
    review: str = ""
    #: Set by the page: the drill-down and the improvement action's form, when they exist,
    #: and the trend as a small SVG.
    link: str = ""
    own_link: str = ""
    action_link: str = ""
    svg: str = ""
    html: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.state]

    @property
    def word(self) -> str:
        return str(SHORT[self.state])

    @property
    def text(self) -> str:
        return percent_text(self.percent)

    @property
    def arrow(self) -> str:
        return ARROWS[self.direction]

    @property
    def direction_word(self) -> str:
        return str(DIRECTIONS[self.direction])

    @property
    def review_text(self) -> str:
        if not self.review:
            return ""
        if self.review == Review.ACCEPTED:
            return _("self-assessment, accepted by the region")
        return _("self-assessment, submitted, not yet reviewed")


@dataclass
class Column:
    norm: Norm
    waterlijn: Decimal
    bandbreedte: Decimal
    next_step: tuple[dt.date, Decimal] | None

    @property
    def self_assessed(self) -> bool:
        return self.norm.measure == Measure.SELF_ASSESSMENT


@dataclass
class Row:
    municipality: Municipality | None
    cells: list[Cell]


@dataclass
class RegionMatrix:
    region: Region
    period: Period
    trend_periods: list[Period]
    columns: list[Column]
    rows: list[Row]
    total: Row
    #: Cells per state over the municipalities' rows (the region's row not counted).
    counts: dict[str, int]


def trend_periods(period: Period) -> list[Period]:
    """The quarters a trend shows, oldest first: the period's last quarter and the ones
    before it (a year's four quarters for a year)."""
    last = Period(period.year, period.quarter or 4)
    return [*last.previous(TREND_QUARTERS - 1), last]


def direction(trend: list[TrendPoint]) -> str:
    known = [p.percent for p in trend if p.percent is not None]
    if len(known) < 2:
        return ""
    change = known[-1] - known[-2]
    if change > STEADY_POINTS:
        return "up"
    if change < -STEADY_POINTS:
        return "down"
    return "steady"


def municipalities_in(region: Region, period: Period) -> list[Municipality]:
    """The region's municipalities that existed during the period (a merged one until its
    end), by name."""
    return list(
        Municipality.objects.filter(region=region)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=period.first_day))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.last_day))
        .order_by("name")
    )


class FigureIndex:
    """A region's figures of one period, indexed by (municipality, indicator) and by
    indicator, so that `selectors.norm_figure` reads only the figures that can count."""

    def __init__(self, found: dict[FigureKey, Figure]) -> None:
        self.by_mun: dict[tuple[int | None, str], dict[FigureKey, Figure]] = defaultdict(dict)
        self.by_indicator: dict[str, dict[FigureKey, Figure]] = defaultdict(dict)
        for key, figure in found.items():
            mun, indicator, _function = key
            self.by_mun[(mun, indicator)][key] = figure
            self.by_indicator[indicator][key] = figure

    def own(self, norm: Norm) -> Figure | None:
        """The region's own part (regional staff and pools: no municipality)."""
        return selectors.norm_figure(norm, self.by_mun.get((None, norm.indicator), {}), None)

    def figure(self, norm: Norm, municipality_id: int | None) -> Figure | None:
        if municipality_id is None:
            return selectors.norm_figure(norm, self.by_indicator.get(norm.indicator, {}), None)
        found = self.by_mun.get((municipality_id, norm.indicator), {})
        return selectors.norm_figure(norm, found, municipality_id)


def _answers(region: Region, year: int, norms: list[Norm]) -> dict[tuple[int, str], SelfAssessment]:
    """The year's counted self-assessment answers by (municipality, norm code): a regional
    norm that tightens a national one keeps its code, so an answer to either counts."""
    codes = [n.code for n in norms if n.measure == Measure.SELF_ASSESSMENT]
    if not codes:
        return {}
    rows = SelfAssessment.objects.filter(
        round__region=region,
        round__year=year,
        norm__code__in=codes,
        status__in=COUNTED_REVIEWS,
    ).exclude(answer="")
    found: dict[tuple[int, str], SelfAssessment] = {}
    for row in rows.select_related("norm").order_by("pk"):
        key = (row.municipality_id, row.norm.code)
        # Accepted beats submitted when both exist (an older and a newer set's norm).
        if key not in found or row.status == Review.ACCEPTED:
            found[key] = row
    return found


def _self_cell(norm: Norm, day: dt.date, answer: SelfAssessment | None, mun: int) -> Cell:
    if answer is None:
        return Cell(norm, mun, None, CellState.NO_DATA)
    points = ANSWER_POINTS[Answer(answer.answer)]
    return Cell(
        norm,
        mun,
        points,
        selectors.state(norm, points, day),
        answer=answer.answer,
        review=answer.status,
    )


def _self_total(norm: Norm, day: dt.date, cells: list[Cell]) -> Cell:
    """The region's figure on a self-assessment norm: the mean of the answers that count."""
    points = [c.percent for c in cells if c.percent is not None]
    if not points:
        return Cell(norm, None, None, CellState.NO_DATA)
    percent = sum(points) / len(points)
    figure = Figure(sum(points) / 100.0, float(len(points)))
    return Cell(norm, None, percent, selectors.state(norm, percent, day), figure=figure)


def region_matrix(
    region: Region,
    period: Period,
    *,
    municipalities: list[Municipality] | None = None,
    norms: list[Norm] | None = None,
) -> RegionMatrix:
    """Municipality × norm for the period, the whole region as the last row, the trend of
    each computed cell over the last quarters, and the count of cells per state. Pass
    `municipalities` to build the rows of only those (the municipal view)."""
    day = state_day(period)
    if norms is None:
        norms = selectors.effective_norms(region, period.last_day)
    columns = [
        Column(norm, selectors.waterlijn_on(norm, day), norm.bandbreedte, None) for norm in norms
    ]
    for column in columns:
        column.next_step = selectors.next_step(column.norm, day)
    if municipalities is None:
        municipalities = municipalities_in(region, period)
    quarters = trend_periods(period)
    per_quarter = {
        q: FigureIndex(selectors.figures([region.pk], q).get(region.pk, {})) for q in quarters
    }
    # A quarter is its trend's last point; a year is summed over its quarters.
    current = None
    if period.quarter is None:
        current = FigureIndex(selectors.figures([region.pk], period).get(region.pk, {}))
    answers = _answers(region, period.year, norms)

    def computed(norm: Norm, mun: int | None) -> Cell:
        trend = []
        figure = None
        for q in quarters:
            f = per_quarter[q].figure(norm, mun)
            p = f.percent if f else None
            trend.append(TrendPoint(q, p))
            figure = f
        if current is not None:
            figure = current.figure(norm, mun)
        percent = figure.percent if figure else None
        return Cell(
            norm,
            mun,
            percent,
            selectors.state(norm, percent, day),
            figure=figure,
            trend=trend,
            direction=direction(trend),
        )

    rows = []
    for municipality in municipalities:
        cells = []
        for norm in norms:
            if norm.measure == Measure.SELF_ASSESSMENT:
                answer = answers.get((municipality.pk, norm.code))
                cells.append(_self_cell(norm, day, answer, municipality.pk))
            else:
                cells.append(computed(norm, municipality.pk))
        rows.append(Row(municipality, cells))
    total_cells = []
    for norm in norms:
        if norm.measure == Measure.SELF_ASSESSMENT:
            every = [
                _self_cell(norm, day, answer, mun)
                for (mun, code), answer in answers.items()
                if code == norm.code
            ]
            total_cells.append(_self_total(norm, day, every))
        else:
            total = computed(norm, None)
            total.own_figure = (per_quarter[period] if current is None else current).own(norm)
            total_cells.append(total)
    counts: dict[str, int] = dict.fromkeys(STATES, 0)
    for row in rows:
        for cell in row.cells:
            counts[cell.state] += 1
    return RegionMatrix(region, period, quarters, columns, rows, Row(None, total_cells), counts)


# ---------------------------------------------------------------- the municipality


@dataclass
class AgreementRow:
    line: AgreementLine
    agreed: int
    actual: int

    @property
    def short(self) -> bool:
        return self.actual < self.agreed


@dataclass
class Contribution:
    agreement: MunicipalAgreement | None
    lines: list[AgreementRow]
    #: The CPG's on-call coverage of the period (from the computed indicator), if any.
    cpg_coverage: Figure | None
    #: The municipality's share of the region's inhabitants (latest year known), if known.
    inhabitants_share: float | None


def current_agreement(municipality: Municipality, day: dt.date) -> MunicipalAgreement | None:
    return (
        MunicipalAgreement.objects.filter(
            municipality=municipality, starts_on__lte=day, ends_on__gte=day
        )
        .order_by("-starts_on", "-pk")
        .first()
    )


def contribution(municipality: Municipality, period: Period) -> Contribution:
    """The municipality's agreement in force today, each line's people agreed against the
    active key-function holders of the municipality holding that function (and, for a line
    with a pool, in that pool; civil servants without a path do not count), the CPG's
    coverage figure, and its share of the inhabitants."""
    today = timezone.localdate()
    agreement = current_agreement(municipality, today)
    lines: list[AgreementRow] = []
    if agreement is not None:
        for line in agreement.lines.select_related("function", "pool").order_by(
            "function__sort_order", "pk"
        ):
            people = Person.objects.filter(
                municipality=municipality,
                active=True,
                kind=PersonKind.KEY,
                functions=line.function,
            )
            if line.pool_id is not None:
                people = people.filter(pools=line.pool)
            lines.append(AgreementRow(line, line.people, people.distinct().count()))
    return Contribution(
        agreement, lines, cpg_coverage(municipality, period), _inhabitants_share(municipality)
    )


def cpg_coverage(municipality: Municipality, period: Period) -> Figure | None:
    """The on-call coverage figure of the municipality's CPG (contact person population
    care) in the period: what "a CPG on hard on-call" in the agreement is measured by."""
    cpg = Function.objects.filter(code=CPG_CODE).values_list("pk", flat=True).first()
    found = selectors.figures([municipality.region_id], period).get(municipality.region_id, {})
    n = d = 0.0
    for (mun, indicator, function), figure in found.items():
        if mun == municipality.pk and indicator == Indicator.COVERAGE and function == cpg:
            n += figure.numerator
            d += figure.denominator
    return Figure(n, d) if d > 0 else None


def _inhabitants_share(municipality: Municipality) -> float | None:
    latest = (
        Inhabitants.objects.filter(municipality__region_id=municipality.region_id)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if latest is None:
        return None
    counts = dict(
        Inhabitants.objects.filter(
            municipality__region_id=municipality.region_id, year=latest
        ).values_list("municipality_id", "count")
    )
    total = sum(counts.values())
    if municipality.pk not in counts or not total:
        return None
    return 100.0 * counts[municipality.pk] / total


def open_actions(municipality: Municipality) -> list[ImprovementAction]:
    return list(
        ImprovementAction.objects.filter(municipality=municipality)
        .exclude(status=ActionStatus.CLOSED)
        .select_related("norm")
        .order_by("deadline", "pk")
    )
