"""Care API: the surroundings of an incident (utility outages, road closures, clean-up
tasks): read by whoever sees the incident, written by whoever may work in it."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care import selectors_needs as selectors
from oranje.care.access import care_user, surrounding_for_user
from oranje.care.constants import NAME_MAX, TEXT_MAX, TaskStatus, Utility
from oranje.care.models import CleanupTask, Outage, RoadClosure
from oranje.care.services import surroundings as services
from oranje.core.fields import FreeTextField, MomentField
from oranje.core.rest import Pagination
from oranje.incidents.access import incident_for_user


def _valid(serializer: serializers.Serializer) -> dict[str, Any]:
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _page(request: Request, rows: Any, out: type[serializers.Serializer]) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(out(page, many=True).data)


def _merged(obj: Any, given: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """A PATCH's fields over the object's current values."""
    return {name: given[name] if name in given else getattr(obj, name) for name in names}


# ---------------------------------------------------------------- outages


class OutageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    incident = serializers.IntegerField(source="incident_id", read_only=True)
    utility = serializers.ChoiceField(choices=Utility.choices)
    area = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    households = serializers.IntegerField(min_value=0, max_value=services.HOUSEHOLDS_MAX)
    started_at = MomentField()
    expected_end = MomentField(required=False, allow_null=True, default=None)
    restored_at = MomentField(required=False, allow_null=True, default=None)
    note = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    updated_at = serializers.DateTimeField(read_only=True)


_OUTAGE_FIELDS = [
    "utility",
    "area",
    "households",
    "started_at",
    "expected_end",
    "restored_at",
    "note",
]


@extend_schema(
    request=OutageSerializer, responses={200: OutageSerializer(many=True), 201: OutageSerializer}
)
@api_view(["GET", "POST"])
def outages(request: Request, pk: int) -> Response:
    """The incident's utility outages (still out first); POST records one."""
    incident = incident_for_user(request.user, pk, operate=request.method == "POST")
    if request.method == "POST":
        v = _valid(OutageSerializer(data=request.data))
        outage = services.outage_save(
            incident=incident, actor=care_user(request.user), data=services.OutageData(**v)
        )
        return Response(OutageSerializer(outage).data, status=status.HTTP_201_CREATED)
    return _page(request, selectors.outages(incident), OutageSerializer)


@extend_schema(
    methods=["PATCH"], request=OutageSerializer(partial=True), responses=OutageSerializer
)
@extend_schema(methods=["GET"], responses=OutageSerializer)
@api_view(["GET", "PATCH"])
def outage(request: Request, pk: int) -> Response:
    """One outage; PATCH changes it (`restored_at` marks it restored)."""
    found = surrounding_for_user(Outage, request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(OutageSerializer(data=request.data, partial=True))
        found = services.outage_save(
            incident=found.incident,
            actor=care_user(request.user),
            data=services.OutageData(**_merged(found, v, _OUTAGE_FIELDS)),
            outage=found,
        )
    return Response(OutageSerializer(found).data)


# ---------------------------------------------------------------- road closures


class ClosureSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    incident = serializers.IntegerField(source="incident_id", read_only=True)
    road = FreeTextField(max_length=NAME_MAX)
    stretch = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    reason = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    closed_at = MomentField()
    expected_end = MomentField(required=False, allow_null=True, default=None)
    reopened_at = MomentField(required=False, allow_null=True, default=None)
    updated_at = serializers.DateTimeField(read_only=True)


_CLOSURE_FIELDS = ["road", "stretch", "reason", "closed_at", "expected_end", "reopened_at"]


@extend_schema(
    request=ClosureSerializer, responses={200: ClosureSerializer(many=True), 201: ClosureSerializer}
)
@api_view(["GET", "POST"])
def closures(request: Request, pk: int) -> Response:
    """The incident's road closures (closed roads first); POST records one."""
    incident = incident_for_user(request.user, pk, operate=request.method == "POST")
    if request.method == "POST":
        v = _valid(ClosureSerializer(data=request.data))
        closure = services.closure_save(
            incident=incident, actor=care_user(request.user), data=services.ClosureData(**v)
        )
        return Response(ClosureSerializer(closure).data, status=status.HTTP_201_CREATED)
    return _page(request, selectors.closures(incident), ClosureSerializer)


@extend_schema(
    methods=["PATCH"], request=ClosureSerializer(partial=True), responses=ClosureSerializer
)
@extend_schema(methods=["GET"], responses=ClosureSerializer)
@api_view(["GET", "PATCH"])
def closure(request: Request, pk: int) -> Response:
    """One road closure; PATCH changes it (`reopened_at` marks the road open again)."""
    found = surrounding_for_user(RoadClosure, request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(ClosureSerializer(data=request.data, partial=True))
        found = services.closure_save(
            incident=found.incident,
            actor=care_user(request.user),
            data=services.ClosureData(**_merged(found, v, _CLOSURE_FIELDS)),
            closure=found,
        )
    return Response(ClosureSerializer(found).data)


# ---------------------------------------------------------------- clean-up tasks


class CleanupSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    incident = serializers.IntegerField(source="incident_id", read_only=True)
    description = FreeTextField(max_length=TEXT_MAX)
    place = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    owner = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    due = MomentField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=TaskStatus.choices, default=TaskStatus.OPEN)
    updated_at = serializers.DateTimeField(read_only=True)


_CLEANUP_FIELDS = ["description", "place", "owner", "due", "status"]


@extend_schema(
    request=CleanupSerializer, responses={200: CleanupSerializer(many=True), 201: CleanupSerializer}
)
@api_view(["GET", "POST"])
def cleanup_tasks(request: Request, pk: int) -> Response:
    """The incident's clean-up tasks (open first, by deadline); POST records one."""
    incident = incident_for_user(request.user, pk, operate=request.method == "POST")
    if request.method == "POST":
        v = _valid(CleanupSerializer(data=request.data))
        task = services.cleanup_save(
            incident=incident, actor=care_user(request.user), data=services.CleanupData(**v)
        )
        return Response(CleanupSerializer(task).data, status=status.HTTP_201_CREATED)
    return _page(request, selectors.cleanup_tasks(incident), CleanupSerializer)


@extend_schema(
    methods=["PATCH"], request=CleanupSerializer(partial=True), responses=CleanupSerializer
)
@extend_schema(methods=["GET"], responses=CleanupSerializer)
@api_view(["GET", "PATCH"])
def cleanup_task(request: Request, pk: int) -> Response:
    """One clean-up task; PATCH changes it (`status: done` finishes it)."""
    found = surrounding_for_user(CleanupTask, request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(CleanupSerializer(data=request.data, partial=True))
        found = services.cleanup_save(
            incident=found.incident,
            actor=care_user(request.user),
            data=services.CleanupData(**_merged(found, v, _CLEANUP_FIELDS)),
            task=found,
        )
    return Response(CleanupSerializer(found).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/care/outages/", outages, name="api-care-outages"),
    path("care/outages/<id:pk>/", outage, name="api-care-outage"),
    path("incidents/<id:pk>/care/road-closures/", closures, name="api-care-closures"),
    path("care/road-closures/<id:pk>/", closure, name="api-care-closure"),
    path("incidents/<id:pk>/care/cleanup-tasks/", cleanup_tasks, name="api-care-cleanup-tasks"),
    path("care/cleanup-tasks/<id:pk>/", cleanup_task, name="api-care-cleanup-task"),
]
