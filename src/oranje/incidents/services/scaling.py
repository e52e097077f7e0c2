"""Scaling an incident up or down (GRIP and flexible), with its teams."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents import errors
from oranje.incidents.access import can_command
from oranje.incidents.constants import EntryKind, GripLevel, ScalingMode, Team
from oranje.incidents.hooks import registry
from oranje.incidents.models import Incident, ScalingStep
from oranje.incidents.services.guards import _locked, require_open
from oranje.incidents.services.logbook import log_append


@transaction.atomic
def incident_scale(
    *,
    actor: User,
    incident: Incident,
    mode: str,
    grip_level: int | None,
    teams: Sequence[str] = (),
    custom_teams: Sequence[str] = (),
    reason: str,
    decided_by: str,
    at: dt.datetime | None = None,
) -> tuple[ScalingStep, list[str]]:
    """Record a scaling decision and let the alerting room alert what it requires. Returns
    the step and the warnings the person who scaled must see at once (e.g. a function with
    nobody on hard on-call). For those who lead the incident (`can_command`)."""
    incident = _locked(incident)
    core_access.require(can_command(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if mode not in ScalingMode.values:
        problems["mode"] = [_("Choose GRIP or flexible scaling.")]
    if mode == ScalingMode.GRIP:
        if grip_level is None:
            problems["grip_level"] = [str(errors.LEVEL_REQUIRED)]
        elif grip_level not in GripLevel.values:
            problems["grip_level"] = [str(errors.UNKNOWN_LEVEL % {"value": grip_level})]
    elif mode == ScalingMode.FLEXIBLE and grip_level is not None:
        problems["grip_level"] = [str(errors.LEVEL_NOT_FLEXIBLE)]
    unknown = [t for t in teams if t not in Team.values]
    if unknown:
        problems["teams"] = [str(errors.UNKNOWN_TEAM % {"value": t}) for t in unknown]
    names = list(dict.fromkeys(n.strip()[:60] for n in custom_teams if n.strip()))
    if mode == ScalingMode.FLEXIBLE and not teams and not names:
        problems["teams"] = [str(errors.FLEXIBLE_NEEDS_TEAM)]
    if not reason.strip():
        problems["reason"] = [str(errors.REASON_REQUIRED)]
    if not decided_by.strip():
        problems["decided_by"] = [str(errors.DECIDED_BY_REQUIRED)]
    if problems:
        raise ValidationError(problems)
    previous = incident.scaling.order_by("-at", "-pk").first()
    step = ScalingStep.objects.create(
        incident=incident,
        at=at or timezone.now(),
        mode=mode,
        grip_level=grip_level if mode == ScalingMode.GRIP else None,
        teams=[t for t in Team.values if t in teams],
        custom_teams=names,
        reason=reason.strip(),
        decided_by=decided_by.strip(),
        recorded_by=actor,
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.SCALING,
        at=step.at,
        text=_("Scaled to %(label)s, decided by %(who)s: %(reason)s")
        % {"label": step.label, "who": step.decided_by, "reason": step.reason},
    )
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_SCALE,
        obj=incident,
        region=incident.region,
        changes={"scaling": [previous.label if previous else None, step.label]},
        note=step.reason,
    )
    warnings: list[str] = []
    for listener in registry.scaled:
        warnings.extend(listener(step, actor))
    return step, warnings
