"""The region's care norms (shelter within hours, capacity share and maximum, temporary
housing within hours): shown to everyone in the region, changed by its managers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.care.forms_locations import NormsForm
from oranje.care.models import CareNorms
from oranje.care.services.locations import care_norms_save
from oranje.care.views.locations import NAV
from oranje.core import access as core_access
from oranje.core.views import apply_errors, current_region


@login_required
def care_norms(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    norms = CareNorms.for_region(region.pk)
    manages = core_access.can_manage_region(request.user, region.pk)
    if request.method == "POST" and not manages:
        raise PermissionDenied
    initial = {
        "shelter_hours": norms.shelter_hours,
        "capacity_percent": norms.capacity_percent,
        "capacity_max": norms.capacity_max,
        "housing_hours": norms.housing_hours,
    }
    form = NormsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            care_norms_save(actor=request.user, region=region, data=form.norms())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The shelter norms of the region are saved."))
            return redirect("care:norms")
    return render(
        request,
        "care/norms.html",
        {"nav": NAV, "region": region, "norms": norms, "form": form, "manages": manages},
        status=400 if request.method == "POST" else 200,
    )


urls: list[URLPattern] = [
    path("opvang/normen/", care_norms, name="norms"),
]
