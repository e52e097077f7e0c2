"""The surroundings of an incident ("Omgeving", under the "Opvang" tab): utility outages,
road closures and clean-up tasks, each with a quick action (restored, reopened, done);
written by whoever may work in the incident, read by whoever sees it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.care import selectors_needs as selectors
from oranje.care.access import care_incident_for_user, care_user, surrounding_for_user
from oranje.care.constants import TaskStatus
from oranje.care.forms_needs import CleanupForm, ClosureForm, OutageForm
from oranje.care.models import CleanupTask, Outage, RoadClosure
from oranje.care.services import surroundings as services
from oranje.core.views import apply_errors
from oranje.incidents.access import can_operate, incident_for_user
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

_Object = Outage | RoadClosure | CleanupTask


def _page(
    request: HttpRequest, incident: Incident, status: int = 200, **forms_: Any
) -> HttpResponse:
    return render(
        request,
        "care/surroundings.html",
        {
            **incident_context(request, incident, "care"),
            "outages": selectors.outages(incident),
            "closures": selectors.closures(incident),
            "tasks": selectors.cleanup_tasks(incident),
            "writes": can_operate(request.user, incident) and incident.is_open,
            "outage_form": forms_.get("outage_form") or OutageForm(auto_id=_ids("outage_form")),
            "closure_form": forms_.get("closure_form") or ClosureForm(auto_id=_ids("closure_form")),
            "cleanup_form": forms_.get("cleanup_form") or CleanupForm(auto_id=_ids("cleanup_form")),
        },
        status=status,
    )


def _ids(name: str) -> str:
    """The three forms share field names (expected end): their ids differ."""
    return name.removesuffix("_form") + "_%s"


@login_required
def surroundings(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, care_incident_for_user(request.user, pk))


def _outage_data(d: dict[str, Any]) -> services.OutageData:
    return services.OutageData(
        utility=d["utility"],
        households=d["households"],
        started_at=d["started_at"],
        area=d["area"],
        expected_end=d["expected_end"],
        restored_at=d["restored_at"],
        note=d["note"],
    )


def _closure_data(d: dict[str, Any]) -> services.ClosureData:
    return services.ClosureData(
        road=d["road"],
        closed_at=d["closed_at"],
        stretch=d["stretch"],
        reason=d["reason"],
        expected_end=d["expected_end"],
        reopened_at=d["reopened_at"],
    )


def _cleanup_data(d: dict[str, Any]) -> services.CleanupData:
    return services.CleanupData(
        description=d["description"],
        place=d["place"],
        owner=d["owner"],
        due=d["due"],
        status=d["status"],
    )


#: kind (in the path) -> model, form, form's name on the page, data builder, save service,
#: and the message after saving.
KINDS: dict[str, tuple[Any, ...]] = {
    "storingen": (
        Outage,
        OutageForm,
        "outage_form",
        _outage_data,
        lambda i, a, d, o: services.outage_save(incident=i, actor=a, data=d, outage=o),
    ),
    "afsluitingen": (
        RoadClosure,
        ClosureForm,
        "closure_form",
        _closure_data,
        lambda i, a, d, o: services.closure_save(incident=i, actor=a, data=d, closure=o),
    ),
    "opruimtaken": (
        CleanupTask,
        CleanupForm,
        "cleanup_form",
        _cleanup_data,
        lambda i, a, d, o: services.cleanup_save(incident=i, actor=a, data=d, task=o),
    ),
}


def _found(request: HttpRequest, incident: Incident, model: Any, obj_pk: int, write: bool) -> Any:
    obj = surrounding_for_user(model, request.user, obj_pk, write=write)
    if obj.incident_id != incident.pk:
        raise Http404
    return obj


def _save(
    request: HttpRequest, incident: Incident, kind: str, obj: _Object | None, form: forms.Form
) -> bool:
    _model, _form, _name, build, save = KINDS[kind]
    if not form.is_valid():
        return False
    try:
        save(incident, care_user(request.user), build(form.cleaned_data), obj)
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
@require_POST
def surrounding_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    incident = incident_for_user(request.user, pk, operate=True)
    form = KINDS[kind][1](request.POST, auto_id=_ids(KINDS[kind][2]))
    if _save(request, incident, kind, None, form):
        return redirect("care:surroundings", incident.pk)
    return _page(request, incident, status=400, **{KINDS[kind][2]: form})


def _initial(obj: _Object, form_class: type[forms.Form]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in form_class.base_fields}


@login_required
def surrounding_edit(request: HttpRequest, pk: int, kind: str, obj_pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    model, form_class = KINDS[kind][0], KINDS[kind][1]
    incident = care_incident_for_user(request.user, pk)
    obj = _found(request, incident, model, obj_pk, write=request.method == "POST")
    form = form_class(initial=_initial(obj, form_class))
    if request.method == "POST":
        form = form_class(request.POST)
        if _save(request, incident, kind, obj, form):
            return redirect("care:surroundings", incident.pk)
    return render(
        request,
        "care/surroundings_edit.html",
        {
            **incident_context(request, incident, "care"),
            "obj": obj,
            "kind": kind,
            "title": model._meta.verbose_name,
            "form": form,
            "writes": can_operate(request.user, incident) and incident.is_open,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def outage_restored(request: HttpRequest, pk: int, obj_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    outage = _found(request, incident, Outage, obj_pk, write=True)
    try:
        services.outage_restore(outage=outage, actor=care_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Outage marked restored."))
    return redirect("care:surroundings", incident.pk)


@login_required
@require_POST
def closure_reopened(request: HttpRequest, pk: int, obj_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    closure = _found(request, incident, RoadClosure, obj_pk, write=True)
    try:
        services.closure_reopen(closure=closure, actor=care_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Road marked reopened."))
    return redirect("care:surroundings", incident.pk)


@login_required
@require_POST
def cleanup_done(request: HttpRequest, pk: int, obj_pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk)
    task = _found(request, incident, CleanupTask, obj_pk, write=True)
    try:
        services.cleanup_set_status(
            task=task, actor=care_user(request.user), status=TaskStatus.DONE
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Clean-up task done."))
    return redirect("care:surroundings", incident.pk)


def urls(one: str) -> list[URLPattern]:
    base = one + "omgeving/"
    return [
        path(base, surroundings, name="surroundings"),
        path(base + "<slug:kind>/", surrounding_create, name="surrounding_create"),
        path(base + "<slug:kind>/<id:obj_pk>/", surrounding_edit, name="surrounding_edit"),
        path(base + "storingen/<id:obj_pk>/hersteld/", outage_restored, name="outage_restored"),
        path(base + "afsluitingen/<id:obj_pk>/open/", closure_reopened, name="closure_reopened"),
        path(base + "opruimtaken/<id:obj_pk>/klaar/", cleanup_done, name="cleanup_done"),
    ]
