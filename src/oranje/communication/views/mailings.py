"""Sending a published message to the registered affected persons who consented, by e-mail
or SMS: per channel how many would receive it, a send button with a confirmation step, and
per mailing how many items are queued, sent, failed or not sent (refreshing while busy).
Counts only: no name or address reaches this room's pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.communication.access import (
    can_communicate,
    communication_incident_for_user,
    message_for_user,
)
from oranje.communication.constants import MailChannel
from oranje.communication.models import Message
from oranje.communication.services import mailings as service
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: Seconds between refreshes of a mailing's counts while items are queued or sending.
POLL_SECONDS = 5


def mailing_panel(user: Any, incident: Incident, message: Message) -> dict[str, Any]:
    """What the panel shows: per channel the recipients, whether it was sent, and why not."""
    counts = service.recipient_counts(incident)
    done = {m.mailing.channel: m for m in service.message_mailings(message)}
    writes = can_communicate(user, incident) and incident.is_open
    channels = []
    for channel, label in MailChannel.choices:
        problems = service.mailing_problems(message, channel)
        if not problems and not counts[channel]:
            problems = {"channel": [_("Nobody to send to.")]}
        channels.append(
            {
                "channel": channel,
                "label": label,
                "recipients": counts[channel],
                "mailing": done.get(channel),
                "problem": next(iter(problems.values()), [""])[0] if problems else "",
            }
        )
    return {
        "incident": incident,
        "message": message,
        "channels": channels,
        "sendable": service.sendable(message),
        "writes": writes,
        "busy": any(m.busy for m in done.values()),
        "poll_seconds": POLL_SECONDS,
    }


def _objects(request: HttpRequest, pk: int, message_pk: int) -> tuple[Incident, Message]:
    incident = communication_incident_for_user(request.user, pk)
    return incident, message_for_user(request.user, incident, message_pk)


@login_required
def mailing_page(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    incident, message = _objects(request, pk, message_pk)
    return render(
        request,
        "communication/mailing.html",
        {
            **incident_context(request, incident, "communication"),
            **mailing_panel(request.user, incident, message),
        },
    )


@login_required
def mailing_status(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """The panel alone, for its refresh (htmx)."""
    incident, message = _objects(request, pk, message_pk)
    return render(
        request,
        "communication/_mailing_panel.html",
        mailing_panel(request.user, incident, message),
    )


@login_required
def mailing_send(request: HttpRequest, pk: int, message_pk: int, channel: str) -> HttpResponse:
    """GET asks to confirm (how many, which channel); POST sends."""
    if channel not in MailChannel.values:
        raise Http404
    incident = communication_incident_for_user(request.user, pk, write=True)
    message = message_for_user(request.user, incident, message_pk, write=True)
    error = ""
    if request.method == "POST":
        try:
            mailing = service.mailing_create(message=message, channel=channel, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            n = mailing.items.count()
            if mailing.is_exercise:
                text = _(
                    "EXERCISE: the message is recorded for %(n)s recipients and sent to nobody."
                ) % {"n": n}
            else:
                text = _("The message goes to %(n)s recipients by %(channel)s.") % {
                    "n": n,
                    "channel": MailChannel(channel).label,
                }
            messages.success(request, text)
            return redirect("communication:mailing", incident.pk, message.pk)
    problems = service.mailing_problems(message, channel)
    return render(
        request,
        "communication/mailing_confirm.html",
        {
            **incident_context(request, incident, "communication"),
            "message": message,
            "channel": channel,
            "channel_label": MailChannel(channel).label,
            "recipients": service.recipient_counts(incident)[channel],
            "problem": error or " ".join(m for ms in problems.values() for m in ms),
        },
        status=400 if error else 200,
    )


BASE = "incidenten/<id:pk>/communicatie/berichten/<id:message_pk>/verzending/"

urls: list[URLPattern] = [
    path(BASE, mailing_page, name="mailing"),
    path(f"{BASE}stand/", mailing_status, name="mailing_status"),
    path(f"{BASE}<str:channel>/", mailing_send, name="mailing_send"),
]
