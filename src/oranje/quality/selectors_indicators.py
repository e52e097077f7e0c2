"""Reads for the drill-down and the indicators API: one figure of a municipality (or the
region's own), and each norm that uses the indicator with its state in the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.organisation.models import Function
from oranje.quality import selectors
from oranje.quality.constants import CellState, Measure
from oranje.quality.indicators.names import function_names
from oranje.quality.models import Norm
from oranje.quality.periods import Period
from oranje.quality.selectors import Figure, FigureKey


def state_day(period: Period) -> dt.date:
    """The day whose waterlijn a period's figure is held against: its last, or today."""
    return min(period.last_day, timezone.localdate())


def figure(
    found: dict[FigureKey, Figure],
    municipality_id: int | None,
    indicator: str,
    function_id: int | None,
) -> Figure | None:
    """The figure of one municipality (None: the region's own) for one indicator, one
    function or (`function_id` None) all functions together; None when there is none."""
    n = d = 0.0
    for (mun, ind, function), value in found.items():
        if mun != municipality_id or ind != indicator:
            continue
        if function_id is not None and function != function_id:
            continue
        n += value.numerator
        d += value.denominator
    return Figure(n, d) if d > 0 else None


@dataclass(frozen=True)
class FunctionFigure:
    code: str
    name: str
    figure: Figure


def by_function(
    region: Region, found: dict[FigureKey, Figure], municipality_id: int | None, indicator: str
) -> list[FunctionFigure]:
    """The figure split by function (for an indicator counted per function), by name."""
    ids = {f for (mun, ind, f) in found if mun == municipality_id and ind == indicator}
    functions = Function.objects.in_bulk({f for f in ids if f is not None})
    names = function_names(region)
    rows = []
    for pk, function in functions.items():
        value = figure(found, municipality_id, indicator, pk)
        if value is not None:
            rows.append(FunctionFigure(function.code, names.get(pk, function.name), value))
    return sorted(rows, key=lambda r: r.name)


@dataclass(frozen=True)
class NormState:
    norm: Norm
    waterlijn: float
    figure: Figure | None
    state: str

    @property
    def state_label(self) -> str:
        return str(CellState(self.state).label)


def norm_states(
    region: Region,
    found: dict[FigureKey, Figure],
    municipality_id: int | None,
    indicator: str,
    function_id: int | None,
    period: Period,
) -> list[NormState]:
    """Every norm in force that is measured by this indicator (for this function, when one
    is asked), with the figure it reads and the cell's state."""
    day = state_day(period)
    result = []
    for norm in selectors.effective_norms(region, day):
        if norm.measure != Measure.INDICATOR or norm.indicator != indicator:
            continue
        if function_id is not None and norm.function_id not in (None, function_id):
            continue
        value = figure(found, municipality_id, indicator, norm.function_id)
        percent = value.percent if value is not None else None
        result.append(
            NormState(
                norm,
                float(selectors.waterlijn_on(norm, day)),
                value,
                selectors.state(norm, percent, day),
            )
        )
    return result


@dataclass(frozen=True)
class RegionFigure:
    municipality_id: int | None
    municipality: str
    indicator: str
    function: str | None
    numerator: float
    denominator: float

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator


def region_figures(region: Region, period: Period) -> list[RegionFigure]:
    """The region's computed figures of the period, summed over its quarters, per
    municipality (None: the region's own), indicator and function."""
    found = selectors.figures([region.pk], period).get(region.pk, {})
    municipalities = dict(Municipality.objects.filter(region=region).values_list("pk", "name"))
    codes = dict(Function.objects.values_list("pk", "code"))
    rows = [
        RegionFigure(
            mun,
            municipalities.get(mun, "") if mun is not None else region.name,
            indicator,
            codes.get(function) if function is not None else None,
            value.numerator,
            value.denominator,
        )
        for (mun, indicator, function), value in found.items()
    ]
    return sorted(
        rows,
        key=lambda r: (
            r.municipality_id is not None,
            r.municipality,
            r.indicator,
            r.function or "",
        ),
    )
