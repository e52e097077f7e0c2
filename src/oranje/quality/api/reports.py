"""The quality room's API, part "reports": a region's board reports and one report's
metadata with the links to its print page, its PDF and the municipalities' chapters. The
same doors as the pages: the region's monitors."""

from __future__ import annotations

from django.urls import URLPattern, path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.models import Municipality
from oranje.quality import access
from oranje.quality import selectors_reports as selectors
from oranje.quality.constants import PeriodKind
from oranje.quality.models import BoardReport
from oranje.quality.periods import Period


class ChapterOut(serializers.Serializer):
    municipality = serializers.IntegerField()
    name = serializers.CharField()
    page = serializers.CharField()
    pdf = serializers.CharField()


class BoardReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(allow_null=True)
    period = serializers.CharField(help_text='"2026-Q3" or "2026".')
    kind = serializers.ChoiceField(choices=PeriodKind.choices)
    title = serializers.CharField()
    foreword = serializers.CharField()
    created_at = serializers.DateTimeField()
    page = serializers.CharField(help_text="The print page.")
    pdf = serializers.CharField(help_text="The PDF download.")


class BoardReportDetailOut(BoardReportOut):
    chapters = ChapterOut(many=True)


def _out(report: BoardReport, code: str) -> dict[str, object]:
    return {
        "id": report.pk,
        "region": code,
        "year": report.year,
        "quarter": report.quarter,
        "period": Period(report.year, report.quarter).slug,
        "kind": PeriodKind.QUARTER if report.quarter else PeriodKind.YEAR,
        "title": report.title,
        "foreword": report.foreword,
        "created_at": report.created_at,
        "page": reverse("quality:report", args=[report.pk]),
        "pdf": reverse("quality:report_pdf", args=[report.pk]),
    }


@extend_schema(responses={200: BoardReportOut(many=True)})
@api_view(["GET"])
def region_reports(request: Request, code: str) -> Response:
    """The region's board reports, newest period first."""
    region = core_access.region_for_user(request.user, code[:20])
    access.monitor_region_for_user(request.user, region)
    rows = [_out(r, region.code) for r in selectors.region_reports(region)]
    return Response(BoardReportOut(rows, many=True).data)


@extend_schema(responses={200: BoardReportDetailOut})
@api_view(["GET"])
def board_report(request: Request, pk: int) -> Response:
    """One board report: its period, title and foreword, and the links to its print page,
    its PDF and each municipality's chapter."""
    report = selectors.report_for_user(request.user, pk)
    data = _out(report, report.region.code)
    data["chapters"] = [
        {
            "municipality": m.pk,
            "name": m.name,
            "page": reverse("quality:report_chapter", args=[report.pk, m.pk]),
            "pdf": reverse("quality:report_chapter_pdf", args=[report.pk, m.pk]),
        }
        for m in Municipality.objects.filter(region=report.region).order_by("name")
    ]
    return Response(BoardReportDetailOut(data).data)


urls: list[URLPattern] = [
    path(
        "quality/regions/<str:code>/board-reports/",
        region_reports,
        name="api-quality-board-reports",
    ),
    path("quality/board-reports/<id:pk>/", board_report, name="api-quality-board-report"),
]
