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
from oranje.incidents.services.guards import _locked, require_acute
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
    scale_down: bool = False,
) -> tuple[ScalingStep, list[str]]:
    """Record a scaling decision and let the alerting room alert what it requires. Returns
    the step and the warnings the person who scaled must see at once (e.g. a function with
    nobody on hard on-call). For those who lead the incident (`can_command`).

    Scaling down (a lower GRIP level, or a team of the step before left out) is refused
    unless `scale_down` confirms it, and is then recorded as such: nobody scales down by
    a slip of the dropdown."""
    incident = _locked(incident)
    core_access.require(can_command(actor, incident))
    require_acute(incident)
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
    step = ScalingStep(
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
    step.scaled_down = previous is not None and is_scale_down(previous, step)
    if step.scaled_down and not scale_down:
        raise ValidationError(
            {
                "scale_down": [
                    ValidationError(
                        str(
                            errors.SCALE_DOWN_UNCONFIRMED
                            % {"before": previous.label if previous else "", "after": step.label}
                        ),
                        code="unconfirmed",
                    )
                ]
            }
        )
    step.save()
    text = (
        _("Scaled down from %(before)s to %(label)s, decided by %(who)s: %(reason)s")
        if step.scaled_down
        else _("Scaled to %(label)s, decided by %(who)s: %(reason)s")
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.SCALING,
        at=step.at,
        text=text
        % {
            "before": previous.label if previous else "",
            "label": step.label,
            "who": step.decided_by,
            "reason": step.reason,
        },
    )
    changes: dict[str, list[object]] = {
        "scaling": [previous.label if previous else None, step.label]
    }
    if step.scaled_down:
        changes["scaled_down"] = [False, True]
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_SCALE,
        obj=incident,
        region=incident.region,
        changes=changes,
        note=step.reason,
    )
    warnings: list[str] = []
    for listener in registry.scaled:
        warnings.extend(listener(step, actor))
    return step, warnings


def is_scale_down(before: ScalingStep, after: ScalingStep) -> bool:
    """A lower GRIP level than before, or a team active before that is no longer named."""
    lower = (
        before.grip_level is not None
        and after.grip_level is not None
        and after.grip_level < before.grip_level
    )
    dropped = set(before.teams) - set(after.teams) or set(before.custom_teams) - set(
        after.custom_teams
    )
    return lower or bool(dropped)
