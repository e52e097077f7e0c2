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
from oranje.core.models import Municipality
from oranje.organisation import access, errors, selectors, services
from oranje.organisation.constants import CoverageUnit, OnCallKind, PoolKind, UnavailabilityReason
from oranje.organisation.imports import read_table, roster_import
from oranje.organisation.models import Function, OnCallShift, Person, Pool, Unavailability

# ---------------------------------------------------------------- output serializers


class FunctionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Function
        fields = ["code", "name", "group", "description"]


class PersonOut(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    functions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

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
        ]


class PoolOut(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)
    functions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
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
    function = serializers.SlugRelatedField(slug_field="code", read_only=True)
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


def _functions(codes: list[str]) -> list[Function]:
    found = list(Function.objects.filter(code__in=codes))
    missing = set(codes) - {f.code for f in found}
    if missing:
        raise serializers.ValidationError(f"Onbekende functiecode(s): {', '.join(sorted(missing))}")
    return found


class PersonIn(serializers.Serializer):
    region = serializers.CharField(help_text="Region code, e.g. VR12", required=False)
    given_name = serializers.CharField(max_length=100)
    prefix = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    surname = serializers.CharField(max_length=100)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=30)
    phone_alt = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    municipality = serializers.CharField(
        required=False, allow_null=True, default=None, help_text="CBS code"
    )
    functions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    active = serializers.BooleanField(required=False, default=True)

    def validate_municipality(self, value: str | None) -> Municipality | None:
        if not value:
            return None
        found = Municipality.objects.filter(cbs_code=value.upper()).first()
        if found is None:
            raise serializers.ValidationError(errors.UNKNOWN_MUNICIPALITY % {"value": value})
        return found

    def validate_functions(self, value: list[str]) -> list[Function]:
        return _functions([v.upper() for v in value])


class PoolIn(serializers.Serializer):
    region = serializers.CharField(required=False)
    name = serializers.CharField(max_length=150)
    kind = serializers.ChoiceField(choices=PoolKind.choices)
    municipalities = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )
    functions = serializers.ListField(child=serializers.CharField(), min_length=1)
    members = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    coordinator = serializers.IntegerField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_municipalities(self, value: list[str]) -> list[Municipality]:
        codes = [v.upper() for v in value]
        found = list(Municipality.objects.filter(cbs_code__in=codes))
        missing = set(codes) - {m.cbs_code for m in found}
        if missing:
            raise serializers.ValidationError(
                f"Onbekende gemeente(n): {', '.join(sorted(missing))}"
            )
        return found

    def validate_functions(self, value: list[str]) -> list[Function]:
        return _functions([v.upper() for v in value])


class ShiftIn(serializers.Serializer):
    pool = serializers.IntegerField()
    function = serializers.CharField(help_text="Function code, e.g. OVD-BZ")
    person = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=OnCallKind.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

    def validate_function(self, value: str) -> Function:
        return _functions([value.upper()])[0]


class HandoverIn(serializers.Serializer):
    to_person = serializers.IntegerField()
    from_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class UnavailabilityIn(serializers.Serializer):
    person = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    reason = serializers.ChoiceField(choices=UnavailabilityReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


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


class FunctionViewSet(viewsets.ReadOnlyModelViewSet):
    """The national function catalogue."""

    queryset = Function.objects.all()
    serializer_class = FunctionSerializer
    lookup_field = "code"
    pagination_class = None


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Functionaries in the regions the user may see."""

    serializer_class = PersonOut

    def get_queryset(self):
        qs = access.people_for_user(self.request.user).prefetch_related("functions")
        region = self.request.query_params.get("region")
        return (qs.filter(region__code=region.upper()) if region else qs).order_by("surname", "id")

    def get_object(self) -> Person:
        return access.person_for_user(self.request.user, int(self.kwargs["pk"]))

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
    def partial_update(self, request: Request, pk: str) -> Response:
        person = access.person_for_user(request.user, int(pk), manage=True)
        data_in = PersonIn(data=request.data, partial=True)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        data.pop("region", None)
        functions = data.pop("functions", None)
        person = services.person_update(
            actor=core_access.authenticated(request.user),
            person=person,
            functions=functions,
            **data,
        )
        return Response(PersonOut(person).data)


class PoolViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pools: municipal, intermunicipal and regional."""

    serializer_class = PoolOut

    def get_queryset(self):
        qs = access.pools_for_user(self.request.user).prefetch_related(
            "municipalities", "functions", "members"
        )
        region = self.request.query_params.get("region")
        return (qs.filter(region__code=region.upper()) if region else qs).order_by("name")

    def get_object(self) -> Pool:
        return access.pool_for_user(self.request.user, int(self.kwargs["pk"]))

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
    def update(self, request: Request, pk: str) -> Response:
        pool = access.pool_for_user(request.user, int(pk), manage=True)
        return Response(PoolOut(self._save(request, pool)).data)


class ShiftViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """On-call shifts. Filter with region, from, until, person, pool, function."""

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
            if p.get(key):
                moment = serializers.DateTimeField().to_internal_value(p[key])
                qs = qs.filter(**{lookup: moment})
        for key in ("person", "pool"):
            if p.get(key, "").isdigit():
                qs = qs.filter(**{key: int(p[key])})
        if p.get("function"):
            qs = qs.filter(function__code=p["function"].upper())
        return qs.order_by("starts_at", "id")

    def get_object(self) -> OnCallShift:
        return access.shift_for_user(self.request.user, int(self.kwargs["pk"]))

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

    def destroy(self, request: Request, pk: str) -> Response:
        shift = access.shift_for_user(request.user, int(pk), manage=True)
        services.shift_delete(actor=core_access.authenticated(request.user), shift=shift)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=HandoverIn, responses={200: ShiftOut})
    @action(detail=True, methods=["post"], url_path="handover")
    def handover(self, request: Request, pk: str) -> Response:
        """Hand the shift (or its remainder from `from_at`) to another pool member."""
        shift = access.shift_for_user(request.user, int(pk), manage=True)
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
        item = access.unavailability_for_user(request.user, int(kwargs["pk"]))
        services.unavailability_delete(actor=core_access.authenticated(request.user), item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OnCallPersonOut(serializers.Serializer):
    shift = serializers.IntegerField()
    person = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    unavailable = serializers.BooleanField()


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
    at = timezone.now()
    if request.query_params.get("at"):
        at = serializers.DateTimeField().to_internal_value(request.query_params["at"])

    def person(entry: selectors.OnCallEntry) -> dict[str, Any]:
        p = entry.shift.person
        return {
            "shift": entry.shift.pk,
            "person": p.pk,
            "name": p.full_name,
            "phone": p.phone,
            "unavailable": entry.unavailable,
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
    weeks_raw = request.query_params.get("weeks", "8")
    if not weeks_raw.isdigit() or not 1 <= int(weeks_raw) <= 26:
        raise DjangoValidationError({"weeks": ["Geef een aantal weken van 1 tot en met 26."]})
    start = timezone.now()
    found = selectors.coverage_gaps([region], start, start + dt.timedelta(weeks=int(weeks_raw)))
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
