"""The shelters' API: the incident's shelters with their occupancy (counts only), opening
one, ready, capacity, closing, and the number of people involved. The same doors as the
pages: reading for whoever sees the incident, writing for those who manage its shelters."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care import selectors
from oranje.care.access import (
    can_manage_shelters,
    care_incident_for_user,
    care_user,
    shelter_for_user,
)
from oranje.care.constants import CAPACITY_MAX, NAME_MAX
from oranje.care.models import Location, Shelter
from oranje.care.services import shelters as services
from oranje.care.services.shelters import INVOLVED_MAX
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.incidents.models import Incident


def _count(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, **kwargs)


class ShelterOpenIn(serializers.Serializer):
    location = IdField(help_text="A shelter location of the incident's region.")
    decided_by = FreeTextField(max_length=NAME_MAX)
    decided_at = MomentField()
    expected = _count(default=0)
    capacity_day = _count(required=False, allow_null=True, default=None)
    capacity_night = _count(required=False, allow_null=True, default=None)


class ShelterChangeIn(serializers.Serializer):
    """Only what is sent changes; a capacity below the people checked in is refused."""

    capacity_day = _count(required=False, allow_null=True, default=None)
    capacity_night = _count(required=False, allow_null=True, default=None)
    expected = _count(required=False, allow_null=True, default=None)


class ShelterReadyIn(serializers.Serializer):
    ready_at = MomentField(required=False, allow_null=True, default=None, help_text="Default: now.")


class InvolvedIn(serializers.Serializer):
    people_involved = serializers.IntegerField(
        min_value=0, max_value=INVOLVED_MAX, allow_null=True, help_text="null: unknown."
    )


class ShelterOut(serializers.Serializer):
    """A shelter with its occupancy: counts, never names."""

    id = serializers.IntegerField(source="pk")
    location = serializers.IntegerField(source="location_id")
    name = serializers.CharField(source="location.name")
    municipality = serializers.CharField(source="location.municipality.name")
    latitude = serializers.FloatField(source="location.latitude", allow_null=True)
    longitude = serializers.FloatField(source="location.longitude", allow_null=True)
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField()
    expected = serializers.IntegerField()
    ready_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    present = serializers.IntegerField()
    out_today = serializers.IntegerField(help_text="People whose stay here ended today.")
    capacity_day = serializers.IntegerField()
    capacity_night = serializers.IntegerField()
    free_day = serializers.IntegerField()
    free_night = serializers.IntegerField(help_text="Negative: more people than beds.")
    open_needs = serializers.IntegerField()


class TotalsOut(serializers.Serializer):
    shelters = serializers.IntegerField(help_text="Open shelters.")
    present = serializers.IntegerField()
    out_today = serializers.IntegerField()
    capacity_day = serializers.IntegerField()
    capacity_night = serializers.IntegerField()
    free_day = serializers.IntegerField()
    free_night = serializers.IntegerField()
    open_needs = serializers.IntegerField()


class NormOut(serializers.Serializer):
    """The capacity the region's norm asks for the people involved, beside what is open."""

    people_involved = serializers.IntegerField(source="involved", allow_null=True)
    capacity_needed = serializers.IntegerField(source="needed", allow_null=True)
    capacity_open = serializers.IntegerField(source="open_capacity")
    shortfall = serializers.IntegerField()
    percent = serializers.IntegerField(source="norms.capacity_percent")
    maximum = serializers.IntegerField(source="norms.capacity_max")
    shelter_hours = serializers.IntegerField(source="norms.shelter_hours")


class BoardOut(serializers.Serializer):
    shelters = ShelterOut(many=True)
    totals = TotalsOut()
    norm = NormOut()


def _board(incident: Incident) -> dict[str, Any]:
    rows, totals = selectors.occupancy_board(incident)
    return {"shelters": rows, "totals": totals, "norm": selectors.capacity_norm(incident)}


def _row(shelter: Shelter) -> Shelter:
    """The shelter as the board counts it (with `out_today` and `open_needs`)."""
    rows, _totals = selectors.occupancy_board(shelter.incident)
    return next(r for r in rows if r.pk == shelter.pk)


