"""Pages of the incident room: the list, starting, scaling, the logbook (live) and closing.
Decisions, actions, checklists, reports and handover are in views_work.py."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors, current_region
from oranje.incidents import selectors, services
from oranje.incidents.access import can_command, can_operate, incident_for_user
from oranje.incidents.constants import Process, ScalingMode, Team
from oranje.incidents.forms import (
    CloseForm,
    IncidentForm,
    LogEntryForm,
    ScalingForm,
    parse_custom_teams,
)
from oranje.incidents.models import Incident, LogEntry
from oranje.incidents.rendering import log_entries_html

#: How often open logbooks and alert boards ask for news (seconds).
POLL_SECONDS = 5


def incident_context(request: HttpRequest, incident: Incident, tab: str) -> dict[str, Any]:
    """What every page of one incident shows in its header."""
    return {
        "incident": incident,
        "step": selectors.current_step(incident),
        "tab": tab,
        "nav": "incidents",
        "is_exercise": incident.is_exercise,
        "operates": can_operate(request.user, incident) and incident.is_open,
        "commands": can_command(request.user, incident) and incident.is_open,
        "overdue": selectors.overdue_count(incident),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    exercises = request.GET.get("oefeningen") == "1"
    closed = request.GET.get("gesloten") == "1"
    region = current_region(request)
    return render(
        request,
        "incidents/list.html",
        {
            "incidents": selectors.incident_list(request.user, exercises=exercises, closed=closed),
            # Exercises stay apart from real incidents, but an exercise that runs is never
            # hidden behind "no incidents".
            "running_exercises": []
            if exercises
            else selectors.incident_list(request.user, exercises=True),
            "exercises": exercises,
            "closed": closed,
            "nav": "incidents",
            "may_start": core_access.can_operate_region(request.user, region.pk),
            "is_exercise": exercises,
        },
    )


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_operate_region(request.user, region.pk))
    user = core_access.authenticated(request.user)
    form = IncidentForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.incident_start(
                actor=user,
                region=region,
                title=data["title"],
                kind=data["kind"],
                started_at=data["started_at"],
                municipality=data["municipality"],
                municipalities=list(data["municipalities"]),
                is_exercise=data["is_exercise"],
                location_text=data["location_text"],
                point=data["point"],
                area=data["area"],
                description=data["description"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Incident started. Scale it to alert the people needed."))
            return redirect("incidents:incident_scale", incident.pk)
    return render(
        request,
        "incidents/new.html",
        {"form": form, "nav": "incidents", "map": _map_settings()},
    )


def _map_settings() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}


@login_required
def incident_scale(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    current = selectors.current_step(incident)
    # The form starts from the teams active now: leaving one out is scaling down.
    form = ScalingForm(
        request.POST or None,
        initial={
            "mode": current.mode if current else ScalingMode.GRIP,
            "grip_level": current.grip_level if current else None,
            "teams": current.teams if current else [],
            "custom_teams": ", ".join(current.custom_teams) if current else "",
        },
    )
    # For scaling.js: choosing a level ticks its teams; going down asks for confirmation.
    form.fields["grip_level"].widget.attrs.update(
        {
            "data-level-teams": json.dumps(selectors.teams_per_level(incident.region)),
            "data-current-level": ""
            if current is None or current.grip_level is None
            else str(current.grip_level),
            "data-current-teams": json.dumps(current.teams if current else []),
        }
    )
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, command=True)
        user = core_access.authenticated(request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                step, warnings = services.incident_scale(
                    actor=user,
                    incident=incident,
                    mode=data["mode"],
                    grip_level=data["grip_level"],
                    teams=data["teams"],
                    custom_teams=parse_custom_teams(data["custom_teams"]),
                    reason=data["reason"],
                    decided_by=data["decided_by"],
                    scale_down=data["scale_down"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                # Never a silent gap: whoever scaled sees at once what could not be staffed.
                for warning in warnings:
                    messages.error(request, warning)
                messages.success(
                    request,
                    _(
                        "Scale-down recorded; the alerting for functions no longer needed "
                        "has stopped."
                    )
                    if step.scaled_down
                    else _("Scaling recorded; the alerting has started."),
                )
                return redirect("alerting:alert_board", incident.pk)
    return render(
        request,
        "incidents/scale.html",
        {
            **incident_context(request, incident, "scale"),
            "form": form,
            "history": incident.scaling.select_related("recorded_by").order_by("-at", "-pk"),
        },
    )


def _log_filters(request: HttpRequest) -> tuple[str, str]:
    process = request.GET.get("proces", "")
    team = request.GET.get("team", "")
    return (process if process in Process.values else ""), team[:60]


@login_required
def logbook(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    return _logbook_page(request, incident, LogEntryForm(teams=services.incident_teams(incident)))


def _logbook_page(
    request: HttpRequest, incident: Incident, form: LogEntryForm, status: int = 200
) -> HttpResponse:
    process, team = _log_filters(request)
    teams = services.incident_teams(incident)
    entries = selectors.logbook_lines(incident, process=process, team=team)
    return render(
        request,
        "incidents/logbook.html",
        {
            **incident_context(request, incident, "log"),
            "form": form,
            "entries": entries,
            "entries_html": log_entries_html(incident, entries),
            "last_number": entries[0].number
            if entries and not (process or team)
            else (incident.log.order_by("-number").values_list("number", flat=True).first() or 0),
            "process": process,
            "team": team,
            "processes": Process.choices,
            "teams": [(t, dict(Team.choices).get(t, t)) for t in teams],
        },
        status=status,
    )


@login_required
def logbook_since(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the logbook: lines newer than `na`, for htmx to put on top."""
    incident = incident_for_user(request.user, pk)
    process, team = _log_filters(request)
    after_number = params.optional_int(request.GET, "na", default=0) or 0
    entries = selectors.logbook_lines(incident, process=process, team=team, after=after_number)
    last = incident.log.order_by("-number").values_list("number", flat=True).first() or 0
    return render(
        request,
        "incidents/_log_since.html",
        {
            "entries_html": log_entries_html(incident, entries),
            "incident": incident,
            "last_number": last,
            "process": process,
            "team": team,
            "poll_seconds": POLL_SECONDS,
        },
    )


