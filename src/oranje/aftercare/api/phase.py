"""API: the nafase of an incident — its state (acute, in aftercare, closed; the head) for
everyone who sees the incident, and starting it (ending the acute phase) for those who
command it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare.access import aftercare_incident_for_user
from oranje.aftercare.constants import NOTE_MAX
from oranje.aftercare.models import Aftercare
from oranje.aftercare.selectors_phase import head_candidates
from oranje.aftercare.services import phase as services
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField
from oranje.incidents.models import Incident


class AftercareOut(serializers.Serializer):
    started_at = serializers.DateTimeField()
    head = serializers.IntegerField(source="head_id", allow_null=True)
    head_name = serializers.CharField()
    note = serializers.CharField()


class PhaseOut(serializers.Serializer):
    incident = serializers.IntegerField(source="pk")
    is_exercise = serializers.BooleanField()
    phase = serializers.ChoiceField(
        choices=["acute", "aftercare", "closed"],
        help_text="acute; aftercare (the nafase: no scaling or alerting); closed.",
    )
    acute_ended_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    aftercare = AftercareOut(allow_null=True)


class StartIn(serializers.Serializer):
    head = IdField(help_text="The user who heads the aftercare: someone of the region.")
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


def phase_data(incident: Incident) -> dict[str, Any]:
    incident.refresh_from_db()
    phase = "closed" if incident.closed_at else "aftercare" if incident.acute_ended_at else "acute"
    return PhaseOut(
        {
            "pk": incident.pk,
            "is_exercise": incident.is_exercise,
            "phase": phase,
            "acute_ended_at": incident.acute_ended_at,
            "closed_at": incident.closed_at,
            "aftercare": Aftercare.objects.filter(incident=incident).first(),
        }
    ).data


@extend_schema(responses=PhaseOut)
@api_view(["GET"])
def aftercare_phase(request: Request, pk: int) -> Response:
    """The incident's phase and, in the nafase, its head."""
    incident = aftercare_incident_for_user(request.user, pk)
    return Response(phase_data(incident))


@extend_schema(request=StartIn, responses={201: PhaseOut})
@api_view(["POST"])
def aftercare_start(request: Request, pk: int) -> Response:
    """End the acute phase and start the nafase under a head (cannot be undone): the teams
    stand down, open calls stop, scaling and alerting are refused from then on."""
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    s = StartIn(data=request.data)
    s.is_valid(raise_exception=True)
    head = head_candidates(incident).filter(pk=s.validated_data["head"]).first()
    if head is None:
        raise ValidationError(
            {"head": [_("head: no user with this id may head the aftercare in this region.")]}
        )
    services.aftercare_start(
        actor=core_access.authenticated(request.user),
        incident=incident,
        head=head,
        note=s.validated_data.get("note", ""),
    )
    return Response(phase_data(incident), status=status.HTTP_201_CREATED)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/aftercare/", aftercare_phase, name="api-aftercare"),
    path("incidents/<id:pk>/aftercare/start/", aftercare_start, name="api-aftercare-start"),
]
