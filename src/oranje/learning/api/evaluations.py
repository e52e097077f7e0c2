"""The learning room's API, part "evaluations": a region's evaluations (list with the page's
filters, create), one evaluation with its participants, findings, evidence and improvement
actions (PATCH changes its fields, POST .../final/ makes it final), participants, findings
(list, create, change) and their evidence (list, add). The same doors as the pages: those
who evaluate the region (`learning.access`); reading an evaluation with participants is
audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import Region
from oranje.core.rest import Pagination
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.learning import access
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.constants import (
    CODE_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EvaluationMethod,
    EvaluationStatus,
    EvidenceKind,
    FindingKind,
    Process,
)
from oranje.learning.models import Evaluation, Finding, SurveyQuestion
from oranje.learning.services import evaluations as services
from oranje.organisation.models import Person
from oranje.quality.constants import ActionStatus
from oranje.quality.models import Norm
from oranje.readiness.models import Exercise


class ParticipantOut(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id", allow_null=True)
    name = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField()


class EvidenceOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    log_entry = serializers.IntegerField(source="log_entry_id", allow_null=True)
    decision = serializers.IntegerField(source="decision_id", allow_null=True)
    milestone = serializers.CharField()
    norm = serializers.IntegerField(source="norm_id", allow_null=True)
    survey_question = serializers.IntegerField(source="survey_question_id", allow_null=True)
    summary = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class ActionOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner_name = serializers.CharField()
    deadline = serializers.DateField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)


class FindingOut(serializers.Serializer):
    id = serializers.IntegerField()
    evaluation = serializers.IntegerField(source="evaluation_id")
    process = serializers.ChoiceField(choices=Process.choices)
    kind = serializers.ChoiceField(choices=FindingKind.choices)
    text = serializers.CharField()
    norm = serializers.IntegerField(source="norm_id", allow_null=True)
    pattern = serializers.IntegerField(source="pattern_id", allow_null=True)
    evidence = EvidenceOut(many=True, source="evidence.all")
    actions = ActionOut(many=True, source="actions.all")


class EvaluationOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    incident = serializers.IntegerField(source="incident_id", allow_null=True)
    exercise = serializers.IntegerField(source="exercise_id", allow_null=True)
    title = serializers.CharField()
    methods = serializers.ListField(child=serializers.ChoiceField(choices=EvaluationMethod.choices))
    held_on = serializers.DateField(allow_null=True)
    summary = serializers.CharField()
    status = serializers.ChoiceField(choices=EvaluationStatus.choices)
    created_at = serializers.DateTimeField()
    finalised_at = serializers.DateTimeField(allow_null=True)


class EvaluationDetailOut(EvaluationOut):
    participants = ParticipantOut(many=True, source="participants.all")
    findings = FindingOut(many=True, source="findings.all")


class _EvaluationFields(serializers.Serializer):
    title = FreeTextField(max_length=TITLE_MAX)
    methods = serializers.ListField(
        child=serializers.ChoiceField(choices=EvaluationMethod.choices),
        required=False,
        max_length=len(EvaluationMethod.values),
    )
    held_on = DayField(required=False, allow_null=True)
    summary = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)


class EvaluationIn(_EvaluationFields):
    """A new evaluation of an incident or (not both) an exercise of the region."""

    incident = IdField(required=False, allow_null=True, help_text="An incident of the region.")
    exercise = IdField(
        required=False, allow_null=True, help_text="A readiness exercise of the region."
    )


class EvaluationPatch(_EvaluationFields):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ParticipantIn(serializers.Serializer):
    person = IdField(required=False, allow_null=True, help_text="A functionary of the region.")
    name = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    role = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    organisation = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)


class FindingIn(serializers.Serializer):
    process = serializers.ChoiceField(choices=Process.choices, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=FindingKind.choices)
    text = FreeTextField(max_length=TEXT_MAX)
    norm = IdField(required=False, allow_null=True, help_text="A norm in force for the region.")


class FindingPatch(FindingIn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class EvidenceIn(serializers.Serializer):
    """Evidence of one kind: `log_entry` (log), `decision`, `milestone` (time: a key of the
    incident's measured times), `norm`, or `survey_question` (survey)."""

    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    log_entry = IdField(required=False, allow_null=True)
    decision = IdField(required=False, allow_null=True)
    milestone = serializers.CharField(max_length=CODE_MAX, required=False, allow_blank=True)
    norm = IdField(required=False, allow_null=True)
    survey_question = IdField(required=False, allow_null=True)
    summary = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


def _region(user: Any, code: str) -> Region:
    return access.evaluation_region_for_user(user, core_access.region_for_user(user, code[:20]))


def _get(queryset: Any, pk: int | None, name: str) -> Any:
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({name: [_("%(field)s: no such id.") % {"field": name}]})
    return obj


def _detail(request: Request, evaluation: Evaluation, code: int = status.HTTP_200_OK) -> Response:
    full = selectors.evaluation_detail(evaluation)
    count = len(full.participants.all())
    if count:
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.EVALUATION_READ,
                obj=full,
                region=full.region,
                changes={"participants": count},
            )
    return Response(EvaluationDetailOut(full).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=EvaluationStatus.values),
        OpenApiParameter("of", str, enum=list(selectors.OF_CHOICES)),
        OpenApiParameter("year", int),
    ],
    request=EvaluationIn,
    responses={200: EvaluationOut(many=True), 201: EvaluationDetailOut},
)
@api_view(["GET", "POST"])
def evaluations(request: Request, code: str) -> Response:
    """The region's evaluations, newest first; POST adds one (a draft)."""
    region = _region(request.user, code)
    if request.method == "POST":
        s = EvaluationIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        evaluation = services.evaluation_create(
            actor=core_access.authenticated(request.user),
            region=region,
            incident=_get(Incident.objects.all(), v.get("incident"), "incident"),
            exercise=_get(Exercise.objects.all(), v.get("exercise"), "exercise"),
            title=v["title"],
            methods=list(v.get("methods", [])),
            held_on=v.get("held_on"),
            summary=v.get("summary", ""),
        )
        return _detail(request, evaluation, status.HTTP_201_CREATED)
    q = request.query_params
    wanted = q.get("status", "")
    if wanted and wanted not in EvaluationStatus.values:
        raise ValidationError(
            {
                "status": [
                    _("status: choose one of %(allowed)s.")
                    % {"allowed": ", ".join(EvaluationStatus.values)}
                ]
            }
        )
    of = q.get("of", "")
    if of and of not in selectors.OF_CHOICES:
        raise ValidationError({"of": [_("of: choose incident or exercise.")]})
    year = params.optional_int(q, "year", minimum=2000, maximum=2100)
    rows = selectors.evaluation_list(
        request.user, region, selectors.EvaluationFilter(status=wanted, of=of, year=year)
    )
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(EvaluationOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=EvaluationDetailOut)
@extend_schema(methods=["PATCH"], request=EvaluationPatch, responses=EvaluationDetailOut)
@api_view(["GET", "PATCH"])
def evaluation(request: Request, pk: int) -> Response:
    """One evaluation with participants, findings, evidence and actions; PATCH changes its
    title, methods, day or summary (a draft only)."""
    found = access.evaluation_for_user(request.user, pk)
    if request.method == "PATCH":
        s = EvaluationPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        found = services.evaluation_update(
            actor=core_access.authenticated(request.user),
            evaluation=found,
            title=v.get("title", found.title),
            methods=list(v.get("methods", found.methods)),
            held_on=v.get("held_on", found.held_on),
            summary=v.get("summary", found.summary),
        )
    return _detail(request, found)


