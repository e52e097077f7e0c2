"""Improvement actions: the region's list (filters, the overdue ones marked in words), a new
action (prefilled from a red cell of the monitoring: ?norm=&gemeente=&periode=), an action's
page with its history and the form to change its status, add a note or close it with a
result, and the form to change its fields."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.quality import access, nav
from oranje.quality import selectors_actions as selectors
from oranje.quality.forms_actions import ActionFilterForm, ActionForm, NoteForm, ProgressForm
from oranje.quality.models import ImprovementAction
from oranje.quality.periods import parse_period
from oranje.quality.services import actions as services


def _region(request: HttpRequest) -> Region:
    return access.monitor_region_for_user(request.user, current_region(request))


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    filters = ActionFilterForm(request.GET or None, region=region)
    f = selectors.ActionFilter()
    if filters.is_valid():
        data = filters.cleaned_data
        f = selectors.ActionFilter(
            status=data["status"] or "",
            municipality_id=data["gemeente"].pk if data["gemeente"] else None,
            norm_id=data["norm"].pk if data["norm"] else None,
            overdue=bool(data["verlopen"]),
        )
    rows = selectors.action_list(region, f)
    return render(
        request,
        "quality/actions.html",
        {
            "region": region,
            "filters": filters,
            "rows": rows,
            "overdue_count": len([a for a in rows if getattr(a, "overdue", False)]),
            **nav.context(request, "actions"),
        },
    )


def _fields(form: ActionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in (*services.FIELDS, "deadline")}


@login_required
def action_new(request: HttpRequest) -> HttpResponse:
    """A new action; from a red cell: ?norm=<pk>&gemeente=<pk>&periode=2026-Q3."""
    region = _region(request)
    norm_id = params.optional_id(request.GET, "norm")
    municipality_id = params.optional_id(request.GET, "gemeente")
    period = parse_period(request.GET.get("periode", "")[:20])
    keep = selectors.applicable_norms(region).filter(pk=norm_id).first() if norm_id else None
    municipality = (
        selectors.region_municipalities(region).filter(pk=municipality_id).first()
        if municipality_id
        else None
    )
    initial: dict[str, Any] = {
        "norm": keep.pk if keep else None,
        "municipality": municipality.pk if municipality else None,
        "period": period.slug if period else "",
    }
    if keep is not None:
        initial["title"] = _("Close the gap on %(norm)s") % {"norm": keep.title}
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        region=region,
        keep=keep,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                actor=core_access.authenticated(request.user), region=region, **_fields(form)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Improvement action “%(title)s” saved.") % {"title": action.title}
            )
            return redirect("quality:actions")
    return render(
        request,
        "quality/action_edit.html",
        {
            "region": region,
            "form": form,
            "action": None,
            "gap": {"norm": keep, "municipality": municipality, "period": period},
            **nav.context(request, "actions"),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_for_user(request.user, pk)
    if not selectors.may_monitor(request.user, action):
        raise PermissionDenied
    region = action.region
    period = (
        f"{action.year}-Q{action.quarter}" if action.year and action.quarter else action.year or ""
    )
    initial = {
        "norm": action.norm_id,
        "municipality": action.municipality_id,
        "period": str(period),
        "title": action.title,
        "description": action.description,
        "owner": action.owner_id,
        "owner_name": action.owner_name,
        "deadline": action.deadline,
    }
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        region=region,
        keep=action.norm,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                actor=core_access.authenticated(request.user), action=action, **_fields(form)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Improvement action saved."))
            return redirect("quality:action", action.pk)
    return render(
        request,
        "quality/action_edit.html",
        {"region": region, "form": form, "action": action, **nav.context(request, "actions")},
        status=400 if form.is_bound else 200,
    )


def _detail(
    request: HttpRequest, action: ImprovementAction, form: ProgressForm | NoteForm, status: int
) -> HttpResponse:
    action.overdue = selectors.is_overdue(action)  # type: ignore[attr-defined]
    return render(
        request,
        "quality/action_detail.html",
        {
            "region": action.region,
            "action": action,
            "history": selectors.history(action),
            "form": form,
            "monitor": selectors.may_monitor(request.user, action),
            **nav.context(request, "actions"),
        },
        status=status,
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the action with its history and the form; POST: a step in the history (the
    monitors: status, note, result; the municipality's own people: a note)."""
    action = selectors.action_for_user(request.user, pk)
    monitor = selectors.may_monitor(request.user, action)
    data = request.POST if request.method == "POST" else None
    form: ProgressForm | NoteForm
    if monitor:
        form = ProgressForm(data, initial={"status": action.status, "result": action.result})
    else:
        form = NoteForm(data)
    if request.method != "POST":
        return _detail(request, action, form, 200)
    if form.is_valid():
        v = form.cleaned_data
        try:
            services.action_progress(
                actor=core_access.authenticated(request.user),
                action=action,
                status=v.get("status"),
                note=v["note"],
                result=v.get("result") if monitor else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Improvement action updated."))
            return redirect("quality:action", action.pk)
    return _detail(request, action, form, 400)