def _valid(serializer: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _managed(request: Request, pk: int) -> Shelter:
    return shelter_for_user(request.user, pk, manage=True)


@extend_schema(methods=["GET"], responses=BoardOut)
@extend_schema(methods=["POST"], request=ShelterOpenIn, responses={201: ShelterOut})
@api_view(["GET", "POST"])
def shelters(request: Request, pk: int) -> Response:
    """The incident's shelters with their occupancy, the totals of the open ones and the
    capacity norm; POST opens a location as a shelter."""
    incident = care_incident_for_user(request.user, pk)
    if request.method == "POST":
        core_access.require(can_manage_shelters(request.user, incident))
        data = _valid(ShelterOpenIn, request.data)
        place = (
            Location.objects.select_related("municipality")
            .filter(pk=data.pop("location"), municipality__region_id=incident.region_id)
            .first()
        )
        if place is None:
            raise serializers.ValidationError(
                {"location": [_("location: not a shelter location of the incident's region.")]}
            )
        opened = services.shelter_open(
            incident=incident, actor=care_user(request.user), location=place, **data
        )
        return Response(ShelterOut(_row(opened)).data, status=status.HTTP_201_CREATED)
    return Response(BoardOut(_board(incident)).data)


@extend_schema(methods=["GET"], responses=ShelterOut)
@extend_schema(methods=["PATCH"], request=ShelterChangeIn, responses=ShelterOut)
@api_view(["GET", "PATCH"])
def shelter(request: Request, pk: int) -> Response:
    """One shelter with its occupancy; PATCH changes its capacity or expected number."""
    if request.method == "PATCH":
        found = _managed(request, pk)
        data = _valid(ShelterChangeIn, request.data)
        services.shelter_change(shelter=found, actor=care_user(request.user), **data)
        return Response(ShelterOut(_row(found)).data)
    return Response(ShelterOut(_row(shelter_for_user(request.user, pk))).data)


@extend_schema(request=ShelterReadyIn, responses=ShelterOut)
@api_view(["POST"])
def ready(request: Request, pk: int) -> Response:
    """The shelter is ready to receive people (the 3-hour norm is measured to the first)."""
    found = _managed(request, pk)
    data = _valid(ShelterReadyIn, request.data)
    services.shelter_ready(shelter=found, actor=care_user(request.user), at=data["ready_at"])
    return Response(ShelterOut(_row(found)).data)


@extend_schema(request=ShelterChangeIn, responses=ShelterOut)
@api_view(["POST"])
def change(request: Request, pk: int) -> Response:
    """As PATCH on the shelter: change its capacity or expected number."""
    found = _managed(request, pk)
    data = _valid(ShelterChangeIn, request.data)
    services.shelter_change(shelter=found, actor=care_user(request.user), **data)
    return Response(ShelterOut(_row(found)).data)


@extend_schema(request=None, responses=ShelterOut)
@api_view(["POST"])
def close(request: Request, pk: int) -> Response:
    """Close the shelter; refused while people are checked in."""
    found = _managed(request, pk)
    services.shelter_close(shelter=found, actor=care_user(request.user))
    return Response(ShelterOut(_row(found)).data)


@extend_schema(request=InvolvedIn, responses=NormOut)
@api_view(["POST"])
def involved(request: Request, pk: int) -> Response:
    """Record the number of people involved; answers the capacity the norm then asks."""
    incident = care_incident_for_user(request.user, pk)
    core_access.require(can_manage_shelters(request.user, incident))
    data = _valid(InvolvedIn, request.data)
    services.involved_set(
        incident=incident, actor=care_user(request.user), people=data["people_involved"]
    )
    return Response(NormOut(selectors.capacity_norm(incident)).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/shelters/", shelters, name="api-care-shelters"),
    path("incidents/<id:pk>/people-involved/", involved, name="api-care-involved"),
    path("shelters/<id:pk>/", shelter, name="api-care-shelter"),
    path("shelters/<id:pk>/ready/", ready, name="api-care-shelter-ready"),
    path("shelters/<id:pk>/change/", change, name="api-care-shelter-change"),
    path("shelters/<id:pk>/close/", close, name="api-care-shelter-close"),
]
