"""The learning room's API, part "patterns": patterns: recurring findings across incidents and
regions. For everyone who evaluates somewhere (as the pages); a finding's evaluation is named
only to those who may open it."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core.rest import Pagination
from oranje.learning import selectors_patterns as selectors
from oranje.learning.constants import CODE_MAX, FindingKind, Process
from oranje.learning.models import Pattern


class PatternQuery(serializers.Serializer):
    process = serializers.ChoiceField(choices=Process.choices, required=False)
    kind = serializers.ChoiceField(choices=FindingKind.choices, required=False)
    norm = serializers.CharField(max_length=CODE_MAX, required=False)
    min_incidents = serializers.IntegerField(
        min_value=1, max_value=selectors.MAX_OCCASIONS, required=False
    )
    seen_once = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only patterns seen at one incident; false: only recurring ones.",
    )


class PatternOut(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField(source="label")
    process = serializers.ChoiceField(choices=Process.choices)
    kind = serializers.ChoiceField(choices=FindingKind.choices)
    norm_code = serializers.CharField()
    terms = serializers.ListField(child=serializers.CharField())
    finding_count = serializers.IntegerField()
    incident_count = serializers.IntegerField()
    region_count = serializers.IntegerField()
    seen_once = serializers.SerializerMethodField()
    reach = serializers.SerializerMethodField()
    computed_at = serializers.DateTimeField()

    def get_seen_once(self, pattern: Pattern) -> bool:
        return selectors.seen_once(pattern)

    def get_reach(self, pattern: Pattern) -> str:
        return selectors.reach_text(pattern)


class FindingLineOut(serializers.Serializer):
    id = serializers.IntegerField(source="finding.pk")
    text = serializers.CharField(source="finding.text")
    region = serializers.CharField(source="region_name")
    occasion = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    is_exercise = serializers.BooleanField()
    evaluation = serializers.SerializerMethodField(
        help_text="The evaluation's id where the user may open it, else null."
    )

    def get_evaluation(self, line: selectors.FindingLine) -> int | None:
        return line.finding.evaluation_id if line.readable else None


class PatternDetailOut(PatternOut):
    findings = FindingLineOut(many=True)


@extend_schema(parameters=[PatternQuery], responses=PatternOut(many=True))
@api_view(["GET"])
def patterns(request: Request) -> Response:
    """Patterns, most incidents first, with the page's filters."""
    selectors.require_patterns(request.user)
    q = PatternQuery(data=request.query_params)
    q.is_valid(raise_exception=True)
    v = q.validated_data
    rows = selectors.pattern_rows(
        selectors.PatternFilter(
            process=v.get("process", ""),
            kind=v.get("kind", ""),
            norm_code=v.get("norm", ""),
            min_incidents=v.get("min_incidents"),
        )
    )
    if v.get("seen_once") is not None:
        recurring, once = selectors.split(rows)
        rows = once if v["seen_once"] else recurring
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(PatternOut(page, many=True).data)


@extend_schema(responses=PatternDetailOut)
@api_view(["GET"])
def pattern(request: Request, pk: int) -> Response:
    """One pattern with its findings: region, incident or exercise, year."""
    found = selectors.pattern_for_user(request.user, pk)
    data = PatternOut(found).data
    data["findings"] = FindingLineOut(
        selectors.pattern_findings(request.user, found), many=True
    ).data
    return Response(data)


urls: list[URLPattern] = [
    path("learning/patterns/", patterns, name="api-learning-patterns"),
    path("learning/patterns/<id:pk>/", pattern, name="api-learning-pattern"),
]
