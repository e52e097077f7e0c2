"""Needs and supplies and meal counts of an incident ("Opvang" tab): the list with filters
(open ones first, the long-waiting marked), a need's page with its status, and the meal
counts per day with the count the present guests suggest."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.care import selectors_needs as selectors
from oranje.care.access import can_supply, care_incident_for_user, care_user, need_for_user
from oranje.care.constants import MealMoment, NeedStatus
from oranje.care.forms_needs import (
    MealForm,
    NeedEditForm,
    NeedFilterForm,
    NeedForm,
    NeedStatusForm,
)
from oranje.care.models import Need, Shelter
from oranje.care.services import needs as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context


def _writes(request: HttpRequest, incident: Incident) -> bool:
    return can_supply(request.user, incident) and incident.is_open


def _need_data(cleaned: dict[str, Any]) -> services.NeedData:
    return services.NeedData(
        kind=cleaned["kind"],
        quantity=cleaned["quantity"],
        description=cleaned["description"],
        handler=cleaned["handler"],
        shelter=cleaned["shelter"],
    )


@login_required
def needs_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    form = NeedForm(incident=incident)
    if request.method == "POST":
        core_access.require(can_supply(request.user, incident))
        form = NeedForm(request.POST, incident=incident)
        if form.is_valid():
            try:
                services.need_create(
                    incident=incident,
                    actor=care_user(request.user),
                    data=_need_data(form.cleaned_data),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Need recorded."))
                return redirect("care:needs", incident.pk)
    filters = NeedFilterForm(request.GET or None, incident=incident, auto_id="filter_%s")
    chosen = filters.cleaned_data if filters.is_valid() else {}
    wanted = chosen.get("status") or ""
    statuses = selectors.OPEN_NEEDS if wanted == "" else () if wanted == "all" else (wanted,)
    rows = selectors.needs(
        incident, statuses=statuses, kind=chosen.get("kind") or "", shelter=chosen.get("shelter")
    )
    patience = selectors.need_patience(incident)
    now = timezone.now()
    return render(
        request,
        "care/needs.html",
        {
            **incident_context(request, incident, "care"),
            "rows": [
                (n, n.status in selectors.OPEN_NEEDS and now - n.requested_at > patience)
                for n in rows
            ],
            "filters": filters,
            "form": form,
            "writes": _writes(request, incident),
            "patience_hours": int(patience.total_seconds() // 3600),
            "counts": selectors.need_counts(incident),
        },
        status=400 if form.is_bound else 200,
    )


def _need_in(request: HttpRequest, incident: Incident, need_pk: int, write: bool) -> Need:
    need = need_for_user(request.user, need_pk, write=write)
    if need.incident_id != incident.pk:
        raise Http404
    return need


@login_required
def need_detail(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    need = _need_in(request, incident, need_pk, write=request.method == "POST")
    initial = {
        "kind": need.kind,
        "shelter": need.shelter_id,
        "quantity": need.quantity,
        "description": need.description,
        "handler": need.handler,
        "status": need.status,
    }
    form = NeedEditForm(initial=initial, incident=incident)
    if request.method == "POST":
        form = NeedEditForm(request.POST, incident=incident)
        if form.is_valid():
            try:
                services.need_update(
                    need=need,
                    actor=care_user(request.user),
                    data=_need_data(form.cleaned_data),
                    status=form.cleaned_data["status"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Need saved."))
                return redirect("care:needs", incident.pk)
    return render(
        request,
        "care/need_detail.html",
        {
            **incident_context(request, incident, "care"),
            "need": need,
            "form": form,
            "writes": _writes(request, incident) and bool(services.NEXT_STATUS[need.status]),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def need_status(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    """The list's quick buttons: take on (in progress), done, cancelled."""
    incident = care_incident_for_user(request.user, pk)
    need = _need_in(request, incident, need_pk, write=True)
    form = NeedStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("status: choose one of the statuses."))
    else:
        try:
            services.need_update(
                need=need, actor=care_user(request.user), status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Need %(kind)s: %(status)s.")
                % {"kind": need.get_kind_display(), "status": NeedStatus(need.status).label},
            )
    return redirect("care:needs", incident.pk)


# ---------------------------------------------------------------- meal counts


@login_required
def meals(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    writes = _writes(request, incident)
    open_shelters = list(
        Shelter.objects.filter(incident=incident, closed_at__isnull=True).select_related("location")
    )
    suggestions = [(s, services.meal_suggestion(s)) for s in open_shelters] if writes else []
    initial: dict[str, object] = {"day": timezone.localdate()}
    chosen = request.GET.get("opvang", "")
    for shelter, suggestion in suggestions:
        if str(shelter.pk) == chosen:
            initial |= {
                "shelter": shelter.pk,
                "count": suggestion.count,
                "special": suggestion.special,
            }
    form = MealForm(initial=initial, incident=incident)
    if request.method == "POST":
        core_access.require(can_supply(request.user, incident))
        form = MealForm(request.POST, incident=incident)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meals_record(
                    shelter=data["shelter"],
                    actor=care_user(request.user),
                    data=services.MealData(
                        day=data["day"],
                        moment=data["moment"],
                        count=data["count"],
                        special=data["special"] or 0,
                    ),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Meal count recorded."))
                return redirect("care:meals", incident.pk)
    return render(
        request,
        "care/meals.html",
        {
            **incident_context(request, incident, "care"),
            "days": selectors.meal_days(incident),
            "moments": MealMoment.choices,
            "suggestions": suggestions,
            "form": form,
            "writes": writes,
        },
        status=400 if form.is_bound else 200,
    )


def urls(one: str) -> list[URLPattern]:
    """The pages below one incident's "Opvang" path."""
    return [
        path(one + "behoeften/", needs_list, name="needs"),
        path(one + "behoeften/<id:need_pk>/", need_detail, name="need"),
        path(one + "behoeften/<id:need_pk>/status/", need_status, name="need_status"),
        path(one + "maaltijden/", meals, name="meals"),
    ]
