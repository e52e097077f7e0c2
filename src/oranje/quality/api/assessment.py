"""The quality room's API, part "assessment": a region's self-assessment rounds with their
progress, a round's answers (with their evidence), one answer read and changed (JSON; files
are added on the page). The same doors as the pages: the region's monitors see every
municipality, a municipality's coordinator or quality monitor their own."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import FreeTextField
from oranje.core.rest import Pagination
from oranje.quality import selectors_assessment as selectors
from oranje.quality.constants import TEXT_MAX, Answer, Review
from oranje.quality.models import Evidence, SelfAssessment
from oranje.quality.services import assessment as services


class ProgressOut(serializers.Serializer):
    municipality = serializers.IntegerField(source="municipality_id")
    name = serializers.CharField()
    total = serializers.IntegerField()
    answered = serializers.IntegerField()
    submitted = serializers.IntegerField()
    accepted = serializers.IntegerField()
    returned = serializers.IntegerField()
    overdue = serializers.BooleanField()


class RoundOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    year = serializers.IntegerField()
    deadline = serializers.DateField()
    note = serializers.CharField()
    opened_at = serializers.DateTimeField()
    progress = ProgressOut(many=True)


class EvidenceOut(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    link = serializers.CharField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    download = serializers.SerializerMethodField()
    added_at = serializers.DateTimeField()

    def get_download(self, item: Evidence) -> str | None:
        if not item.file:
            return None
        return reverse("quality:assessment_evidence", args=[item.pk])


class AnswerOut(serializers.Serializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField(source="round_id")
    municipality = serializers.IntegerField(source="municipality_id")
    municipality_name = serializers.CharField(source="municipality.name")
    norm = serializers.CharField(source="norm.code")
    question = serializers.SerializerMethodField()
    answer = serializers.ChoiceField(choices=[("", ""), *Answer.choices])
    explanation = serializers.CharField()
    status = serializers.ChoiceField(choices=Review.choices)
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField()
    evidence = EvidenceOut(many=True, source="evidence.all")

    def get_question(self, item: SelfAssessment) -> str:
        return item.norm.question or item.norm.text


class AnswerIn(serializers.Serializer):
    """An answer; `submit` true sends it to the region for review (it must be answered)."""

    answer = serializers.ChoiceField(choices=[("", ""), *Answer.choices])
    explanation = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    submit = serializers.BooleanField(required=False, default=False)


@extend_schema(responses=RoundOut(many=True))
@api_view(["GET"])
def rounds(request: Request, code: str) -> Response:
    """The region's self-assessment rounds, newest first, with progress per municipality."""
    region = selectors.region_for_assessment(
        request.user, core_access.region_for_user(request.user, code)
    )
    own = selectors.own_municipalities(request.user, region)
    found = list(selectors.rounds(region).select_related("region"))
    data: list[dict[str, Any]] = []
    for item in found:
        item.progress = selectors.progress(item, own)  # type: ignore[attr-defined]
        data.append(RoundOut(item).data)
    return Response(data)


@extend_schema(responses=AnswerOut(many=True))
@api_view(["GET"])
def answers(request: Request, pk: int) -> Response:
    """The round's answers the user sees, per municipality in the norms' order."""
    found = selectors.round_for_user(request.user, pk)
    rows = selectors.visible_answers(request.user, found)
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(AnswerOut(page, many=True).data)


def _answer(request: Request, pk: int) -> SelfAssessment:
    round_id = SelfAssessment.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if round_id is None:
        raise Http404
    found = selectors.round_for_user(request.user, round_id)
    item = SelfAssessment.objects.select_related("round__region", "municipality", "norm").get(pk=pk)
    selectors.municipality_in_round(request.user, found, item.municipality_id)
    return item


@extend_schema(methods=["GET"], responses=AnswerOut)
@extend_schema(methods=["POST"], request=AnswerIn, responses=AnswerOut)
@api_view(["GET", "POST"])
def answer(request: Request, pk: int) -> Response:
    """One answer with its evidence; POST changes it (while open or returned)."""
    item = _answer(request, pk)
    if request.method == "POST":
        s = AnswerIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        services.answers_save(
            actor=core_access.authenticated(request.user),
            round_=item.round,
            municipality=item.municipality,
            answers=[services.AnswerIn(item.pk, v["answer"], v.get("explanation", ""))],
            submit=v.get("submit", False),
            prefixed=False,
        )
    fresh = (
        SelfAssessment.objects.select_related("municipality", "norm")
        .prefetch_related("evidence")
        .get(pk=item.pk)
    )
    return Response(AnswerOut(fresh).data)


urls: list[URLPattern] = [
    path(
        "quality/regions/<str:code>/assessment-rounds/",
        rounds,
        name="api-quality-assessment-rounds",
    ),
    path(
        "quality/assessment-rounds/<id:pk>/answers/",
        answers,
        name="api-quality-assessment-answers",
    ),
    path("quality/assessments/<id:pk>/", answer, name="api-quality-assessment"),
]
