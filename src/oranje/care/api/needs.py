"""Care API: needs and supplies, meal counts and temporary housing of an incident. The same
doors as the pages: needs and meals are read by whoever sees the incident and written by the
care roles and those who manage its shelters; housing is for the care roles only (404)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care import selectors_needs as selectors
from oranje.care.access import (
    can_supply,
    care_incident_for_user,
    care_user,
    housing_for_user,
    meal_for_user,
    need_for_user,
)
from oranje.care.constants import (
    CAPACITY_MAX,
    NAME_MAX,
    TEXT_MAX,
    HousingStatus,
    MealMoment,
    NeedKind,
    NeedStatus,
)
from oranje.care.models import CareNorms, Household, MealCount, Need, Shelter
from oranje.care.services import housing as housing_services
from oranje.care.services import needs as services
from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField, IdField, MomentField
from oranje.core.rest import Pagination
from oranje.incidents.models import Incident


def _valid(serializer: type[serializers.Serializer], data: Any) -> serializers.Serializer:
    s = serializer(data=data)
    s.is_valid(raise_exception=True)
    return s


def _page(request: Request, rows: Any, out: type[serializers.Serializer]) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(out(page, many=True).data)


def _shelter(incident: Incident, pk: int | None) -> Shelter | None:
    if pk is None:
        return None
    found = Shelter.objects.select_related("location").filter(pk=pk, incident=incident).first()
    if found is None:
        raise serializers.ValidationError(
            {"shelter": [_("shelter: not a shelter of this incident.")]}
        )
    return found


# ---------------------------------------------------------------- needs


class NeedOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    shelter = serializers.IntegerField(source="shelter_id", allow_null=True)
    kind = serializers.ChoiceField(choices=NeedKind.choices)
    quantity = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()
    handler = serializers.CharField()
    status = serializers.ChoiceField(choices=NeedStatus.choices)
    requested_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class NeedIn(serializers.Serializer):
    """A need; no names of persons in the description (say what is needed, not for whom)."""

    kind = serializers.ChoiceField(choices=NeedKind.choices)
    shelter = IdField(required=False, allow_null=True, default=None)
    quantity = serializers.IntegerField(
        min_value=1, max_value=CAPACITY_MAX, required=False, allow_null=True, default=None
    )
    description = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")
    handler = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")


class NeedPatch(serializers.Serializer):
    """Any of the need's fields, and/or its next status."""

    kind = serializers.ChoiceField(choices=NeedKind.choices, required=False)
    shelter = IdField(required=False, allow_null=True)
    quantity = serializers.IntegerField(
        min_value=1, max_value=CAPACITY_MAX, required=False, allow_null=True
    )
    description = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    handler = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=NeedStatus.choices, required=False)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "status",
            str,
            description="Comma-separated statuses (default: open and in progress; 'all').",
        ),
        OpenApiParameter("kind", str, enum=NeedKind.values),
    ],
    request=NeedIn,
    responses={200: NeedOut(many=True), 201: NeedOut},
)
@api_view(["GET", "POST"])
def needs(request: Request, pk: int) -> Response:
    """The incident's needs, open ones first; POST records one."""
    incident = care_incident_for_user(request.user, pk)
    if request.method == "POST":
        core_access.require(can_supply(request.user, incident))
        v = _valid(NeedIn, request.data).validated_data
        need = services.need_create(
            incident=incident,
            actor=care_user(request.user),
            data=services.NeedData(
                kind=v["kind"],
                quantity=v["quantity"],
                description=v["description"],
                handler=v["handler"],
                shelter=_shelter(incident, v["shelter"]),
            ),
        )
        return Response(NeedOut(need).data, status=status.HTTP_201_CREATED)
    raw = request.query_params.get("status", "")
    wanted: tuple[str, ...] = (
        selectors.OPEN_NEEDS if not raw else () if raw == "all" else tuple(raw.split(","))
    )
    if any(s not in NeedStatus.values for s in wanted):
        raise serializers.ValidationError({"status": [_("status: unknown value.")]})
    kind = request.query_params.get("kind", "")
    if kind and kind not in NeedKind.values:
        raise serializers.ValidationError({"kind": [_("kind: unknown value.")]})
    return _page(request, selectors.needs(incident, statuses=wanted, kind=kind), NeedOut)


