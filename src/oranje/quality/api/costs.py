"""The quality room's API, part "costs": a region's costs for a period and a scenario
beside today, for the region's monitors (404 another region, 403 own region without the
right). Amounts are strings with two decimals (euros), hours numbers with two decimals."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.quality import access, costs
from oranje.quality import selectors_costs as selectors
from oranje.quality.constants import FIRST_YEAR, LAST_YEAR


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


def _hours(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class RatesOut(serializers.Serializer):
    has_model = serializers.BooleanField(help_text="False: the region has no cost model yet.")
    hard_hour_rate = _money()
    soft_hour_rate = _money()
    fte = _hours()
    fte_cost = _money()


class FunctionOnCallOut(serializers.Serializer):
    function = serializers.CharField(source="code")
    name = serializers.CharField()
    hard_hours = _hours()
    soft_hours = _hours()
    hard_cost = _money()
    soft_cost = _money()
    cost = _money()


class CourseLineOut(serializers.Serializer):
    code = serializers.CharField()
    description = serializers.CharField(source="label")
    count = serializers.IntegerField()
    price = _money(allow_null=True, help_text="Null: no price for this code.")
    cost = _money(allow_null=True)


class ShareOut(serializers.Serializer):
    municipality = serializers.IntegerField(source="municipality_id")
    name = serializers.CharField()
    inhabitants = serializers.IntegerField(allow_null=True)
    inhabitants_year = serializers.IntegerField(allow_null=True)
    share_percent = _hours(allow_null=True)
    share_cost = _money(allow_null=True)
    agreed_percent = _hours(allow_null=True)
    agreed_cost = _money(allow_null=True)


class RegionCostsOut(serializers.Serializer):
    region = serializers.CharField(source="region_code")
    period = serializers.CharField(source="period.slug")
    rates = RatesOut()
    on_call = FunctionOnCallOut(many=True)
    hard_hours = _hours()
    soft_hours = _hours()
    hard_cost = _money()
    soft_cost = _money()
    on_call_cost = _money()
    courses = CourseLineOut(many=True)
    course_count = serializers.IntegerField()
    course_cost = _money()
    unpriced = CourseLineOut(many=True)
    unpriced_count = serializers.IntegerField()
    capacity_cost = _money()
    total = _money()
    inhabitants = serializers.IntegerField(
        allow_null=True, help_text="Null: not every municipality has a figure."
    )
    inhabitants_missing = serializers.ListField(child=serializers.CharField())
    per_inhabitant = _money(allow_null=True)
    municipalities = ShareOut(many=True)


class ChangeOut(serializers.Serializer):
    function = serializers.CharField(source="code")
    name = serializers.CharField()
    coverage_unit = serializers.CharField()
    units = serializers.IntegerField()
    extra_hard = serializers.IntegerField()
    extra_soft = serializers.IntegerField()
    hours_in_year = serializers.IntegerField()
    extra_hard_hours = serializers.IntegerField()
    extra_soft_hours = serializers.IntegerField()
    extra_hard_cost = _money()
    extra_soft_cost = _money()
    extra_cost = _money()
    today_hard_hours = _hours()
    today_soft_hours = _hours()
    today_cost = _money()
    note = serializers.CharField()


class ScenarioShareOut(serializers.Serializer):
    municipality = serializers.IntegerField(source="municipality_id")
    name = serializers.CharField()
    inhabitants = serializers.IntegerField(allow_null=True)
    share_percent = _hours(allow_null=True)
    today = _money(allow_null=True)
    scenario = _money(allow_null=True)
    difference = _money(allow_null=True)


class ScenarioCostsOut(serializers.Serializer):
    id = serializers.IntegerField(source="scenario_id")
    name = serializers.CharField()
    year = serializers.IntegerField()
    today = RegionCostsOut()
    changes = ChangeOut(many=True)
    today_total = _money()
    scenario_total = _money()
    difference = _money()
    today_per_inhabitant = _money(allow_null=True)
    scenario_per_inhabitant = _money(allow_null=True)
    difference_per_inhabitant = _money(allow_null=True)
    municipalities = ScenarioShareOut(many=True)


@extend_schema(
    responses=RegionCostsOut,
    parameters=[
        OpenApiParameter(
            "period",
            OpenApiTypes.STR,
            description="A year (2026) or a quarter (2026-Q3); default the last complete quarter.",
        )
    ],
)
@api_view(["GET"])
def region_costs(request: Request, code: str) -> Response:
    """Today's costs of the region in a period: on-call allowance per function, training and
    exercise by price code (unpriced records listed), regional capacity, the total, per
    inhabitant and per municipality."""
    region = core_access.region_for_user(request.user, code[:10])
    access.monitor_region_for_user(request.user, region)
    period, error = selectors.period_from(request.query_params.get("period"))
    if error:
        raise ValidationError({"period": [error]})
    return Response(RegionCostsOut(costs.region_costs(region, period)).data)


@extend_schema(
    responses=ScenarioCostsOut,
    parameters=[
        OpenApiParameter(
            "year",
            OpenApiTypes.INT,
            description=f"The year ({FIRST_YEAR}–{LAST_YEAR}); default this year.",
        )
    ],
)
@api_view(["GET"])
def scenario(request: Request, pk: int) -> Response:
    """A scenario beside today's costs of a year: per change the extra hours and costs, the
    difference per year, per inhabitant and per municipality."""
    found = selectors.scenario_for_user(request.user, pk)
    year, error = selectors.year_from(request.query_params.get("year"))
    if error:
        raise ValidationError({"year": [error]})
    result = costs.scenario_costs(found, year)
    data = ScenarioCostsOut(result).data
    return Response(data)


urls: list[URLPattern] = [
    path("quality/regions/<str:code>/costs/", region_costs, name="api-quality-region-costs"),
    path("quality/scenarios/<id:pk>/", scenario, name="api-quality-scenario"),
]
