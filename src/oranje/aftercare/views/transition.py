"""The transition document's pages: the versions with a button for a new one, one version
(its facts, its texts with the edit form while a draft, refreshing the facts, approving)
and a clean print view."""

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

from oranje.aftercare.access import aftercare_incident_for_user, can_write, document_for_user
from oranje.aftercare.constants import DocumentStatus
from oranje.aftercare.forms_transition import TransitionForm
from oranje.aftercare.models import TransitionDocument
from oranje.aftercare.selectors_transition import documents, facts_display
from oranje.aftercare.services import transition as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.access import can_command
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context


def _context(request: HttpRequest, incident: Incident, doc: TransitionDocument) -> dict[str, Any]:
    draft = doc.status == DocumentStatus.DRAFT
    return {
        **incident_context(request, incident, "aftercare"),
        "doc": doc,
        "facts": facts_display(doc.facts if isinstance(doc.facts, dict) else {}),
        "draft": draft,
        "writes": draft and incident.is_open and can_write(request.user, incident),
        "approves": draft and incident.is_open and can_command(request.user, incident),
    }


@login_required
def transition_list(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the versions; POST: a new draft version."""
    incident = aftercare_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        try:
            doc = services.transition_create(
                actor=core_access.authenticated(request.user), incident=incident
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("aftercare:transitions", incident.pk)
        messages.success(
            request, _("New version made with the facts from the records; check and edit it.")
        )
        return redirect("aftercare:transition", incident.pk, doc.pk)
    return render(
        request,
        "aftercare/transition_list.html",
        {
            **incident_context(request, incident, "aftercare"),
            "documents": documents(incident),
            "writes": incident.is_open and can_write(request.user, incident),
        },
    )


@login_required
def transition_detail(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """GET: the version; POST: save the texts of a draft."""
    incident = aftercare_incident_for_user(request.user, pk)
    doc = document_for_user(request.user, incident, doc_pk, write=request.method == "POST")
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(doc, name) for name in services.TEXTS},
    )
    if request.method == "POST":
        if doc.status != DocumentStatus.DRAFT:
            messages.error(request, services.not_draft_message(doc))
            return redirect("aftercare:transition", incident.pk, doc.pk)
        if form.is_valid():
            try:
                services.transition_update(
                    actor=core_access.authenticated(request.user),
                    doc=doc,
                    **{name: form.cleaned_data[name] for name in services.TEXTS},
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Transition document saved."))
                return redirect("aftercare:transition", incident.pk, doc.pk)
    return render(
        request,
        "aftercare/transition_detail.html",
        {**_context(request, incident, doc), "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def transition_refresh(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)
    doc = document_for_user(request.user, incident, doc_pk, write=True)
    try:
        services.transition_refresh_facts(actor=core_access.authenticated(request.user), doc=doc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Facts taken from the records again."))
    return redirect("aftercare:transition", incident.pk, doc.pk)


@login_required
@require_POST
def transition_approve(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk, command=True)
    doc = document_for_user(request.user, incident, doc_pk)
    try:
        services.transition_approve(actor=core_access.authenticated(request.user), doc=doc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Transition document approved; it no longer changes."))
    return redirect("aftercare:transition", incident.pk, doc.pk)


@login_required
def transition_print(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)
    doc = document_for_user(request.user, incident, doc_pk)
    return render(request, "aftercare/transition_print.html", _context(request, incident, doc))


def _one(suffix: str) -> str:
    return "incidenten/<id:pk>/nafase/overdracht/<id:doc_pk>/" + suffix


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/nafase/overdracht/", transition_list, name="transitions"),
    path(_one(""), transition_detail, name="transition"),
    path(_one("feiten/"), transition_refresh, name="transition_refresh"),
    path(_one("vaststellen/"), transition_approve, name="transition_approve"),
    path(_one("print/"), transition_print, name="transition_print"),
]
