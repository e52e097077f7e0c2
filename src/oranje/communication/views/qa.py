"""The Q&A list of an incident: questions and approved answers for the information line and
the registry's operators, with a search box and a print view for the phone desk. Everyone
who may see the incident reads the approved items; those who may communicate also see the
drafts and waiting changes, write, approve, order, withdraw and put items on the public
page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oranje.communication import selectors_qa as selectors
from oranje.communication.access import (
    can_communicate,
    communication_incident_for_user,
    qa_for_user,
)
from oranje.communication.constants import ReviewStatus
from oranje.communication.forms_environment import QAFlagForm, QAForm, QAPositionForm, QASearchForm
from oranje.communication.models import QAItem
from oranje.communication.services import qa as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

SAVED = gettext_lazy("Saved as a new version.")
SAVED_WAITING = gettext_lazy(
    "Saved as a new version; the approved text stays in use until it is approved."
)


def _writes(request: HttpRequest, incident: Incident) -> bool:
    return can_communicate(request.user, incident) and incident.is_open


def _search(request: HttpRequest) -> str:
    form = QASearchForm(request.GET or None)
    return form.cleaned_data["zoek"] if form.is_valid() else ""


@login_required
def qa_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    writes = _writes(request, incident)
    search = _search(request)
    items = selectors.qa_list(incident, search=search)
    if not can_communicate(request.user, incident):
        # The information line reads what was approved; drafts are work in progress.
        items = items.filter(status=ReviewStatus.APPROVED)
    listed = list(items)
    # Up and down move an item to its neighbour's place in the list as shown.
    rows = [
        (
            item,
            services.pending_version(item) if writes else None,
            listed[i - 1].position if i > 0 else None,
            listed[i + 1].position if i + 1 < len(listed) else None,
        )
        for i, item in enumerate(listed)
    ]
    retired = (
        list(selectors.qa_list(incident, search=search, retired=True).filter(retired=True))
        if writes
        else []
    )
    return render(
        request,
        "communication/qa_list.html",
        {
            **incident_context(request, incident, "communication"),
            "rows": rows,
            "retired": retired,
            "search": search,
            "search_form": QASearchForm(initial={"zoek": search}),
            "form": QAForm(),
            "writes": writes,
        },
    )


@login_required
def qa_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk, write=True)
    form = QAForm()
    if request.method == "POST":
        form = QAForm(request.POST)
        if form.is_valid():
            try:
                services.qa_create(
                    incident=incident,
                    actor=core_access.authenticated(request.user),
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Question added as a draft; approve it to use it."))
                return redirect("communication:qa", incident.pk)
    return render(
        request,
        "communication/qa_new.html",
        {**incident_context(request, incident, "communication"), "form": form},
        status=400 if form.is_bound else 200,
    )


def _item(request: HttpRequest, pk: int, qa_pk: int, write: bool) -> tuple[Incident, QAItem]:
    incident = communication_incident_for_user(request.user, pk)
    return incident, qa_for_user(request.user, incident, qa_pk, write=write)


@login_required
def qa_detail(request: HttpRequest, pk: int, qa_pk: int) -> HttpResponse:
    incident, item = _item(request, pk, qa_pk, write=request.method == "POST")
    pending = services.pending_version(item)
    current = pending or item
    form = QAForm(initial={"question": current.question, "answer": current.answer})
    if request.method == "POST":
        form = QAForm(request.POST)
        if form.is_valid():
            try:
                services.qa_update(
                    item=item,
                    actor=core_access.authenticated(request.user),
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                waits = item.status == ReviewStatus.APPROVED
                messages.success(request, str(SAVED_WAITING if waits else SAVED))
                return redirect("communication:qa_item", incident.pk, item.pk)
    return render(
        request,
        "communication/qa_detail.html",
        {
            **incident_context(request, incident, "communication"),
            "item": item,
            "pending": pending,
            "versions": item.versions.order_by("-number"),
            "form": form,
            "writes": _writes(request, incident) and not item.retired,
            "communicates": _writes(request, incident),
        },
        status=400 if form.is_bound else 200,
    )


def _back(request: HttpRequest, incident: Incident, item: QAItem) -> HttpResponse:
    """Back to the item's page when the button was there, else to the list at the item."""
    if request.POST.get("terug") == "vraag":
        return redirect("communication:qa_item", incident.pk, item.pk)
    return redirect(reverse("communication:qa", args=[incident.pk]) + f"#qa-{item.pk}")


@login_required
@require_POST
def qa_approve(request: HttpRequest, pk: int, qa_pk: int) -> HttpResponse:
    incident, item = _item(request, pk, qa_pk, write=True)
    try:
        services.qa_approve(item=item, actor=core_access.authenticated(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Approved: the information line uses this answer now."))
    return _back(request, incident, item)


@login_required
@require_POST
def qa_public(request: HttpRequest, pk: int, qa_pk: int) -> HttpResponse:
    incident, item = _item(request, pk, qa_pk, write=True)
    form = QAFlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("public: choose on or off the public page."))
        return _back(request, incident, item)
    public = form.cleaned_data["value"]
    try:
        services.qa_set_public(
            item=item, actor=core_access.authenticated(request.user), public=public
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("On the public page.") if public else _("Taken off the public page.")
        )
    return _back(request, incident, item)


@login_required
@require_POST
def qa_retire(request: HttpRequest, pk: int, qa_pk: int) -> HttpResponse:
    incident, item = _item(request, pk, qa_pk, write=True)
    form = QAFlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("withdrawn: choose to withdraw the item or to put it back."))
        return _back(request, incident, item)
    retired = form.cleaned_data["value"]
    try:
        services.qa_retire(
            item=item, actor=core_access.authenticated(request.user), retired=retired
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Withdrawn.") if retired else _("Put back in the list."))
    return _back(request, incident, item)


@login_required
@require_POST
def qa_move(request: HttpRequest, pk: int, qa_pk: int) -> HttpResponse:
    incident, item = _item(request, pk, qa_pk, write=True)
    form = QAPositionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("position", [])))
        return _back(request, incident, item)
    try:
        services.qa_move(
            item=item,
            actor=core_access.authenticated(request.user),
            position=form.cleaned_data["position"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, incident, item)


@login_required
def qa_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved answers on paper for the phone desk, numbered as in the list."""
    incident = communication_incident_for_user(request.user, pk)
    return render(
        request,
        "communication/qa_print.html",
        {
            "incident": incident,
            "is_exercise": incident.is_exercise,
            "items": selectors.qa_approved(incident),
        },
    )


def _one(suffix: str) -> str:
    return "incidenten/<id:pk>/communicatie/vragen/<id:qa_pk>/" + suffix


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/communicatie/vragen/", qa_list, name="qa"),
    path("incidenten/<id:pk>/communicatie/vragen/nieuw/", qa_new, name="qa_new"),
    path("incidenten/<id:pk>/communicatie/vragen/afdrukken/", qa_print, name="qa_print"),
    path(_one(""), qa_detail, name="qa_item"),
    path(_one("vaststellen/"), qa_approve, name="qa_approve"),
    path(_one("publiek/"), qa_public, name="qa_public"),
    path(_one("intrekken/"), qa_retire, name="qa_retire"),
    path(_one("volgorde/"), qa_move, name="qa_move"),
]
