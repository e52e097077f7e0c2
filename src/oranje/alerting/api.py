"""The alerting room's JSON API: the alert board, manual alerts, answers in the app,
arrivals, and the times the norms are measured by."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.alerting import access, selectors, services
from oranje.alerting.constants import AnsweredVia
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField
from oranje.incidents.access import incident_for_user
from oranje.incidents.hooks import Milestone
from oranje.incidents.models import Incident
from oranje.organisation.fields import FunctionCodeField

#: More people than this in one manual alert is a typing error.
MAX_PEOPLE_NEEDED = 1000
#: An arrival time further away than a day is no answer to an alert.
MAX_ETA_MINUTES = 24 * 60


class ManualIn(serializers.Serializer):
    function = FunctionCodeField()
    people_needed = serializers.IntegerField(default=1, min_value=1, max_value=MAX_PEOPLE_NEEDED)
    reason = FreeTextField(required=False, allow_blank=True, default="")


class AnswerIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accepted", "declined", "arrived"])
    eta_minutes = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=MAX_ETA_MINUTES
    )


class BoardAlertOut(serializers.Serializer):
    id = serializers.IntegerField(source="alert.pk")
    person = serializers.IntegerField(source="alert.person_id")
    name = serializers.CharField(source="alert.person.full_name")
    step = serializers.IntegerField(source="alert.step")
    alerted_at = serializers.DateTimeField(source="alert.alerted_at")
    answer = serializers.CharField(source="alert.answer")
    answered_at = serializers.DateTimeField(source="alert.answered_at", allow_null=True)
    eta_minutes = serializers.IntegerField(source="alert.eta_minutes", allow_null=True)
    expected_at = serializers.DateTimeField(allow_null=True)
    arrived_at = serializers.DateTimeField(source="alert.arrived_at", allow_null=True)
    late = serializers.BooleanField()
    unreachable = serializers.BooleanField(source="alert.unreachable")
    failures = serializers.ListField(child=serializers.CharField())


class BoardCallOut(serializers.Serializer):
    """One function call on the alert board, with everyone alerted for it."""

    call = serializers.IntegerField(source="call.pk")
    function = FunctionCodeField(source="call.function", read_only=True)
    municipality = serializers.CharField(source="call.municipality.cbs_code")
    people_needed = serializers.IntegerField(source="call.people_needed")
    status = serializers.CharField(source="call.status")
    step = serializers.IntegerField(source="call.step")
    unstaffed = serializers.BooleanField(source="call.unstaffed")
    next_escalation_at = serializers.DateTimeField(
        source="call.next_escalation_at", allow_null=True
    )
    accepted = serializers.IntegerField()
    arrived = serializers.IntegerField()
    late = serializers.IntegerField()
    alerts = BoardAlertOut(source="lines", many=True)


class ManualOut(serializers.Serializer):
    warnings = serializers.ListField(child=serializers.CharField())
    board = BoardCallOut(many=True)


class AnswerOut(serializers.Serializer):
    id = serializers.IntegerField()
    answer = serializers.CharField()
    eta_minutes = serializers.IntegerField(allow_null=True)
    arrived_at = serializers.DateTimeField(allow_null=True)


class ScalingMomentOut(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    at = serializers.DateTimeField()


class FunctionTimesOut(serializers.Serializer):
    function = FunctionCodeField(read_only=True)
    first_alert = serializers.DateTimeField(allow_null=True)
    first_accept = serializers.DateTimeField(allow_null=True)
    first_arrival = serializers.DateTimeField(allow_null=True)
    arrival_minutes = serializers.FloatField(allow_null=True)
    norm_minutes = serializers.IntegerField(allow_null=True)
    within_norm = serializers.BooleanField(allow_null=True)


class MilestoneOut(serializers.Serializer):
    """A norm measured in the incident (e.g. the first shelter ready within 3 hours)."""

    key = serializers.CharField()
    name = serializers.CharField(source="label")
    start = serializers.DateTimeField()
    norm_minutes = serializers.SerializerMethodField()
    deadline = serializers.DateTimeField()
    at = serializers.DateTimeField(allow_null=True)
    minutes = serializers.SerializerMethodField()
    met = serializers.BooleanField(
        allow_null=True, help_text="null while the norm still runs and it has not happened."
    )

    def get_norm_minutes(self, milestone: Milestone) -> int:
        return int(milestone.norm.total_seconds() // 60)

    def get_minutes(self, milestone: Milestone) -> int | None:
        """From the start to when it happened, in whole minutes."""
        elapsed = milestone.elapsed
        return None if elapsed is None else int(elapsed.total_seconds() // 60)


class TimesOut(serializers.Serializer):
    """The moments the norms are measured by, computed from what happened."""

    exercise = serializers.BooleanField(source="incident.is_exercise")
    started_at = serializers.DateTimeField(source="incident.started_at")
    closed_at = serializers.DateTimeField(source="incident.closed_at", allow_null=True)
    scaling = ScalingMomentOut(many=True)
    first_alert = serializers.DateTimeField(allow_null=True)
    functions = FunctionTimesOut(many=True)
    milestones = MilestoneOut(many=True)


def _board(incident: Incident) -> Any:
    return BoardCallOut(selectors.board(incident), many=True).data


@extend_schema(methods=["GET"], responses=BoardCallOut(many=True))
@extend_schema(methods=["POST"], request=ManualIn, responses={201: ManualOut})
@api_view(["GET", "POST"])
def board(request: Request, pk: int) -> Response:
    """The alert board per function; POST alerts a function by hand."""
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        data = ManualIn(data=request.data)
        data.is_valid(raise_exception=True)
        function = data.validated_data["function"]
        _call, warnings = services.alert_manual(
            actor=core_access.authenticated(request.user),
            incident=incident,
            function=function,
            people_needed=data.validated_data["people_needed"],
            reason=data.validated_data["reason"],
        )
        return Response(
            ManualOut({"warnings": warnings, "board": selectors.board(incident)}).data,
            status=status.HTTP_201_CREATED,
        )
    return Response(_board(incident_for_user(request.user, pk)))


@extend_schema(request=AnswerIn, responses=AnswerOut)
@api_view(["POST"])
def answer(request: Request, pk: int) -> Response:
    """Answer an alert in the app (your own), or record an answer or arrival for someone
    else as an operator of the incident."""
    user = core_access.authenticated(request.user)
    alert = access.alert_for_user(user, pk, answer=True)
    own = access.is_own(user, alert)
    data = AnswerIn(data=request.data)
    data.is_valid(raise_exception=True)
    via = AnsweredVia.APP if own else AnsweredVia.BOARD
    alert = services.alert_record(
        alert=alert,
        what=data.validated_data["answer"],
        eta_minutes=data.validated_data["eta_minutes"],
        via=via,
        actor=user,
    )
    return Response(AnswerOut(alert).data)


@extend_schema(responses=TimesOut)
@api_view(["GET"])
def times(request: Request, pk: int) -> Response:
    """Start, each scaling, first alert; per function first alert, accept and arrival; the
    milestones of the other rooms' norms (the first shelter ready)."""
    return Response(TimesOut(selectors.timeline(incident_for_user(request.user, pk))).data)
