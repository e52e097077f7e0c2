"""The learning room's API, part "network": the national network's directory (members), its
meetings (with each body's count against its minimum for a year, documents listed, decisions)
and the advisory questions to the national board. Every member reads; a region's
coordinators and administrators keep their region's lines of the directory; the national
monitors and administrators write the rest (as the pages)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import Region
from oranje.core.rest import Pagination
from oranje.learning import access
from oranje.learning import selectors_network as selectors
from oranje.learning.constants import (
    ADDRESS_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AdviceKind,
    AdviceStatus,
    Body,
    MeetingStatus,
    NetworkRole,
)
from oranje.learning.models import AdvisoryQuestion, Meeting, NetworkMember
from oranje.learning.services import network as services

# --- the directory -------------------------------------------------------------------------


class MemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=NetworkRole.choices)
    region = serializers.CharField(source="region.code", allow_null=True)
    organisation = serializers.CharField()
    portfolio = serializers.CharField()
    bodies = serializers.ListField(child=serializers.ChoiceField(choices=Body.choices))
    email = serializers.CharField()
    phone = serializers.CharField()
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class MemberIn(serializers.Serializer):
    name = FreeTextField(max_length=NAME_MAX)
    role = serializers.ChoiceField(choices=NetworkRole.choices)
    region = serializers.CharField(
        max_length=10, required=False, allow_null=True, help_text="Region code; null: national."
    )
    organisation = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    portfolio = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    bodies = serializers.ListField(
        child=serializers.ChoiceField(choices=Body.choices), max_length=10, required=False
    )
    email = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    phone = FreeTextField(max_length=services.PHONE_MAX, required=False, allow_blank=True)
    since = DayField(required=False, allow_null=True)
    until = DayField(required=False, allow_null=True)


class MemberPatch(MemberIn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def _region(code: str | None, name: str = "region") -> Region | None:
    code = (code or "").replace("\x00", "")
    if not code:
        return None
    region = Region.objects.filter(code=code.upper()[:10]).first()
    if region is None:
        raise ValidationError({name: [_("%(field)s: no region with this code.") % {"field": name}]})
    return region


def _choice(value: str, choices: Any, name: str) -> str:
    if value and value not in choices.values:
        raise ValidationError(
            {
                name: [
                    _("%(field)s: choose one of %(allowed)s.")
                    % {"field": name, "allowed": ", ".join(choices.values)}
                ]
            }
        )
    return value


def _flag(value: str, name: str) -> bool:
    if value not in ("", "true", "false", "1", "0"):
        raise ValidationError({name: [_("%(field)s: use true or false.") % {"field": name}]})
    return value in ("true", "1")


def _member_out(member: NetworkMember, code: int = status.HTTP_200_OK) -> Response:
    fresh = NetworkMember.objects.select_related("region").get(pk=member.pk)
    return Response(MemberOut(fresh).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("role", str, enum=NetworkRole.values),
        OpenApiParameter("region", str, description="Region code"),
        OpenApiParameter("body", str, enum=Body.values),
        OpenApiParameter("q", str, description="Part of a name, organisation or portfolio."),
        OpenApiParameter("former", bool, description="Also those who left the network."),
    ],
    request=MemberIn,
    responses={200: MemberOut(many=True), 201: MemberOut},
)
@api_view(["GET", "POST"])
def members(request: Request) -> Response:
    """The directory, by role; POST adds a line."""
    access.require_member(request.user)
    if request.method == "POST":
        s = MemberIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = dict(s.validated_data)
        v["region"] = _region(v.get("region"))
        member = services.member_save(actor=core_access.authenticated(request.user), **v)
        return _member_out(member, status.HTTP_201_CREATED)
    q = request.query_params
    region = _region(q.get("region", "")[:10])
    f = selectors.DirectoryFilter(
        role=_choice(q.get("role", ""), NetworkRole, "role"),
        region_id=region.pk if region else None,
        body=_choice(q.get("body", ""), Body, "body"),
        text=q.get("q", "")[:100].replace("\x00", "").strip(),
        former=_flag(q.get("former", ""), "former"),
    )
    rows = [m for g in selectors.directory(f) for m in g.members]
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(MemberOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=MemberOut)
@extend_schema(methods=["PATCH"], request=MemberPatch, responses=MemberOut)
@api_view(["GET", "PATCH"])
def member(request: Request, pk: int) -> Response:
    found = access.member_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = MemberPatch(data=request.data)
        s.is_valid(raise_exception=True)
        v = dict(s.validated_data)
        current = {name: getattr(found, name) for name in services.MEMBER_FIELDS}
        if "region" in v:
            v["region"] = _region(v["region"])
        found = services.member_save(
            actor=core_access.authenticated(request.user), member=found, **{**current, **v}
        )
    return _member_out(found)


# --- meetings ------------------------------------------------------------------------------


class DocumentOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, document: Any) -> str:
        return reverse("learning:meeting_document", args=[document.pk])


class DecisionOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    owner = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)


class MeetingOut(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.ChoiceField(choices=Body.choices)
    held_on = serializers.DateField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    place = serializers.CharField()
    theme = serializers.CharField()


class MeetingDetailOut(MeetingOut):
    agenda = serializers.CharField()
    minutes = serializers.CharField()
    documents = DocumentOut(many=True, source="documents.all")
    decisions = DecisionOut(many=True, source="decisions.all")


class MeetingIn(serializers.Serializer):
    body = serializers.ChoiceField(choices=Body.choices)
    held_on = DayField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)
    place = FreeTextField(max_length=ADDRESS_MAX, required=False, allow_blank=True)
    theme = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    agenda = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    minutes = FreeTextField(max_length=services.MINUTES_MAX, required=False, allow_blank=True)


class MeetingPatch(MeetingIn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class DecisionIn(serializers.Serializer):
    text = FreeTextField(max_length=NOTE_MAX)
    owner = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    deadline = DayField(required=False, allow_null=True)


class BodyYearOut(serializers.Serializer):
    body = serializers.ChoiceField(choices=Body.choices)
    year = serializers.IntegerField()
    minimum = serializers.IntegerField()
    held = serializers.IntegerField()
    to_come = serializers.IntegerField(help_text="Planned meetings still to come this year.")
    behind = serializers.BooleanField()
    warnings = serializers.ListField(child=serializers.CharField())
    meetings = MeetingOut(many=True)


def _year(q: Any) -> int:
    found = params.optional_int(q, "year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
    return found if found is not None else timezone.localdate().year


def _meeting_out(meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
    return Response(MeetingDetailOut(Meeting.objects.get(pk=meeting.pk)).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("year", int, description=f"{FIRST_YEAR} to {LAST_YEAR}; this year"),
        OpenApiParameter("body", str, enum=Body.values),
    ],
    request=MeetingIn,
    responses={200: MeetingOut(many=True), 201: MeetingDetailOut},
)
@api_view(["GET", "POST"])
def meetings(request: Request) -> Response:
    """The meetings of a year (earliest first); POST plans one (national only)."""
    access.require_member(request.user)
    if request.method == "POST":
        user = access.require_national(request.user)
        s = MeetingIn(data=request.data)
        s.is_valid(raise_exception=True)
        meeting = services.meeting_save(actor=user, **s.validated_data)
        return _meeting_out(meeting, status.HTTP_201_CREATED)
    q = request.query_params
    year = _year(q)
    body = _choice(q.get("body", ""), Body, "body")
    rows = Meeting.objects.filter(held_on__year=year).order_by("held_on", "pk")
    if body:
        rows = rows.filter(body=body)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(MeetingOut(page, many=True).data)


@extend_schema(
    parameters=[OpenApiParameter("year", int, description=f"{FIRST_YEAR} to {LAST_YEAR}")],
    responses=BodyYearOut(many=True),
)
@api_view(["GET"])
def meeting_overview(request: Request) -> Response:
    """Each body's meetings in a year: held, still planned, its minimum, and the warnings
    when it is behind (the network also in spring and in autumn)."""
    access.require_member(request.user)
    return Response(
        BodyYearOut(selectors.meetings_overview(_year(request.query_params)), many=True).data
    )


@extend_schema(methods=["GET"], responses=MeetingDetailOut)
@extend_schema(methods=["PATCH"], request=MeetingPatch, responses=MeetingDetailOut)
@api_view(["GET", "PATCH"])
def meeting(request: Request, pk: int) -> Response:
    """A meeting with its agenda, minutes, documents and decisions; PATCH changes it."""
    found = access.meeting_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = MeetingPatch(data=request.data)
        s.is_valid(raise_exception=True)
        current = {name: getattr(found, name) for name in services.MEETING_FIELDS}
        found = services.meeting_save(
            actor=core_access.authenticated(request.user),
            meeting=found,
            **{**current, **s.validated_data},
        )
    return _meeting_out(found)


@extend_schema(request=DecisionIn, responses={201: MeetingDetailOut})
@api_view(["POST"])
def meeting_decisions(request: Request, pk: int) -> Response:
    """Record a decision of the meeting."""
    found = access.meeting_for_user(request.user, pk, write=True)
    s = DecisionIn(data=request.data)
    s.is_valid(raise_exception=True)
    services.meeting_decision_add(
        actor=core_access.authenticated(request.user), meeting=found, **s.validated_data
    )
    return _meeting_out(found, status.HTTP_201_CREATED)


# --- advisory questions --------------------------------------------------------------------


class AdviceOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AdviceKind.choices)
    title = serializers.CharField()
    question = serializers.CharField()
    asked_on = serializers.DateField()
    owner = serializers.IntegerField(source="owner_id", allow_null=True)
    owner_name = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    overdue = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=AdviceStatus.choices)
    answer = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)
    note = serializers.CharField()

    def get_overdue(self, advice: AdvisoryQuestion) -> bool:
        return selectors.is_overdue(advice)


class AdviceIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AdviceKind.choices)
    title = FreeTextField(max_length=TITLE_MAX)
    question = FreeTextField(max_length=TEXT_MAX)
    asked_on = DayField()
    owner = IdField(required=False, allow_null=True, help_text="A line of the directory.")
    owner_name = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    deadline = DayField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=AdviceStatus.choices, required=False)
    answer = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    answered_on = DayField(required=False, allow_null=True)
    meeting = IdField(required=False, allow_null=True, help_text="The meeting it was discussed in.")
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


class AdvicePatch(AdviceIn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


def _objects(v: dict[str, Any]) -> dict[str, Any]:
    """The body's ids as objects; an id that does not exist is named."""
    if v.get("owner") is not None:
        owner = NetworkMember.objects.filter(pk=v["owner"]).first()
        if owner is None:
            raise ValidationError({"owner": [_("owner: no such line in the directory.")]})
        v["owner"] = owner
    if v.get("meeting") is not None:
        meeting = Meeting.objects.filter(pk=v["meeting"]).first()
        if meeting is None:
            raise ValidationError({"meeting": [_("meeting: no such meeting.")]})
        v["meeting"] = meeting
    return v


