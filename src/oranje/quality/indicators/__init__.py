"""The indicators Oranje computes from its own records (`constants.Indicator`), one module per
family, each with `compute(regions, period)` (the rows of `IndicatorValue` to keep),
`compute_all(regions, periods)` (the same for many quarters at once, with the same number of
queries) and `records(region, municipality, period, function, indicator=…)` (the records
behind one figure: the drill-down).

Every figure is a share: numerator of denominator. No records, no row: the monitoring then
says "no data", never a made-up value (`quality.selectors.state`)."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from oranje.core.models import Region
from oranje.quality.constants import Indicator
from oranje.quality.indicators import alarms, arrivals, coverage, exercise, milestones, qualified
from oranje.quality.indicators.common import Records, Row
from oranje.quality.periods import Period

FAMILIES: tuple[ModuleType, ...] = (coverage, qualified, alarms, arrivals, milestones, exercise)
#: indicator → the module that computes it
BY_INDICATOR: dict[str, ModuleType] = {
    indicator: family for family in FAMILIES for indicator in family.INDICATORS
}
#: Indicators that are counted per function (the others per incident, function None).
PER_FUNCTION = frozenset(set(Indicator.values) - set(milestones.INDICATORS))

__all__ = ["BY_INDICATOR", "FAMILIES", "Records", "Row", "compute", "compute_all", "records"]


def compute_all(regions: Iterable[Region], periods: Iterable[Period]) -> list[Row]:
    """Every indicator of the regions in every quarter of the periods."""
    region_list = list(regions)
    period_list = list(periods)
    return [row for family in FAMILIES for row in family.compute_all(region_list, period_list)]


def compute(regions: Iterable[Region], period: Period) -> list[Row]:
    return compute_all(regions, [period])


def records(
    indicator: str,
    region: Region,
    municipality_id: int | None,
    period: Period,
    function_id: int | None,
) -> Records:
    """The records behind one figure (`municipality_id` None: the region's own)."""
    family = BY_INDICATOR[indicator]
    result: Records = family.records(
        region, municipality_id, period, function_id, indicator=indicator
    )
    return result
