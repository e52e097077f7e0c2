"""API: the people who came. GET lists everyone who arrived on the alert board with function,
arrival, hours and whether the deployment is recorded in readiness, and the thank-yous sent
with their delivery counts (for whoever sees the incident, as the alert board); POST
`record/` records the missing deployments and POST `thanks/` sends the thank-you (a lead)."""

from __future__ import annotations

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare.access import aftercare_incident_for_user
from oranje.aftercare.constants import NOTE_MAX
from oranje.aftercare.selectors_people import Came, thanks_sent, who_came
from oranje.aftercare.services.deployments import deployments_record
from oranje.aftercare.services.thanks import thanks_send
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField


class CameOut(serializers.Serializer):
    alert = serializers.IntegerField(source="alert.pk")
    person = serializers.IntegerField(source="alert.person_id")
    name = serializers.CharField()
    function = serializers.CharField(source="function_code")
    function_name = serializers.CharField()
    arrived_at = serializers.DateTimeField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    recorded = serializers.BooleanField(help_text="The deployment is recorded in readiness.")


class ThanksOut(serializers.Serializer):
    id = serializers.IntegerField(source="thank_you.pk")
    sent_at = serializers.DateTimeField(source="thank_you.sent_at")
    sent_by = serializers.CharField(source="thank_you.sent_by_name")
    mail = serializers.IntegerField()
    sms = serializers.IntegerField()
    queued = serializers.IntegerField(help_text="Waiting or being sent.")
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    busy = serializers.BooleanField()


class DeploymentsOut(serializers.Serializer):
    is_exercise = serializers.BooleanField()
    acute_ended_at = serializers.DateTimeField(allow_null=True)
    came = CameOut(many=True)
    thanks = ThanksOut(many=True)


class RecordedOut(serializers.Serializer):
    recorded = serializers.IntegerField(help_text="Deployments written now (the missing ones).")


class ThanksIn(serializers.Serializer):
    text = FreeTextField(max_length=NOTE_MAX)


@extend_schema(responses=DeploymentsOut)
@api_view(["GET"])
def deployments(request: Request, pk: int) -> Response:
    """Everyone who arrived, first arrived first, and the thank-yous sent."""
    incident = aftercare_incident_for_user(request.user, pk)
    came: list[Came] = who_came(incident)
    return Response(
        DeploymentsOut(
            {
                "is_exercise": incident.is_exercise,
                "acute_ended_at": incident.acute_ended_at,
                "came": came,
                "thanks": thanks_sent(incident),
            }
        ).data
    )


@extend_schema(request=None, responses=RecordedOut)
@api_view(["POST"])
def deployments_record_view(request: Request, pk: int) -> Response:
    """Record the deployments that are missing (a lead, after the acute phase ended)."""
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    n = deployments_record(actor=core_access.authenticated(request.user), incident=incident)
    return Response(RecordedOut({"recorded": n}).data)


@extend_schema(request=ThanksIn, responses={201: ThanksOut})
@api_view(["POST"])
def thanks(request: Request, pk: int) -> Response:
    """Send the thank-you to everyone who arrived (a lead, after the acute phase ended; not
    within ten minutes of the previous one)."""
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    s = ThanksIn(data=request.data)
    s.is_valid(raise_exception=True)
    thank_you = thanks_send(
        actor=core_access.authenticated(request.user),
        incident=incident,
        text=s.validated_data["text"],
    )
    (row,) = [r for r in thanks_sent(incident) if r.thank_you.pk == thank_you.pk]
    return Response(ThanksOut(row).data, status=status.HTTP_201_CREATED)


urls: list[URLPattern] = [
    path(
        "incidents/<id:pk>/aftercare/deployments/",
        deployments,
        name="api-aftercare-deployments",
    ),
    path(
        "incidents/<id:pk>/aftercare/deployments/record/",
        deployments_record_view,
        name="api-aftercare-deployments-record",
    ),
    path("incidents/<id:pk>/aftercare/thanks/", thanks, name="api-aftercare-thanks"),
]
