"""The organisation room's JSON API (/api/v1/): read through the chokepoints, write through
the services, with input and output serializers per operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.fields import FreeTextField, IdField, MomentField
from oranje.core.models import Municipality
from oranje.core.text import LONG_TEXT
from oranje.organisation import access, errors, selectors, services
from oranje.organisation.api_people import PersonPeopleActions
from oranje.organisation.constants import (
    CoverageUnit,
    OnCallKind,
    PersonKind,
    PoolKind,
    UnavailabilityReason,
)
from oranje.organisation.fields import FunctionCodeField
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import OnCallShift, Person, Pool, Unavailability

# ---------------------------------------------------------------- output serializers


class PersonOut(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    functions = FunctionCodeField(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "given_name",
            "prefix",
            "surname",
            "full_name",
            "email",
            "phone",
            "phone_alt",
            "region",
            "municipality",
            "functions",
            "active",
            "kind",
        ]


class PoolOut(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)
    functions = FunctionCodeField(many=True, read_only=True)
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Pool
        fields = [
            "id",
            "name",
            "kind",
            "region",
            "municipalities",
            "functions",
            "members",
            "coordinator",
            "description",
        ]


class ShiftOut(serializers.ModelSerializer):
    function = FunctionCodeField(read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = OnCallShift
        fields = [
            "id",
            "pool",
            "function",
            "person",
            "person_name",
            "kind",
            "starts_at",
            "ends_at",
            "source",
            "note",
        ]


class UnavailabilityOut(serializers.ModelSerializer):
    class Meta:
        model = Unavailability
        fields = ["id", "person", "starts_at", "ends_at", "reason", "note"]


# ---------------------------------------------------------------- input serializers

#: More members than this in one request is no pool.
MAX_MEMBERS = 2000


class PersonIn(serializers.Serializer):
    region = serializers.CharField(help_text="Region code, e.g. VR12", required=False)
    given_name = FreeTextField(max_length=100)
    prefix = FreeTextField(max_length=10, required=False, allow_blank=True, default="")
    surname = FreeTextField(max_length=100)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=30)
    phone_alt = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    municipality = serializers.CharField(
        required=False, allow_null=True, default=None, help_text="CBS code"
    )
    functions = FunctionCodeField(many=True, required=False, default=list)
    active = serializers.BooleanField(required=False, default=True)
    kind = serializers.ChoiceField(
        choices=PersonKind.choices,
        required=False,
        help_text="key: key-function holder; civil: civil servant without a path. Only when "
        "creating; to move an existing person use POST people/{id}/kind/ with a reason.",
    )

    def validate_municipality(self, value: str | None) -> Municipality | None:
        if not value:
            return None
        found = Municipality.objects.filter(cbs_code=value.upper()).first()
        if found is None:
            raise serializers.ValidationError(errors.UNKNOWN_MUNICIPALITY % {"value": value})
        return found


class PoolIn(serializers.Serializer):
    region = serializers.CharField(required=False)
    name = FreeTextField(max_length=150)
    kind = serializers.ChoiceField(choices=PoolKind.choices)
    municipalities = serializers.ListField(
        child=serializers.CharField(max_length=6), required=False, default=list, max_length=400
    )
    functions = FunctionCodeField(many=True, allow_empty=False)
    members = serializers.ListField(
        child=IdField(), required=False, default=list, max_length=MAX_MEMBERS
    )
    coordinator = IdField(required=False, allow_null=True, default=None)
    description = FreeTextField(required=False, allow_blank=True, default="", max_length=LONG_TEXT)

    def validate_municipalities(self, value: list[str]) -> list[Municipality]:
        codes = [v.upper() for v in value]
        found = list(Municipality.objects.filter(cbs_code__in=codes))
        missing = set(codes) - {m.cbs_code for m in found}
        if missing:
            raise serializers.ValidationError(
                f"Onbekende gemeente(n): {', '.join(sorted(missing))}"
            )
        return found


class ShiftIn(serializers.Serializer):
    pool = IdField()
    function = FunctionCodeField(help_text="Function code, e.g. OVD-BZ")
    person = IdField()
    kind = serializers.ChoiceField(choices=OnCallKind.choices)
    starts_at = MomentField()
    ends_at = MomentField()
    note = FreeTextField(required=False, allow_blank=True, default="", max_length=255)


class HandoverIn(serializers.Serializer):
    to_person = IdField()
    from_at = MomentField(required=False, allow_null=True, default=None)
    reason = FreeTextField(required=False, allow_blank=True, default="", max_length=255)


class UnavailabilityIn(serializers.Serializer):
    person = IdField()
    starts_at = MomentField()
    ends_at = MomentField()
    reason = serializers.ChoiceField(choices=UnavailabilityReason.choices)
    note = FreeTextField(required=False, allow_blank=True, default="", max_length=255)


def _people(user: Any, ids: list[int]) -> list[Person]:
    found = list(access.people_for_user(user).filter(pk__in=ids))
    missing = set(ids) - {p.pk for p in found}
    if missing:
        raise DjangoValidationError({"members": [f"Onbekende persoon/personen: {sorted(missing)}"]})
    return found


def _region_from(request: Request, data: dict[str, Any]):
    code = data.get("region") or request.query_params.get("region")
    if not code:
        raise DjangoValidationError({"region": [errors.REGION_REQUIRED]})
    return core_access.region_for_user(request.user, code)


# ---------------------------------------------------------------- viewsets


class PersonViewSet(
    PersonPeopleActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Functionaries in the regions the user may see."""

    lookup_value_converter = "id"

    serializer_class = PersonOut

    def get_queryset(self):
        qs = access.people_for_user(self.request.user).prefetch_related("functions")
        region = self.request.query_params.get("region")
        kind = self.request.query_params.get("kind")
        if kind:
            if kind not in PersonKind.values:
                raise DjangoValidationError({"kind": [errors.KIND_UNKNOWN % {"value": kind}]})
            qs = qs.filter(kind=kind)
        return (qs.filter(region__code=region.upper()) if region else qs).order_by("surname", "id")

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str),
            OpenApiParameter("kind", str, enum=PersonKind.values),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_object(self) -> Person:
        return access.person_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=PersonIn, responses={201: PersonOut})
    def create(self, request: Request) -> Response:
        data_in = PersonIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        region = _region_from(request, data)
        data.pop("region", None)
        data.pop("active", None)
        person = services.person_create(
            actor=core_access.authenticated(request.user), region=region, **data
        )
        return Response(PersonOut(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonIn, responses={200: PersonOut})
    def partial_update(self, request: Request, pk: int) -> Response:
        person = access.person_for_user(request.user, pk, manage=True)
        data_in = PersonIn(data=request.data, partial=True)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        data.pop("region", None)
        functions = data.pop("functions", None)
        kind = data.pop("kind", None)
        if kind is not None and kind != person.kind:
            raise DjangoValidationError({"kind": [errors.KIND_CHANGE_ELSEWHERE]})
        person = services.person_update(
            actor=core_access.authenticated(request.user),
            person=person,
            functions=functions,
            **data,
        )
        return Response(PersonOut(person).data)


class PoolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pools: municipal, intermunicipal and regional."""

    lookup_value_converter = "id"

    serializer_class = PoolOut

    def get_queryset(self):
        qs = access.pools_for_user(self.request.user).prefetch_related(
            "municipalities", "functions", "members"
        )
        region = self.request.query_params.get("region")
        return (qs.filter(region__code=region.upper()) if region else qs).order_by("name")

    def get_object(self) -> Pool:
        return access.pool_for_user(self.request.user, self.kwargs["pk"])

    def _save(self, request: Request, pool: Pool | None) -> Pool:
        data_in = PoolIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        region = pool.region if pool else _region_from(request, data)
        members = _people(request.user, data["members"])
        coordinator = (
            _people(request.user, [data["coordinator"]])[0] if data["coordinator"] else None
        )
        return services.pool_save(
            actor=core_access.authenticated(request.user),
            region=region,
            pool=pool,
            name=data["name"],
            kind=data["kind"],
            municipalities=data["municipalities"],
            functions=data["functions"],
            members=members,
            coordinator=coordinator,
            description=data["description"],
        )

    @extend_schema(request=PoolIn, responses={201: PoolOut})
    def create(self, request: Request) -> Response:
        return Response(PoolOut(self._save(request, None)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PoolIn, responses={200: PoolOut})
    def update(self, request: Request, pk: int) -> Response:
        pool = access.pool_for_user(request.user, pk, manage=True)
        return Response(PoolOut(self._save(request, pool)).data)


class ShiftViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """On-call shifts. Filter with region, from, until, person, pool, function."""

    lookup_value_converter = "id"

    serializer_class = ShiftOut

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str),
            OpenApiParameter("from", OpenApiTypes.DATETIME),
            OpenApiParameter("until", OpenApiTypes.DATETIME),
            OpenApiParameter("person", int),
            OpenApiParameter("pool", int),
            OpenApiParameter("function", str),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        qs = access.shifts_for_user(self.request.user)
        p = self.request.query_params
        if p.get("region"):
            qs = qs.filter(pool__region__code=p["region"].upper())
        for key, lookup in (("from", "ends_at__gt"), ("until", "starts_at__lt")):
            moment = params.optional_moment(p, key)
            if moment is not None:
                qs = qs.filter(**{lookup: moment})
        for key in ("person", "pool"):
            pk = params.optional_id(p, key)
            if pk is not None:
                qs = qs.filter(**{key: pk})
        if p.get("function"):
            qs = qs.filter(function__code=p["function"].upper())
        return qs.order_by("starts_at", "id")

    def get_object(self) -> OnCallShift:
        return access.shift_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ShiftIn, responses={201: ShiftOut})
    def create(self, request: Request) -> Response:
        data_in = ShiftIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        pool = access.pool_for_user(request.user, data["pool"], manage=True)
        person = _people(request.user, [data["person"]])[0]
        shift = services.shift_create(
            actor=core_access.authenticated(request.user),
            pool=pool,
            function=data["function"],
            person=person,
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            note=data["note"],
        )
        return Response(ShiftOut(shift).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: int) -> Response:
        shift = access.shift_for_user(request.user, pk, manage=True)
        services.shift_delete(actor=core_access.authenticated(request.user), shift=shift)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=HandoverIn, responses={200: ShiftOut})
    @action(detail=True, methods=["post"], url_path="handover")
    def handover(self, request: Request, pk: int) -> Response:
        """Hand the shift (or its remainder from `from_at`) to another pool member."""
        shift = access.shift_for_user(request.user, pk, manage=True)
        data_in = HandoverIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        to_person = _people(request.user, [data_in.validated_data["to_person"]])[0]
        taken = services.shift_hand_over(
            actor=core_access.authenticated(request.user),
            shift=shift,
            to_person=to_person,
            from_at=data_in.validated_data["from_at"],
            reason=data_in.validated_data["reason"],
        )
        return Response(ShiftOut(taken).data)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "RosterImportIn", {"file": serializers.FileField()}
            )
        },
        parameters=[OpenApiParameter("region", str, required=True)],
        responses={
            201: inline_serializer("RosterImportOut", {"created": serializers.IntegerField()}),
            400: inline_serializer(
                "RosterImportErrors",
                {
                    "errors": inline_serializer(
                        "RowErrorOut",
                        {
                            "line": serializers.IntegerField(),
                            "field": serializers.CharField(),
                            "message": serializers.CharField(),
                        },
                        many=True,
                    )
                },
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_(self, request: Request) -> Response:
        """Import a roster spreadsheet (CSV or .xlsx): all rows or none."""
        region = _region_from(request, {})
        upload = request.FILES.get("file")
        if upload is None:
            raise DjangoValidationError({"file": [errors.FILE_REQUIRED]})
        rows = read_table(upload, upload.name)
        report = roster_import(
            actor=core_access.authenticated(request.user),
            region=region,
            rows=rows,
            filename=upload.name,
        )
        if not report.ok:
            problems = [
                {"line": e.line, "field": e.field, "message": e.message} for e in report.errors
            ]
            return Response({"errors": problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"created": report.created}, status=status.HTTP_201_CREATED)


class UnavailabilityViewSet(
    mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Periods people cannot be on call."""

    lookup_value_converter = "id"

    serializer_class = UnavailabilityOut

    def get_queryset(self):
        people = access.people_for_user(self.request.user)
        return Unavailability.objects.filter(person__in=people).order_by("starts_at")

    @extend_schema(request=UnavailabilityIn, responses={201: UnavailabilityOut})
    def create(self, request: Request) -> Response:
        data_in = UnavailabilityIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        person = access.person_for_user(request.user, data.pop("person"))
        item = services.unavailability_create(
            actor=core_access.authenticated(request.user), person=person, **data
        )
        return Response(UnavailabilityOut(item).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = access.unavailability_for_user(request.user, kwargs["pk"])
        services.unavailability_delete(actor=core_access.authenticated(request.user), item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OnCallPersonOut(serializers.Serializer):
    shift = serializers.IntegerField()
    person = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    unavailable = serializers.BooleanField()
    lent_from = serializers.CharField(
        allow_null=True, help_text="Region code when lent to this region (national profile)"
    )


class OnCallRowOut(serializers.Serializer):
    function = serializers.CharField()
    name = serializers.CharField()
    unit_kind = serializers.ChoiceField(choices=CoverageUnit.choices)
    unit = serializers.CharField()
    minimum = serializers.IntegerField()
    short = serializers.BooleanField()
    hard = OnCallPersonOut(many=True)
    soft = OnCallPersonOut(many=True)


@extend_schema(
    parameters=[OpenApiParameter("at", OpenApiTypes.DATETIME, description="Default: now")],
    responses=OnCallRowOut(many=True),
)
@api_view(["GET"])
def on_call_now(request: Request, code: str) -> Response:
    """Who is on call, per function and area, at `at` (default now)."""
    region = core_access.region_for_user(request.user, code)
    at = params.optional_moment(request.query_params, "at") or timezone.now()

    def person(entry: selectors.OnCallEntry) -> dict[str, Any]:
        p = entry.shift.person
        return {
            "shift": entry.shift.pk,
            "person": p.pk,
            "name": p.full_name,
            "phone": p.phone,
            "unavailable": entry.unavailable,
            "lent_from": entry.lent_from.code if entry.lent_from else None,
        }

    rows = [
        {
            "function": row.function.code,
            "name": row.name,
            "unit_kind": row.unit.kind,
            "unit": row.unit.label,
            "minimum": row.need,
            "short": row.short,
            "hard": [person(e) for e in row.hard],
            "soft": [person(e) for e in row.soft],
        }
        for row in selectors.on_call_at(region, at)
    ]
    return Response(rows)


@extend_schema(
    parameters=[OpenApiParameter("weeks", int, description="1–26, default 8")],
    responses=inline_serializer(
        "GapOut",
        {
            "function": serializers.CharField(),
            "unit_kind": serializers.CharField(),
            "unit": serializers.CharField(),
            "starts_at": serializers.DateTimeField(),
            "ends_at": serializers.DateTimeField(),
            "on_call": serializers.IntegerField(),
            "minimum": serializers.IntegerField(),
        },
        many=True,
    ),
)
@api_view(["GET"])
def gaps(request: Request, code: str) -> Response:
    """Coverage gaps in the coming weeks."""
    region = core_access.region_for_user(request.user, code)
    weeks = params.optional_int(request.query_params, "weeks", default=8, minimum=1, maximum=26)
    start = timezone.now()
    found = selectors.coverage_gaps([region], start, start + dt.timedelta(weeks=weeks or 8))
    return Response(
        [
            {
                "function": g.function.code,
                "unit_kind": g.unit.kind,
                "unit": g.unit.label,
                "starts_at": g.starts_at,
                "ends_at": g.ends_at,
                "on_call": g.have,
                "minimum": g.need,
            }
            for g in found
        ]
    )
