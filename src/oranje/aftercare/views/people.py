"""The people who came (`/incidenten/<id>/nafase/inzet/`): everyone who arrived on the alert
board with function, arrival, hours and whether the deployment is recorded in readiness;
printable. For whoever sees the incident — the alert board shows the same names and
functions to them. A lead (`can_command`) can record the deployments again (only what is
missing) and send the thank-you with one click; after sending, the delivery counts follow
the worker (htmx) until done."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.aftercare.access import aftercare_incident_for_user
from oranje.aftercare.constants import NOTE_MAX
from oranje.aftercare.selectors_people import (
    channel_counts,
    thanks_recipients,
    thanks_sent,
    who_came,
)
from oranje.aftercare.services.deployments import deployments_record
from oranje.aftercare.services.thanks import default_text, thanks_problem, thanks_send
from oranje.core import access as core_access
from oranje.incidents.access import can_command
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: Seconds between refreshes of the thank-you's counts while items are queued or sending.
POLL_SECONDS = 5


def thanks_panel(user: Any, incident: Incident) -> dict[str, Any]:
    sent = thanks_sent(incident)
    return {
        "incident": incident,
        "sent": sent,
        "busy": any(t.busy for t in sent),
        "poll_seconds": POLL_SECONDS,
    }


def _page(
    request: HttpRequest, incident: Incident, *, text: str = "", error: str = ""
) -> dict[str, Any]:
    rows = who_came(incident)
    leads = can_command(request.user, incident)
    recipients = thanks_recipients(incident) if leads else []
    by_channel = {
        channel: [r for r in recipients if r.channel == channel] for channel in ("mail", "sms", "")
    }
    return {
        **incident_context(request, incident, "aftercare"),
        **thanks_panel(request.user, incident),
        "rows": rows,
        "people": len({r.alert.person_id for r in rows}),
        "missing": sum(1 for r in rows if not r.recorded),
        "leads": leads,
        "problem": thanks_problem(incident) if leads else "",
        "text": text or default_text(incident),
        "text_max": NOTE_MAX,
        "error": error,
        "by_mail": by_channel["mail"],
        "by_sms": by_channel["sms"],
        "unreachable": by_channel[""],
        "reachable": len(by_channel["mail"]) + len(by_channel["sms"]),
        "counts": channel_counts(recipients),
    }


@login_required
def people_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET the list; POST (a lead) sends the thank-you with the text of the form."""
    incident = aftercare_incident_for_user(request.user, pk, command=request.method == "POST")
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            thank_you = thanks_send(
                actor=core_access.authenticated(request.user), incident=incident, text=text
            )
        except ValidationError as exc:
            return render(
                request,
                "aftercare/people.html",
                _page(request, incident, text=text[: NOTE_MAX + 1], error=" ".join(exc.messages)),
                status=400,
            )
        n = thank_you.items.count()
        messages.success(
            request, _("Recipients of the thank-you: %(n)s; sending has started.") % {"n": n}
        )
        return redirect("aftercare:people", incident.pk)
    return render(request, "aftercare/people.html", _page(request, incident))


@login_required
def people_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The thank-you's counts alone, for their refresh (htmx)."""
    incident = aftercare_incident_for_user(request.user, pk)
    return render(request, "aftercare/_people_thanks.html", thanks_panel(request.user, incident))


@login_required
def people_print(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)
    rows = who_came(incident)
    return render(
        request,
        "aftercare/people_print.html",
        {
            "incident": incident,
            "rows": rows,
            "people": len({r.alert.person_id for r in rows}),
            "is_exercise": incident.is_exercise,
        },
    )


@login_required
@require_POST
def people_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A lead records the deployments again: only what is missing is written."""
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    try:
        n = deployments_record(actor=core_access.authenticated(request.user), incident=incident)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Deployments recorded: %(n)s.") % {"n": n}
            if n
            else _("Every deployment was already recorded."),
        )
    return redirect("aftercare:people", incident.pk)


BASE = "incidenten/<id:pk>/nafase/inzet/"

urls: list[URLPattern] = [
    path(BASE, people_page, name="people"),
    path(f"{BASE}stand/", people_status, name="people_status"),
    path(f"{BASE}afdrukken/", people_print, name="people_print"),
    path(f"{BASE}vastleggen/", people_record, name="people_record"),
]
