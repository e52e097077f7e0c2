"""Registry API: exchange in PFIF 1.4.

GET  /api/v1/incidents/<id>/registry/pfif/  the incident's registry as a PFIF 1.4 document
     (a registry coordinator of the region; audited and read-logged).
POST /api/v1/incidents/<id>/registry/pfif/  import a PFIF 1.4 document sent as the body
     (Content-Type application/xml or application/pfif+xml; the registry roles): all records
     or none, 201 with the counts or 400 with every problem.
Everyone else gets 404, as on every registry page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import parsers, serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.registry import pfif, services
from oranje.registry.access import registry_incident_for_user, registry_user


class XMLBodyParser(parsers.BaseParser):
    """The body as bytes (at most pfif.MAX_BYTES); pfif.read parses it safely."""

    media_type = "application/xml"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = stream.read(pfif.MAX_BYTES + 1) if stream is not None else b""
        if len(data) > pfif.MAX_BYTES:
            raise ParseError(
                _("The file is larger than %(mb)s MB.") % {"mb": pfif.MAX_BYTES // (1024 * 1024)}
            )
        return data


class PfifBodyParser(XMLBodyParser):
    media_type = "application/pfif+xml"


class PfifImportOut(serializers.Serializer):
    persons_new = serializers.IntegerField(help_text="Persons registered.")
    persons_known = serializers.IntegerField(help_text="Persons already received: untouched.")
    notes_new = serializers.IntegerField(help_text="Notes added.")
    notes_known = serializers.IntegerField(help_text="Notes already received: skipped.")
    entries = serializers.IntegerField(help_text="Notes that became a status entry.")
    duplicates = serializers.IntegerField(
        help_text="Pairs of persons linked as possible duplicates."
    )


class PfifProblemOut(serializers.Serializer):
    record = serializers.CharField(help_text="'person <id>', 'note <id>' or 'file'.")
    field = serializers.CharField()
    message = serializers.CharField()


#: {"errors": [...]}: built inline, "errors" being a Serializer attribute of its own.
PfifProblemsOut = inline_serializer("PfifProblemsOut", {"errors": PfifProblemOut(many=True)})


@extend_schema(
    methods=["GET"],
    summary="Export the incident's registry as PFIF 1.4",
    responses={
        (200, pfif.MIME): OpenApiResponse(
            OpenApiTypes.STR, description="A PFIF 1.4 document (http://zesty.ca/pfif/1.4)."
        )
    },
)
@extend_schema(
    methods=["POST"],
    summary="Import a PFIF 1.4 document into the incident's registry",
    request={"application/xml": OpenApiTypes.STR, "application/pfif+xml": OpenApiTypes.STR},
    responses={201: PfifImportOut, 400: PfifProblemsOut, 415: PfifProblemsOut},
)
@api_view(["GET", "POST"])
@parser_classes([XMLBodyParser, PfifBodyParser])
def pfif_exchange(request: Request, pk: int) -> Response | HttpResponse:
    if request.method == "GET":
        incident = registry_incident_for_user(request.user, pk, coordinate=True)
        export = services.pfif_export(incident=incident, actor=registry_user(request.user))
        response = HttpResponse(export.data, content_type=f"{pfif.MIME}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        response["Cache-Control"] = "no-store"
        return response
    incident = registry_incident_for_user(request.user, pk)
    try:
        data = request.data
    except UnsupportedMediaType:
        problem = {
            "record": _("file"),
            "field": "Content-Type",
            "message": _("Send the PFIF document as application/xml or application/pfif+xml."),
        }
        return Response({"errors": [problem]}, status=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
    if not isinstance(data, bytes) or not data:
        problem = {"record": _("file"), "field": "", "message": _("The body is empty.")}
        return Response({"errors": [problem]}, status=status.HTTP_400_BAD_REQUEST)
    report = services.pfif_import(
        incident=incident, actor=registry_user(request.user), data=data, file_name="api.xml"
    )
    if not report.ok:
        problems = [
            {"record": p.record, "field": p.field, "message": p.message} for p in report.problems
        ]
        return Response({"errors": problems}, status=status.HTTP_400_BAD_REQUEST)
    return Response(
        PfifImportOut(
            {
                "persons_new": report.persons_new,
                "persons_known": report.persons_known,
                "notes_new": report.notes_new,
                "notes_known": report.notes_known,
                "entries": report.entries,
                "duplicates": report.duplicates,
            }
        ).data,
        status=status.HTTP_201_CREATED,
    )


urls: list[URLPattern] = [
    path("incidents/<id:pk>/registry/pfif/", pfif_exchange, name="api-registry-pfif"),
]
