"""The environment analyses of an incident: the list, a new one drafted from the signals of a
period (preset: since the last analysis until now), one analysis with the three goals of
crisis communication as its structure, its edit page while a draft, approval, and a print
view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.communication import selectors_analyses as selectors
from oranje.communication.access import (
    analysis_for_user,
    can_communicate,
    communication_incident_for_user,
)
from oranje.communication.constants import ReviewStatus
from oranje.communication.forms_environment import AnalysisPeriodForm, AnalysisTextsForm
from oranje.communication.models import Analysis
from oranje.communication.services import analyses as services
from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context


def _writes(request: HttpRequest, incident: Incident) -> bool:
    return can_communicate(request.user, incident) and incident.is_open


def _context(request: HttpRequest, incident: Incident, analysis: Analysis) -> dict[str, object]:
    return {
        **incident_context(request, incident, "communication"),
        "analysis": analysis,
        "period": services.period_label(analysis),
        "sections": selectors.goal_sections(analysis.top_questions),
        "other_label": selectors.OTHER_QUESTIONS,
        "draft": analysis.status == ReviewStatus.DRAFT,
        "writes": _writes(request, incident) and analysis.status == ReviewStatus.DRAFT,
    }


@login_required
def analysis_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    return render(
        request,
        "communication/analyses_list.html",
        {
            **incident_context(request, incident, "communication"),
            "analyses": [(a, services.period_label(a)) for a in selectors.analysis_list(incident)],
            "writes": _writes(request, incident),
        },
    )


@login_required
def analysis_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk, write=True)
    now = timezone.localtime().replace(second=0, microsecond=0)
    start = timezone.localtime(selectors.next_period_start(incident))
    form = AnalysisPeriodForm(initial={"period_start": start, "period_end": now})
    if request.method == "POST":
        form = AnalysisPeriodForm(request.POST)
        if form.is_valid():
            try:
                analysis = services.analysis_draft(
                    incident=incident,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    actor=core_access.authenticated(request.user),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Analysis drafted from the signals of the period; check and edit it."),
                )
                return redirect("communication:analysis", incident.pk, analysis.pk)
    return render(
        request,
        "communication/analyses_new.html",
        {**incident_context(request, incident, "communication"), "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def analysis_detail(request: HttpRequest, pk: int, analysis_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    analysis = analysis_for_user(request.user, incident, analysis_pk)
    return render(
        request, "communication/analyses_detail.html", _context(request, incident, analysis)
    )


@login_required
def analysis_edit(request: HttpRequest, pk: int, analysis_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    analysis = analysis_for_user(request.user, incident, analysis_pk, write=True)
    if analysis.status != ReviewStatus.DRAFT:
        messages.error(request, str(services.NOT_DRAFT))
        return redirect("communication:analysis", incident.pk, analysis.pk)
    form = AnalysisTextsForm(initial={name: getattr(analysis, name) for name in services.TEXTS})
    if request.method == "POST":
        form = AnalysisTextsForm(request.POST)
        if form.is_valid():
            try:
                services.analysis_update(
                    analysis=analysis,
                    actor=core_access.authenticated(request.user),
                    texts=services.AnalysisTexts(**form.cleaned_data),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Analysis saved."))
                return redirect("communication:analysis", incident.pk, analysis.pk)
    return render(
        request,
        "communication/analyses_edit.html",
        {**_context(request, incident, analysis), "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def analysis_approve(request: HttpRequest, pk: int, analysis_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    analysis = analysis_for_user(request.user, incident, analysis_pk, write=True)
    try:
        services.analysis_approve(analysis=analysis, actor=core_access.authenticated(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Analysis approved; it appears in the situation report."))
    return redirect("communication:analysis", incident.pk, analysis.pk)


@login_required
def analysis_print(request: HttpRequest, pk: int, analysis_pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    analysis = analysis_for_user(request.user, incident, analysis_pk)
    return render(
        request, "communication/analyses_print.html", _context(request, incident, analysis)
    )


def _one(suffix: str) -> str:
    return "incidenten/<id:pk>/communicatie/analyses/<id:analysis_pk>/" + suffix


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/communicatie/analyses/", analysis_list, name="analyses"),
    path("incidenten/<id:pk>/communicatie/analyses/nieuw/", analysis_new, name="analysis_new"),
    path(_one(""), analysis_detail, name="analysis"),
    path(_one("bewerken/"), analysis_edit, name="analysis_edit"),
    path(_one("vaststellen/"), analysis_approve, name="analysis_approve"),
    path(_one("afdrukken/"), analysis_print, name="analysis_print"),
]
