"""API: the information and advice centre (IAC). The same doors as the pages: the cases
(households with their questions, contacts, follow-ups and referrals) for the aftercare role
of the region and the head of the aftercare only — every answer that shows them is audited
once — and the weekly figures (counts, no names) for everyone who sees the incident.

A registry person's id is shown (and may be given) only to someone with a registry role in
the region; a shelter stay and damage reports only to who may see them in their own room."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare import selectors_iac as selectors
from oranje.aftercare.access import (
    aftercare_incident_for_user,
    case_by_id_for_user,
    cases_for_user,
)
from oranje.aftercare.constants import (
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    CaseStatus,
    ContactKind,
    QuestionStatus,
    ReferralTo,
    Theme,
)
from oranje.aftercare.models import IacCase
from oranje.aftercare.services import iac as services
from oranje.aftercare.services import iac_reads as reads
from oranje.aftercare.services import iac_work as work
from oranje.care.access import can_desk
from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField, IdField, MomentField
from oranje.core.models import User
from oranje.core.rest import Pagination
from oranje.damage.access import can_handle
from oranje.registry.access import can_register

#: The most damage reports one request links (the service's own limit applies as well).
IDS_MAX = services.DAMAGE_LINKS_MAX


def _valid(serializer: type[serializers.Serializer], data: Any, **kw: Any) -> Any:
    s = serializer(data=data, **kw)
    s.is_valid(raise_exception=True)
    return s.validated_data


class QuestionOut(serializers.Serializer):
    id = serializers.IntegerField()
    theme = serializers.ChoiceField(choices=Theme.choices)
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=QuestionStatus.choices)
    answer = serializers.CharField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)


class ContactOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    at = serializers.DateTimeField()
    summary = serializers.CharField()
    by = serializers.CharField(source="by_name")


class FollowUpOut(serializers.Serializer):
    id = serializers.IntegerField()
    due_on = serializers.DateField()
    text = serializers.CharField()
    assigned_to = serializers.IntegerField(source="assigned_to_id", allow_null=True)
    done_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.SerializerMethodField()

    def get_overdue(self, follow_up: Any) -> bool:
        return follow_up.done_at is None and follow_up.due_on < services.today()


class ReferralOut(serializers.Serializer):
    id = serializers.IntegerField()
    to = serializers.ChoiceField(choices=ReferralTo.choices)
    organisation = serializers.CharField()
    note = serializers.CharField()
    at = serializers.DateTimeField()


class CaseOut(serializers.Serializer):
    """A case; `person`, `household` and `damage_reports` are the linked ids the user may see
    in their own rooms (null or left out otherwise; `*_linked` says whether there is one)."""

    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    number = serializers.IntegerField()
    household_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    postcode = serializers.CharField()
    house_number = serializers.IntegerField(allow_null=True)
    house_addition = serializers.CharField()
    street = serializers.CharField()
    city = serializers.CharField()
    limited_mobility = serializers.BooleanField()
    newsletter_consent = serializers.BooleanField()
    themes = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    closure_note = serializers.CharField()
    updated_at = serializers.DateTimeField()
    person = serializers.SerializerMethodField()
    person_linked = serializers.SerializerMethodField()
    household = serializers.SerializerMethodField()
    household_linked = serializers.SerializerMethodField()
    damage_reports = serializers.SerializerMethodField()

    def _user(self) -> Any:
        return self.context["user"]

    def get_person(self, case: IacCase) -> int | None:
        return case.person_id if can_register(self._user(), case.incident.region_id) else None

    def get_person_linked(self, case: IacCase) -> bool:
        return case.person_id is not None

    def get_household(self, case: IacCase) -> int | None:
        return case.household_id if can_desk(self._user(), case.incident.region_id) else None

    def get_household_linked(self, case: IacCase) -> bool:
        return case.household_id is not None

    def get_damage_reports(self, case: IacCase) -> list[int]:
        if not can_handle(self._user(), case.incident):
            return []
        return sorted(r.pk for r in case.damage_reports.all())


class CaseDetailOut(CaseOut):
    questions = QuestionOut(many=True)
    contacts = ContactOut(many=True)
    follow_ups = FollowUpOut(many=True)
    referrals = ReferralOut(many=True)


class CaseIn(serializers.Serializer):
    """A household's case. `house`: the house number with its addition ('12a'); `person`,
    `household`, `damage_reports`: ids of the same incident that the user may see there."""

    household_name = FreeTextField(max_length=NAME_MAX)
    phone = FreeTextField(max_length=40, required=False, allow_blank=True, default="")
    email = FreeTextField(max_length=EMAIL_MAX, required=False, allow_blank=True, default="")
    postcode = FreeTextField(max_length=10, required=False, allow_blank=True, default="")
    house = FreeTextField(max_length=20, required=False, allow_blank=True, default="")
    street = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    city = FreeTextField(max_length=CITY_MAX, required=False, allow_blank=True, default="")
    limited_mobility = serializers.BooleanField(required=False, default=False)
    newsletter_consent = serializers.BooleanField(required=False, default=False)
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=Theme.choices),
        required=False,
        default=list,
        max_length=len(Theme.values),
    )
    person = IdField(required=False, allow_null=True, default=None)
    household = IdField(required=False, allow_null=True, default=None)
    damage_reports = serializers.ListField(
        child=IdField(), required=False, default=list, max_length=IDS_MAX
    )


class CasePatch(serializers.Serializer):
    """Any of the case's details; a link left out stays as it is."""

    household_name = FreeTextField(max_length=NAME_MAX, required=False)
    phone = FreeTextField(max_length=40, required=False, allow_blank=True)
    email = FreeTextField(max_length=EMAIL_MAX, required=False, allow_blank=True)
    postcode = FreeTextField(max_length=10, required=False, allow_blank=True)
    house = FreeTextField(max_length=20, required=False, allow_blank=True)
    street = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    city = FreeTextField(max_length=CITY_MAX, required=False, allow_blank=True)
    limited_mobility = serializers.BooleanField(required=False)
    newsletter_consent = serializers.BooleanField(required=False)
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=Theme.choices),
        required=False,
        max_length=len(Theme.values),
    )
    person = IdField(required=False, allow_null=True)
    household = IdField(required=False, allow_null=True)
    damage_reports = serializers.ListField(child=IdField(), required=False, max_length=IDS_MAX)


class FilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
    limited_mobility = serializers.BooleanField(required=False, default=False)
    overdue = serializers.BooleanField(required=False, default=False)
    q = FreeTextField(max_length=100, required=False, default="")


class QuestionIn(serializers.Serializer):
    theme = serializers.ChoiceField(choices=Theme.choices)
    text = FreeTextField(max_length=NOTE_MAX)


class ContactIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    at = MomentField(required=False, allow_null=True, default=None)
    summary = FreeTextField(max_length=NOTE_MAX)


class FollowUpIn(serializers.Serializer):
    due_on = DayField()
    text = FreeTextField(max_length=NAME_MAX)
    assigned_to = IdField(required=False, allow_null=True, default=None)


class ReferralIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=ReferralTo.choices)
    organisation = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")


class CloseIn(serializers.Serializer):
    note = FreeTextField(max_length=NOTE_MAX)
    follow_ups_done = serializers.BooleanField(required=False, default=False)


class WeekOut(serializers.Serializer):
    week = serializers.CharField(source="label")
    start = serializers.DateField()
    new = serializers.IntegerField()
    open = serializers.IntegerField(source="open_total")
    open_by_theme = serializers.DictField(child=serializers.IntegerField())
    overdue_follow_ups = serializers.IntegerField(source="overdue")
    contacts = serializers.DictField(child=serializers.IntegerField())


_FILTERS = [
    OpenApiParameter("status", str, enum=CaseStatus.values),
    OpenApiParameter("theme", str, enum=Theme.values),
    OpenApiParameter("limited_mobility", bool),
    OpenApiParameter("overdue", bool, description="with follow-ups past their due date"),
    OpenApiParameter("q", str, description="name, postcode or case number"),
]


def _detail(request: Request, case: IacCase, code: int = 200) -> Response:
    """The case as an answer: every answer that shows a case is a read (logged once)."""
    fresh = IacCase.objects.select_related("incident__region").get(pk=case.pk)
    reads.case_read_logged(
        actor=core_access.authenticated(request.user),
        incident=fresh.incident,
        case=fresh,
        request=request,
    )
    data = CaseDetailOut(fresh, context={"user": request.user}).data
    return Response(data, status=code)


@extend_schema(methods=["GET"], parameters=_FILTERS, responses={200: CaseOut(many=True)})
@extend_schema(methods=["POST"], request=CaseIn, responses={201: CaseDetailOut})
@api_view(["GET", "POST"])
def cases(request: Request, pk: int) -> Response:
    """The incident's IAC cases, open first (filtered, paginated); POST opens one."""
    incident = aftercare_incident_for_user(request.user, pk, iac=True)
    actor = core_access.authenticated(request.user)
    if request.method == "POST":
        v = _valid(CaseIn, request.data)
        case = services.case_open(
            actor=actor,
            incident=incident,
            household_name=v["household_name"],
            phone=v["phone"],
            email=v["email"],
            postcode=v["postcode"],
            house=v["house"],
            street=v["street"],
            city=v["city"],
            limited_mobility=v["limited_mobility"],
            newsletter_consent=v["newsletter_consent"],
            themes=v["themes"],
            person_id=v["person"],
            household_id=v["household"],
            damage_report_ids=tuple(v["damage_reports"]),
        )
        return _detail(request, case, status.HTTP_201_CREATED)
    f = _valid(FilterIn, request.query_params)
    chosen = selectors.CaseFilter(
        status=f.get("status", ""),
        theme=f.get("theme", ""),
        limited_mobility=f["limited_mobility"],
        overdue=f["overdue"],
        search=f["q"],
    )
    paginator = Pagination()
    rows = selectors.case_list(cases_for_user(request.user, incident), chosen).select_related(
        "incident"
    )
    page = paginator.paginate_queryset(rows, request)
    reads.case_read_logged(actor=actor, incident=incident, what="API-lijst", request=request)
    return paginator.get_paginated_response(
        CaseOut(page, many=True, context={"user": request.user}).data
    )


