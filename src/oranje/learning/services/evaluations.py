"""Writes of part "evaluations": an evaluation of an incident or an exercise (create, change,
make final), its participants, its findings per process and the evidence each finding rests
on.

Every object a write touches is checked: the incident or exercise belongs to the region and
the actor evaluates it (`learning.access.can_evaluate`), a participant who is a functionary
is one of the region's, a finding's norm is in force for the region, and evidence points at
a logbook line, a decision or a milestone of *the evaluation's own incident*, a norm of the
region, or a question of a survey of the same incident. Problems come back as one
`ValidationError` keyed by field, in Dutch. A final evaluation is no longer changed (its
findings' improvement actions are still linked: they are followed across evaluations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.learning import access
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.constants import (
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EvaluationMethod,
    EvaluationStatus,
    EvidenceKind,
    FindingKind,
    Process,
)
from oranje.learning.models import Evaluation, Evidence, Finding, Participant, SurveyQuestion
from oranje.organisation.models import Person
from oranje.quality.models import Norm
from oranje.readiness.models import Exercise

Errors = dict[str, list[str]]


def _too_long(errors: Errors, field: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = [
            _("%(field)s: at most %(max)s characters.") % {"field": label, "max": limit}
        ]


def _lock(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("region", "incident", "exercise")
        .get(pk=evaluation.pk)
    )


def _require_evaluator(actor: User, evaluation: Evaluation) -> None:
    core_access.require(access.can_evaluate(actor, evaluation))


def _require_draft(evaluation: Evaluation) -> None:
    if evaluation.status == EvaluationStatus.FINAL:
        raise ValidationError(
            {"status": [_("status: this evaluation is final and can no longer be changed.")]}
        )


def _fields(
    *, title: str, methods: list[str], held_on: dt.date | None, summary: str
) -> dict[str, Any]:
    errors: Errors = {}
    title, summary = title.strip(), summary.strip()
    if not title:
        errors["title"] = [_("title: give the evaluation a title.")]
    _too_long(errors, "title", _("title"), title, TITLE_MAX)
    _too_long(errors, "summary", _("summary"), summary, TEXT_MAX)
    chosen: list[str] = []
    for method in methods:
        if method not in EvaluationMethod.values:
            errors["methods"] = [
                _("methods: choose from %(allowed)s.")
                % {"allowed": ", ".join(EvaluationMethod.values)}
            ]
            break
        if method not in chosen:
            chosen.append(method)
    if held_on is not None:
        try:
            params.check_date_window(held_on, field="held_on")
        except params.InvalidParameter:
            errors["held_on"] = [
                _("held on: %(window)s") % {"window": params.date_window_message()}
            ]
        else:
            if held_on > timezone.localdate():
                errors["held_on"] = [_("held on: choose a day that has been, not one to come.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "methods": chosen, "held_on": held_on, "summary": summary}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


@transaction.atomic
def evaluation_create(
    *,
    actor: User,
    region: Region,
    incident: Incident | None = None,
    exercise: Exercise | None = None,
    title: str,
    methods: list[str] | None = None,
    held_on: dt.date | None = None,
    summary: str = "",
) -> Evaluation:
    """A new draft evaluation of one incident or one exercise of the region."""
    errors: Errors = {}
    if incident is None and exercise is None:
        errors["incident"] = [_("incident: choose the incident or the exercise to evaluate.")]
    elif incident is not None and exercise is not None:
        errors["incident"] = [_("incident: choose an incident or an exercise, not both.")]
    elif incident is not None and incident.region_id != region.pk:
        errors["incident"] = [_("incident: choose an incident of this region.")]
    elif exercise is not None and exercise.region_id != region.pk:
        errors["exercise"] = [_("exercise: choose an exercise of this region.")]
    try:
        fields = _fields(title=title, methods=methods or [], held_on=held_on, summary=summary)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        fields = {}
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation(
        region=region, incident=incident, exercise=exercise, created_by=actor, **fields
    )
    _require_evaluator(actor, evaluation)
    evaluation.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SAVE,
        obj=evaluation,
        region=region,
        changes={
            "incident": [None, incident.pk if incident else None],
            "exercise": [None, exercise.pk if exercise else None],
            **{name: [None, _plain(value)] for name, value in fields.items()},
        },
    )
    return evaluation


@transaction.atomic
def evaluation_update(
    *,
    actor: User,
    evaluation: Evaluation,
    title: str,
    methods: list[str],
    held_on: dt.date | None,
    summary: str,
) -> Evaluation:
    """Change the title, methods, day and summary of a draft evaluation."""
    evaluation = _lock(evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    fields = _fields(title=title, methods=methods, held_on=held_on, summary=summary)
    changes = {}
    for name, value in fields.items():
        old = getattr(evaluation, name)
        if _plain(old) != _plain(value):
            changes[name] = [_plain(old), _plain(value)]
            setattr(evaluation, name, value)
    if changes:
        evaluation.save()
        audit_record(
            actor=actor,
            action=AuditAction.EVALUATION_SAVE,
            obj=evaluation,
            region=evaluation.region,
            changes=changes,
        )
    return evaluation


@transaction.atomic
def evaluation_finalise(*, actor: User, evaluation: Evaluation) -> Evaluation:
    """Make the evaluation final: it needs its day, a method and at least one finding."""
    evaluation = _lock(evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    errors: Errors = {}
    if evaluation.held_on is None:
        errors["held_on"] = [_("held on: say when the evaluation was held before making it final.")]
    if not evaluation.methods:
        errors["methods"] = [_("methods: say how the evaluation was done before making it final.")]
    if not evaluation.findings.exists():
        errors["findings"] = [
            _("findings: write down at least one finding before making it final.")
        ]
    if errors:
        raise ValidationError(errors)
    evaluation.status = EvaluationStatus.FINAL
    evaluation.finalised_at = timezone.now()
    evaluation.save(update_fields=["status", "finalised_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_FINAL,
        obj=evaluation,
        region=evaluation.region,
        changes={"status": [EvaluationStatus.DRAFT, EvaluationStatus.FINAL]},
    )
    return evaluation


# --- participants ----------------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *,
    actor: User,
    evaluation: Evaluation,
    person: Person | None = None,
    name: str = "",
    role: str = "",
    organisation: str = "",
) -> Participant:
    """A participant: a functionary of the region (their name taken over) or a free name."""
    evaluation = _lock(evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    errors: Errors = {}
    name, role, organisation = name.strip(), role.strip(), organisation.strip()
    if person is not None:
        if person.region_id != evaluation.region_id:
            errors["person"] = [_("functionary: choose someone of this region.")]
        elif not name:
            name = person.full_name
    if not name and "person" not in errors:
        errors["name"] = [_("name: choose a functionary or write the participant's name.")]
    _too_long(errors, "name", _("name"), name, NAME_MAX)
    _too_long(errors, "role", _("role"), role, NAME_MAX)
    _too_long(errors, "organisation", _("organisation"), organisation, NAME_MAX)
    if errors:
        raise ValidationError(errors)
    participant = Participant.objects.create(
        evaluation=evaluation, person=person, name=name, role=role, organisation=organisation
    )
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SAVE,
        obj=evaluation,
        region=evaluation.region,
        changes={"participant": [None, participant.pk]},
        note=_("participant added"),
    )
    return participant


@transaction.atomic
def participant_remove(*, actor: User, participant: Participant) -> None:
    evaluation = _lock(participant.evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    pk = participant.pk
    Participant.objects.filter(pk=pk, evaluation=evaluation).delete()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SAVE,
        obj=evaluation,
        region=evaluation.region,
        changes={"participant": [pk, None]},
        note=_("participant removed"),
    )


# --- findings --------------------------------------------------------------------------------


def _finding_fields(
    evaluation: Evaluation, *, process: str, kind: str, text: str, norm: Norm | None
) -> dict[str, Any]:
    errors: Errors = {}
    text = text.strip()
    if process not in Process.values:
        errors["process"] = [_("process: choose the process the finding is about.")]
    if kind not in FindingKind.values:
        errors["kind"] = [_("kind: say whether it went well or could be better.")]
    if not text:
        errors["text"] = [_("finding: write down what was found.")]
    _too_long(errors, "text", _("finding"), text, TEXT_MAX)
    if norm is not None and norm.pk not in {n.pk for n in selectors.region_norms(evaluation)}:
        errors["norm"] = [_("norm: choose a norm in force for this region.")]
    if errors:
        raise ValidationError(errors)
    return {"process": process, "kind": kind, "text": text, "norm": norm}


@transaction.atomic
def finding_create(
    *,
    actor: User,
    evaluation: Evaluation,
    process: str,
    kind: str,
    text: str,
    norm: Norm | None = None,
) -> Finding:
    """A finding of the evaluation for one process: what went well or could be better."""
    evaluation = _lock(evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    fields = _finding_fields(evaluation, process=process, kind=kind, text=text, norm=norm)
    last = evaluation.findings.aggregate(m=Max("position"))["m"] or 0
    finding = Finding.objects.create(
        evaluation=evaluation, position=last + 1, created_by=actor, **fields
    )
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_SAVE,
        obj=finding,
        region=evaluation.region,
        changes={name: [None, _plain(value)] for name, value in fields.items()},
    )
    return finding


@transaction.atomic
def finding_update(
    *,
    actor: User,
    finding: Finding,
    process: str,
    kind: str,
    text: str,
    norm: Norm | None = None,
) -> Finding:
    evaluation = _lock(finding.evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    finding = Finding.objects.get(pk=finding.pk, evaluation=evaluation)
    fields = _finding_fields(evaluation, process=process, kind=kind, text=text, norm=norm)
    changes = {}
    for name, value in fields.items():
        old = getattr(finding, name)
        if _plain(old) != _plain(value):
            changes[name] = [_plain(old), _plain(value)]
            setattr(finding, name, value)
    if changes:
        finding.save()
        audit_record(
            actor=actor,
            action=AuditAction.FINDING_SAVE,
            obj=finding,
            region=evaluation.region,
            changes=changes,
        )
    return finding


@transaction.atomic
def finding_remove(*, actor: User, finding: Finding) -> None:
    evaluation = _lock(finding.evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    pk, text = finding.pk, finding.text
    Finding.objects.filter(pk=pk, evaluation=evaluation).delete()
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_REMOVE,
        object_type="finding",
        region=evaluation.region,
        changes={"finding": [pk, None]},
        note=text[:200],
    )


# --- evidence --------------------------------------------------------------------------------


def _evidence_target(
    evaluation: Evaluation,
    *,
    kind: str,
    log_entry: LogEntry | None,
    decision: Decision | None,
    milestone: str,
    norm: Norm | None,
    survey_question: SurveyQuestion | None,
    summary: str,
) -> tuple[dict[str, Any], str]:
    """The fields for this kind of evidence, each checked against the evaluation, and the
    summary (the one given, else the figure or time as it stands now)."""
    incident = evaluation.incident
    no_incident = _("this evaluation is of an exercise without an incident of its own.")
    found: dict[str, Any] = {
        "log_entry": None,
        "decision": None,
        "milestone": "",
        "norm": None,
        "survey_question": None,
    }
    auto = ""
    if kind == EvidenceKind.LOG:
        if log_entry is None:
            raise ValidationError({"log_entry": [_("logbook line: choose a line of the logbook.")]})
        if incident is None:
            raise ValidationError(
                {"log_entry": [_("logbook line: %(why)s") % {"why": no_incident}]}
            )
        if log_entry.incident_id != incident.pk:
            raise ValidationError(
                {"log_entry": [_("logbook line: choose a line of this incident's logbook.")]}
            )
        found["log_entry"] = log_entry
        auto = selectors.log_summary(log_entry)
    elif kind == EvidenceKind.DECISION:
        if decision is None:
            raise ValidationError({"decision": [_("decision: choose a decision.")]})
        if incident is None:
            raise ValidationError({"decision": [_("decision: %(why)s") % {"why": no_incident}]})
        if decision.incident_id != incident.pk:
            raise ValidationError(
                {"decision": [_("decision: choose a decision taken in this incident.")]}
            )
        found["decision"] = decision
        auto = selectors.decision_summary(decision)
    elif kind == EvidenceKind.TIME:
        if incident is None:
            raise ValidationError({"milestone": [_("time: %(why)s") % {"why": no_incident}]})
        times = {m.key: m for m in selectors.incident_milestones(incident)}
        if milestone not in times:
            raise ValidationError(
                {"milestone": [_("time: choose one of the times measured in this incident.")]}
            )
        found["milestone"] = milestone
        auto = selectors.milestone_summary(times[milestone])
    elif kind == EvidenceKind.NORM:
        if norm is None:
            raise ValidationError({"norm": [_("norm: choose a norm.")]})
        if norm.pk not in {n.pk for n in selectors.region_norms(evaluation)}:
            raise ValidationError({"norm": [_("norm: choose a norm in force for this region.")]})
        found["norm"] = norm
        auto = selectors.norm_summary(norm, evaluation)
    elif kind == EvidenceKind.SURVEY:
        if survey_question is None:
            raise ValidationError({"survey_question": [_("survey question: choose a question.")]})
        survey = survey_question.survey
        if incident is None or survey.incident_id != incident.pk:
            raise ValidationError(
                {
                    "survey_question": [
                        _("survey question: choose a question of a survey of this incident.")
                    ]
                }
            )
        found["survey_question"] = survey_question
        auto = survey_question.text
    else:
        raise ValidationError(
            {
                "kind": [
                    _("kind: choose one of %(allowed)s.")
                    % {"allowed": ", ".join(EvidenceKind.values)}
                ]
            }
        )
    return found, (summary or auto)[:TITLE_MAX]


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    finding: Finding,
    kind: str,
    log_entry: LogEntry | None = None,
    decision: Decision | None = None,
    milestone: str = "",
    norm: Norm | None = None,
    survey_question: SurveyQuestion | None = None,
    summary: str = "",
    note: str = "",
) -> Evidence:
    """One piece of evidence for the finding. What it points at must belong to the
    evaluation's incident (a logbook line, a decision, a milestone, a survey question of a
    survey of that incident) or be a norm in force for its region."""
    evaluation = _lock(finding.evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    finding = Finding.objects.get(pk=finding.pk, evaluation=evaluation)
    summary, note = summary.strip(), note.strip()
    errors: Errors = {}
    _too_long(errors, "summary", _("summary"), summary, TITLE_MAX)
    _too_long(errors, "note", _("note"), note, NOTE_MAX)
    if errors:
        raise ValidationError(errors)
    target, summary = _evidence_target(
        evaluation,
        kind=kind,
        log_entry=log_entry,
        decision=decision,
        milestone=milestone,
        norm=norm,
        survey_question=survey_question,
        summary=summary,
    )
    evidence = Evidence.objects.create(
        finding=finding, kind=kind, summary=summary, note=note, created_by=actor, **target
    )
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_EVIDENCE,
        obj=finding,
        region=evaluation.region,
        changes={
            "evidence": [None, evidence.pk],
            "kind": [None, kind],
            **{name: [None, _plain(value)] for name, value in target.items() if value},
        },
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence) -> None:
    finding = evidence.finding
    evaluation = _lock(finding.evaluation)
    _require_evaluator(actor, evaluation)
    _require_draft(evaluation)
    pk = evidence.pk
    Evidence.objects.filter(pk=pk, finding__evaluation=evaluation).delete()
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_EVIDENCE_REMOVE,
        obj=finding,
        region=evaluation.region,
        changes={"evidence": [pk, None]},
    )
