"""Care API: the register of shelter locations of a region (cold phase). The same doors as
the pages: everyone in the region reads, the municipality's managers and the region's care
coordinators write (403 for others, 404 outside the region), through the same services."""

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

from oranje.care.access import location_for_user, locations_for_user
from oranje.care.constants import CAPACITY_MAX, NAME_MAX, TEXT_MAX, LocationKind
from oranje.care.models import CareNorms, Location
from oranje.care.services import locations as services
from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField
from oranje.core.models import Municipality, Region
from oranje.core.rest import Pagination

# ---------------------------------------------------------------- serializers per operation


def _text(max_length: int) -> FreeTextField:
    return FreeTextField(max_length=max_length, required=False, allow_blank=True, default="")


class ShelterLocationContactIn(serializers.Serializer):
    name = FreeTextField(max_length=NAME_MAX)
    role = _text(NAME_MAX)
    phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default="", help_text="06 12345678"
    )
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")


class ShelterLocationIn(serializers.Serializer):
    """A location of the register with its contacts in calling order (a PUT replaces them)."""

    municipality = serializers.CharField(
        max_length=6, help_text="CBS code of a municipality of the region (GM0392)."
    )
    code = FreeTextField(max_length=services.CODE_MAX, help_text="The municipality's own key.")
    name = FreeTextField(max_length=NAME_MAX)
    kind = serializers.ChoiceField(choices=LocationKind.choices, default=LocationKind.OTHER)
    street = _text(NAME_MAX)
    house_number = serializers.IntegerField(
        min_value=1, max_value=99999, required=False, allow_null=True, default=None
    )
    house_addition = _text(10)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    city = _text(NAME_MAX)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, default=None
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True, default=None
    )
    capacity_day = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, default=0)
    capacity_night = serializers.IntegerField(min_value=0, max_value=CAPACITY_MAX, default=0)
    kitchen = serializers.BooleanField(default=False)
    showers = serializers.BooleanField(default=False)
    wheelchair = serializers.BooleanField(default=False)
    pets = serializers.BooleanField(default=False)
    medical_room = serializers.BooleanField(default=False)
    power_backup = serializers.BooleanField(default=False)
    owner = _text(NAME_MAX)
    agreement_until = DayField(required=False, allow_null=True, default=None)
    available = serializers.BooleanField(default=True)
    unavailable_until = DayField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only for a location that is not available.",
    )
    note = _text(TEXT_MAX)
    contacts = ShelterLocationContactIn(many=True, required=False, default=list)

    def validate_contacts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > services.CONTACTS_MAX:
            raise serializers.ValidationError(
                _("contacts: at most %(max)s.") % {"max": services.CONTACTS_MAX}
            )
        return value

    @staticmethod
    def location_data(v: dict[str, Any]) -> services.LocationData:
        contacts = tuple(services.ContactData(**c) for c in v["contacts"])
        fields = {name: v[name] for name in services.FIELDS}
        return services.LocationData(**fields, contacts=contacts)


class ShelterLocationContactOut(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    phone = serializers.CharField(help_text="E.164")
    email = serializers.CharField()


class ShelterLocationOut(serializers.Serializer):
    id = serializers.IntegerField()
    municipality = serializers.CharField(source="municipality.cbs_code")
    municipality_name = serializers.CharField(source="municipality.name")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=LocationKind.choices)
    street = serializers.CharField()
    house_number = serializers.IntegerField(allow_null=True)
    house_addition = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    capacity_day = serializers.IntegerField()
    capacity_night = serializers.IntegerField()
    kitchen = serializers.BooleanField()
    showers = serializers.BooleanField()
    wheelchair = serializers.BooleanField()
    pets = serializers.BooleanField()
    medical_room = serializers.BooleanField()
    power_backup = serializers.BooleanField()
    owner = serializers.CharField()
    agreement_until = serializers.DateField(allow_null=True)
    agreement_state = serializers.SerializerMethodField(
        help_text="'expired', 'ending' (within 90 days) or ''."
    )
    available = serializers.BooleanField()
    unavailable_until = serializers.DateField(allow_null=True)
    available_today = serializers.SerializerMethodField()
    note = serializers.CharField()
    contacts = ShelterLocationContactOut(many=True, source="contacts.all")
    updated_at = serializers.DateTimeField()

    def get_agreement_state(self, obj: Location) -> str:
        return services.agreement_state(obj, timezone.localdate())

    def get_available_today(self, obj: Location) -> bool:
        return obj.available_on(timezone.localdate())


