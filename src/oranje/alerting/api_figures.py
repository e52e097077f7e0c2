"""API of the hard versus soft on-call figures (mounted under /api/v1/)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.alerting.access_figures import figures_region_for_user
from oranje.alerting.selectors_figures import FunctionFigures, Side, hard_soft, parse_period
from oranje.core.params import InvalidParameter
from oranje.organisation import errors as org_errors
from oranje.organisation.models import Function


class SideOut(serializers.Serializer):
    alerted = serializers.IntegerField()
    came = serializers.IntegerField()
    declined = serializers.IntegerField()
    no_answer = serializers.IntegerField()
    came_percent = serializers.FloatField(allow_null=True)
    median_answer_minutes = serializers.FloatField(allow_null=True)


class FunctionFiguresOut(serializers.Serializer):
    function = serializers.CharField()
    hard = SideOut()
    soft = SideOut()


class HardSoftOut(serializers.Serializer):
    region = serializers.CharField()
    period = serializers.CharField(help_text="2026 (year), 2026-K4 (quarter) or 2026-11 (month)")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    real = FunctionFiguresOut(many=True)
    exercise = FunctionFiguresOut(many=True)


def _side(side: Side) -> dict[str, Any]:
    return {
        "alerted": side.alerted,
        "came": side.came,
        "declined": side.declined,
        "no_answer": side.no_answer,
        "came_percent": side.came_percent,
        "median_answer_minutes": side.median_answer_minutes,
    }


def _rows(rows: list[FunctionFigures]) -> list[dict[str, Any]]:
    return [
        {"function": r.function.code, "hard": _side(r.hard), "soft": _side(r.soft)} for r in rows
    ]


@extend_schema(
    parameters=[
        OpenApiParameter("period", str, description="2026, 2026-K4 or 2026-11; default this year"),
        OpenApiParameter("function", str, description="Function code, e.g. OVD-BZ"),
    ],
    responses=HardSoftOut,
)
@api_view(["GET"])
def hard_soft_figures(request: Request, code: str) -> Response:
    """Per function: of the people alerted on hard and on soft on-call in the period, how
    many came, with percentages and the median time to answer; exercises apart."""
    region = figures_region_for_user(request.user, code)
    period = parse_period(request.query_params.get("period"), field="period")
    function_code = (request.query_params.get("function") or "").strip().upper()
    if function_code and not Function.objects.filter(code=function_code).exists():
        raise InvalidParameter(
            "function", str(org_errors.UNKNOWN_FUNCTION % {"value": function_code[:20]})
        )
    figures = hard_soft(region, period, function_code=function_code)
    starts, ends = period.bounds()
    return Response(
        HardSoftOut(
            {
                "region": region.code,
                "period": period.code,
                "starts_at": starts,
                "ends_at": ends,
                "real": _rows(figures.real),
                "exercise": _rows(figures.exercise),
            }
        ).data
    )


urls: list[URLPattern] = [
    path("regions/<str:code>/hard-soft/", hard_soft_figures, name="api-hard-soft"),
]