def _advice_out(advice: AdvisoryQuestion, code: int = status.HTTP_200_OK) -> Response:
    return Response(AdviceOut(AdvisoryQuestion.objects.get(pk=advice.pk)).data, status=code)


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, enum=AdviceKind.values),
        OpenApiParameter("status", str, enum=AdviceStatus.values),
        OpenApiParameter("overdue", bool),
    ],
    request=AdviceIn,
    responses={200: AdviceOut(many=True), 201: AdviceOut},
)
@api_view(["GET", "POST"])
def advice_list(request: Request) -> Response:
    """The advisory questions, open ones first, earliest deadline first; POST records one
    (national only)."""
    access.require_member(request.user)
    if request.method == "POST":
        user = access.require_national(request.user)
        s = AdviceIn(data=request.data)
        s.is_valid(raise_exception=True)
        advice = services.advice_save(actor=user, **_objects(dict(s.validated_data)))
        return _advice_out(advice, status.HTTP_201_CREATED)
    q = request.query_params
    f = selectors.AdviceFilter(
        kind=_choice(q.get("kind", ""), AdviceKind, "kind"),
        status=_choice(q.get("status", ""), AdviceStatus, "status"),
        overdue=_flag(q.get("overdue", ""), "overdue"),
    )
    rows = selectors.advice_list(f)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(AdviceOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=AdviceOut)