class CareNormsIO(serializers.Serializer):
    """The region's shelter norms (the national ones unless the region set its own)."""

    shelter_hours = serializers.IntegerField(help_text="Shelter ready within (hours).")
    capacity_percent = serializers.IntegerField(help_text="Capacity for this % of those involved.")
    capacity_max = serializers.IntegerField(help_text="Capacity at most (persons).")
    housing_hours = serializers.IntegerField(help_text="Temporary housing within (hours).")


ShelterLocationPageOut = type(
    "ShelterLocationPageOut",
    (serializers.Serializer,),
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": ShelterLocationOut(many=True),
    },
)


# ---------------------------------------------------------------- helpers


def _valid(data: Any) -> dict[str, Any]:
    s = ShelterLocationIn(data=data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _municipality(region: Region, code: str) -> Municipality:
    found = Municipality.objects.current().filter(region=region, cbs_code=code.upper()).first()
    if found is None:
        raise serializers.ValidationError(
            {"municipality": [_("municipality: not a municipality of this region.")]}
        )
    return found


def _out(location: Location, *, code: int = status.HTTP_200_OK) -> Response:
    """The location as stored (its contacts read again after a write)."""
    fresh = (
        Location.objects.select_related("municipality")
        .prefetch_related("contacts")
        .get(pk=location.pk)
    )
    return Response(ShelterLocationOut(fresh).data, status=code)


# ---------------------------------------------------------------- operations


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter("municipality", str, description="CBS code (GM0392)."),
        OpenApiParameter("limit", int),
        OpenApiParameter("offset", int),
    ],
    responses=ShelterLocationPageOut,
)
@extend_schema(methods=["POST"], request=ShelterLocationIn, responses={201: ShelterLocationOut})
@api_view(["GET", "POST"])
def shelter_locations(request: Request, code: str) -> Response:
    """The region's shelter locations by municipality and name, in pages; POST adds one
    (for those who manage its municipality)."""
    region = core_access.region_for_user(request.user, code[:20])
    if request.method == "POST":
        data = _valid(request.data)
        municipality = _municipality(region, data["municipality"])
        location = services.location_save(
            actor=request.user,
            municipality=municipality,
            data=ShelterLocationIn.location_data(data),
        )
        return _out(location, code=status.HTTP_201_CREATED)
    rows = (
        locations_for_user(request.user)
        .filter(municipality__region=region)
        .prefetch_related("contacts")
    )
    wanted = request.query_params.get("municipality", "").strip()
    if wanted:
        rows = rows.filter(municipality=_municipality(region, wanted[:6]))
    paginator = Pagination()
    view: Any = shelter_locations
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(ShelterLocationOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=ShelterLocationOut)
@extend_schema(methods=["PUT"], request=ShelterLocationIn, responses=ShelterLocationOut)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "PUT", "DELETE"])
def shelter_location(request: Request, pk: int) -> Response:
    """One location with its contacts; PUT replaces it (contacts included), DELETE removes it
    unless it has been opened as a shelter (400)."""
    manage = request.method != "GET"
    location = location_for_user(request.user, pk, manage=manage)
    if request.method == "PUT":
        data = _valid(request.data)
        municipality = _municipality(location.municipality.region, data["municipality"])
        saved = services.location_save(
            actor=request.user,
            municipality=municipality,
            data=ShelterLocationIn.location_data(data),
            location=location,
        )
        return _out(saved)
    if request.method == "DELETE":
        services.location_delete(actor=request.user, location=location)
        return Response(status=status.HTTP_204_NO_CONTENT)
    return _out(location)


@extend_schema(methods=["GET"], responses=CareNormsIO)
@extend_schema(methods=["PUT"], request=CareNormsIO, responses=CareNormsIO)
@api_view(["GET", "PUT"])
def care_norms(request: Request, code: str) -> Response:
    """The region's care norms; PUT sets them (the region's managers only)."""
    region = core_access.region_for_user(request.user, code[:20], manage=request.method == "PUT")
    if request.method == "PUT":
        s = CareNormsIO(data=request.data)
        s.is_valid(raise_exception=True)
        norms = services.care_norms_save(
            actor=request.user, region=region, data=services.NormsData(**s.validated_data)
        )
        return Response(CareNormsIO(norms).data)
    return Response(CareNormsIO(CareNorms.for_region(region.pk)).data)


urls: list[URLPattern] = [
    path("regions/<str:code>/care-norms/", care_norms, name="api-care-norms"),
    path(
        "regions/<str:code>/shelter-locations/",
        shelter_locations,
        name="api-shelter-locations",
    ),
    path("shelter-locations/<id:pk>/", shelter_location, name="api-shelter-location"),
]
