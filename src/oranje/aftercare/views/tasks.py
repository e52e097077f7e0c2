"""The aftercare tasks: the list per theme with the overdue ones marked, filters and the
progress over the weeks; a new task; a task's edit page with its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.aftercare import selectors_tasks as selectors
from oranje.aftercare.access import aftercare_incident_for_user, can_write, task_for_user
from oranje.aftercare.constants import TaskStatus
from oranje.aftercare.forms_tasks import TaskFilterForm, TaskForm
from oranje.aftercare.models import AftercareTask
from oranje.aftercare.services import tasks as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: The chart's width in SVG units, and one bar's height.
CHART_WIDTH = 400
BAR_HEIGHT = 18


def chart(weeks: list[selectors.Week]) -> list[dict[str, Any]]:
    """Bars for the SVG chart: per week the widths of done, open on time and overdue."""
    top = max((w.open + w.done for w in weeks), default=0) or 1
    scale = CHART_WIDTH / top
    bars = []
    for i, w in enumerate(weeks):
        done, on_time, late = (round(n * scale, 1) for n in (w.done, w.on_time, w.overdue))
        bars.append(
            {
                "week": w,
                "y": i * (BAR_HEIGHT + 6),
                "done": done,
                "on_time": on_time,
                "on_time_x": done,
                "late": late,
                "late_x": round(done + on_time, 1),
            }
        )
    return bars


@login_required
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk)
    filters = TaskFilterForm(request.GET or None)
    f = selectors.TaskFilter()
    if filters.is_valid():
        data = filters.cleaned_data
        f = selectors.TaskFilter(
            theme=data["thema"] or "",
            status=data["status"] or "",
            owner_id=request.user.pk if data["mijn"] else None,
        )
    weeks = selectors.weekly_progress(incident)
    bars = chart(weeks)
    return render(
        request,
        "aftercare/tasks.html",
        {
            **incident_context(request, incident, "aftercare"),
            "filters": filters,
            "groups": selectors.by_theme(selectors.task_list(incident, f)),
            "counts": selectors.theme_counts(incident),
            "weeks": weeks,
            "bars": bars,
            "chart_width": CHART_WIDTH,
            "chart_height": len(bars) * (BAR_HEIGHT + 6),
            "bar_height": BAR_HEIGHT,
            "since": selectors.progress_start(incident),
            "writes": incident.is_open and can_write(request.user, incident),
        },
    )


def _save(
    request: HttpRequest, incident: Incident, form: TaskForm, task: AftercareTask | None
) -> AftercareTask | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    fields = {name: data[name] for name in services.FIELDS}
    actor = core_access.authenticated(request.user)
    try:
        if task is None:
            return services.task_create(
                actor=actor, incident=incident, status=data["status"], **fields
            )
        return services.task_update(
            actor=actor, task=task, status=data["status"], note=data["note"], **fields
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def task_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk, write=True)
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        incident=incident,
        initial={"theme": request.GET.get("thema", ""), "status": TaskStatus.OPEN},
        auto_id="task_%s",
    )
    if request.method == "POST":
        task = _save(request, incident, form, None)
        if task is not None:
            messages.success(request, _("Task saved."))
            return redirect("aftercare:tasks", incident.pk)
    return render(
        request,
        "aftercare/task_edit.html",
        {**incident_context(request, incident, "aftercare"), "form": form, "task": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def task_edit(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """GET: the task with its history (and the form for writers); POST: save it."""
    incident = aftercare_incident_for_user(request.user, pk)
    task = task_for_user(request.user, incident, task_pk, write=request.method == "POST")
    writes = incident.is_open and can_write(request.user, incident)
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        incident=incident,
        initial={name: getattr(task, name) for name in (*services.FIELDS, "status")},
        auto_id="task_%s",
    )
    if request.method == "POST" and _save(request, incident, form, task) is not None:
        messages.success(request, _("Task saved."))
        return redirect("aftercare:tasks", incident.pk)
    return render(
        request,
        "aftercare/task_edit.html",
        {
            **incident_context(request, incident, "aftercare"),
            "form": form,
            "task": task,
            "events": task.events.order_by("-at", "-pk"),
            "writes": writes,
        },
        status=400 if form.is_bound else 200,
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/nafase/taken/", task_list, name="tasks"),
    path("incidenten/<id:pk>/nafase/taken/nieuw/", task_new, name="task_new"),
    path("incidenten/<id:pk>/nafase/taken/<id:task_pk>/", task_edit, name="task"),
]
