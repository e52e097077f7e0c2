"""The quality room's API, part "agreements": a region's agreements with its municipalities
(the region's monitors see all, a municipality's coordinator or quality monitor theirs),
creating one and changing one (the region's monitors); its lines are replaced whole."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.core.models import Region
from oranje.quality import access
from oranje.quality import selectors_agreements as selectors
from oranje.quality.constants import NOTE_MAX, TEXT_MAX
from oranje.quality.models import MunicipalAgreement
from oranje.quality.selectors_assessment import region_for_assessment
from oranje.quality.services import agreements as services


class LineOut(serializers.Serializer):
    function = serializers.CharField(source="function.code")
    pool = serializers.IntegerField(source="pool_id", allow_null=True)
    pool_name = serializers.SerializerMethodField()
    people = serializers.IntegerField()

    def get_pool_name(self, line: Any) -> str | None:
        return line.pool.name if line.pool else None


class AgreementOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    municipality = serializers.IntegerField(source="municipality_id")
    municipality_name = serializers.CharField(source="municipality.name")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    cpg_hard_on_call = serializers.BooleanField()
    budget_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    signed_on = serializers.DateField(allow_null=True)
    text = serializers.CharField()
    note = serializers.CharField()
    lines = LineOut(many=True, source="lines.all")


class LineIn(serializers.Serializer):
    function = IdField(help_text="A function of the catalogue (id).")
    pool = IdField(
        required=False,
        allow_null=True,
        help_text="A pool of the region serving the municipality, or a regional pool (id).",
    )
    people = serializers.IntegerField(min_value=1, max_value=services.PEOPLE_MAX)


class AgreementIn(serializers.Serializer):
    municipality = IdField(help_text="A municipality of the region (id).")
    starts_on = DayField()
    ends_on = DayField()
    cpg_hard_on_call = serializers.BooleanField(required=False, default=True)
    budget_share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=100,
        required=False,
        allow_null=True,
    )
    signed_on = DayField(required=False, allow_null=True)
    text = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    lines = LineIn(many=True, required=False, max_length=services.LINES_MAX)  # type: ignore[call-arg]


def _data(request: Request) -> services.AgreementIn:
    s = AgreementIn(data=request.data)
    s.is_valid(raise_exception=True)
    v = s.validated_data
    return services.AgreementIn(
        municipality_id=v["municipality"],
        starts_on=v["starts_on"],
        ends_on=v["ends_on"],
        cpg_hard_on_call=v.get("cpg_hard_on_call", True),
        budget_share=v.get("budget_share"),
        signed_on=v.get("signed_on"),
        text=v.get("text", ""),
        note=v.get("note", ""),
        lines=[
            services.LineIn(line["function"], line.get("pool"), line["people"])
            for line in v.get("lines", [])
        ],
    )


def _out(user: Any, region: Region, pk: int, code: int = status.HTTP_200_OK) -> Response:
    found = selectors.agreements(user, region).get(pk=pk)
    return Response(AgreementOut(found).data, status=code)


@extend_schema(methods=["GET"], responses=AgreementOut(many=True))
@extend_schema(methods=["POST"], request=AgreementIn, responses={201: AgreementOut})
@api_view(["GET", "POST"])
def agreements(request: Request, code: str) -> Response:
    """The region's agreements the user sees; POST records a new one."""
    region = core_access.region_for_user(request.user, code)
    if request.method == "POST":
        access.monitor_region_for_user(request.user, region)
        saved = services.agreement_save(
            actor=core_access.authenticated(request.user), region=region, data=_data(request)
        )
        return _out(request.user, region, saved.pk, status.HTTP_201_CREATED)
    region_for_assessment(request.user, region)
    rows = selectors.agreements(request.user, region)
    return Response(AgreementOut(rows, many=True).data)


@extend_schema(methods=["GET"], responses=AgreementOut)
@extend_schema(methods=["PUT"], request=AgreementIn, responses=AgreementOut)
@api_view(["GET", "PUT"])
def agreement(request: Request, pk: int) -> Response:
    """One agreement with its lines; PUT replaces it (lines included)."""
    found: MunicipalAgreement = selectors.agreement_for_user(request.user, pk)
    if request.method == "PUT":
        access.monitor_region_for_user(request.user, found.region)
        services.agreement_save(
            actor=core_access.authenticated(request.user),
            region=found.region,
            agreement=found,
            data=_data(request),
        )
    return _out(request.user, found.region, found.pk)


urls: list[URLPattern] = [
    path("quality/regions/<str:code>/agreements/", agreements, name="api-quality-agreements"),
    path("quality/agreements/<id:pk>/", agreement, name="api-quality-agreement"),
]
