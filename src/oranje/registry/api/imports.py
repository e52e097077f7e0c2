"""Registry API: list imports. POST a list (multipart: the file, its sender, the column
mapping) and get the counts, or every bad row (400, nothing imported); GET the incident's
imported lists and the region's senders with their remembered mappings."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core.fields import FreeTextField, IdField
from oranje.core.rest import JSONParser
from oranje.core.tabular import read_header
from oranje.registry import listrows, services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import SenderKind
from oranje.registry.models import ImportBatch, Sender
from oranje.registry.services.imports import UPLOAD_MAX, senders_for

MAPPING_MAX = 10_000


class ImportIn(serializers.Serializer):
    file = serializers.FileField(help_text="The list: CSV (comma or semicolon) or .xlsx.")
    sender = IdField(required=False, help_text="An existing sender of the region.")
    new_sender = FreeTextField(
        max_length=200, required=False, help_text="Or the name of a new sender."
    )
    new_sender_kind = serializers.ChoiceField(
        choices=SenderKind.choices, required=False, default=SenderKind.OTHER
    )
    mapping = serializers.CharField(
        max_length=MAPPING_MAX,
        required=False,
        help_text=(
            "JSON object: Oranje field -> the file's column name. Fields: "
            + ", ".join(f.name for f in listrows.FIELDS)
            + ". Left out: the sender's remembered mapping, else guessed from the headers."
        ),
    )

    def validate_file(self, value: Any) -> Any:
        if value.size > UPLOAD_MAX:
            raise serializers.ValidationError(_("file: larger than 10 MB."))
        return value

    def validate_mapping(self, value: str) -> dict[str, str]:
        try:
            mapping = json.loads(value) if value else {}
        except ValueError:
            mapping = None
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= listrows.HEADER_MAX
            for k, v in mapping.items()
        ):
            raise serializers.ValidationError(
                _("mapping: a JSON object of field names and column names.")
            )
        unknown = sorted(k for k in mapping if k not in listrows.BY_NAME)
        if unknown:
            raise serializers.ValidationError(
                _("mapping: unknown field(s) %(fields)s.") % {"fields": ", ".join(unknown)[:200]}
            )
        return mapping

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("sender")) == bool((attrs.get("new_sender") or "").strip()):
            raise serializers.ValidationError(
                {"sender": [_("Choose a sender or give a new one, not both.")]}
            )
        return attrs


class ImportOut(serializers.Serializer):
    batch = serializers.IntegerField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class RowErrorOut(serializers.Serializer):
    line = serializers.IntegerField(help_text="The row in the file (the header is row 1).")
    column = serializers.CharField(help_text="The file's column name.")
    message = serializers.CharField()


class ImportErrorsOut(serializers.Serializer):
    errors = RowErrorOut(many=True)  # type: ignore[assignment]


class BatchOut(serializers.ModelSerializer):
    sender = serializers.CharField(source="sender.name")

    class Meta:
        model = ImportBatch
        fields = ["id", "sender", "file_name", "rows", "created", "updated", "unchanged"]
        fields += ["imported_at"]


class SenderOut(serializers.ModelSerializer):
    class Meta:
        model = Sender
        fields = ["id", "name", "kind", "mapping"]


@extend_schema(methods=["GET"], responses=BatchOut(many=True))
@extend_schema(
    methods=["POST"],
    request={"multipart/form-data": ImportIn},
    responses={201: ImportOut, 400: ImportErrorsOut},
)
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def imports(request: Request, pk: int) -> Response:
    """The incident's imported lists; POST imports one (all rows or none)."""
    incident = registry_incident_for_user(request.user, pk)
    if request.method == "GET":
        batches = (
            ImportBatch.objects.filter(incident=incident)
            .select_related("sender")
            .order_by("-imported_at")[:200]
        )
        return Response(BatchOut(batches, many=True).data)
    user = registry_user(request.user)
    data_in = ImportIn(data=request.data)
    data_in.is_valid(raise_exception=True)
    values = data_in.validated_data
    senders = {s.pk: s for s in senders_for(incident)}
    sender = senders.get(values.get("sender") or 0)
    if values.get("sender") and sender is None:
        raise DjangoValidationError({"sender": [_("sender: not a sender of this region.")]})
    if sender is None:
        sender = services.sender_create(
            incident=incident,
            actor=user,
            name=values["new_sender"],
            kind=values["new_sender_kind"],
        )
    upload = values["file"]
    data = upload.read()
    mapping = values.get("mapping") or listrows.guess_mapping(
        read_header(data, upload.name or "lijst"), sender.mapping
    )
    result = services.list_import(
        incident=incident,
        actor=user,
        sender=sender,
        file_name=upload.name or "lijst",
        data=data,
        mapping=mapping,
    )
    if not result.ok or result.batch is None:
        problems = [
            {"line": p.line, "column": p.column, "message": p.message} for p in result.problems
        ]
        return Response({"errors": problems}, status=status.HTTP_400_BAD_REQUEST)
    out = {
        "batch": result.batch.pk,
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    return Response(ImportOut(out).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=SenderOut(many=True))
@api_view(["GET"])
def senders(request: Request, pk: int) -> Response:
    """The senders of the incident's region, with the column mapping each last used."""
    incident = registry_incident_for_user(request.user, pk)
    return Response(SenderOut(senders_for(incident), many=True).data)


urls: list[URLPattern] = [
    path("incidents/<id:pk>/registry/imports/", imports, name="api-registry-imports"),
    path("incidents/<id:pk>/registry/senders/", senders, name="api-registry-senders"),
]
