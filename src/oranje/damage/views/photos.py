"""A damage report's photo, for those who handle the incident's reports (never a public URL);
every view is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, path

from oranje.core.access import authenticated
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.damage.access import damage_incident_for_user, photo_for_user
from oranje.damage.constants import PhotoStatus


@login_required
def damage_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    incident = damage_incident_for_user(request.user, pk)
    found = photo_for_user(request.user, incident, photo)
    if found.status != PhotoStatus.READY or not found.file.name:
        raise Http404  # not yet cleaned of its metadata (or failed): the original is never served
    with transaction.atomic():
        audit_record(
            actor=authenticated(request.user),
            action=AuditAction.DAMAGE_PHOTO_READ,
            obj=found.report,
            region=incident.region,
            note=str(found),
        )
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = (
        f'inline; filename="foto-{found.pk}.{found.file.name.rsplit(".", 1)[-1]}"'
    )
    return response


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/schade/foto/<id:photo>/", damage_photo, name="photo"),
]
