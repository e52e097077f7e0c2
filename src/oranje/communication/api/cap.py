"""Communication API: a warning as CAP 1.2.

GET /api/v1/communication/messages/<id>/cap/  the approved or published warning as a CAP 1.2
    document (application/cap+xml), for everyone who may see its incident; every download is
    in the audit log. A message that cannot be CAP answers 400 naming each field that stops
    it (not a warning, not approved, no instruction, no closed area, no earlier alert)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request

from oranje.communication.access import message_by_id_for_user
from oranje.communication.services import cap, exports
from oranje.core import access as core_access


@extend_schema(
    summary="A warning as CAP 1.2",
    responses={
        (200, cap.MEDIA_TYPE): OpenApiResponse(
            OpenApiTypes.STR,
            description=(
                "A CAP 1.2 alert (urn:oasis:names:tc:emergency:cap:1.2), valid against the "
                "OASIS schema: status Exercise for an exercise, msgType Update or Cancel with "
                "references to every earlier alert of the chain."
            ),
        ),
        400: OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="The message cannot be CAP: field → messages (Dutch).",
        ),
        404: OpenApiResponse(description="No such message, or its incident is not yours."),
    },
)
@api_view(["GET"])
def message_cap(request: Request, pk: int) -> HttpResponse:
    message = message_by_id_for_user(request.user, pk)
    document = cap.cap_alert(message, web=exports.more_info_url(message))
    exports.message_export_record(
        actor=core_access.authenticated(request.user), message=message, what="CAP"
    )
    response = HttpResponse(document, content_type=f"{cap.MEDIA_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cap.cap_identifier(message)}.xml"'
    return response


urls: list[URLPattern] = [
    path("communication/messages/<id:pk>/cap/", message_cap, name="api-message-cap"),
]
