"""Pages for the work inside an incident: decisions and actions, checklists, situation
reports (with print, PDF and JSON) and the handover summary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.validation import format_phone
from oranje.core.views import apply_errors
from oranje.incidents import selectors, services
from oranje.incidents.access import incident_for_user
from oranje.incidents.constants import Process
from oranje.incidents.forms import (
    ActionForm,
    ActionStatusForm,
    BriefingForm,
    DecisionForm,
    HandoverForm,
    ReportForm,
)
from oranje.incidents.models import ChecklistItem, Incident, SituationReport
from oranje.incidents.reports import report_as_dict, report_pdf
from oranje.incidents.services.checklists import active_tick
from oranje.incidents.views import incident_context
from oranje.organisation.models import Function


@login_required
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    teams = services.incident_teams(incident)
    decision_form = DecisionForm(teams=teams, prefix="d")
    action_form = ActionForm(teams=teams, prefix="a")
    status = 200
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        user = core_access.authenticated(request.user)
        if "d-text" in request.POST:
            decision_form = DecisionForm(request.POST, teams=teams, prefix="d")
            if decision_form.is_valid():
                data = decision_form.cleaned_data
                try:
                    services.decision_record(
                        actor=user,
                        incident=incident,
                        team=data["team"],
                        decided_by=data["decided_by"],
                        text=data["text"],
                        process=data["process"],
                    )
                except ValidationError as exc:
                    apply_errors(decision_form, exc)
                else:
                    messages.success(request, _("Decision recorded."))
                    return redirect("incidents:decisions", incident.pk)
        else:
            action_form = ActionForm(request.POST, teams=teams, prefix="a")
            if action_form.is_valid():
                data = action_form.cleaned_data
                try:
                    services.action_create(
                        actor=user,
                        incident=incident,
                        text=data["text"],
                        owner_function=data["owner_function"],
                        deadline=data["deadline"],
                        team=data["team"],
                        process=data["process"],
                    )
                except ValidationError as exc:
                    apply_errors(action_form, exc)
                else:
                    messages.success(request, _("Action recorded."))
                    return redirect("incidents:decisions", incident.pk)
        status = 400
    return render(
        request,
        "incidents/decisions.html",
        {
            **incident_context(request, incident, "decisions"),
            "decision_form": decision_form,
            "action_form": action_form,
            "decisions": incident.decisions.order_by("-decided_at"),
            "actions": selectors.actions(incident),
            "now": timezone.now(),
            "statuses": ActionStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
        },
        status=status,
    )


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk, operate=True)
    action = get_object_or_404(incident.actions, pk=action_pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_set_status(
                actor=core_access.authenticated(request.user),
                action=action,
                status=form.cleaned_data["status"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Unknown status."))
    return redirect("incidents:decisions", incident.pk)


@login_required
def checklists(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    return render(
        request,
        "incidents/checklists.html",
        {
            **incident_context(request, incident, "checklists"),
            "checklists": selectors.checklists(incident),
            "manages": core_access.can_manage_region(request.user, incident.region_id),
        },
    )


@login_required
@require_POST
def checklist_tick(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk, operate=True)
    item = get_object_or_404(ChecklistItem, pk=item_pk)
    user = core_access.authenticated(request.user)
    try:
        if request.POST.get("undo"):
            tick = active_tick(incident, item)
            if tick is not None:
                services.checklist_untick(actor=user, tick=tick)
        else:
            services.checklist_tick(
                actor=user, incident=incident, item=item, note=request.POST.get("note", "")
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(
        reverse("incidents:checklists", args=[incident.pk]) + f"#functie-{item.function.code}"
    )


def _report(incident: Incident, version: int) -> SituationReport:
    report = (
        incident.reports.select_related("created_by", "approved_by", "published_by")
        .filter(version=version)
        .first()
    )
    if report is None:
        raise Http404
    return report


@login_required
def reports(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        try:
            report = services.report_draft(
                actor=core_access.authenticated(request.user), incident=incident
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("New draft, prefilled from the logbook and the figures."))
            return redirect("incidents:report_detail", incident.pk, report.version)
    return render(
        request,
        "incidents/reports.html",
        {**incident_context(request, incident, "reports"), "reports": incident.reports.all()},
    )


@login_required
def report_detail(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    report = _report(incident, version)
    form = ReportForm(initial=ReportForm.initial_from(report.summary, report.sections))
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "save")
        incident = incident_for_user(
            request.user, pk, operate=True, command=step in ("approve", "publish")
        )
        user = core_access.authenticated(request.user)
        try:
            if step == "approve":
                # "Save and approve": the text on the screen is saved with the approval, so
                # nothing typed is lost; when refused, the typed text stays in the form.
                text = {}
                if "summary" in request.POST:
                    form = ReportForm(request.POST)
                    if not form.is_valid():
                        raise ValidationError(_("Check the fields."))
                    text = {"summary": form.cleaned_data["summary"], "sections": form.sections()}
                services.report_approve(actor=user, report=report, **text)
                messages.success(request, _("Version saved and approved."))
            elif step == "publish":
                services.report_publish(actor=user, report=report)
                messages.success(request, _("Published to the crisis teams."))
            else:
                form = ReportForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Check the fields."))
                services.report_update(
                    actor=user,
                    report=report,
                    summary=form.cleaned_data["summary"],
                    sections=form.sections(),
                )
                messages.success(request, _("Draft saved."))
            return redirect("incidents:report_detail", incident.pk, report.version)
        except ValidationError as exc:
            if form.is_bound and hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            messages.error(request, " ".join(exc.messages))
            status = 400
    sections = [
        (
            code,
            label,
            report.sections.get(code, {}),
            [form[f"{code}__{p}"] for p in services.SECTION_FIELDS],
        )
        for code, label in Process.choices
    ]
    return render(
        request,
        "incidents/report.html",
        {
            **incident_context(request, incident, "reports"),
            "report": report,
            "form": form,
            "sections": sections,
        },
        status=status,
    )


@login_required
def report_json(request: HttpRequest, pk: int, version: int) -> JsonResponse:
    incident = incident_for_user(request.user, pk)
    report = _report(incident, version)
    response = JsonResponse(report_as_dict(report), json_dumps_params={"ensure_ascii": False})
    name = f"situatierapport-{incident.pk}-v{report.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_pdf_view(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    report = _report(incident, version)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    prefix = "OEFENING-" if incident.is_exercise else ""
    response["Content-Disposition"] = (
        f'inline; filename="{prefix}situatierapport-{incident.pk}-v{report.version}.pdf"'
    )
    return response


@login_required
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for_user(request.user, pk)
    code = request.GET.get("functie", "") or request.POST.get("functie", "")
    function = Function.objects.filter(code=code.upper()).first() if code else None
    form = HandoverForm(request.POST or None)
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
    if request.method == "POST" and function is not None and form.is_valid():
        try:
            services.handover_record(
                actor=core_access.authenticated(request.user),
                incident=incident,
                function=function,
                to_name=form.cleaned_data["to_name"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Handover recorded in the logbook."))
            return redirect(f"{request.path}?functie={function.code}")
    used = set(incident.log.exclude(function=None).values_list("function", flat=True)) | set(
        incident.actions.values_list("owner_function", flat=True)
    )
    return render(
        request,
        "incidents/handover.html",
        {
            **incident_context(request, incident, "handover"),
            "functions": Function.objects.filter(pk__in=used).order_by("sort_order"),
            "function": function,
            "summary": selectors.handover(incident, function) if function else None,
            "form": form,
        },
    )


@login_required
def briefing(request: HttpRequest, pk: int) -> HttpResponse:
    """Meeting point and call-back number: the answer page and every alert carry them."""
    incident = incident_for_user(request.user, pk)
    form = BriefingForm(
        request.POST if request.method == "POST" else None,
        initial={
            "meeting_point": incident.meeting_point,
            "callback_phone": format_phone(incident.callback_phone)
            if incident.callback_phone
            else "",
        },
    )
    if request.method == "POST":
        incident = incident_for_user(request.user, pk, operate=True)
        if form.is_valid():
            try:
                services.incident_set_briefing(
                    actor=core_access.authenticated(request.user),
                    incident=incident,
                    meeting_point=form.cleaned_data["meeting_point"],
                    callback_phone=form.cleaned_data["callback_phone"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Saved: alerts from now on carry this."))
                return redirect("alerting:alert_board", incident.pk)
    return render(
        request,
        "incidents/briefing.html",
        {**incident_context(request, incident, "alerts"), "form": form},
        status=400 if form.errors else 200,
    )
