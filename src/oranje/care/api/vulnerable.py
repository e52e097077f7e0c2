"""Care API: people with reduced self-reliance. The suppliers of the regions the user may see
(with counts), a supplier's delivery (multipart, all rows or none), its list; an incident's
worklist (filtered by state and need), making it from the area, and a step on a case.

Only the care coordinators and the registry roles of the region: everyone else gets 404. Every
answer holding names writes a VULNERABLE_READ audit entry."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.care import vulnerable_rows
from oranje.care.access import (
    care_incident_for_user,
    care_user,
    case_for_user,
    supplier_for_user,
    vulnerable_regions,
)
from oranje.care.constants import NAME_MAX, PHONE_MAX, TEXT_MAX, CaseState, SupplierKind
from oranje.care.models import Case, CaseEntry, Resident, Shelter, Supplier
from oranje.care.services import vulnerable as services
from oranje.care.views.worklist import NEED_FILTERS, filtered_cases
from oranje.core.fields import FreeTextField, IdField
from oranje.core.params import parse_int
from oranje.core.rest import JSONParser
from oranje.core.tabular import read_header

MAPPING_MAX = 10_000
#: The most residents one answer of a supplier's list holds (the page parameter goes on).
PAGE = 500


class SupplierIn(serializers.Serializer):
    region = serializers.CharField(
        max_length=10, required=False, help_text="The region's code (VR12); on create only."
    )
    name = FreeTextField(max_length=NAME_MAX)
    kind = serializers.ChoiceField(choices=SupplierKind.choices, default=SupplierKind.OTHER)
    contact = FreeTextField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    phone = FreeTextField(max_length=PHONE_MAX, required=False, allow_blank=True, default="")


class SupplierOut(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    residents = serializers.IntegerField(source="residents_count", read_only=True)
    placed = serializers.IntegerField(
        source="placed_count", read_only=True, help_text="Residents with coordinates."
    )

    class Meta:
        model = Supplier
        fields = ["id", "region", "name", "kind", "contact", "phone", "delivered_at"]
        fields += ["mapping", "residents", "placed"]


class DeliveryIn(serializers.Serializer):
    file = serializers.FileField(help_text="The list: CSV (comma or semicolon) or .xlsx.")
    mapping = serializers.CharField(
        max_length=MAPPING_MAX,
        required=False,
        help_text=(
            "JSON object: field -> the file's column name. Fields: "
            + ", ".join(f.name for f in vulnerable_rows.FIELDS)
            + ". Left out: the supplier's remembered mapping, else guessed from the headers."
        ),
    )

    def validate_file(self, value: Any) -> Any:
        if value.size > services.UPLOAD_MAX:
            raise serializers.ValidationError(_("file: larger than 10 MB."))
        return value

    def validate_mapping(self, value: str) -> dict[str, str]:
        try:
            mapping = json.loads(value) if value else {}
        except ValueError:
            mapping = None
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= vulnerable_rows.HEADER_MAX
            for k, v in mapping.items()
        ):
            raise serializers.ValidationError(
                _("mapping: a JSON object of field names and column names.")
            )
        unknown = sorted(k for k in mapping if k not in vulnerable_rows.BY_NAME)
        if unknown:
            raise serializers.ValidationError(
                _("mapping: unknown field(s) %(fields)s.") % {"fields": ", ".join(unknown)[:200]}
            )
        return mapping


class DeliveryOut(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    removed = serializers.IntegerField(help_text="Residents no longer on the list.")


class RowErrorOut(serializers.Serializer):
    line = serializers.IntegerField(help_text="The row in the file (the header is row 1).")
    column = serializers.CharField(help_text="The file's column name.")
    message = serializers.CharField()


class DeliveryErrorsOut(serializers.Serializer):
    errors = RowErrorOut(many=True)  # type: ignore[assignment]


class ResidentOut(serializers.ModelSerializer):
    class Meta:
        model = Resident
        fields = ["id", "ref", "name", "street", "house_number", "house_addition", "postcode"]
        fields += ["city", "latitude", "longitude", "need_mobility", "need_devices"]
        fields += ["need_dementia", "need_language", "need_note", "organisation", "contact"]
        fields += ["phone"]


class EntryOut(serializers.ModelSerializer):
    shelter = serializers.IntegerField(source="shelter_id", allow_null=True)
    by = serializers.CharField(source="by_name")

    class Meta:
        model = CaseEntry
        fields = ["state", "shelter", "note", "at", "by"]


class CaseOut(serializers.ModelSerializer):
    shelter = serializers.IntegerField(source="shelter_id", allow_null=True)
    on_list = serializers.SerializerMethodField(
        help_text="Whether the resident is still on a supplier's list."
    )

    class Meta:
        model = Case
        fields = ["id", "name", "address", "needs", "phone", "state", "shelter", "updated_at"]
        fields += ["on_list"]

    def get_on_list(self, case: Case) -> bool:
        return case.resident_id is not None


class CaseDetailOut(CaseOut):
    entries = EntryOut(many=True, read_only=True)

    class Meta(CaseOut.Meta):
        fields = [*CaseOut.Meta.fields, "entries"]


class StepIn(serializers.Serializer):
    state = serializers.ChoiceField(choices=CaseState.choices)
    shelter = IdField(required=False, allow_null=True, help_text="For 'evacuated' only.")
    note = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True, default="")


class RefreshOut(serializers.Serializer):
    added = serializers.IntegerField()
    total = serializers.IntegerField()


def _supplier_data(values: dict[str, Any]) -> services.SupplierData:
    return services.SupplierData(
        name=values["name"], kind=values["kind"], contact=values["contact"], phone=values["phone"]
    )


def _with_counts(supplier: Supplier) -> Supplier:
    found = [s for s in services.suppliers_with_counts(supplier.region) if s.pk == supplier.pk]
    return found[0] if found else supplier


@extend_schema(methods=["GET"], responses=SupplierOut(many=True))
@extend_schema(methods=["POST"], request=SupplierIn, responses={201: SupplierOut})
@api_view(["GET", "POST"])
def suppliers(request: Request) -> Response:
    """The suppliers of the regions whose lists the user may see; POST adds one."""
    regions = list(vulnerable_regions(request.user))
    if not regions:
        raise Http404
    if request.method == "GET":
        found = [s for region in regions for s in services.suppliers_with_counts(region)]
        return Response(SupplierOut(found, many=True).data)
    data_in = SupplierIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    values = data_in.validated_data
    code = (values.get("region") or "").upper()
    region = next((r for r in regions if r.code == code), None)
    if region is None and not code and len(regions) == 1:
        region = regions[0]
    if region is None:
        raise DjangoValidationError({"region": [_("region: not one of your regions.")]})
    supplier = services.supplier_save(
        actor=care_user(request.user), region=region, data=_supplier_data(values)
    )
    return Response(SupplierOut(_with_counts(supplier)).data, status=status.HTTP_201_CREATED)


@extend_schema(methods=["GET"], responses=SupplierOut)
@extend_schema(methods=["PATCH"], request=SupplierIn, responses=SupplierOut)
@extend_schema(methods=["DELETE"], responses={204: None})
@api_view(["GET", "PATCH", "DELETE"])
def supplier(request: Request, pk: int) -> Response:
    """One supplier with its counts; PATCH changes it; DELETE removes it with its list."""
    found = supplier_for_user(request.user, pk)
    if request.method == "GET":
        return Response(SupplierOut(_with_counts(found)).data)
    user = care_user(request.user)
    if request.method == "DELETE":
        services.supplier_delete(actor=user, supplier=found, with_supplier=True)
        return Response(status=status.HTTP_204_NO_CONTENT)
    current = {"name": found.name, "kind": found.kind, "contact": found.contact}
    current["phone"] = found.phone
    incoming = request.data
    data_in = SupplierIn(data={**current, **incoming} if isinstance(incoming, dict) else incoming)
    data_in.is_valid(raise_exception=True)
    services.supplier_save(
        actor=user, region=found.region, data=_supplier_data(data_in.validated_data), supplier=found
    )
    return Response(SupplierOut(_with_counts(found)).data)


@extend_schema(
    request={"multipart/form-data": DeliveryIn},
    responses={201: DeliveryOut, 400: DeliveryErrorsOut},
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def deliveries(request: Request, pk: int) -> Response:
    """A new delivery: replaces the supplier's list (all rows or none)."""
    found = supplier_for_user(request.user, pk)
    user = care_user(request.user)
    data_in = DeliveryIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    upload = data_in.validated_data["file"]
    data = upload.read()
    name = upload.name or "lijst"
    mapping = data_in.validated_data.get("mapping") or vulnerable_rows.guess_mapping(
        read_header(data, name), found.mapping
    )
    result = services.list_deliver(
        actor=user, supplier=found, file_name=name, data=data, mapping=mapping
    )
    if not result.ok:
        problems = [
            {"line": p.line, "column": p.column, "message": p.message} for p in result.problems
        ]
        return Response({"errors": problems}, status=status.HTTP_400_BAD_REQUEST)
    out = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "removed": result.removed,
    }
    return Response(DeliveryOut(out).data, status=status.HTTP_201_CREATED)


