"""A small quality world for the monitoring's tests: a national set with a computed norm
(CPG on-call coverage, waterlijn 95, bandbreedte 5) and a self-assessment norm, Kennemerland
tightening the first (waterlijn 96, bandbreedte 4) with an in-growth step, and figures
written directly as `IndicatorValue` rows (part "indicators" computes them for real)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from oranje.core.models import Municipality, Region
from oranje.organisation.models import Function
from oranje.quality.models import GrowthStep, IndicatorValue, Norm, NormSet
from oranje.quality.periods import Period

ADOPTED = dt.date(2020, 1, 1)


def national_set() -> tuple[NormSet, Norm, Norm]:
    cpg = Function.objects.get(code="CPG")
    # Above the seeded set (migration 0002): the highest adopted version is the one in force.
    version = max(NormSet.objects.filter(region=None).values_list("version", flat=True), default=0)
    norm_set = NormSet.objects.create(
        region=None, version=version + 1, title="Landelijk", status="adopted", adopted_on=ADOPTED
    )
    coverage = Norm.objects.create(
        norm_set=norm_set,
        code="ORG-CPG",
        title="CPG op harde piket",
        text="Elk uur een CPG op harde piket.",
        process="organisation",
        measure="indicator",
        indicator="coverage",
        function=cpg,
        waterlijn=Decimal(95),
        bandbreedte=Decimal(5),
        sort_order=1,
    )
    plan = Norm.objects.create(
        norm_set=norm_set,
        code="OPV-PLAN",
        title="Opvangplan actueel",
        text="Een actueel opvangplan.",
        process="shelter",
        measure="self",
        question="Is het opvangplan herzien?",
        waterlijn=Decimal(100),
        bandbreedte=Decimal(50),
        sort_order=2,
    )
    return norm_set, coverage, plan


def regional_set(region: Region, national: Norm) -> Norm:
    norm_set = NormSet.objects.create(
        region=region, version=1, title="Regio", status="adopted", adopted_on=ADOPTED
    )
    return Norm.objects.create(
        norm_set=norm_set,
        code=national.code,
        title=national.title,
        text=national.text,
        process=national.process,
        measure=national.measure,
        indicator=national.indicator,
        function=national.function,
        waterlijn=Decimal(96),
        bandbreedte=Decimal(4),
        national_norm=national,
        sort_order=1,
    )


def step(norm: Norm, due_on: dt.date, level: int) -> GrowthStep:
    return GrowthStep.objects.create(norm=norm, due_on=due_on, waterlijn=Decimal(level))


def value(
    region: Region,
    municipality: Municipality | None,
    period: Period,
    numerator: float,
    denominator: float = 100.0,
    *,
    indicator: str = "coverage",
    function: str | None = "CPG",
) -> IndicatorValue:
    assert period.quarter is not None
    return IndicatorValue.objects.create(
        region=region,
        municipality=municipality,
        indicator=indicator,
        function=Function.objects.get(code=function) if function else None,
        year=period.year,
        quarter=period.quarter,
        numerator=numerator,
        denominator=denominator,
    )