@extend_schema(methods=["PATCH"], request=NeedPatch, responses=NeedOut)
@extend_schema(methods=["GET"], responses=NeedOut)
@api_view(["GET", "PATCH"])
def need(request: Request, pk: int) -> Response:
    """One need; PATCH changes it or moves its status forward (open → in progress → done or
    cancelled)."""
    found: Need = need_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(NeedPatch, request.data).validated_data
        fields = {"kind", "shelter", "quantity", "description", "handler"}
        data = None
        if fields & set(v):
            data = services.NeedData(
                kind=v.get("kind", found.kind),
                quantity=v.get("quantity", found.quantity),
                description=v.get("description", found.description),
                handler=v.get("handler", found.handler),
                shelter=_shelter(found.incident, v["shelter"]) if "shelter" in v else found.shelter,
            )
        found = services.need_update(
            need=found, actor=care_user(request.user), data=data, status=v.get("status")
        )
    return Response(NeedOut(found).data)


# ---------------------------------------------------------------- meals


class MealOut(serializers.Serializer):
    id = serializers.IntegerField()
    shelter = serializers.IntegerField(source="shelter_id")
    day = serializers.DateField()
    moment = serializers.ChoiceField(choices=MealMoment.choices)
    count = serializers.IntegerField()
    special = serializers.IntegerField()
    recorded_at = serializers.DateTimeField()


class MealIn(serializers.Serializer):
    """One shelter's count for one day and moment; recording it again replaces it."""

    shelter = IdField()
    day = DayField()
    moment = serializers.ChoiceField(choices=MealMoment.choices)
    count = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX)
    special = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, default=0)


class MealPatch(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, required=False)
    special = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, required=False)


@extend_schema(request=MealIn, responses={200: MealOut(many=True), 201: MealOut})
@api_view(["GET", "POST"])
def meals(request: Request, pk: int) -> Response:
    """The incident's meal counts (by day, shelter and moment); POST records one."""
    incident = care_incident_for_user(request.user, pk)
    if request.method == "POST":
        core_access.require(can_supply(request.user, incident))
        v = _valid(MealIn, request.data).validated_data
        shelter = _shelter(incident, v["shelter"])
        assert shelter is not None
        meal = services.meals_record(
            shelter=shelter,
            actor=care_user(request.user),
            data=services.MealData(
                day=v["day"], moment=v["moment"], count=v["count"], special=v["special"]
            ),
        )
        return Response(MealOut(meal).data, status=status.HTTP_201_CREATED)
    rows = MealCount.objects.filter(shelter__incident=incident).order_by(
        "day", "shelter", "moment", "pk"
    )
    return _page(request, rows, MealOut)


