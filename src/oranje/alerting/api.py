"""The alerting room's JSON API: the alert board, manual alerts, answers in the app,
arrivals, and the times the norms are measured by."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.alerting import access, errors, selectors, services
from oranje.alerting.constants import AnsweredVia
from oranje.core import access as core_access
from oranje.incidents.access import incident_for_user
from oranje.incidents.models import Incident
from oranje.organisation.models import Function


class ManualIn(serializers.Serializer):
    function = serializers.CharField()
    people_needed = serializers.IntegerField(default=1)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accepted", "declined", "arrived"])
    eta_minutes = serializers.IntegerField(required=False, allow_null=True, default=None)


def _board(incident: Incident) -> list[dict[str, Any]]:
    return [
        {
            "call": row.call.pk,
            "function": row.call.function.code,
            "municipality": row.call.municipality.cbs_code,
            "people_needed": row.call.people_needed,
            "status": row.call.status,
            "step": row.call.step,
            "unstaffed": row.call.unstaffed,
            "next_escalation_at": row.call.next_escalation_at,
            "accepted": row.accepted,
            "arrived": row.arrived,
            "late": row.late,
            "alerts": [
                {
                    "id": line.alert.pk,
                    "person": line.alert.person_id,
                    "name": line.alert.person.full_name,
                    "step": line.alert.step,
                    "alerted_at": line.alert.alerted_at,
                    "answer": line.alert.answer,
                    "answered_at": line.alert.answered_at,
                    "eta_minutes": line.alert.eta_minutes,
                    "expected_at": line.expected_at,
                    "arrived_at": line.alert.arrived_at,
                    "late": line.late,
                    "unreachable": line.alert.unreachable,
                    "failures": line.failures,
                }
                for line in row.lines
            ],
        }
        for row in selectors.board(incident)
    ]


@extend_schema(methods=["POST"], request=ManualIn)
@api_view(["GET", "POST"])
def board(request: Request, pk: int) -> Response:
    """The alert board per function; POST alerts a function by hand."""
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        data = ManualIn(data=request.data)
        data.is_valid(raise_exception=True)
        function = Function.objects.filter(code=data.validated_data["function"].upper()).first()
        if function is None:
            raise serializers.ValidationError(
                {"function": [errors.UNKNOWN_FUNCTION % {"value": data.validated_data["function"]}]}
            )
        _call, warnings = services.alert_manual(
            actor=core_access.authenticated(request.user),
            incident=incident,
            function=function,
            people_needed=data.validated_data["people_needed"],
            reason=data.validated_data["reason"],
        )
        return Response(
            {"warnings": warnings, "board": _board(incident)}, status=status.HTTP_201_CREATED
        )
    return Response(_board(incident_for_user(request.user, pk)))


@extend_schema(request=AnswerIn)
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
    return Response(
        {
            "id": alert.pk,
            "answer": alert.answer,
            "eta_minutes": alert.eta_minutes,
            "arrived_at": alert.arrived_at,
        }
    )


@api_view(["GET"])
def times(request: Request, pk: int) -> Response:
    """Start, each scaling, first alert; per function first alert, accept and arrival."""
    timeline = selectors.timeline(incident_for_user(request.user, pk))
    incident = timeline.incident
    return Response(
        {
            "exercise": incident.is_exercise,
            "started_at": incident.started_at,
            "closed_at": incident.closed_at,
            "scaling": [{"label": s.label, "at": s.at} for s in timeline.scaling],
            "first_alert": timeline.first_alert,
            "functions": [
                {
                    "function": f.function.code,
                    "first_alert": f.first_alert,
                    "first_accept": f.first_accept,
                    "first_arrival": f.first_arrival,
                    "arrival_minutes": f.arrival_minutes,
                    "norm_minutes": f.norm_minutes,
                    "within_norm": f.within_norm,
                }
                for f in timeline.functions
            ],
        }
    )
