"""The handlers' pages: the worklist of an incident's damage reports (filters, urgent unsafe
homes first, how many reports each address has) and one report with its photos, history,
the other reports on its address and the forms to triage, set its status, give it to a
handler and add a note. Only for those who handle the reports (`access.can_handle`); every
page that shows reporters' details writes one DAMAGE_REPORT_READ entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors
from oranje.damage import selectors_reports as selectors
from oranje.damage.access import damage_incident_for_user, report_for_user
from oranje.damage.forms_reports import (
    AssignForm,
    NoteForm,
    StatusForm,
    TriageForm,
    WorklistFilterForm,
)
from oranje.damage.models import DamageReport
from oranje.damage.services import handling
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: Reports per page of the worklist.
PAGE_SIZE = 50
#: The furthest page anyone asks for (10,000 reports are 200 pages).
MAX_PAGE = 100_000


@login_required
def report_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = damage_incident_for_user(request.user, pk, handle=True)
    form = WorklistFilterForm(request.GET or None)
    f = form.worklist_filter()
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    page = Paginator(selectors.worklist(incident, f), PAGE_SIZE).get_page(number)
    rows = list(page)
    shared = selectors.address_counts(incident, [r.address_key for r in rows])
    for row in rows:
        row.same_address = shared.get(row.address_key, 1)  # type: ignore[attr-defined]
    handling.reports_read_record(
        actor=core_access.authenticated(request.user),
        incident=incident,
        what=f"werklijst p{page.number}" + (f" zoek '{f.search}'" if f.search else ""),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "damage/reports_list.html",
        {
            **incident_context(request, incident, "damage"),
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "filtered": f != selectors.WorklistFilter(),
        },
    )


def _report(request: HttpRequest, pk: int, report_pk: int) -> tuple[Incident, DamageReport]:
    incident = damage_incident_for_user(request.user, pk)
    return incident, report_for_user(request.user, incident, report_pk)


def _render_report(
    request: HttpRequest,
    incident: Incident,
    report: DamageReport,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    candidates = handling.handler_candidates(incident)
    context: dict[str, Any] = {
        **incident_context(request, incident, "damage"),
        "report": report,
        "photos": list(report.photos.all()),
        "events": list(report.events.select_related("by")),
        "same_address": list(selectors.same_address(report)[:50]),
        "triage_form": TriageForm(initial={"triage": report.triage or None}),
        "status_form": StatusForm(initial={"status": report.status}),
        "assign_form": AssignForm(initial={"handler": report.handler_id}, candidates=candidates),
        "note_form": NoteForm(),
        "writable": incident.is_open,
    }
    context.update(forms)
    handling.reports_read_record(
        actor=core_access.authenticated(request.user),
        incident=incident,
        report=report,
        what=f"melding {report.reference}",
    )
    return render(request, "damage/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    incident, report = _report(request, pk, report_pk)
    return _render_report(request, incident, report)


def _act(
    request: HttpRequest,
    incident: Incident,
    report: DamageReport,
    form: Any,
    name: str,
    action: Any,
    done: str,
) -> HttpResponse:
    """Run `action(form.cleaned_data)`; on to the report when it worked, the page with the
    form's errors (400) when it did not."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("damage:report", incident.pk, report.pk)
    return _render_report(request, incident, report, status=400, **{name: form})


@require_POST
@login_required
def report_triage(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    incident, report = _report(request, pk, report_pk)
    actor = core_access.authenticated(request.user)
    return _act(
        request,
        incident,
        report,
        TriageForm(request.POST),
        "triage_form",
        lambda d: handling.report_triage(actor=actor, report=report, triage=d["triage"]),
        _("Triage recorded."),
    )


@require_POST
@login_required
def report_status(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    incident, report = _report(request, pk, report_pk)
    actor = core_access.authenticated(request.user)
    return _act(
        request,
        incident,
        report,
        StatusForm(request.POST),
        "status_form",
        lambda d: handling.report_set_status(
            actor=actor, report=report, status=d["status"], note=d["note"]
        ),
        _("Status recorded."),
    )


@require_POST
@login_required
def report_assign(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    incident, report = _report(request, pk, report_pk)
    actor = core_access.authenticated(request.user)
    form = AssignForm(request.POST, candidates=handling.handler_candidates(incident))
    return _act(
        request,
        incident,
        report,
        form,
        "assign_form",
        lambda d: handling.report_assign(actor=actor, report=report, handler=d["handler"]),
        _("Handler recorded."),
    )


@require_POST
@login_required
def report_note(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    incident, report = _report(request, pk, report_pk)
    actor = core_access.authenticated(request.user)
    return _act(
        request,
        incident,
        report,
        NoteForm(request.POST),
        "note_form",
        lambda d: handling.report_note(actor=actor, report=report, text=d["text"]),
        _("Note added."),
    )


_BASE = "incidenten/<id:pk>/schade/meldingen"

urls: list[URLPattern] = [
    path(f"{_BASE}/", report_list, name="reports"),
    path(f"{_BASE}/<id:report_pk>/", report_detail, name="report"),
    path(f"{_BASE}/<id:report_pk>/triage/", report_triage, name="report_triage"),
    path(f"{_BASE}/<id:report_pk>/status/", report_status, name="report_status"),
    path(f"{_BASE}/<id:report_pk>/behandelaar/", report_assign, name="report_assign"),
    path(f"{_BASE}/<id:report_pk>/notitie/", report_note, name="report_note"),
]
