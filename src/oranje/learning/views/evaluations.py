"""Pages of part "evaluations": the region's evaluations (filters status, incident or
exercise, year), a new evaluation, one evaluation with its participants, findings per
process, evidence and improvement actions (and the open actions of earlier evaluations), the
dossier entries that came from it, changing it, making it final, and its participants."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.learning import access, nav
from oranje.learning import selectors_dossier as dossier_selectors
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.constants import EvaluationMethod, Process
from oranje.learning.forms_evaluations import (
    EvaluationForm,
    EvaluationNewForm,
    FilterForm,
    ParticipantForm,
)
from oranje.learning.models import Evaluation, Participant
from oranje.learning.services import evaluations as services
from oranje.quality import access as quality_access


def _region(request: HttpRequest) -> Region:
    return access.evaluation_region_for_user(request.user, current_region(request))


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    filters = FilterForm(request.GET or None, region=region)
    f = selectors.EvaluationFilter()
    if filters.is_valid():
        data = filters.cleaned_data
        f = selectors.EvaluationFilter(
            status=data["status"] or "", of=data["van"] or "", year=data["jaar"]
        )
    rows = selectors.evaluation_list(request.user, region, f)
    return render(
        request,
        "learning/evaluations.html",
        {"region": region, "filters": filters, "rows": rows, **nav.context(request, "evaluations")},
    )


@login_required
def evaluation_new(request: HttpRequest) -> HttpResponse:
    """A new evaluation; from an incident's page: ?incident=<pk>."""
    region = _region(request)
    initial: dict[str, Any] = {}
    incident_id = params.optional_id(request.GET, "incident")
    if incident_id:
        incident = (
            selectors.evaluable_incidents(request.user, region).filter(pk=incident_id).first()
        )
        if incident is not None:
            initial = {
                "incident": incident.pk,
                "title": _("Evaluation %(title)s") % {"title": incident.title},
            }
    form = EvaluationNewForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        region=region,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_create(
                actor=core_access.authenticated(request.user),
                region=region,
                incident=data["incident"],
                exercise=data["exercise"],
                title=data["title"],
                methods=data["methods"],
                held_on=data["held_on"],
                summary=data["summary"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Evaluation “%(title)s” saved.") % {"title": evaluation.title}
            )
            return redirect("learning:evaluation", evaluation.pk)
    return render(
        request,
        "learning/evaluation_edit.html",
        {"region": region, "form": form, "evaluation": None, **nav.context(request, "evaluations")},
        status=400 if form.is_bound else 200,
    )


#: Pages of other parts about one evaluation, linked from its page when they exist.
LINKS = (
    ("learning:evaluation_report", gettext_lazy("Report (PDF)")),
    ("learning:evaluation_print", gettext_lazy("Print")),
)


def evaluation_links(evaluation: Evaluation) -> list[tuple[str, str]]:
    found = []
    for name, label in LINKS:
        try:
            found.append((reverse(name, args=[evaluation.pk]), str(label)))
        except NoReverseMatch:
            continue
    return found


def detail_context(request: HttpRequest, evaluation: Evaluation) -> dict[str, Any]:
    """What the evaluation's page shows (also used when a form on it comes back with errors)."""
    full = selectors.evaluation_detail(evaluation)
    findings = list(full.findings.all())
    by_process = []
    for value, label in Process.choices:
        mine = [f for f in findings if f.process == value]
        if mine:
            by_process.append((label, mine))
    for finding in findings:
        selectors.mark_overdue(list(finding.actions.all()))
    return {
        "region": full.region,
        "evaluation": full,
        "participants": list(full.participants.all()),
        "by_process": by_process,
        "finding_count": len(findings),
        "earlier": selectors.earlier_open_actions(full),
        "final": selectors.is_final(full),
        "may_act": quality_access.can_monitor(request.user, full.region_id),
        "participant_form": ParticipantForm(region=full.region),
        "method_labels": [
            str(EvaluationMethod(m).label) for m in full.methods if m in EvaluationMethod.values
        ],
        "links": evaluation_links(full),
        "dossier_entries": dossier_selectors.evaluation_entries(request.user, full),
        "may_write_entry": access.can_evaluate_somewhere(request.user),
        **nav.context(request, "evaluations"),
    }


def _audit_read(request: HttpRequest, evaluation: Evaluation, participants: int) -> None:
    if participants:
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.EVALUATION_READ,
                obj=evaluation,
                region=evaluation.region,
                changes={"participants": participants},
            )


@login_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk)
    context = detail_context(request, evaluation)
    _audit_read(request, evaluation, len(context["participants"]))
    return render(request, "learning/evaluation.html", context)


@login_required
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk, write=True)
    initial = {
        "title": evaluation.title,
        "methods": evaluation.methods,
        "held_on": evaluation.held_on,
        "summary": evaluation.summary,
    }
    form = EvaluationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evaluation_update(
                actor=core_access.authenticated(request.user),
                evaluation=evaluation,
                title=data["title"],
                methods=data["methods"],
                held_on=data["held_on"],
                summary=data["summary"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Evaluation saved."))
            return redirect("learning:evaluation", evaluation.pk)
    return render(
        request,
        "learning/evaluation_edit.html",
        {
            "region": evaluation.region,
            "form": form,
            "evaluation": evaluation,
            **nav.context(request, "evaluations"),
        },
        status=400 if form.is_bound else 200,
    )


def _problems(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


@login_required
@require_POST
def evaluation_final(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk, write=True)
    try:
        services.evaluation_finalise(
            actor=core_access.authenticated(request.user), evaluation=evaluation
        )
    except ValidationError as exc:
        _problems(request, exc)
        return redirect("learning:evaluation", evaluation.pk)
    messages.success(request, _("The evaluation is final."))
    return redirect("learning:evaluation", evaluation.pk)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk, write=True)
    form = ParticipantForm(request.POST, region=evaluation.region)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.participant_add(
                actor=core_access.authenticated(request.user),
                evaluation=evaluation,
                person=data["person"],
                name=data["name"],
                role=data["role"],
                organisation=data["organisation"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Participant added."))
            return redirect(f"{evaluation_url(evaluation)}#participants-head")
    context = detail_context(request, evaluation)
    context["participant_form"] = form
    _audit_read(request, evaluation, len(context["participants"]))
    return render(request, "learning/evaluation.html", context, status=400)


def evaluation_url(evaluation: Evaluation) -> str:
    return reverse("learning:evaluation", args=[evaluation.pk])


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participant = Participant.objects.filter(pk=pk).first()
    if participant is None:
        raise Http404
    evaluation = access.evaluation_for_user(request.user, participant.evaluation_id, write=True)
    try:
        services.participant_remove(
            actor=core_access.authenticated(request.user), participant=participant
        )
    except ValidationError as exc:
        _problems(request, exc)
    else:
        messages.success(request, _("Participant removed."))
    return redirect(f"{evaluation_url(evaluation)}#participants-head")
