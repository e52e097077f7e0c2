"""Communication API: the environment analyses and the Q&A list of an incident. The same doors
as the pages: everyone who may see the incident reads (the Q&A's drafts only those who may
communicate), those who may communicate write, approve and publish."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication import selectors_analyses, selectors_qa
from oranje.communication.access import (
    analysis_for_user,
    can_communicate,
    communication_incident_for_user,
    qa_for_user,
)
from oranje.communication.constants import ANALYSIS_MAX, ANSWER_MAX, QUESTION_MAX, ReviewStatus
from oranje.communication.models import Analysis, QAItem
from oranje.communication.services import analyses as analysis_services
from oranje.communication.services import qa as qa_services
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, MomentField
from oranje.core.models import User
from oranje.core.rest import Pagination


def _valid(serializer: type[serializers.Serializer], data: Any) -> Any:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return s.validated_data


def _page(request: Request, rows: Any, out: type[serializers.Serializer]) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(out(page, many=True).data)


# ---------------------------------------------------------------- analyses


class AnalysisOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    period_start = serializers.DateTimeField()
    period_end = serializers.DateTimeField()
    top_questions = serializers.CharField(
        help_text="One question per line under the goals' headings (Informatievoorziening, "
        "Schadebeperking, Betekenisgeving)."
    )
    top_questions_by_goal = serializers.SerializerMethodField()
    rumours = serializers.CharField()
    mood = serializers.CharField()
    advice = serializers.CharField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField(source="approved_by_name")

    def get_top_questions_by_goal(self, obj: Analysis) -> dict[str, list[str]]:
        """Per goal ("inform", "limit_harm", "meaning"; "" for other questions) its lines."""
        return {
            goal: lines
            for goal, _label, lines in selectors_analyses.goal_sections(obj.top_questions)
        }


class AnalysisIn(serializers.Serializer):
    """The period; the analysis is drafted from its signals."""

    period_start = MomentField()
    period_end = MomentField()


class AnalysisPatch(serializers.Serializer):
    """Any of the texts of a draft."""

    top_questions = FreeTextField(max_length=ANALYSIS_MAX, required=False, allow_blank=True)
    rumours = FreeTextField(max_length=ANALYSIS_MAX, required=False, allow_blank=True)
    mood = FreeTextField(max_length=ANALYSIS_MAX, required=False, allow_blank=True)
    advice = FreeTextField(max_length=ANALYSIS_MAX, required=False, allow_blank=True)


@extend_schema(request=AnalysisIn, responses={200: AnalysisOut(many=True), 201: AnalysisOut})
@api_view(["GET", "POST"])
def analyses(request: Request, pk: int) -> Response:
    """The incident's analyses, the latest period first; POST drafts one from the signals of
    a period."""
    incident = communication_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        v = _valid(AnalysisIn, request.data)
        analysis = analysis_services.analysis_draft(
            incident=incident,
            period_start=v["period_start"],
            period_end=v["period_end"],
            actor=core_access.authenticated(request.user),
        )
        return Response(AnalysisOut(analysis).data, status=status.HTTP_201_CREATED)
    return _page(request, selectors_analyses.analysis_list(incident), AnalysisOut)


@extend_schema(methods=["PATCH"], request=AnalysisPatch, responses=AnalysisOut)
@extend_schema(methods=["GET"], responses=AnalysisOut)
@api_view(["GET", "PATCH"])
def analysis(request: Request, pk: int, analysis_pk: int) -> Response:
    """One analysis; PATCH changes the texts of a draft (an approved one is not changed)."""
    incident = communication_incident_for_user(request.user, pk)
    found = analysis_for_user(request.user, incident, analysis_pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(AnalysisPatch, request.data)
        texts = analysis_services.AnalysisTexts(
            **{name: v.get(name, getattr(found, name)) for name in analysis_services.TEXTS}
        )
        found = analysis_services.analysis_update(
            analysis=found, actor=core_access.authenticated(request.user), texts=texts
        )
    return Response(AnalysisOut(found).data)


@extend_schema(request=None, responses=AnalysisOut)
@api_view(["POST"])
def analysis_approve(request: Request, pk: int, analysis_pk: int) -> Response:
    """Approve a draft as it reads; who and when are recorded."""
    incident = communication_incident_for_user(request.user, pk)
    found = analysis_for_user(request.user, incident, analysis_pk, write=True)
    found = analysis_services.analysis_approve(
        analysis=found, actor=core_access.authenticated(request.user)
    )
    return Response(AnalysisOut(found).data)


# ---------------------------------------------------------------- Q&A


class QAVersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.CharField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by_name")


class QAOut(serializers.Serializer):
    """`question`/`answer`: the text in use (the approved one once there is one); `pending`:
    a change of an approved item that waits for approval."""

    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    position = serializers.IntegerField()
    question = serializers.CharField()
    answer = serializers.CharField()
    status = serializers.ChoiceField(choices=ReviewStatus.choices)
    version = serializers.IntegerField()
    public = serializers.BooleanField()
    retired = serializers.BooleanField()
    approved_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    pending = serializers.SerializerMethodField()

    def get_pending(self, obj: QAItem) -> QAVersionOut | None:
        found = qa_services.pending_version(obj)
        return QAVersionOut(found).data if found is not None else None  # type: ignore[return-value]


class QADetailOut(QAOut):
    versions = QAVersionOut(many=True, read_only=True)


class QAIn(serializers.Serializer):
    question = FreeTextField(max_length=QUESTION_MAX)
    answer = FreeTextField(max_length=ANSWER_MAX)


class QAPatch(serializers.Serializer):
    """A new text (a new version: at once for a draft, waiting for approval on an approved
    item), a place in the list, on or off the public page, withdrawn or back."""

    question = FreeTextField(max_length=QUESTION_MAX, required=False)
    answer = FreeTextField(max_length=ANSWER_MAX, required=False)
    position = serializers.IntegerField(min_value=1, max_value=100_000, required=False)
    public = serializers.BooleanField(required=False)
    retired = serializers.BooleanField(required=False)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "search", str, description="Words that must all be in the question or the answer."
        ),
    ],
    request=QAIn,
    responses={200: QAOut(many=True), 201: QADetailOut},
)
@api_view(["GET", "POST"])
def qa_list(request: Request, pk: int) -> Response:
    """The incident's Q&A in its order (withdrawn items left out); those who may not
    communicate get the approved items only. POST adds a draft."""
    incident = communication_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        v = _valid(QAIn, request.data)
        item = qa_services.qa_create(
            incident=incident,
            actor=core_access.authenticated(request.user),
            question=v["question"],
            answer=v["answer"],
        )
        return Response(QADetailOut(item).data, status=status.HTTP_201_CREATED)
    search = request.query_params.get("search", "")[: selectors_qa.SEARCH_MAX]
    items = selectors_qa.qa_list(incident, search=search)
    if not can_communicate(request.user, incident):
        items = items.filter(status=ReviewStatus.APPROVED)
    return _page(request, items, QAOut)


@extend_schema(methods=["PATCH"], request=QAPatch, responses=QADetailOut)
@extend_schema(methods=["GET"], responses=QADetailOut)
@api_view(["GET", "PATCH"])
def qa_item(request: Request, pk: int, qa_pk: int) -> Response:
    """One question and answer with its versions; PATCH changes it."""
    incident = communication_incident_for_user(request.user, pk)
    item = qa_for_user(request.user, incident, qa_pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(QAPatch, request.data)
        actor = core_access.authenticated(request.user)
        # All of the patch or nothing of it (a refused "public" undoes the new text).
        with transaction.atomic():
            item = _patch_qa(item, actor, v)
    return Response(QADetailOut(item).data)


def _patch_qa(item: QAItem, actor: User, v: dict[str, Any]) -> QAItem:
    if v.get("retired") is False:
        item = qa_services.qa_retire(item=item, actor=actor, retired=False)
    if "question" in v or "answer" in v:
        pending = qa_services.pending_version(item)
        current = pending or item
        item = qa_services.qa_update(
            item=item,
            actor=actor,
            question=v.get("question", current.question),
            answer=v.get("answer", current.answer),
        )
    if "position" in v:
        item = qa_services.qa_move(item=item, actor=actor, position=v["position"])
    if "public" in v:
        item = qa_services.qa_set_public(item=item, actor=actor, public=v["public"])
    if v.get("retired") is True:
        item = qa_services.qa_retire(item=item, actor=actor, retired=True)
    return item


@extend_schema(request=None, responses=QADetailOut)
@api_view(["POST"])
def qa_approve(request: Request, pk: int, qa_pk: int) -> Response:
    """Approve the draft, or the change waiting on an approved item."""
    incident = communication_incident_for_user(request.user, pk)
    item = qa_for_user(request.user, incident, qa_pk, write=True)
    item = qa_services.qa_approve(item=item, actor=core_access.authenticated(request.user))
    return Response(QADetailOut(item).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/analyses/", analyses, name="api-communication-analyses"),
    path(
        "incidents/<id:pk>/analyses/<id:analysis_pk>/",
        analysis,
        name="api-communication-analysis",
    ),
    path(
        "incidents/<id:pk>/analyses/<id:analysis_pk>/approve/",
        analysis_approve,
        name="api-communication-analysis-approve",
    ),
    path("incidents/<id:pk>/qa/", qa_list, name="api-communication-qa-list"),
    path("incidents/<id:pk>/qa/<id:qa_pk>/", qa_item, name="api-communication-qa"),
    path(
        "incidents/<id:pk>/qa/<id:qa_pk>/approve/",
        qa_approve,
        name="api-communication-qa-approve",
    ),
]
