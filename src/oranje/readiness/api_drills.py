"""API of the one-hour drill: the drills a user may read (filtered by region and state), one
drill with its report (read audited), sending one, and assessing it. The same services and
chokepoints as the pages; the person's own report goes through the signed link only."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.fields import FreeTextField, IdField
from oranje.organisation.access import person_for_user
from oranje.organisation.fields import FunctionCodeField
from oranje.organisation.models import OnCallShift
from oranje.readiness import access_drills
from oranje.readiness import errors_drills as errors
from oranje.readiness.constants import (
    DRILL_MAX_MINUTES,
    DRILL_MIN_MINUTES,
    DrillAssessment,
)
from oranje.readiness.models import Drill
from oranje.readiness.services import drills as service

STATES = ("open", "late", "assessed")
MAX_LIST = 200


class DrillOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    person = serializers.IntegerField(source="person_id")
    person_name = serializers.CharField(source="person.full_name")
    function = serializers.CharField(source="function.code")
    shift = serializers.IntegerField(source="shift_id", allow_null=True)
    assignment = serializers.CharField()
    created_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    delivery_error = serializers.CharField()
    reported_at = serializers.DateTimeField(allow_null=True)
    report = serializers.CharField()
    late = serializers.BooleanField(help_text="Reported after the deadline, or overdue.")
    state = serializers.ChoiceField(
        choices=["open", "overdue", "reported", "reported_late", "assessed"]
    )
    assessment = serializers.CharField()
    assessment_note = serializers.CharField()
    assessed_at = serializers.DateTimeField(allow_null=True)
    activity = serializers.IntegerField(
        source="activity_id",
        allow_null=True,
        help_text="The exercise record an assessed drill counts as.",
    )


def _out(drill: Drill) -> dict[str, Any]:
    now = timezone.now()
    drill.late = service.is_late(drill, now)  # type: ignore[attr-defined]
    drill.state = service.drill_state(drill, now)  # type: ignore[attr-defined]
    return dict(DrillOut(drill).data)


class DrillIn(serializers.Serializer):
    region = serializers.CharField(max_length=10)
    person = IdField(required=False, allow_null=True, default=None)
    function = FunctionCodeField(required=False, allow_null=True, default=None)
    shift = IdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A shift running now; the person and function are the shift's.",
    )
    assignment = FreeTextField(max_length=service.ASSIGNMENT_MAX)
    # Required, as in the form: a drill without a deadline is refused, not given 60 minutes.
    deadline_minutes = serializers.IntegerField(
        min_value=DRILL_MIN_MINUTES,
        max_value=DRILL_MAX_MINUTES,
        help_text="Minutes from now, 15 to 1440 (usually 60).",
        error_messages={
            code: errors.DEADLINE_RANGE
            for code in ("required", "invalid", "min_value", "max_value", "null")
        },
    )


class AssessmentIn(serializers.Serializer):
    assessment = serializers.ChoiceField(
        choices=DrillAssessment.choices,
        error_messages={"invalid_choice": errors.ASSESSMENT_REQUIRED},
    )
    note = FreeTextField(max_length=service.NOTE_MAX, required=False, allow_blank=True, default="")


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter("region", str, description="Region code, e.g. VR12"),
        OpenApiParameter("status", str, enum=list(STATES)),
    ],
    responses=DrillOut(many=True),
)
@extend_schema(methods=["POST"], request=DrillIn, responses={201: DrillOut})
@api_view(["GET", "POST"])
def drills(request: Request) -> Response:
    """GET: the drills of the regions the user reads, newest first. POST: send a drill to
    someone on call now (`shift`) or a key-function holder (`person`, `function`)."""
    if request.method == "POST":
        return _create(request)
    qs = access_drills.drills_for_user(request.user)
    code = request.query_params.get("region")
    if code:
        qs = qs.filter(region=core_access.region_for_user(request.user, code))
    state = request.query_params.get("status", "")
    qs = service.filter_state(qs, state if state in STATES else "")
    return Response([_out(d) for d in qs[:MAX_LIST]])


def _create(request: Request) -> Response:
    data_in = DrillIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    data = data_in.validated_data
    region = core_access.region_for_user(request.user, data["region"])
    actor = core_access.authenticated(request.user)
    core_access.require(core_access.can_manage_region(actor, region.pk))
    shift = None
    if data["shift"] is not None:
        shift = (
            OnCallShift.objects.select_related("person", "function")
            .filter(pk=data["shift"], pool__region=region)
            .first()
        )
        if shift is None:
            raise serializers.ValidationError({"shift": [str(errors.SHIFT_NOT_NOW)]})
        person, function = shift.person, shift.function
    elif data["person"] is not None:
        person = person_for_user(actor, data["person"])
        function = data["function"]
        if function is None:
            held = list(person.functions.all()[:2])
            if len(held) != 1:
                raise serializers.ValidationError({"function": [str(errors.FUNCTION_REQUIRED)]})
            function = held[0]
    else:
        raise serializers.ValidationError({"person": [str(errors.PERSON_REQUIRED)]})
    drill = service.drill_start(
        actor=actor,
        region=region,
        person=person,
        function=function,
        assignment=data["assignment"],
        minutes=data["deadline_minutes"],
        shift=shift,
    )
    return Response(_out(drill), status=status.HTTP_201_CREATED)


@extend_schema(responses=DrillOut)
@api_view(["GET"])
def drill(request: Request, pk: int) -> Response:
    """One drill with what was reported back and its assessment (the read is audited)."""
    found = access_drills.drill_for_user(request.user, pk)
    audit_record(
        actor=core_access.authenticated(request.user),
        action=AuditAction.DRILL_READ,
        obj=found,
        region=found.region,
        note=str(found.person),
    )
    return Response(_out(found))


@extend_schema(request=AssessmentIn, responses=DrillOut)
@api_view(["POST"])
def assessment(request: Request, pk: int) -> Response:
    """Assess a drill: good, sufficient or insufficient, with a note. One reported back then
    counts as one hour of exercise (`activity`)."""
    found = access_drills.drill_for_user(request.user, pk, manage=True)
    data_in = AssessmentIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    assessed = service.drill_assess(
        actor=core_access.authenticated(request.user),
        drill=found,
        assessment=data_in.validated_data["assessment"],
        note=data_in.validated_data["note"],
    )
    return Response(_out(assessed))


urls: list[URLPattern] = [
    path("drills/", drills, name="api-drills"),
    path("drills/<id:pk>/", drill, name="api-drill"),
    path("drills/<id:pk>/assessment/", assessment, name="api-drill-assessment"),
]