@extend_schema(
    parameters=[OpenApiParameter("page", int, description="1, 2, … (500 residents a page)")],
    responses=ResidentOut(many=True),
)
@api_view(["GET"])
def residents(request: Request, pk: int) -> Response:
    """The supplier's list, 500 residents a page (an audited read)."""
    found = supplier_for_user(request.user, pk)
    page = _page(request.query_params.get("page"))
    rows = list(
        Resident.objects.filter(supplier=found).order_by("pk")[(page - 1) * PAGE : page * PAGE]
    )
    with transaction.atomic():
        services.audit_read(
            actor=care_user(request.user),
            region=found.region,
            supplier=found,
            rows=len(rows),
            what="api",
        )
    return Response(ResidentOut(rows, many=True).data)


def _page(value: str | None) -> int:
    return parse_int(value or "1", field="page", minimum=1, maximum=10_000)


@extend_schema(
    parameters=[
        OpenApiParameter("state", str, enum=CaseState.values),
        OpenApiParameter("need", str, enum=list(NEED_FILTERS)),
    ],
    responses=CaseOut(many=True),
)
@api_view(["GET"])
def worklist(request: Request, pk: int) -> Response:
    """The incident's worklist, by state and need (an audited read)."""
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    state = (request.query_params.get("state") or "")[:20]
    need = (request.query_params.get("need") or "")[:20]
    cases = list(filtered_cases(incident, state, need))
    with transaction.atomic():
        services.audit_read(
            actor=care_user(request.user),
            region=incident.region,
            incident=incident,
            rows=len(cases),
            what="api",
        )
    return Response(CaseOut(cases, many=True).data)


