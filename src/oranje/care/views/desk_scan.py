"""The desk's scan page (a household card's QR code through the tablet's camera, or its code
typed) and the shelter's guest list. Both show guests: each request writes one audit entry
(without names)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from oranje.care import selectors_desk
from oranje.care.forms_desk import CodeForm
from oranje.care.services.codes import find_household
from oranje.care.views.desk import (
    _BASE,
    desk_context,
    desk_shelter,
    guests_read,
    household_url,
    no_store,
)


@login_required
@no_store
def scan(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    """GET: the page; POST: the code (typed, or filled in by the camera script) opens the
    household's page."""
    shelter = desk_shelter(request, pk, shelter_pk)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            household = find_household(shelter.incident, form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            return redirect(household_url(shelter, household))
    return render(
        request,
        "care/desk_scan.html",
        desk_context(request, shelter, "scan", form=form),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@no_store
def guests(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    """Who is in the shelter now, with their needs; `behoefte` filters on one need."""
    shelter = desk_shelter(request, pk, shelter_pk)
    need = request.GET.get("behoefte", "")
    if need not in selectors_desk.NEEDS:
        need = ""
    rows = list(selectors_desk.guests_present(shelter, need=need))
    guests_read(request, shelter, f"guest list {need}".strip())
    return render(
        request,
        "care/desk_guests.html",
        desk_context(
            request,
            shelter,
            "guests",
            rows=rows,
            need=need,
            needs=[(key, label) for key, (label, _q) in selectors_desk.NEEDS.items()],
            households=len({g.household_id for g in rows}),
        ),
    )


urls: list[URLPattern] = [
    path(f"{_BASE}scan/", scan, name="desk_scan"),
    path(f"{_BASE}gasten/", guests, name="desk_guests"),
]
