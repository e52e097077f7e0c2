"""The learning room's API, part "surveys": public surveys as the region runs them: the
region's surveys (list, create), one survey with its questions and counts, and its results
(the answers per question, the breakdown by postcode area and by shelter, the free-text
answers' word overview), with the page's filters. The same doors as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import Region
from oranje.core.rest import Pagination
from oranje.incidents.models import Incident
from oranje.learning import access
from oranje.learning import selectors_surveys as selectors
from oranje.learning.constants import NOTE_MAX, TITLE_MAX, QuestionKind, SurveyStatus
from oranje.learning.models import Survey
from oranje.learning.services import surveys as services
from oranje.learning.surveys_letters import survey_link
from oranje.learning.views.surveys_results import results_context


class QuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    explanation = serializers.CharField(source="help_text")
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    options = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    answer_required = serializers.BooleanField(source="required")


class SurveyOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    incident = serializers.IntegerField(source="incident_id")
    incident_title = serializers.CharField(source="incident.title")
    is_exercise = serializers.BooleanField(source="incident.is_exercise")
    title = serializers.CharField()
    intro = serializers.CharField()
    status = serializers.ChoiceField(choices=SurveyStatus.choices)
    open_link = serializers.BooleanField()
    opens_on = serializers.DateField(allow_null=True)
    closes_on = serializers.DateField(allow_null=True)
    link = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_link(self, survey: Survey) -> str:
        return survey_link(survey)


class CountsOut(serializers.Serializer):
    invitations = serializers.IntegerField()
    letters = serializers.IntegerField()
    used = serializers.IntegerField()
    code_responses = serializers.IntegerField()
    open_responses = serializers.IntegerField()
    responses = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="Code responses per letter, %.")


class SurveyDetailOut(SurveyOut):
    questions = QuestionOut(many=True, source="questions.all")
    counts = serializers.SerializerMethodField()

    def get_counts(self, survey: Survey) -> dict[str, Any]:
        return dict(CountsOut(selectors.counts(survey)).data)


class SurveyIn(serializers.Serializer):
    incident = IdField(help_text="An incident of the region.")
    title = FreeTextField(max_length=TITLE_MAX)
    intro = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    open_link = serializers.BooleanField(required=False, default=True)
    opens_on = DayField(required=False, allow_null=True)
    closes_on = DayField(required=False, allow_null=True)


class BarOut(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()
    share = serializers.FloatField()


class WordOut(serializers.Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField()


class QuestionResultOut(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    code = serializers.CharField(source="question.code")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    summary = serializers.CharField()
    bars = BarOut(many=True)
    top_words = serializers.SerializerMethodField()
    texts = serializers.ListField(child=serializers.CharField())

    def get_top_words(self, result: Any) -> list[dict[str, Any]]:
        return [{"word": w, "count": n} for w, n in result.top_words]


class AreaOut(serializers.Serializer):
    area = serializers.CharField()
    letters = serializers.IntegerField(source="invitations")
    responses = serializers.IntegerField(
        allow_null=True,
        help_text="null: under a filter, fewer than 5 answers in this area (withheld).",
    )
    code_responses = serializers.IntegerField(allow_null=True)
    open_responses = serializers.IntegerField(allow_null=True)
    rate = serializers.FloatField(
        allow_null=True, help_text="Code responses per letter of the area, %."
    )


class ResultsOut(serializers.Serializer):
    survey = serializers.IntegerField()
    total = CountsOut()
    filtered = CountsOut()
    questions = QuestionResultOut(many=True)
    areas = AreaOut(many=True)
    shelters = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="null: under a filter, fewer than 5 answers (withheld).",
    )


def _region(user: Any, code: str) -> Region:
    return access.survey_region_for_user(user, core_access.region_for_user(user, code[:20]))


@extend_schema(request=SurveyIn, responses={200: SurveyOut(many=True), 201: SurveyDetailOut})
@api_view(["GET", "POST"])
def surveys(request: Request, code: str) -> Response:
    """The region's public surveys, newest first; POST makes one for an incident of the
    region (in preparation, with the active standard questions)."""
    region = _region(request.user, code)
    if request.method == "POST":
        s = SurveyIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        incident = Incident.objects.filter(pk=v["incident"]).first()
        if incident is None:
            raise ValidationError({"incident": [_("incident: no such id.")]})
        survey = services.survey_create(
            actor=core_access.authenticated(request.user),
            region=region,
            incident=incident,
            title=v["title"],
            intro=v.get("intro", ""),
            open_link=v.get("open_link", True),
            opens_on=v.get("opens_on"),
            closes_on=v.get("closes_on"),
        )
        return Response(SurveyDetailOut(survey).data, status=status.HTTP_201_CREATED)
    rows = selectors.region_surveys(region).select_related("region")
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(SurveyOut(page, many=True).data)


@extend_schema(responses=SurveyDetailOut)
@api_view(["GET"])
def survey(request: Request, pk: int) -> Response:
    """One survey with its questions and counts."""
    found = access.survey_for_user(request.user, pk)
    return Response(SurveyDetailOut(found).data)


@extend_schema(
    parameters=[
        OpenApiParameter("area", str, description="Four digits of a postcode."),
        OpenApiParameter("shelter", str, enum=["yes", "no", "unknown"]),
    ],
    responses=ResultsOut,
)
@api_view(["GET"])
def results(request: Request, pk: int) -> Response:
    """The survey's results, filtered by postcode area and shelter like the page."""
    found = access.survey_for_user(request.user, pk)
    q = request.query_params
    data = {k: q.get(k, "")[:20] for k in ("area", "shelter") if k in q}
    context = results_context(found, data)
    filters = context["filters"]
    if filters.is_bound and filters.errors:
        raise ValidationError({k: list(v) for k, v in filters.errors.items()})
    out = {
        "survey": found.pk,
        "total": context["total"],
        "filtered": context["counts"],
        "questions": context["results"],
        "areas": context["areas"],
        "shelters": {value or "unknown": n for value, _label, n in context["shelters"]},
    }
    return Response(ResultsOut(out).data)


urls: list[URLPattern] = [
    path("learning/regions/<str:code>/surveys/", surveys, name="api-learning-surveys"),
    path("learning/surveys/<id:pk>/", survey, name="api-learning-survey"),
    path("learning/surveys/<id:pk>/results/", results, name="api-learning-survey-results"),
]
