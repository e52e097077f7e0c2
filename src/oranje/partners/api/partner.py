"""API of the partner view (read-only): what the page `partners/<code>/` shows, for the
partner's own systems. The same chokepoint as the pages (a partner of the region, or a member
of it; 404 otherwise) and the same audit of a partner's reads."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication.constants import MessageKind, Relation
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.incidents.constants import Process
from oranje.incidents.models import SituationReport
from oranje.partners import access, selectors_view


class IncidentOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    exercise = serializers.BooleanField(source="is_exercise")
    municipality = serializers.CharField(source="municipality.name")
    started_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class ReportSummaryOut(serializers.Serializer):
    incident = IncidentOut()
    version = serializers.IntegerField()
    published_at = serializers.DateTimeField()


class SectionOut(serializers.Serializer):
    process = serializers.ChoiceField(choices=Process.choices)
    picture = serializers.CharField()
    judgement = serializers.CharField()
    advice = serializers.CharField()


class ReportOut(ReportSummaryOut):
    summary = serializers.CharField()
    sections = serializers.SerializerMethodField()
    figures = serializers.DictField(child=serializers.CharField())

    @extend_schema_field(SectionOut(many=True))
    def get_sections(self, report: SituationReport) -> list[dict[str, str]]:
        found = report.sections if isinstance(report.sections, dict) else {}
        rows = []
        for process, _label in Process.choices:
            content = found.get(process) or {}
            if not isinstance(content, dict):
                continue
            row = {
                part: str(content.get(part) or "") for part in ("picture", "judgement", "advice")
            }
            if any(row.values()):
                rows.append({"process": process, **row})
        return rows


class MessageOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    exercise = serializers.BooleanField(source="incident.is_exercise")
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    relation = serializers.ChoiceField(choices=Relation.choices)
    title = serializers.CharField()
    text = serializers.CharField()
    instruction = serializers.CharField()
    published_at = serializers.DateTimeField()


class ShelterOut(serializers.Serializer):
    incident = serializers.IntegerField(source="incident.pk")
    exercise = serializers.BooleanField(source="incident.is_exercise")
    name = serializers.CharField()
    place = serializers.CharField()
    capacity_day = serializers.IntegerField()
    capacity_night = serializers.IntegerField()
    present = serializers.IntegerField()
    ready = serializers.BooleanField()


class StepOut(serializers.Serializer):
    at = serializers.DateTimeField()
    scaling = serializers.CharField(source="label")
    scaled_down = serializers.BooleanField()
    reason = serializers.CharField()


class ScalingOut(serializers.Serializer):
    incident = IncidentOut()
    steps = StepOut(many=True)


class PartnerViewOut(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    reports = ReportSummaryOut(many=True)
    exercise_reports = ReportSummaryOut(many=True)
    messages = MessageOut(many=True)
    shelters = ShelterOut(many=True)
    scaling = ScalingOut(many=True)


def _audit(request: Request, region: Region, action: AuditAction, obj: Any) -> None:
    if access.reads_as_partner(request.user, region):
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=action,
                obj=obj,
                region=region,
                note="API",
            )


@extend_schema(responses=PartnerViewOut)
@api_view(["GET"])
def partner_view(request: Request, code: str) -> Response:
    """The partner view of a region: published reports, messages, open shelters, scaling."""
    region = access.partner_region_for_user(request.user, code)
    view = selectors_view.partner_view(region)
    _audit(request, region, AuditAction.PARTNER_VIEW_READ, region)
    return Response(PartnerViewOut(view).data)


@extend_schema(responses=ReportOut)
@api_view(["GET"])
def partner_report(request: Request, code: str, incident: int) -> Response:
    """The newest published situation report of one of the region's incidents."""
    region = access.partner_region_for_user(request.user, code)
    report = selectors_view.partner_report(region, incident)
    _audit(request, region, AuditAction.PARTNER_REPORT_READ, report)
    return Response(ReportOut(report).data)


urls: list[URLPattern] = [
    path("partners/<str:code>/", partner_view, name="api-partner-view"),
    path(
        "partners/<str:code>/reports/<id:incident>/",
        partner_report,
        name="api-partner-report",
    ),
]
