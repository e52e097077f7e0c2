"""Decisions and actions taken in an incident."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents import errors
from oranje.incidents.access import can_operate
from oranje.incidents.constants import ActionStatus, EntryKind
from oranje.incidents.models import Action, Decision, Incident
from oranje.incidents.services.guards import _locked, require_open
from oranje.incidents.services.logbook import log_append
from oranje.incidents.services.parsing import _check_tags
from oranje.organisation.models import Function


@transaction.atomic
def decision_record(
    *,
    actor: User,
    incident: Incident,
    team: str,
    decided_by: str,
    text: str,
    process: str = "",
    decided_at: dt.datetime | None = None,
) -> Decision:
    """Record who decided what in which team; the decision is also a logbook line."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    team, process = _check_tags(incident, problems, team=team, process=process, team_required=True)
    if not decided_by.strip():
        problems["decided_by"] = [str(errors.DECIDED_BY_REQUIRED)]
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    if problems:
        raise ValidationError(problems)
    when = decided_at or timezone.now()
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.DECISION,
        team=team,
        process=process,
        at=when,
        text=_("Decision (%(who)s): %(text)s") % {"who": decided_by.strip(), "text": text.strip()},
    )
    decision = Decision.objects.create(
        incident=incident,
        team=team,
        decided_by=decided_by.strip(),
        decided_at=when,
        text=text.strip(),
        process=process,
        entry=entry,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.DECISION_RECORD,
        obj=incident,
        region=incident.region,
        changes={"decision": [None, decision.text[:200]]},
    )
    return decision


@transaction.atomic
def action_create(
    *,
    actor: User,
    incident: Incident,
    text: str,
    owner_function: Function | None,
    deadline: dt.datetime | None,
    team: str = "",
    process: str = "",
    decision: Decision | None = None,
) -> Action:
    """Give work to a function, with a deadline."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    if owner_function is None:
        problems["owner_function"] = [str(errors.OWNER_REQUIRED)]
    if deadline is None:
        problems["deadline"] = [str(errors.DEADLINE_REQUIRED)]
    team, process = _check_tags(incident, problems, team=team, process=process)
    if decision is not None and decision.incident_id != incident.pk:
        problems["decision"] = [str(errors.CORRECTS_OTHER_INCIDENT)]
    if problems:
        raise ValidationError(problems)
    assert owner_function is not None and deadline is not None
    action = Action.objects.create(
        incident=incident,
        text=text.strip(),
        owner_function=owner_function,
        deadline=deadline,
        team=team,
        process=process,
        decision=decision,
        created_by=actor,
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.ACTION,
        team=team,
        process=process,
        function=owner_function,
        text=_("Action for %(function)s, due %(deadline)s: %(text)s")
        % {
            "function": owner_function.code,
            "deadline": date_format(timezone.localtime(deadline), "j-n H:i"),
            "text": action.text,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_CREATE,
        obj=incident,
        region=incident.region,
        changes={"action": [None, action.text[:200]]},
    )
    return action


@transaction.atomic
def action_set_status(*, actor: User, action: Action, status: str, note: str = "") -> Action:
    """Move an action to another status; the change is a logbook line."""
    incident = _locked(action.incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Unknown status '%(value)s'.") % {"value": status}]})
    action = Action.objects.select_for_update().get(pk=action.pk)
    old = action.status
    if old == status:
        return action
    action.status = status
    action.done_at = timezone.now() if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "done_at"])
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.ACTION,
        team=action.team,
        process=action.process,
        function=action.owner_function,
        text=_("Action '%(text)s': %(old)s → %(new)s.")
        % {
            "text": action.text[:120],
            "old": ActionStatus(old).label,
            "new": ActionStatus(status).label,
        }
        + (f" {note.strip()}" if note.strip() else ""),
    )
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_STATUS,
        obj=incident,
        region=incident.region,
        changes={"status": [old, status]},
        note=action.text[:200],
    )
    return action