@login_required
@require_POST
def log_entry_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk, operate=True)
    user = core_access.authenticated(request.user)
    form = LogEntryForm(request.POST, request.FILES, teams=services.incident_teams(incident))
    entry: LogEntry | None = None
    if form.is_valid():
        data = form.cleaned_data
        corrects = None
        if data["corrects"]:
            corrects = incident.log.filter(number=data["corrects"]).first()
            if corrects is None:
                form.add_error("corrects", _("There is no entry #%(n)s.") % {"n": data["corrects"]})
        if form.is_valid():
            try:
                entry = services.log_entry_add(
                    actor=user,
                    incident=incident,
                    text=data["text"],
                    team=data["team"],
                    process=data["process"],
                    function=data["function"],
                    at=data["at"],
                    corrects=corrects,
                    attachment=data["attachment"],
                    client_key=data["client_key"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
    if request.htmx:  # type: ignore[attr-defined]
        # The quick-entry form answers with itself (emptied, or with its errors); the new
        # line arrives through the live update like everyone else's, so nobody sees it twice.
        fresh = LogEntryForm(teams=services.incident_teams(incident)) if entry else form
        response = render(
            request,
            "incidents/_log_form.html",
            {"form": fresh, "incident": incident, "saved": entry, "operates": True},
        )
        if entry:
            response["HX-Trigger"] = "log-saved"
        return response
    if entry is None:
        return _logbook_page(request, incident, form, status=400)
    if entry.replayed:
        messages.success(request, _("Entry #%(n)s was already saved.") % {"n": entry.number})
    else:
        messages.success(request, _("Entry #%(n)s saved.") % {"n": entry.number})
    return redirect("incidents:logbook", incident.pk)


@login_required
def log_attachment(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """An attachment, only for those who may read the incident (never a public URL)."""
    incident = incident_for_user(request.user, pk)
    entry = incident.log.filter(number=number).exclude(attachment="").first()
    if entry is None:
        raise Http404
    return FileResponse(
        entry.attachment.open("rb"), as_attachment=True, filename=entry.attachment_name
    )


@login_required
def incident_close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk, command=True)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_close(
                actor=core_access.authenticated(request.user),
                incident=incident,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Incident closed."))
            return redirect("incidents:logbook", incident.pk)
    return render(
        request,
        "incidents/close.html",
        {
            **incident_context(request, incident, "close"),
            "form": form,
            "open_actions": selectors.actions(incident, open_only=True),
        },
    )
