"""The learning room's API, part "sessions": work sessions (list, create, detail with their
entries, change; the impression report is the page's PDF). Every member reads them; those
who evaluate for the host region create and change them (as the pages)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import DayField, FreeTextField
from oranje.core.models import Region
from oranje.core.rest import Pagination
from oranje.learning import access
from oranje.learning import selectors_sessions as selectors
from oranje.learning.constants import ADDRESS_MAX, FIRST_YEAR, LAST_YEAR, TEXT_MAX, TITLE_MAX
from oranje.learning.models import WorkSession
from oranje.learning.services import sessions as services

#: The most regions a work session lists (there are 25).
MAX_REGIONS = 30


class SessionOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    host_region = serializers.CharField(source="host_region.code", allow_null=True)
    regions = serializers.SerializerMethodField()
    description = serializers.CharField()
    entry_count = serializers.IntegerField(required=False)

    def get_regions(self, session: WorkSession) -> list[str]:
        return sorted(r.code for r in session.regions.all())


class RevisionLine(serializers.Serializer):
    number = serializers.IntegerField()
    region = serializers.CharField(source="region.code", allow_null=True)
    note = serializers.CharField()
    changed_at = serializers.DateTimeField()


class EntryLine(serializers.Serializer):
    id = serializers.IntegerField()
    theme = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    region = serializers.CharField(source="region.code", allow_null=True)
    revisions = RevisionLine(many=True, help_text="Its versions made at this work session.")


class SessionDetailOut(SessionOut):
    entries = serializers.SerializerMethodField()

    def get_entries(self, session: WorkSession) -> Any:
        return EntryLine(selectors.session_entries(session), many=True).data


class SessionIn(serializers.Serializer):
    title = FreeTextField(max_length=TITLE_MAX)
    held_on = DayField()
    place = FreeTextField(max_length=ADDRESS_MAX, required=False, allow_blank=True)
    host_region = serializers.CharField(
        max_length=10,
        required=False,
        allow_null=True,
        help_text="The host region's code (VR12); null for a national work session.",
    )
    regions = serializers.ListField(
        child=serializers.CharField(max_length=10),
        max_length=MAX_REGIONS,
        required=False,
        help_text="Codes of the regions taking part (the host always takes part).",
    )
    description = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)


class SessionPatch(SessionIn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def _region(code: str | None, name: str) -> Region | None:
    code = (code or "").replace("\x00", "")
    if not code:
        return None
    region = Region.objects.filter(code=code.upper()[:10]).first()
    if region is None:
        raise ValidationError({name: [_("%(field)s: no region with this code.") % {"field": name}]})
    return region


def _regions(codes: list[str]) -> list[Region]:
    wanted = {c.upper() for c in codes}
    found = list(Region.objects.filter(code__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"regions": [_("regions: no region with one of these codes.")]})
    return found


def _detail(session: WorkSession, code: int = status.HTTP_200_OK) -> Response:
    fresh = WorkSession.objects.select_related("host_region").get(pk=session.pk)
    return Response(SessionDetailOut(fresh).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("year", int, description=f"{FIRST_YEAR} to {LAST_YEAR}"),
        OpenApiParameter("region", str, description="Only sessions this region took part in."),
    ],
    request=SessionIn,
    responses={200: SessionOut(many=True), 201: SessionDetailOut},
)
@api_view(["GET", "POST"])
def sessions(request: Request) -> Response:
    """Work sessions, newest first; POST adds one."""
    access.require_member(request.user)
    if request.method == "POST":
        s = SessionIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        session = services.work_session_create(
            actor=core_access.authenticated(request.user),
            title=v["title"],
            held_on=v["held_on"],
            place=v.get("place", ""),
            host_region=_region(v.get("host_region"), "host_region"),
            regions=_regions(v.get("regions", [])),
            description=v.get("description", ""),
        )
        return _detail(session, status.HTTP_201_CREATED)
    q = request.query_params
    year = params.optional_int(q, "year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
    region = _region(q.get("region", "")[:10], "region")
    rows = selectors.session_rows(year=year, region_id=region.pk if region else None)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(SessionOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=SessionDetailOut)
@extend_schema(methods=["PATCH"], request=SessionPatch, responses=SessionDetailOut)
@api_view(["GET", "PATCH"])
def session(request: Request, pk: int) -> Response:
    """A work session with its entries; PATCH changes it."""
    found = access.work_session_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = SessionPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        found = services.work_session_update(
            actor=core_access.authenticated(request.user),
            session=found,
            title=v.get("title", found.title),
            held_on=v.get("held_on", found.held_on),
            place=v.get("place", found.place),
            host_region=(
                _region(v["host_region"], "host_region")
                if "host_region" in v
                else found.host_region
            ),
            regions=(_regions(v["regions"]) if "regions" in v else list(found.regions.all())),
            description=v.get("description", found.description),
        )
    return _detail(found)


urls: list[URLPattern] = [
    path("learning/work-sessions/", sessions, name="api-learning-sessions"),
    path("learning/work-sessions/<id:pk>/", session, name="api-learning-session"),
]
