"""Registry pages: relatives' inquiries — the intake for a call-centre operator, the ranked
candidates with the engine's reasons, confirming and rejecting them, and the operators'
queue that updates itself. Informing (calls, consent, police, closing): views/informing.py."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import POLL_SECONDS, incident_context
from oranje.registry import selectors_inquiries as selectors
from oranje.registry import services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import CandidateState, ReadKind
from oranje.registry.forms_inquiries import IntakeForm
from oranje.registry.models import Candidate
from oranje.registry.services.informing import is_deceased
from oranje.registry.views import informing
from oranje.registry.views.inquiry_page import inquiry_in, render_inquiry

#: How often the queue asks for news (seconds); a little slower than the logbook.
#: How long a polling queue counts as one read in the read log.
QUEUE_READ_WINDOW = dt.timedelta(minutes=5)
QUEUE_POLL_SECONDS = max(POLL_SECONDS, 10)


def _queue_context(request: HttpRequest, incident: Incident) -> dict[str, object]:
    rows, norm = selectors.queue_rows(incident)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what="wachtrij",
        # The queue polls itself: one entry per operator per window, not one per poll.
        repeat_within=QUEUE_READ_WINDOW,
    )
    return {
        "incident": incident,
        "rows": rows,
        "norm": norm,
        "me": request.user.pk,
        "queue_poll_seconds": QUEUE_POLL_SECONDS,
    }


@login_required
def inquiry_queue(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    return render(
        request,
        "registry/inquiries_queue.html",
        {
            **incident_context(request, incident, "registry"),
            **_queue_context(request, incident),
            "police": selectors.with_the_police(incident),
        },
    )


@login_required
def inquiry_queue_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the queue: htmx asks for it every few seconds."""
    incident = registry_incident_for_user(request.user, pk)
    return render(request, "registry/inquiries_queue_rows.html", _queue_context(request, incident))


@login_required
def inquiry_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    form = IntakeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inquiry = services.inquiry_create(
                incident=incident,
                actor=registry_user(request.user),
                data=form.data_for_service(),
                client_key=form.cleaned_data.get("client_key", ""),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Inquiry %(number)s saved.") % {"number": f"V{inquiry.number}"}
            )
            return redirect("registry:inquiry", incident.pk, inquiry.pk)
    return render(
        request,
        "registry/inquiries_new.html",
        {**incident_context(request, incident, "registry"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def inquiry_detail(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    return render_inquiry(request, inquiry)


@login_required
@require_POST
def inquiry_take(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    services.inquiry_take(inquiry=inquiry, actor=registry_user(request.user))
    messages.success(request, _("You have taken %(inquiry)s.") % {"inquiry": inquiry})
    if request.POST.get("next") == "queue":
        return redirect("registry:inquiry_queue", pk)
    return redirect("registry:inquiry", pk, inquiry.pk)


def _candidate(request: HttpRequest, pk: int, inquiry_pk: int, candidate_pk: int) -> Candidate:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    candidate = inquiry.candidates.select_related("person").filter(pk=candidate_pk).first()
    if candidate is None:
        raise Http404
    candidate.inquiry = inquiry
    return candidate


@login_required
@require_POST
def candidate_confirm(
    request: HttpRequest, pk: int, inquiry_pk: int, candidate_pk: int
) -> HttpResponse:
    candidate = _candidate(request, pk, inquiry_pk, candidate_pk)
    try:
        decided = services.candidate_confirm(candidate=candidate, actor=registry_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if decided.state == CandidateState.AWAITING_SECOND:
            messages.warning(
                request,
                _(
                    "This person is registered as deceased: a second registry officer must "
                    "confirm. The inquiry waits for a second officer in the queue."
                ),
            )
        elif is_deceased(candidate.inquiry):
            messages.success(
                request,
                _(
                    "Confirmed by two officers. The police inform the next of kin; "
                    "Oranje does not call."
                ),
            )
        else:
            messages.success(request, _("Candidate confirmed: call the caller back."))
    return redirect("registry:inquiry", pk, inquiry_pk)


@login_required
@require_POST
def candidate_reject(
    request: HttpRequest, pk: int, inquiry_pk: int, candidate_pk: int
) -> HttpResponse:
    candidate = _candidate(request, pk, inquiry_pk, candidate_pk)
    try:
        services.candidate_reject(candidate=candidate, actor=registry_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Candidate rejected."))
    return redirect("registry:inquiry", pk, inquiry_pk)


_BASE = "incidenten/<id:pk>/registratie/vragen/"
_ONE = _BASE + "<id:inquiry_pk>/"

urls: list[URLPattern] = [
    path(_BASE, inquiry_queue, name="inquiry_queue"),
    path(_BASE + "wachtrij/", inquiry_queue_rows, name="inquiry_queue_rows"),
    path(_BASE + "nieuw/", inquiry_new, name="inquiry_new"),
    path(_ONE, inquiry_detail, name="inquiry"),
    path(_ONE + "nemen/", inquiry_take, name="inquiry_take"),
    path(
        _ONE + "kandidaten/<id:candidate_pk>/bevestigen/",
        candidate_confirm,
        name="candidate_confirm",
    ),
    path(
        _ONE + "kandidaten/<id:candidate_pk>/afwijzen/",
        candidate_reject,
        name="candidate_reject",
    ),
    *informing.urls(_ONE),
]
