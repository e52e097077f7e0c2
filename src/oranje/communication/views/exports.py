"""A message's ways out by other hands: its CAP 1.2 file, the NL-Alert draft (for the centres
that broadcast), the press release (PDF) and the text for social media. Everyone who may see
the incident sees them; every download (CAP, press release) is in the audit log."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from oranje.communication.access import communication_incident_for_user, message_for_user
from oranje.communication.constants import NL_ALERT_MAX, SOCIAL_MAX, MessageKind
from oranje.communication.models import Message
from oranje.communication.press import press_release_pdf
from oranje.communication.services import cap, exports
from oranje.core import access as core_access
from oranje.incidents.views import incident_context


def _message(request: HttpRequest, pk: int, message_pk: int) -> Message:
    incident = communication_incident_for_user(request.user, pk)
    return message_for_user(request.user, incident, message_pk)


def _file_name(message: Message, suffix: str) -> str:
    prefix = "OEFENING-" if message.incident.is_exercise else ""
    return f"{prefix}{suffix}-{message.incident.region.code.lower()}-{message.pk}"


@require_safe
@login_required
def message_cap(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """The warning's CAP file (download). A message that cannot be CAP goes to the NL-Alert
    page, which says why."""
    message = _message(request, pk, message_pk)
    try:
        document = cap.cap_alert(message, web=exports.more_info_url(message))
    except ValidationError as error:
        for problem in error.messages:
            flash.error(request, problem)
        return redirect("communication:message_nl_alert", pk, message.pk)
    exports.message_export_record(
        actor=core_access.authenticated(request.user), message=message, what="CAP"
    )
    response = HttpResponse(document, content_type=f"{cap.MEDIA_TYPE}; charset=utf-8")
    name = _file_name(message, "cap")
    response["Content-Disposition"] = f'attachment; filename="{name}.xml"'
    return response


@require_safe
@login_required
def message_nl_alert(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """The NL-Alert draft: the text as it would be broadcast, its count and pages, and the CAP
    file for the centre that broadcasts."""
    message = _message(request, pk, message_pk)
    text = exports.nl_alert_text(message)
    problems = cap.cap_problems(message)
    document = ""
    if not problems:
        document = cap.cap_alert(message, web=exports.more_info_url(message)).decode()
    return render(
        request,
        "communication/nl_alert.html",
        {
            **incident_context(request, message.incident, "communication"),
            "message": message,
            "text": text,
            "count": exports.cell_broadcast(text),
            "limit": NL_ALERT_MAX,
            "is_warning": message.kind == MessageKind.WARNING,
            "problems": [p for field in problems.values() for p in field],
            "cap_document": document,
        },
    )


@require_safe
@login_required
def message_press_release(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """The message as a press release (PDF); a draft says CONCEPT on it."""
    message = _message(request, pk, message_pk)
    document = press_release_pdf(message)
    exports.message_export_record(
        actor=core_access.authenticated(request.user), message=message, what="persbericht"
    )
    response = HttpResponse(document, content_type="application/pdf")
    name = _file_name(message, "persbericht")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@require_safe
@login_required
def message_social(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """The text for social media with its count, to copy."""
    message = _message(request, pk, message_pk)
    return render(
        request,
        "communication/social.html",
        {
            **incident_context(request, message.incident, "communication"),
            "message": message,
            "social": exports.social_text(message),
            "limit": SOCIAL_MAX,
            "copied_text": _("Copied."),
        },
    )


_BASE = "incidenten/<id:pk>/communicatie/berichten/<id:message_pk>"

urls: list[URLPattern] = [
    path(f"{_BASE}/cap.xml", message_cap, name="message_cap"),
    path(f"{_BASE}/nl-alert/", message_nl_alert, name="message_nl_alert"),
    path(f"{_BASE}/persbericht.pdf", message_press_release, name="message_press_release"),
    path(f"{_BASE}/sociale-media/", message_social, name="message_social"),
]