@extend_schema(methods=["GET"], responses=CaseDetailOut)
@extend_schema(methods=["PATCH"], request=CasePatch, responses=CaseDetailOut)
@api_view(["GET", "PATCH"])
def case(request: Request, case_pk: int) -> Response:
    """One case with its questions, contacts, follow-ups and referrals; PATCH changes its
    details or links."""
    found = case_by_id_for_user(request.user, case_pk)
    actor = core_access.authenticated(request.user)
    if request.method == "PATCH":
        v = _valid(CasePatch, request.data)
        renamed = {"person": "person_id", "household": "household_id"}
        changes: dict[str, Any] = {renamed.get(k, k): val for k, val in v.items()}
        if "damage_reports" in changes:
            changes["damage_report_ids"] = tuple(changes.pop("damage_reports"))
        if "themes" in changes:
            changes["themes"] = tuple(changes["themes"])
        services.case_update(actor=actor, case=found, data=services.as_input(found, **changes))
    return _detail(request, found)


def _work(
    request: Request, case_pk: int, serializer: type[serializers.Serializer]
) -> tuple[IacCase, User, Any]:
    found = case_by_id_for_user(request.user, case_pk)
    actor = core_access.authenticated(request.user)
    return found, actor, _valid(serializer, request.data)


@extend_schema(request=QuestionIn, responses={201: QuestionOut})
@api_view(["POST"])
def questions(request: Request, case_pk: int) -> Response:
    found, actor, v = _work(request, case_pk, QuestionIn)
    made = work.question_add(actor=actor, case=found, theme=v["theme"], text=v["text"])
    return Response(QuestionOut(made).data, status=status.HTTP_201_CREATED)


@extend_schema(request=ContactIn, responses={201: ContactOut})
@api_view(["POST"])
def contacts(request: Request, case_pk: int) -> Response:
    found, actor, v = _work(request, case_pk, ContactIn)
    made = work.contact_add(
        actor=actor, case=found, kind=v["kind"], at=v["at"], summary=v["summary"]
    )
    return Response(ContactOut(made).data, status=status.HTTP_201_CREATED)


@extend_schema(request=FollowUpIn, responses={201: FollowUpOut})
@api_view(["POST"])
def follow_ups(request: Request, case_pk: int) -> Response:
    found, actor, v = _work(request, case_pk, FollowUpIn)
    assignee = None
    if v["assigned_to"] is not None:
        assignee = User.objects.filter(pk=v["assigned_to"]).first()
        if assignee is None:
            raise serializers.ValidationError({"assigned_to": [str(work.ASSIGNEE_REFUSED)]})
    made = work.follow_up_add(
        actor=actor, case=found, due_on=v["due_on"], text=v["text"], assigned_to=assignee
    )
    return Response(FollowUpOut(made).data, status=status.HTTP_201_CREATED)


@extend_schema(request=ReferralIn, responses={201: ReferralOut})
@api_view(["POST"])
def referrals(request: Request, case_pk: int) -> Response:
    found, actor, v = _work(request, case_pk, ReferralIn)
    made = work.referral_add(
        actor=actor, case=found, to=v["to"], organisation=v["organisation"], note=v["note"]
    )
    return Response(ReferralOut(made).data, status=status.HTTP_201_CREATED)


@extend_schema(request=CloseIn, responses={200: CaseDetailOut})
@api_view(["POST"])
def close(request: Request, case_pk: int) -> Response:
    """Close the case with a note; open follow-ups refuse it unless `follow_ups_done`."""
    found, actor, v = _work(request, case_pk, CloseIn)
    services.case_close(
        actor=actor, case=found, note=v["note"], follow_ups_done=v["follow_ups_done"]
    )
    return _detail(request, found)


@extend_schema(responses={200: WeekOut(many=True)})
@api_view(["GET"])
def figures(request: Request, pk: int) -> Response:
    """Per ISO week since the incident's start: new cases, open cases (by theme) and overdue
    follow-ups at the week's end, contacts by kind. Counts only, for everyone who sees the
    incident."""
    incident = aftercare_incident_for_user(request.user, pk)
    return Response(WeekOut(selectors.weekly_figures(incident), many=True).data)


_CASE = "aftercare/iac/cases/<id:case_pk>/"

urls: list[URLPattern] = [
    path("incidents/<id:pk>/aftercare/iac/cases/", cases, name="api-iac-cases"),
    path("incidents/<id:pk>/aftercare/iac/figures/", figures, name="api-iac-figures"),
    path(_CASE, case, name="api-iac-case"),
    path(f"{_CASE}questions/", questions, name="api-iac-questions"),
    path(f"{_CASE}contacts/", contacts, name="api-iac-contacts"),
    path(f"{_CASE}follow-ups/", follow_ups, name="api-iac-follow-ups"),
    path(f"{_CASE}referrals/", referrals, name="api-iac-referrals"),
    path(f"{_CASE}close/", close, name="api-iac-close"),
]
