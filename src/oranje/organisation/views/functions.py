"""Pages of the function catalogue and a region's settings per function."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import current_region
from oranje.organisation import selectors, services
from oranje.organisation.forms import RegionFunctionForm
from oranje.organisation.groups import effective_groups, group_label
from oranje.organisation.models import Function, Person, RegionFunction


@login_required
def functions(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    settings_ = selectors.region_settings(region)
    holders = dict(
        Person.objects.filter(region=region, active=True)
        .values_list("functions")
        .annotate(n=Count("pk", distinct=True))
        .values_list("functions", "n")
    )
    groups = effective_groups(region)
    rows = [
        {
            "function": f,
            "setting": settings_.get(f.pk),
            "holders": holders.get(f.pk, 0),
            "group": group_label(groups[f.pk]),
            "regrouped": groups[f.pk] != f.group,
        }
        for f in Function.objects.all()
    ]
    return render(
        request,
        "organisation/functions.html",
        {
            "rows": rows,
            "nav": "functions",
            "manages_region": core_access.can_manage_region(request.user, region.pk),
        },
    )


@login_required
def function_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    function = get_object_or_404(Function, code=code)
    setting = RegionFunction.objects.filter(region=region, function=function).first()
    initial = {
        "local_name": setting.local_name if setting else "",
        "coverage_unit": setting.coverage_unit if setting else "district",
        "min_hard_on_call": setting.min_hard_on_call if setting else 0,
        "min_qualified": setting.min_qualified if setting else 0,
        "response_norm_minutes": setting.response_norm_minutes if setting else None,
        "group_override": setting.group_override if setting else "",
    }
    form = RegionFunctionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.region_function_update(
            actor=core_access.authenticated(request.user),
            region=region,
            function=function,
            **form.cleaned_data,
        )
        messages.success(request, _("Changes saved."))
        return redirect("organisation:functions")
    return render(
        request,
        "organisation/function_form.html",
        {
            "form": form,
            "function": function,
            "national_group": function.get_group_display(),
            "nav": "functions",
        },
    )
