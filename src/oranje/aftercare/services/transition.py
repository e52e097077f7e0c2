"""The transition document (overdrachtsdocument): the handover from the acute phase to the
aftercare, in versions.

A version starts as a draft with a snapshot of the facts from the records
(`selectors_transition.transition_prefill`) and the texts of the previous version (the first
one: the situation report's general picture and the open actions as open points). People
write the summary, open points, arrangements and risks; those who command the incident
approve it, after which that version never changes: a new version is a new row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.aftercare.access import can_write
from oranje.aftercare.constants import NOTE_MAX, DocumentStatus
from oranje.aftercare.models import TransitionDocument
from oranje.aftercare.selectors_transition import transition_prefill
from oranje.aftercare.services.phase import user_name
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.access import can_command
from oranje.incidents.constants import EntryKind, Process
from oranje.incidents.models import Incident
from oranje.incidents.services import incident_lock, log_append, require_open

#: The texts people write, in the order of the document.
TEXTS = ("summary", "open_points", "arrangements", "risks")


def not_draft_message(doc: TransitionDocument) -> str:
    return _(
        "Version %(number)s of the transition document is approved and can no longer be "
        "changed; make a new version."
    ) % {"number": doc.number}


def _fresh(incident_id: int) -> Incident:
    """The incident, locked for this transaction and read again (it may have been closed
    since the caller read it)."""
    incident_lock(incident_id)
    return Incident.objects.select_related("region").get(pk=incident_id)


def _locked_draft(doc: TransitionDocument) -> TransitionDocument:
    doc = TransitionDocument.objects.select_for_update().get(pk=doc.pk)
    if doc.status != DocumentStatus.DRAFT:
        raise ValidationError(not_draft_message(doc), code="not_draft")
    return doc


def _first_texts(facts: dict[str, object]) -> dict[str, str]:
    """The first version's texts: the situation report's general picture, the open actions
    as open points."""
    report = facts.get("report")
    summary = str(report.get("summary") or "") if isinstance(report, dict) else ""
    actions = facts.get("actions")
    lines = []
    if isinstance(actions, dict):
        for a in actions.get("listed") or []:
            when = a.get("deadline", "")[:10]
            lines.append(f"- {a.get('text', '')} ({a.get('owner', '')}, {when})")
    return {
        "summary": summary[:NOTE_MAX],
        "open_points": "\n".join(lines)[:NOTE_MAX],
        "arrangements": "",
        "risks": "",
    }


@transaction.atomic
def transition_create(*, actor: User, incident: Incident) -> TransitionDocument:
    """A new draft version with the facts of now. Refused while a draft exists (edit that
    one) and for a closed incident."""
    incident = _fresh(incident.pk)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    draft = TransitionDocument.objects.filter(incident=incident, status=DocumentStatus.DRAFT)
    open_draft = draft.order_by("-number").first()
    if open_draft is not None:
        raise ValidationError(
            _("Version %(number)s is still a draft: edit or approve that one first.")
            % {"number": open_draft.number},
            code="draft_exists",
        )
    previous = TransitionDocument.objects.filter(incident=incident).order_by("-number").first()
    facts = transition_prefill(incident)
    texts = {name: getattr(previous, name) for name in TEXTS} if previous else _first_texts(facts)
    number = (
        TransitionDocument.objects.filter(incident=incident).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    now = timezone.now()
    doc = TransitionDocument.objects.create(
        incident=incident,
        number=number,
        facts=facts,
        facts_at=now,
        created_at=now,
        created_by=actor,
        updated_at=now,
        **texts,
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION_SAVE,
        obj=doc,
        region=incident.region,
        changes={"number": [None, number]},
    )
    return doc


@transaction.atomic
def transition_update(
    *,
    actor: User,
    doc: TransitionDocument,
    summary: str,
    open_points: str,
    arrangements: str,
    risks: str,
) -> TransitionDocument:
    """Change a draft's texts (each at most NOTE_MAX characters)."""
    incident = _fresh(doc.incident_id)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    doc = _locked_draft(doc)
    given = {
        "summary": summary,
        "open_points": open_points,
        "arrangements": arrangements,
        "risks": risks,
    }
    errors = {
        name: [_("at most %(max)s characters.") % {"max": NOTE_MAX}]
        for name, value in given.items()
        if len(value.strip()) > NOTE_MAX
    }
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in given.items() if getattr(doc, name) != value.strip()]
    if not changed:
        return doc
    for name in changed:
        setattr(doc, name, given[name].strip())
    doc.updated_at = timezone.now()
    doc.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION_SAVE,
        obj=doc,
        region=incident.region,
        changes={"fields": changed},
    )
    return doc


@transaction.atomic
def transition_refresh_facts(*, actor: User, doc: TransitionDocument) -> TransitionDocument:
    """Take the facts from the records again (a draft only)."""
    incident = _fresh(doc.incident_id)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    doc = _locked_draft(doc)
    doc.facts = transition_prefill(incident)
    doc.facts_at = doc.updated_at = timezone.now()
    doc.save(update_fields=["facts", "facts_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION_SAVE,
        obj=doc,
        region=incident.region,
        changes={"facts_at": [None, doc.facts_at.isoformat()]},
        note="facts refreshed",
    )
    return doc


@transaction.atomic
def transition_approve(*, actor: User, doc: TransitionDocument) -> TransitionDocument:
    """Approve a draft: from now on this version is fixed (a logbook line says so). For
    those who command the incident; a version without a summary is refused."""
    incident = _fresh(doc.incident_id)
    core_access.require(can_command(actor, incident))
    require_open(incident)
    doc = _locked_draft(doc)
    if not doc.summary.strip():
        raise ValidationError(
            {
                "summary": [
                    _(
                        "Summary of the acute phase: fill it in before approving; an empty "
                        "version cannot be approved."
                    )
                ]
            }
        )
    now = timezone.now()
    doc.status = DocumentStatus.APPROVED
    doc.approved_at = now
    doc.approved_by = actor
    doc.approved_by_name = user_name(actor)
    doc.save(update_fields=["status", "approved_at", "approved_by", "approved_by_name"])
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.HANDOVER,
        process=Process.AFTERCARE,
        text=_("Transition document version %(number)s approved (facts as of %(facts_at)s).")
        % {
            "number": doc.number,
            "facts_at": date_format(timezone.localtime(doc.facts_at), "j-n-Y H:i"),
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION_APPROVE,
        obj=doc,
        region=incident.region,
        changes={"status": [DocumentStatus.DRAFT, DocumentStatus.APPROVED]},
    )
    return doc
