"""Pages of part "evaluations": a finding (new, its page with the evidence, the improvement
actions and the dossier entries that came from it, change, remove), the evidence linked to it
(a logbook line, a decision, a time against its norm, a norm with the incident's figure) and
the improvement actions it leads to (a new one through the quality room, or an existing one of
the region)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.incidents.models import Decision, LogEntry
from oranje.learning import access, nav
from oranje.learning import selectors_dossier as dossier_selectors
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.constants import EvidenceKind
from oranje.learning.forms_evaluations import (
    EvidenceForm,
    FindingActionForm,
    FindingForm,
    LinkActionForm,
)
from oranje.learning.models import Evaluation, Finding
from oranje.learning.services import evaluations as services
from oranje.learning.services import evaluations_actions as action_services
from oranje.quality import access as quality_access
from oranje.quality.models import ImprovementAction


def action_title(text: str, limit: int = 120) -> str:
    """A finding's text as the title of a new improvement action: whole, or cut at the last
    word boundary that fits, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–") + "…"


@login_required
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk, write=True)
    form = FindingForm(request.POST if request.method == "POST" else None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = services.finding_create(
                actor=core_access.authenticated(request.user),
                evaluation=evaluation,
                process=data["process"],
                kind=data["kind"],
                text=data["text"],
                norm=data["norm"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Finding saved. Now link the evidence it rests on."))
            return redirect("learning:finding", finding.pk)
    return render(
        request,
        "learning/evaluation_finding_edit.html",
        {
            "region": evaluation.region,
            "evaluation": evaluation,
            "finding": None,
            "form": form,
            **nav.context(request, "evaluations"),
        },
        status=400 if form.is_bound else 200,
    )


def evidence_options(evaluation: Evaluation) -> dict[str, list[tuple[Any, str]]]:
    """What each kind of evidence may point at: the incident's logbook lines, decisions and
    times; the region's norms (an exercise without an incident: norms only)."""
    options: dict[str, list[tuple[Any, str]]] = {"log": [], "decision": [], "time": [], "norm": []}
    incident = evaluation.incident
    if incident is not None:
        options["log"] = [
            (line.pk, selectors.log_summary(line)[:160])
            for line in selectors.incident_log(incident)[:2000]
        ]
        options["decision"] = [
            (d.pk, selectors.decision_summary(d)[:160])
            for d in selectors.incident_decisions(incident)[:1000]
        ]
        options["time"] = [
            (m.key, selectors.milestone_summary(m)) for m in selectors.incident_milestones(incident)
        ]
    options["norm"] = [(n.pk, f"{n.code} {n.title}") for n in selectors.region_norms(evaluation)]
    return options


def evidence_forms(
    evaluation: Evaluation, bound: EvidenceForm | None = None
) -> list[tuple[str, str, EvidenceForm]]:
    """(kind, heading, form) for each kind that has something to link."""
    options = evidence_options(evaluation)
    labels = dict(EvidenceKind.choices)
    found = []
    for kind in ("log", "decision", "time", "norm"):
        if not options[kind]:
            continue
        form = (
            bound
            if bound is not None and bound.kind_name == kind
            else EvidenceForm(evaluation=evaluation, kind=kind, options=options[kind])
        )
        found.append((kind, str(labels[kind]), form))
    return found


def _finding_page(
    request: HttpRequest,
    finding: Finding,
    *,
    form: FindingForm | None = None,
    evidence: EvidenceForm | None = None,
    action_form: FindingActionForm | None = None,
    link_form: LinkActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    evaluation = finding.evaluation
    region = evaluation.region
    final = selectors.is_final(evaluation)
    initial = {
        "process": finding.process,
        "kind": finding.kind,
        "text": finding.text,
        "norm": finding.norm_id,
    }
    may_act = quality_access.can_monitor(request.user, region.pk)
    context = {
        "region": region,
        "evaluation": evaluation,
        "finding": finding,
        "final": final,
        "evidence": list(
            finding.evidence.select_related("log_entry", "decision", "norm", "survey_question")
        ),
        "actions": selectors.mark_overdue(list(finding.actions.order_by("deadline", "pk"))),
        "form": form or FindingForm(evaluation=evaluation, initial=initial),
        "evidence_forms": [] if final else evidence_forms(evaluation, evidence),
        "may_act": may_act,
        "action_form": action_form
        or FindingActionForm(
            region=region,
            initial={"title": action_title(finding.text)},
        ),
        "link_form": link_form or LinkActionForm(region=region),
        "dossier_entries": dossier_selectors.finding_entries(request.user, finding),
        "may_write_entry": access.can_evaluate_somewhere(request.user),
        "entry_new_url": dossier_selectors.entry_new_url(finding),
        **nav.context(request, "evaluations"),
    }
    return render(request, "learning/evaluation_finding.html", context, status=status)


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the finding with its evidence and actions and the forms to add them; POST:
    change the finding."""
    finding = access.finding_for_user(request.user, pk)
    if request.method != "POST":
        return _finding_page(request, finding)
    form = FindingForm(request.POST, evaluation=finding.evaluation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.finding_update(
                actor=core_access.authenticated(request.user),
                finding=finding,
                process=data["process"],
                kind=data["kind"],
                text=data["text"],
                norm=data["norm"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Finding saved."))
            return redirect("learning:finding", finding.pk)
    return _finding_page(request, finding, form=form, status=400)


@login_required
@require_POST
def finding_remove(request: HttpRequest, pk: int) -> HttpResponse:
    finding = access.finding_for_user(request.user, pk)
    evaluation = finding.evaluation
    try:
        services.finding_remove(actor=core_access.authenticated(request.user), finding=finding)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("learning:finding", finding.pk)
    messages.success(request, _("Finding removed."))
    return redirect("learning:evaluation", evaluation.pk)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    finding = access.finding_for_user(request.user, pk)
    evaluation = finding.evaluation
    kind = str(request.POST.get("kind", ""))[:10]
    if kind not in ("log", "decision", "time", "norm"):
        messages.error(request, _("kind: choose what kind of evidence to link."))
        return _finding_page(request, finding, status=400)
    options = evidence_options(evaluation)
    form = EvidenceForm(request.POST, evaluation=evaluation, kind=kind, options=options[kind])
    if form.is_valid():
        data = form.cleaned_data
        value = data.get(form.target)
        if value in (None, ""):
            form.add_error(
                form.target,
                _("%(field)s: choose one from the list.")
                % {"field": form.fields[form.target].label},
            )
        else:
            target: dict[str, Any] = {}
            chosen: Any = value
            if kind == "log":
                target["log_entry"] = LogEntry.objects.filter(
                    pk=chosen, incident_id=evaluation.incident_id or 0
                ).first()
            elif kind == "decision":
                target["decision"] = Decision.objects.filter(
                    pk=chosen, incident_id=evaluation.incident_id or 0
                ).first()
            elif kind == "time":
                target["milestone"] = value
            else:
                target["norm"] = next(
                    (n for n in selectors.region_norms(evaluation) if n.pk == value), None
                )
            try:
                services.evidence_add(
                    actor=core_access.authenticated(request.user),
                    finding=finding,
                    kind=kind,
                    note=data["note"],
                    **target,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Evidence linked."))
                return redirect(reverse("learning:finding", args=[finding.pk]) + "#evidence-head")
    return _finding_page(request, finding, evidence=form, status=400)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access.evidence_for_user(request.user, pk)
    finding = evidence.finding
    try:
        services.evidence_remove(actor=core_access.authenticated(request.user), evidence=evidence)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(reverse("learning:finding", args=[finding.pk]) + "#evidence-head")


def _action_finding(request: HttpRequest, pk: int) -> Finding:
    """The finding, for those who make or link the region's improvement actions (the
    quality room's monitors; a municipal evaluator may read the finding but not this)."""
    finding = access.finding_for_user(request.user, pk)
    if not quality_access.can_monitor(request.user, finding.evaluation.region_id):
        raise PermissionDenied
    return finding


@login_required
@require_POST
def finding_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _action_finding(request, pk)
    form = FindingActionForm(request.POST, region=finding.evaluation.region)
    if form.is_valid():
        data = form.cleaned_data
        try:
            action_services.finding_action_create(
                actor=core_access.authenticated(request.user),
                finding=finding,
                title=data["title"],
                owner=data["owner"],
                owner_name=data["owner_name"],
                deadline=data["deadline"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Improvement action made and linked."))
            return redirect(reverse("learning:finding", args=[finding.pk]) + "#actions-head")
    return _finding_page(request, finding, action_form=form, status=400)


@login_required
@require_POST
def finding_action_link(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _action_finding(request, pk)
    form = LinkActionForm(request.POST, region=finding.evaluation.region)
    if form.is_valid():
        try:
            action_services.finding_action_link(
                actor=core_access.authenticated(request.user),
                finding=finding,
                action=form.cleaned_data["action"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Improvement action linked."))
            return redirect(reverse("learning:finding", args=[finding.pk]) + "#actions-head")
    return _finding_page(request, finding, link_form=form, status=400)


@login_required
@require_POST
def finding_action_unlink(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    finding = _action_finding(request, pk)
    found = ImprovementAction.objects.filter(pk=action, findings=finding).first()
    if found is not None:
        action_services.finding_action_unlink(
            actor=core_access.authenticated(request.user), finding=finding, action=found
        )
        messages.success(request, _("Link to the improvement action removed."))
    return redirect(reverse("learning:finding", args=[finding.pk]) + "#actions-head")