@extend_schema(request=None, responses=EvaluationDetailOut)
@api_view(["POST"])
def evaluation_final(request: Request, pk: int) -> Response:
    """Make the evaluation final (it needs its day, a method and a finding)."""
    found = access.evaluation_for_user(request.user, pk, write=True)
    found = services.evaluation_finalise(
        actor=core_access.authenticated(request.user), evaluation=found
    )
    return _detail(request, found)


@extend_schema(request=ParticipantIn, responses={201: ParticipantOut})
@api_view(["POST"])
def participants(request: Request, pk: int) -> Response:
    """Add a participant: a functionary of the region or a free name."""
    found = access.evaluation_for_user(request.user, pk, write=True)
    s = ParticipantIn(data=request.data)
    s.is_valid(raise_exception=True)
    v = s.validated_data
    participant = services.participant_add(
        actor=core_access.authenticated(request.user),
        evaluation=found,
        person=_get(Person.objects.all(), v.get("person"), "person"),
        name=v.get("name", ""),
        role=v.get("role", ""),
        organisation=v.get("organisation", ""),
    )
    return Response(ParticipantOut(participant).data, status=status.HTTP_201_CREATED)


def _finding_out(finding: Finding, code: int = status.HTTP_200_OK) -> Response:
    fresh = Finding.objects.prefetch_related("evidence", "actions").filter(pk=finding.pk).first()
    return Response(FindingOut(fresh).data, status=code)


