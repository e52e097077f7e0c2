"""Pages of the one-hour drill: the region's list (open, late, assessed), sending one, a
drill's page with its assessment, and the answer page behind the personal link (no login,
made for a phone)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.views import apply_errors, current_region
from oranje.readiness import access_drills
from oranje.readiness.forms_drills import DrillAssessForm, DrillForm, DrillReportForm
from oranje.readiness.models import Drill
from oranje.readiness.services import drills as service
from oranje.readiness.services.drills import DrillState, drill_state

#: The list's filter, as the query string's `status` says it.
FILTERS = ("", "open", "late", "assessed")


def _line(drill: Drill, now: dt.datetime) -> dict[str, object]:
    return {"drill": drill, "state": drill_state(drill, now), "late": service.is_late(drill, now)}


@login_required
def drills(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    state = request.GET.get("status", "")
    if state not in FILTERS:
        state = ""
    qs = access_drills.drills_for_user(request.user).filter(region=region)
    now = timezone.now()
    qs = service.filter_state(qs, state, now)
    lines = [_line(d, now) for d in qs[:200]]
    return render(
        request,
        "readiness/drills.html",
        {
            "lines": lines,
            "state": state,
            "filters": [
                ("", _("All")),
                ("open", _("Not yet assessed")),
                ("late", _("Late")),
                ("assessed", _("Assessed")),
            ],
            "manages_region": core_access.can_manage_region(request.user, region.pk),
            "states": DrillState,
            "nav": "exercises",
        },
    )


@login_required
def drill_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    form = DrillForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            drill = service.drill_start(
                actor=core_access.authenticated(request.user),
                region=region,
                person=data["person"],
                function=data["function"],
                assignment=data["assignment"],
                minutes=data["minutes"],
                shift=data["shift"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("One-hour drill sent to %(name)s.") % {"name": drill.person.full_name},
            )
            return redirect("readiness:drill_detail", pk=drill.pk)
    return render(
        request,
        "readiness/drill_form.html",
        {
            "form": form,
            "nobody_on_call": not service.drill_candidates(region).exists(),
            "nav": "exercises",
        },
    )


@login_required
def drill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The drill, what was reported back and the assessment. POST assesses (or, with
    `step=resend`, sends a failed assignment again): the region's managers only."""
    drill = access_drills.drill_for_user(request.user, pk, manage=request.method == "POST")
    actor = core_access.authenticated(request.user)
    now = timezone.now()
    form = DrillAssessForm(
        request.POST or None,
        initial={"assessment": drill.assessment, "note": drill.assessment_note},
        no_report=drill.reported_at is None,
    )
    if request.method == "POST":
        if request.POST.get("step") == "resend":
            try:
                service.drill_resend(actor=actor, drill=drill)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, _("The assignment is being sent again."))
            return redirect("readiness:drill_detail", pk=drill.pk)
        if form.is_valid():
            try:
                service.drill_assess(
                    actor=actor,
                    drill=drill,
                    assessment=form.cleaned_data["assessment"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Assessment recorded."))
                return redirect("readiness:drill_detail", pk=drill.pk)
    else:
        audit_record(
            actor=actor,
            action=AuditAction.DRILL_READ,
            obj=drill,
            region=drill.region,
            note=str(drill.person),
        )
    return render(
        request,
        "readiness/drill_detail.html",
        {
            "drill": drill,
            "form": form,
            # Assessing is offered once there is something to assess: a report, or the
            # deadline passed without one ("did not respond").
            "can_assess": drill.reported_at is not None or now > drill.deadline,
            "state": drill_state(drill, now),
            "late": service.is_late(drill, now),
            "states": DrillState,
            "manages_region": core_access.can_manage_region(request.user, drill.region_id),
            "nav": "exercises",
        },
    )


@never_cache
def drill_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in a drill's message: no login, the signed link is the key.
    It shows the assignment and the time left, and takes the report back once. A forged or
    expired link says so and records nothing. Never cached: once assessed it shows the
    coordinator's verdict and explanation, which a shared or back-button cache must not keep."""
    template = "readiness/drill_respond.html"
    try:
        drill = service.drill_from_token(token)
    except ValidationError as exc:
        return render(request, template, {"problem": exc.messages[0]}, status=400)
    form = DrillReportForm(request.POST or None)
    closed = drill.reported_at is not None or drill.assessed_at is not None
    if request.method == "POST" and not closed and form.is_valid():
        try:
            drill = service.drill_report(token=token, report=form.cleaned_data["report"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return render(request, template, {"problem": exc.messages[0]}, status=409)
            apply_errors(form, exc)
        else:
            return render(
                request,
                template,
                {"drill": drill, "done": True, "late": service.is_late(drill)},
            )
    now = timezone.now()
    seconds_left = max(0, int((drill.deadline - now).total_seconds()))
    return render(
        request,
        template,
        {
            "drill": drill,
            "form": form,
            "closed": closed,
            "late": service.is_late(drill, now),
            "minutes_left": seconds_left // 60,
        },
        status=409 if request.method == "POST" and closed else 200,
    )