@extend_schema(request=None, responses=RefreshOut)
@api_view(["POST"])
def worklist_refresh(request: Request, pk: int) -> Response:
    """Add the residents of the affected area who are not on the worklist yet."""
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    result = services.worklist_refresh(incident=incident, actor=care_user(request.user))
    return Response(RefreshOut({"added": result.added, "total": result.total}).data)


@extend_schema(methods=["GET"], responses=CaseDetailOut)
@extend_schema(methods=["POST"], request=StepIn, responses={201: CaseDetailOut})
@api_view(["GET", "POST"])
def case(request: Request, pk: int) -> Response:
    """One case with its history; POST records a step (state, shelter, note)."""
    found = case_for_user(request.user, pk)
    user = care_user(request.user)
    if request.method == "GET":
        with transaction.atomic():
            services.audit_read(
                actor=user,
                region=found.incident.region,
                incident=found.incident,
                rows=1,
                what="api",
            )
        return Response(CaseDetailOut(found).data)
    data_in = StepIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    values = data_in.validated_data
    shelter = None
    if values.get("shelter"):
        shelter = Shelter.objects.filter(pk=values["shelter"], incident=found.incident).first()
        if shelter is None:
            raise DjangoValidationError(
                {"shelter": [_("shelter: not a shelter of this incident.")]}
            )
    services.case_update(
        case=found, actor=user, state=values["state"], shelter=shelter, note=values["note"]
    )
    return Response(CaseDetailOut(found).data, status=status.HTTP_201_CREATED)


urls: list[URLPattern] = [
    path("care/suppliers/", suppliers, name="api-care-suppliers"),
    path("care/suppliers/<id:pk>/", supplier, name="api-care-supplier"),
    path("care/suppliers/<id:pk>/deliveries/", deliveries, name="api-care-deliveries"),
    path("care/suppliers/<id:pk>/residents/", residents, name="api-care-residents"),
    path("incidents/<id:pk>/care/worklist/", worklist, name="api-care-worklist"),
    path(
        "incidents/<id:pk>/care/worklist/refresh/",
        worklist_refresh,
        name="api-care-worklist-refresh",
    ),
    path("care/worklist/<id:pk>/", case, name="api-care-case"),
]
