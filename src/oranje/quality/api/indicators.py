"""The quality room's API, part "indicators": a region's computed figures of a period per
municipality (None: the region's own), indicator and function — for the region's monitors."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core.models import Region
from oranje.quality import access
from oranje.quality import selectors_indicators as reads
from oranje.quality.constants import CODE_MAX, Indicator
from oranje.quality.periods import Period, last_complete_quarter, parse_period


class PeriodIn(serializers.Serializer):
    period = serializers.CharField(required=False, max_length=20, allow_blank=True)

    def validate_period(self, value: str) -> Period:
        if not value.strip():
            return last_complete_quarter()
        period = parse_period(value)
        if period is None:
            raise serializers.ValidationError(
                _("Give a quarter such as 2026-Q3 or a year such as 2026.")
            )
        return period


class FigureOut(serializers.Serializer):
    municipality = serializers.IntegerField(source="municipality_id", allow_null=True)
    municipality_name = serializers.CharField(source="municipality")
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    function = serializers.CharField(allow_null=True)
    numerator = serializers.FloatField()
    denominator = serializers.FloatField()
    percent = serializers.FloatField()


class IndicatorsOut(serializers.Serializer):
    region = serializers.CharField()
    period = serializers.CharField()
    figures = FigureOut(many=True)


@extend_schema(
    parameters=[OpenApiParameter("period", str, description="2026-Q3 or 2026")],
    responses=IndicatorsOut,
)
@api_view(["GET"])
def region_indicators(request: Request, code: str) -> Response:
    """The region's figures of the period (default: the last complete quarter), summed over
    its quarters; a municipality or indicator without records has no figure ("no data")."""
    region = Region.objects.filter(code=code[:CODE_MAX].upper()).first()
    if region is None:
        raise Http404
    access.monitor_region_for_user(request.user, region)
    params = PeriodIn(data={"period": request.query_params.get("period", "")})
    params.is_valid(raise_exception=True)
    period: Period = params.validated_data.get("period") or last_complete_quarter()
    data: dict[str, Any] = {
        "region": region.code,
        "period": period.slug,
        "figures": reads.region_figures(region, period),
    }
    return Response(IndicatorsOut(data).data)


urls: list[URLPattern] = [
    path(
        "quality/regions/<str:code>/indicators/",
        region_indicators,
        name="api-quality-indicators",
    ),
]
