"""Temporary housing of an incident ("Opvang" tab): for the care roles the households on the
list with the housing norm measured (overdue ones red, the time left for the others), and
the forms to mark one needed, placed or ended; for everyone else who sees the incident, only
the counts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.care import selectors_needs as selectors
from oranje.care.access import can_desk, care_incident_for_user, care_user, housing_for_user
from oranje.care.forms_needs import HousingNeededForm, HousingPlaceForm
from oranje.care.models import CareNorms, Housing
from oranje.care.services import housing as services
from oranje.care.services.codes import find_household
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context


def _render(
    request: HttpRequest,
    incident: Incident,
    form: HousingNeededForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    desk = can_desk(request.user, incident.region_id)
    rows = selectors.housing_rows(incident) if desk else []
    if desk:
        services.housing_read(
            actor=care_user(request.user), incident=incident, rows=len(rows), what="housing"
        )
    return render(
        request,
        "care/housing.html",
        {
            **incident_context(request, incident, "care"),
            "desk": desk,
            "writes": desk and incident.is_open,
            "rows": rows,
            "counts": selectors.housing_counts(incident),
            "hours": CareNorms.for_region(incident.region_id).housing_hours,
            "form": form or HousingNeededForm(),
            "place_form": HousingPlaceForm(),
        },
        status=status,
    )


@login_required
def housing_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    if request.method != "POST":
        return _render(request, incident)
    core_access.require(can_desk(request.user, incident.region_id))
    form = HousingNeededForm(request.POST)
    if form.is_valid():
        try:
            household = find_household(incident, form.cleaned_data["code"])
            services.housing_mark_needed(
                household=household,
                actor=care_user(request.user),
                since=form.cleaned_data["needed_since"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
            if not hasattr(exc, "error_dict"):
                # find_household's messages name the code field themselves.
                form.errors.pop("__all__", None)
                form.add_error("code", exc.messages)
        else:
            messages.success(
                request,
                _("Household %(code)s is on the housing list.") % {"code": household.code},
            )
            return redirect("care:housing", incident.pk)
    return _render(request, incident, form, status=400)


def _housing_in(request: HttpRequest, incident: Incident, housing_pk: int) -> Housing:
    housing = housing_for_user(request.user, housing_pk)
    if housing.household.incident_id != incident.pk:
        raise Http404
    return housing


@login_required
@require_POST
def housing_place(request: HttpRequest, pk: int, housing_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk, desk=True)
    housing = _housing_in(request, incident, housing_pk)
    form = HousingPlaceForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect("care:housing", incident.pk)
    data = form.cleaned_data
    try:
        services.housing_place(
            housing=housing,
            actor=care_user(request.user),
            address=data["address"],
            placed_at=data["placed_at"],
            until=data["until"],
            note=data["note"] or None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Household %(code)s placed.") % {"code": housing.household.code}
        )
    return redirect("care:housing", incident.pk)


@login_required
@require_POST
def housing_end(request: HttpRequest, pk: int, housing_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk, desk=True)
    housing = _housing_in(request, incident, housing_pk)
    try:
        services.housing_end(housing=housing, actor=care_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Temporary housing of household %(code)s ended.") % {"code": housing.household.code},
        )
    return redirect("care:housing", incident.pk)


def urls(one: str) -> list[URLPattern]:
    return [
        path(one + "huisvesting/", housing_list, name="housing"),
        path(one + "huisvesting/<id:housing_pk>/plaatsen/", housing_place, name="housing_place"),
        path(one + "huisvesting/<id:housing_pk>/beeindigen/", housing_end, name="housing_end"),
    ]