@extend_schema(methods=["PATCH"], request=MealPatch, responses=MealOut)
@extend_schema(methods=["GET"], responses=MealOut)
@api_view(["GET", "PATCH"])
def meal(request: Request, pk: int) -> Response:
    found = meal_for_user(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        v = _valid(MealPatch, request.data).validated_data
        found = services.meals_record(
            shelter=found.shelter,
            actor=care_user(request.user),
            data=services.MealData(
                day=found.day,
                moment=found.moment,
                count=v.get("count", found.count),
                special=v.get("special", found.special),
            ),
        )
    return Response(MealOut(found).data)


# ---------------------------------------------------------------- housing


class HousingOut(serializers.Serializer):
    id = serializers.IntegerField()
    household = serializers.IntegerField(source="household_id")
    code = serializers.CharField(source="household.code")
    status = serializers.ChoiceField(choices=HousingStatus.choices)
    needed_since = serializers.DateTimeField()
    placed_at = serializers.DateTimeField(allow_null=True)
    address = serializers.CharField()
    until = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    deadline = serializers.SerializerMethodField(help_text="needed_since plus the region's norm")
    norm_met = serializers.SerializerMethodField(help_text="null while not placed")

    def _row(self, obj: Any) -> selectors.HousingRow:
        norm = self.context.get("norm")
        if norm is None:
            norm = self.context["norm"] = CareNorms.for_region(
                obj.household.incident.region_id
            ).housing_delta
        return selectors.measure(obj, norm, timezone.now())

    def get_deadline(self, obj: Any) -> str:
        return self._row(obj).deadline.isoformat()

    def get_norm_met(self, obj: Any) -> bool | None:
        return self._row(obj).met


class HousingIn(serializers.Serializer):
    household = IdField()
    needed_since = MomentField(required=False, allow_null=True, default=None)
    note = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class HousingPatch(serializers.Serializer):
    """`status: placed` with `address` (and `placed_at`, `until`), or `status: ended`."""

    status = serializers.ChoiceField(choices=[HousingStatus.PLACED, HousingStatus.ENDED])
    address = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    placed_at = MomentField(required=False, allow_null=True, default=None)
    until = DayField(required=False, allow_null=True, default=None)
    note = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)


@extend_schema(request=HousingIn, responses={200: HousingOut(many=True), 201: HousingOut})
@api_view(["GET", "POST"])
def housing_list(request: Request, pk: int) -> Response:
    """The households of the incident on the housing list (care roles only); POST puts one
    on it."""
    incident = care_incident_for_user(request.user, pk, desk=True)
    if request.method == "POST":
        v = _valid(HousingIn, request.data).validated_data
        household = Household.objects.filter(pk=v["household"], incident=incident).first()
        if household is None:
            raise serializers.ValidationError(
                {"household": [_("household: not a household of this incident.")]}
            )
        housing = housing_services.housing_mark_needed(
            household=household,
            actor=care_user(request.user),
            since=v["needed_since"],
            note=v["note"],
        )
        return Response(HousingOut(housing).data, status=status.HTTP_201_CREATED)
    rows = [r.housing for r in selectors.housing_rows(incident)]
    housing_services.housing_read(
        actor=care_user(request.user), incident=incident, rows=len(rows), what="api housing"
    )
    return _page(request, rows, HousingOut)


@extend_schema(methods=["PATCH"], request=HousingPatch, responses=HousingOut)
@extend_schema(methods=["GET"], responses=HousingOut)
@api_view(["GET", "PATCH"])
def housing(request: Request, pk: int) -> Response:
    found = housing_for_user(request.user, pk)
    if request.method == "PATCH":
        v = _valid(HousingPatch, request.data).validated_data
        user = care_user(request.user)
        if v["status"] == HousingStatus.ENDED:
            found = housing_services.housing_end(housing=found, actor=user)
        else:
            found = housing_services.housing_place(
                housing=found,
                actor=user,
                address=v["address"],
                placed_at=v["placed_at"],
                until=v["until"],
                note=v.get("note"),
            )
    else:
        housing_services.housing_read(
            actor=care_user(request.user),
            incident=found.household.incident,
            rows=1,
            what="api housing",
        )
    return Response(HousingOut(found).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/care/needs/", needs, name="api-care-needs"),
    path("care/needs/<id:pk>/", need, name="api-care-need"),
    path("incidents/<id:pk>/care/meals/", meals, name="api-care-meals"),
    path("care/meals/<id:pk>/", meal, name="api-care-meal"),
    path("incidents/<id:pk>/care/housing/", housing_list, name="api-care-housing-list"),
    path("care/housing/<id:pk>/", housing, name="api-care-housing"),
]