@extend_schema(methods=["PATCH"], request=AdvicePatch, responses=AdviceOut)
@api_view(["GET", "PATCH"])
def advice(request: Request, pk: int) -> Response:
    found = access.advice_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = AdvicePatch(data=request.data)
        s.is_valid(raise_exception=True)
        current = {
            name: getattr(found, name)
            for name in services.ADVICE_FIELDS
            if name not in ("owner", "meeting")
        }
        current["owner"], current["meeting"] = found.owner, found.meeting
        found = services.advice_save(
            actor=core_access.authenticated(request.user),
            advice=found,
            **{**current, **_objects(dict(s.validated_data))},
        )
    return _advice_out(found)


urls: list[URLPattern] = [
    path("learning/network/members/", members, name="api-learning-members"),
    path("learning/network/members/<id:pk>/", member, name="api-learning-member"),
    path("learning/network/meetings/", meetings, name="api-learning-meetings"),
    path(
        "learning/network/meetings/overview/",
        meeting_overview,
        name="api-learning-meeting-overview",
    ),
    path("learning/network/meetings/<id:pk>/", meeting, name="api-learning-meeting"),
    path(
        "learning/network/meetings/<id:pk>/decisions/",
        meeting_decisions,
        name="api-learning-meeting-decisions",
    ),
    path("learning/network/advice/", advice_list, name="api-learning-advice-list"),
    path("learning/network/advice/<id:pk>/", advice, name="api-learning-advice"),
]
