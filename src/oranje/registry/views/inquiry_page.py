"""The inquiry page, shared by the inquiries and informing views: what was asked, the ranked
candidates with the engine's reasons, the linked inquiries, informing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from oranje.incidents.views import incident_context
from oranje.registry import selectors_inquiries as selectors
from oranje.registry import services
from oranje.registry.access import inquiry_for_user, registry_user
from oranje.registry.constants import CandidateState, InquiryStatus, ReadKind
from oranje.registry.forms_inquiries import CallForm, CloseForm
from oranje.registry.models import Inquiry
from oranje.registry.services.informing import is_deceased


def inquiry_in(request: HttpRequest, pk: int, inquiry_pk: int) -> Inquiry:
    """The inquiry of this incident (404 when it is another incident's or not the user's)."""
    inquiry = inquiry_for_user(request.user, inquiry_pk)
    if inquiry.incident_id != pk:
        raise Http404
    return inquiry


def render_inquiry(
    request: HttpRequest,
    inquiry: Inquiry,
    *,
    call_form: CallForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The inquiry page: what was asked, the ranked candidates, informing. Read-logged."""
    user = registry_user(request.user)
    incident = inquiry.incident
    services.read_logged(
        user=user, incident=incident, kind=ReadKind.INQUIRY, object_id=inquiry.pk, what=str(inquiry)
    )
    person = inquiry.person
    notice = getattr(person, "police", None) if person is not None else None
    deceased = is_deceased(inquiry)
    return render(
        request,
        "registry/inquiries_detail.html",
        {
            **incident_context(request, incident, "registry"),
            "inquiry": inquiry,
            "candidates": selectors.candidates(inquiry),
            "linked": selectors.linked(inquiry),
            "maybe_linked": selectors.maybe_linked(inquiry),
            "calls": inquiry.calls.select_related("by"),
            "person": person,
            "notice": notice,
            "deceased": deceased,
            "can_call": not deceased and inquiry.status != InquiryStatus.CLOSED,
            "call_form": call_form or CallForm(),
            "close_form": close_form or CloseForm(),
            "norm": selectors.callback_minutes(incident.region),
            "States": CandidateState,
        },
        status=status,
    )
