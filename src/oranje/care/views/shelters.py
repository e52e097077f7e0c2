"""Pages for opening and running the incident's shelters: open a location (the region's
available locations, nearest to the incident first), a shelter's page (ready, capacity,
close) and the number of people involved. Writes for those who manage the incident's
shelters (`can_manage_shelters`, 403 otherwise); a shelter of another incident is 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.care import selectors
from oranje.care.access import (
    can_manage_shelters,
    care_incident_for_user,
    care_user,
    shelter_for_user,
)
from oranje.care.forms_shelters import CapacityForm, InvolvedForm, ReadyForm, ShelterOpenForm
from oranje.care.models import Shelter
from oranje.care.services import shelters as services
from oranje.care.views.home import desk_path
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.views import incident_context


def _shelter(request: HttpRequest, pk: int, shelter_pk: int, *, manage: bool = False) -> Shelter:
    shelter = shelter_for_user(request.user, shelter_pk, manage=manage)
    if shelter.incident_id != pk:
        raise Http404
    return shelter


@login_required
def shelter_open(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    core_access.require(can_manage_shelters(request.user, incident))
    locations = selectors.openable_locations(incident)
    form = ShelterOpenForm(request.POST or None, locations=locations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            shelter = services.shelter_open(
                incident=incident,
                actor=care_user(request.user),
                location=form.chosen(),
                decided_by=data["decided_by"],
                decided_at=data["decided_at"],
                expected=data["expected"] or 0,
                capacity_day=data["capacity_day"],
                capacity_night=data["capacity_night"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is open.") % {"name": shelter.location.name})
            return redirect("care:shelter", incident.pk, shelter.pk)
    return render(
        request,
        "care/shelter_open.html",
        {**incident_context(request, incident, "care"), "form": form, "locations": locations},
        status=400 if form.errors else 200,
    )


@login_required
def shelter_detail(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    shelter = _shelter(request, pk, shelter_pk)
    incident = shelter.incident
    manages = can_manage_shelters(request.user, incident) and incident.is_open
    running = manages and shelter.is_open
    rows, _totals = selectors.occupancy_board(incident)
    row = next(r for r in rows if r.pk == shelter.pk)
    return render(
        request,
        "care/shelter_detail.html",
        {
            **incident_context(request, incident, "care"),
            "shelter": row,
            "manages": running,
            "desk_path": desk_path(shelter) if shelter.is_open else "",
            "ready_form": ReadyForm() if running and shelter.ready_at is None else None,
            "capacity_form": CapacityForm(
                initial={
                    "capacity_day": shelter.capacity_day,
                    "capacity_night": shelter.capacity_night,
                    "expected": shelter.expected,
                }
            )
            if running
            else None,
        },
    )


def _failed(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def shelter_ready(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    shelter = _shelter(request, pk, shelter_pk, manage=True)
    form = ReadyForm(request.POST)
    if not form.is_valid():
        _failed(request, ValidationError(list(form.errors.values())))
        return redirect("care:shelter", pk, shelter.pk)
    try:
        services.shelter_ready(
            shelter=shelter, actor=care_user(request.user), at=form.cleaned_data["ready_at"]
        )
    except ValidationError as exc:
        _failed(request, exc)
    else:
        messages.success(request, _("%(name)s is ready.") % {"name": shelter.location.name})
    return redirect("care:shelter", pk, shelter.pk)


@login_required
@require_POST
def shelter_capacity(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    shelter = _shelter(request, pk, shelter_pk, manage=True)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.shelter_change(
                shelter=shelter, actor=care_user(request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Capacity saved."))
            return redirect("care:shelter", pk, shelter.pk)
    _failed(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return redirect("care:shelter", pk, shelter.pk)


@login_required
@require_POST
def shelter_close(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    shelter = _shelter(request, pk, shelter_pk, manage=True)
    try:
        services.shelter_close(shelter=shelter, actor=care_user(request.user))
    except ValidationError as exc:
        _failed(request, exc)
        return redirect("care:shelter", pk, shelter.pk)
    messages.success(request, _("%(name)s is closed.") % {"name": shelter.location.name})
    return redirect("care:home", pk)


@login_required
@require_POST
def involved_set(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    core_access.require(can_manage_shelters(request.user, incident))
    form = InvolvedForm(request.POST)
    if not form.is_valid():
        _failed(request, ValidationError([e for errors in form.errors.values() for e in errors]))
        return redirect("care:home", pk)
    try:
        services.involved_set(
            incident=incident,
            actor=care_user(request.user),
            people=form.cleaned_data["people_involved"],
        )
    except ValidationError as exc:
        _failed(request, exc)
    else:
        messages.success(request, _("People involved saved."))
    return redirect("care:home", pk)


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/opvang/openen/", shelter_open, name="shelter_open"),
    path("incidenten/<id:pk>/opvang/betrokkenen/", involved_set, name="involved_set"),
    path("incidenten/<id:pk>/opvang/<id:shelter_pk>/", shelter_detail, name="shelter"),
    path("incidenten/<id:pk>/opvang/<id:shelter_pk>/gereed/", shelter_ready, name="shelter_ready"),
    path(
        "incidenten/<id:pk>/opvang/<id:shelter_pk>/capaciteit/",
        shelter_capacity,
        name="shelter_capacity",
    ),
    path("incidenten/<id:pk>/opvang/<id:shelter_pk>/sluiten/", shelter_close, name="shelter_close"),
]
