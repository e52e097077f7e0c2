"""Pages of pools and districts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import apply_errors, current_region
from oranje.organisation import services
from oranje.organisation.access import can_manage_pool, district_for_user, pool_for_user
from oranje.organisation.constants import FunctionGroup
from oranje.organisation.forms import DistrictForm, PoolForm
from oranje.organisation.groups import effective_groups, group_label
from oranje.organisation.models import District, Pool
from oranje.organisation.views.common import _manages, _require_manager


@login_required
def pools(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    items = list(
        Pool.objects.filter(region=region)
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related("functions", "municipalities")
    )
    # The groups as this region uses them (its own override of a function's group counts).
    groups = effective_groups(region)
    group = request.GET.get("groep", "")
    if group not in FunctionGroup.values:
        group = ""
    for pool in items:
        values = sorted({groups[f.pk] for f in pool.functions.all()})
        pool.group_values = values  # type: ignore[attr-defined]
        pool.group_labels = [group_label(v) for v in values]  # type: ignore[attr-defined]
    if group:
        items = [p for p in items if group in p.group_values]  # type: ignore[attr-defined]
    districts = District.objects.filter(region=region).prefetch_related("municipalities")
    return render(
        request,
        "organisation/pools.html",
        {
            "pools": items,
            "group": group,
            "groups": FunctionGroup.choices,
            "districts": districts,
            "nav": "pools",
            "manages": _manages(request),
            "manages_region": core_access.can_manage_region(request.user, region.pk),
        },
    )


@login_required
def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pool = pool_for_user(request.user, pk)
    members = list(pool.members.prefetch_related("functions").select_related("municipality"))
    return render(
        request,
        "organisation/pool_detail.html",
        {
            "pool": pool,
            "members": members,
            "may_manage": can_manage_pool(request.user, pool),
            "nav": "pools",
        },
    )


def _pool_form(request: HttpRequest, pool: Pool | None) -> HttpResponse:
    region = current_region(request) if pool is None else pool.region
    initial = {}
    if pool is not None:
        initial = {
            "name": pool.name,
            "kind": pool.kind,
            "municipalities": list(pool.municipalities.all()),
            "functions": list(pool.functions.all()),
            "members": list(pool.members.all()),
            "coordinator": pool.coordinator_id,
            "description": pool.description,
        }
    form = PoolForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.pool_save(
                actor=core_access.authenticated(request.user),
                region=region,
                pool=pool,
                name=data["name"],
                kind=data["kind"],
                municipalities=list(data["municipalities"]),
                functions=list(data["functions"]),
                members=list(data["members"]),
                coordinator=data["coordinator"],
                description=data["description"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Pool saved."))
            return redirect("organisation:pool_detail", pk=saved.pk)
    return render(
        request, "organisation/pool_form.html", {"form": form, "pool": pool, "nav": "pools"}
    )


@login_required
def pool_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return _pool_form(request, None)


@login_required
def pool_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _pool_form(request, pool_for_user(request.user, pk, manage=True))


def _district_form(request: HttpRequest, district: District | None) -> HttpResponse:
    region = current_region(request) if district is None else district.region
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    initial = (
        {"name": district.name, "municipalities": list(district.municipalities.all())}
        if district
        else {}
    )
    form = DistrictForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.district_save(
                actor=core_access.authenticated(request.user),
                region=region,
                district=district,
                name=form.cleaned_data["name"],
                municipalities=list(form.cleaned_data["municipalities"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("District saved."))
            return redirect("organisation:pools")
    return render(
        request,
        "organisation/district_form.html",
        {"form": form, "district": district, "nav": "pools"},
    )


@login_required
def district_new(request: HttpRequest) -> HttpResponse:
    return _district_form(request, None)


@login_required
def district_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _district_form(request, district_for_user(request.user, pk, manage=True))