@extend_schema(
    methods=["GET"], responses=FindingOut(many=True), parameters=[OpenApiParameter("page", int)]
)
@extend_schema(methods=["POST"], request=FindingIn, responses={201: FindingOut})
@api_view(["GET", "POST"])
def findings(request: Request, pk: int) -> Response:
    """The evaluation's findings; POST adds one (its process is required)."""
    found = access.evaluation_for_user(request.user, pk)
    if request.method == "POST":
        s = FindingIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        finding = services.finding_create(
            actor=core_access.authenticated(request.user),
            evaluation=found,
            process=v.get("process", ""),
            kind=v["kind"],
            text=v["text"],
            norm=_norm(found, v.get("norm")),
        )
        return _finding_out(finding, status.HTTP_201_CREATED)
    rows = list(found.findings.prefetch_related("evidence", "actions"))
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(FindingOut(page, many=True).data)


def _norm(evaluation: Evaluation, pk: int | None) -> Any:
    if pk is None:
        return None
    return _get(Norm.objects.select_related("norm_set"), pk, "norm")


@extend_schema(methods=["GET"], responses=FindingOut)
@extend_schema(methods=["PATCH"], request=FindingPatch, responses=FindingOut)
@api_view(["GET", "PATCH"])
def finding(request: Request, pk: int) -> Response:
    """One finding with its evidence and actions; PATCH changes it."""
    found = access.finding_for_user(request.user, pk)
    if request.method == "PATCH":
        s = FindingPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        found = services.finding_update(
            actor=core_access.authenticated(request.user),
            finding=found,
            process=v.get("process", found.process),
            kind=v.get("kind", found.kind),
            text=v.get("text", found.text),
            norm=_norm(found.evaluation, v["norm"]) if "norm" in v else found.norm,
        )
    return _finding_out(found)


@extend_schema(methods=["GET"], responses=EvidenceOut(many=True))
@extend_schema(methods=["POST"], request=EvidenceIn, responses={201: EvidenceOut})
@api_view(["GET", "POST"])
def evidence(request: Request, pk: int) -> Response:
    """The finding's evidence; POST links a piece (it must belong to the evaluation's
    incident, or be a norm of its region)."""
    found = access.finding_for_user(request.user, pk)
    if request.method == "POST":
        s = EvidenceIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        added = services.evidence_add(
            actor=core_access.authenticated(request.user),
            finding=found,
            kind=v["kind"],
            log_entry=_get(LogEntry.objects.all(), v.get("log_entry"), "log_entry"),
            decision=_get(Decision.objects.all(), v.get("decision"), "decision"),
            milestone=v.get("milestone", ""),
            norm=_norm(found.evaluation, v.get("norm")),
            survey_question=_get(
                SurveyQuestion.objects.select_related("survey"),
                v.get("survey_question"),
                "survey_question",
            ),
            summary=v.get("summary", ""),
            note=v.get("note", ""),
        )
        return Response(EvidenceOut(added).data, status=status.HTTP_201_CREATED)
    return Response(EvidenceOut(found.evidence.all(), many=True).data)


urls: list[URLPattern] = [
    path(
        "learning/regions/<str:code>/evaluations/",
        evaluations,
        name="api-learning-evaluations",
    ),
    path("learning/evaluations/<id:pk>/", evaluation, name="api-learning-evaluation"),
    path(
        "learning/evaluations/<id:pk>/final/",
        evaluation_final,
        name="api-learning-evaluation-final",
    ),
    path(
        "learning/evaluations/<id:pk>/participants/",
        participants,
        name="api-learning-evaluation-participants",
    ),
    path("learning/evaluations/<id:pk>/findings/", findings, name="api-learning-findings"),
    path("learning/findings/<id:pk>/", finding, name="api-learning-finding"),
    path("learning/findings/<id:pk>/evidence/", evidence, name="api-learning-evidence"),
]
