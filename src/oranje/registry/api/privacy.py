"""Registry API: the SIS lists (victims, deaths, matching) as data, for the registry roles
only, read-logged like the pages. An exercise's list carries `marking: "OEFENING"`."""

from __future__ import annotations

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.registry import services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import ReadKind
from oranje.registry.lists import LISTS, marking


class ListOut(serializers.Serializer):
    """One list: its name, the exercise marking, the column titles and the rows (text)."""

    list = serializers.CharField(help_text="slachtofferlijst, dodenlijst or matchlijst")
    title = serializers.CharField()
    exercise = serializers.BooleanField()
    marking = serializers.CharField(help_text="OEFENING for an exercise, else empty")
    header = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


@extend_schema(
    parameters=[
        OpenApiParameter(
            "which", str, OpenApiParameter.PATH, enum=list(LISTS), description="Which list."
        )
    ],
    responses=ListOut,
)
@api_view(["GET"])
def registry_list(request: Request, pk: int, which: str) -> Response:
    """The victims list (`slachtoffers`), the deaths list (`doden`) or the matching list
    (`match`) of the incident, as on the page; every read goes to the read log."""
    incident = registry_incident_for_user(request.user, pk)
    if which not in LISTS:
        raise Http404
    table = LISTS[which][1](incident)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what=f"{table.slug} (API)",
    )
    return Response(
        ListOut(
            {
                "list": table.slug,
                "title": table.title,
                "exercise": incident.is_exercise,
                "marking": marking(incident),
                "header": table.header,
                "rows": table.rows,
            }
        ).data
    )


urls: list[URLPattern] = [
    path("incidents/<id:pk>/registry/lists/<slug:which>/", registry_list, name="api-registry-list"),
]
