"""The quality room's API, part "monitoring": the region's matrix and the national view as
JSON, read through the same selectors and doors as the pages (404 for another region, 403
for the own region without the right to monitor it; bad periods 400 naming the field)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.params import InvalidParameter
from oranje.quality import access, periods
from oranje.quality.constants import CellState
from oranje.quality.periods import Period
from oranje.quality.selectors_monitoring import Cell, RegionMatrix, region_matrix
from oranje.quality.selectors_national import National, national_as_seen_by

# ---------------------------------------------------------------- output serializers


class MonitoringPeriodOut(serializers.Serializer):
    slug = serializers.CharField(help_text="2026-Q3 or 2026")
    name = serializers.CharField(help_text="As a page shows it: Q3 2026.")


class MonitoringNextStepOut(serializers.Serializer):
    from_date = serializers.DateField(help_text="The day the waterlijn rises.")
    waterlijn = serializers.DecimalField(max_digits=4, decimal_places=1)


class MonitoringNormOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    measure = serializers.CharField(help_text="indicator or self")
    indicator = serializers.CharField(allow_blank=True)
    function = serializers.CharField(allow_null=True, help_text="Function code, or null: all.")
    waterlijn = serializers.DecimalField(
        max_digits=4, decimal_places=1, help_text="In force at the period's end."
    )
    bandbreedte = serializers.DecimalField(max_digits=4, decimal_places=1)
    next_step = MonitoringNextStepOut(allow_null=True)


class MonitoringTrendOut(serializers.Serializer):
    period = serializers.CharField()
    percent = serializers.FloatField(allow_null=True)
    state = serializers.ChoiceField(choices=CellState.choices)


class MonitoringCellOut(serializers.Serializer):
    norm = serializers.CharField(help_text="The norm's code.")
    percent = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    state = serializers.ChoiceField(choices=CellState.choices)
    trend = MonitoringTrendOut(many=True)
    direction = serializers.CharField(help_text="up, down, steady, or empty.")
    answer = serializers.CharField(help_text="A self-assessment's answer (yes, partly, no).")
    review = serializers.CharField(help_text="submitted or accepted, for a self-assessment.")


class MonitoringMunicipalityOut(serializers.Serializer):
    id = serializers.IntegerField()
    cbs_code = serializers.CharField()
    name = serializers.CharField()


class MonitoringRowOut(serializers.Serializer):
    municipality = MonitoringMunicipalityOut(allow_null=True, help_text="null: the whole region.")
    cells = MonitoringCellOut(many=True)


class MonitoringCountsOut(serializers.Serializer):
    meets = serializers.IntegerField()
    within = serializers.IntegerField()
    below = serializers.IntegerField()
    no_data = serializers.IntegerField()


class MonitoringOut(serializers.Serializer):
    region = serializers.CharField(help_text="The region's code.")
    period = MonitoringPeriodOut()
    trend_periods = serializers.ListField(child=serializers.CharField())
    norms = MonitoringNormOut(many=True)
    rows = MonitoringRowOut(many=True, help_text="Every municipality, then the whole region.")
    counts = MonitoringCountsOut(help_text="Cells per state over the municipalities.")


class NationalRegionOut(serializers.Serializer):
    region = serializers.CharField(
        allow_null=True, help_text="The region's code; null when the region is not named."
    )
    name = serializers.CharField(help_text="The region's name, or Regio A, B… when not named.")
    own = serializers.BooleanField()
    percent = serializers.FloatField(allow_null=True)
    state = serializers.ChoiceField(choices=CellState.choices)
    at_average = serializers.BooleanField(allow_null=True)


class NationalNormOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    waterlijn = serializers.DecimalField(max_digits=4, decimal_places=1)
    average = serializers.FloatField(allow_null=True, help_text="Pooled over all regions.")
    minimum = serializers.FloatField(allow_null=True)
    q1 = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    q3 = serializers.FloatField(allow_null=True)
    maximum = serializers.FloatField(allow_null=True)
    regions = NationalRegionOut(many=True)


class QualityNationalOut(serializers.Serializer):
    period = MonitoringPeriodOut()
    named = serializers.BooleanField(help_text="False: only the user's own regions are named.")
    norms = NationalNormOut(many=True)


# ---------------------------------------------------------------- building the answers


def _period(request: Request) -> Period:
    text = str(request.query_params.get("period", "")).strip()
    if not text:
        return periods.last_complete_quarter()
    period = periods.parse_period(text[:20])
    if period is None:
        raise InvalidParameter(
            "period",
            _("'%(value)s' is not a period: write a quarter as 2026-Q3 or a year as 2026.")
            % {"value": text[:20]},
        )
    return period


def _period_data(period: Period) -> dict[str, str]:
    return {"slug": period.slug, "name": period.label}


def _cell(cell: Cell) -> dict[str, Any]:
    figure = cell.figure
    return {
        "norm": cell.norm.code,
        "percent": cell.percent,
        "numerator": figure.numerator if figure else None,
        "denominator": figure.denominator if figure else None,
        "state": cell.state,
        "trend": [
            {"period": p.period.slug, "percent": p.percent, "state": p.state(cell.norm)}
            for p in cell.trend
        ],
        "direction": cell.direction,
        "answer": cell.answer,
        "review": cell.review,
    }


def matrix_data(matrix: RegionMatrix) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [
        {
            "municipality": {
                "id": row.municipality.pk,
                "cbs_code": row.municipality.cbs_code,
                "name": row.municipality.name,
            }
            if row.municipality
            else None,
            "cells": [_cell(c) for c in row.cells],
        }
        for row in [*matrix.rows, matrix.total]
    ]
    return {
        "region": matrix.region.code,
        "period": _period_data(matrix.period),
        "trend_periods": [p.slug for p in matrix.trend_periods],
        "norms": [
            {
                "id": c.norm.pk,
                "code": c.norm.code,
                "title": c.norm.title,
                "measure": c.norm.measure,
                "indicator": c.norm.indicator,
                "function": c.norm.function.code if c.norm.function else None,
                "waterlijn": c.waterlijn,
                "bandbreedte": c.bandbreedte,
                "next_step": {"from_date": c.next_step[0], "waterlijn": c.next_step[1]}
                if c.next_step
                else None,
            }
            for c in matrix.columns
        ],
        "rows": rows,
        "counts": matrix.counts,
    }


def national_data(figures: National) -> dict[str, Any]:
    norms = []
    for dist in figures.norms:
        q1, median, q3 = dist.quartiles or (None, None, None)
        norms.append(
            {
                "code": dist.norm.code,
                "title": dist.norm.title,
                "waterlijn": dist.waterlijn,
                "average": dist.average,
                "minimum": dist.minimum,
                "q1": q1,
                "median": median,
                "q3": q3,
                "maximum": dist.maximum,
                "regions": [
                    {
                        "region": r.region.code if figures.named or r.own else None,
                        "name": r.label,
                        "own": r.own,
                        "percent": r.percent,
                        "state": r.state,
                        "at_average": r.at_average,
                    }
                    for r in dist.regions
                ],
            }
        )
    return {"period": _period_data(figures.period), "named": figures.named, "norms": norms}


# ---------------------------------------------------------------- the operations

_PERIOD = OpenApiParameter(
    "period", str, description="2026-Q3 or 2026; default the last complete quarter."
)


@extend_schema(parameters=[_PERIOD], responses=MonitoringOut)
@api_view(["GET"])
def region_monitoring(request: Request, code: str) -> Response:
    """The region's matrix: every municipality × norm (and the whole region) with figure,
    state, trend over the last four quarters, and the count of cells per state."""
    region = core_access.region_for_user(request.user, code[:20])
    access.monitor_region_for_user(request.user, region)
    matrix = region_matrix(region, _period(request))
    return Response(MonitoringOut(matrix_data(matrix)).data)


@extend_schema(parameters=[_PERIOD], responses=QualityNationalOut)
@api_view(["GET"])
def national_view(request: Request) -> Response:
    """Per norm of the national set: the regions' figures, their spread, the national
    average, and per region whether it is at least at that average."""
    access.national_for_user(request.user)
    figures = national_as_seen_by(request.user, _period(request))
    return Response(QualityNationalOut(national_data(figures)).data)


urls: list[URLPattern] = [
    path(
        "quality/regions/<str:code>/monitoring/",
        region_monitoring,
        name="api-quality-monitoring",
    ),
    path("quality/national/", national_view, name="api-quality-national"),
]
