"""Improvement actions: per gap (a norm, a municipality, a period) who does what by when,
followed until closed.

Every object a write touches is checked against the action's region: the norm must be of the
national set or the region's own set, the municipality one of the region's, the owner (when
a user) a member of the region. The region's monitors (`access.can_monitor`) create and
change actions; a municipality's own people (its coordinator, its quality monitor) may add a
note to their own municipality's action's history, nothing else. Every change is an
`ActionUpdate` (the history) and an audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.quality import access
from oranje.quality.constants import (
    FIRST_YEAR,
    LAST_YEAR,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    ActionStatus,
)
from oranje.quality.models import ActionUpdate, ImprovementAction, Norm
from oranje.quality.periods import Period
from oranje.quality.selectors_actions import may_note, region_members

#: How far ahead a deadline may lie.
HORIZON_DAYS = 5 * 366

#: The fields of an action a monitor sets (status apart).
FIELDS = ("municipality", "norm", "period", "title", "description", "owner", "owner_name")


def user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _check_deadline(deadline: dt.date | None, first: dt.date, errors: dict[str, list[str]]) -> None:
    last = timezone.localdate() + dt.timedelta(days=HORIZON_DAYS)
    if deadline is None:
        errors["deadline"] = [_("deadline: say by when the action is done.")]
    elif not first <= deadline <= last:
        errors["deadline"] = [
            _("deadline: choose a day from %(first)s to %(last)s.")
            % {"first": first.strftime("%d-%m-%Y"), "last": last.strftime("%d-%m-%Y")}
        ]


def _clean(
    region: Region,
    *,
    municipality: Municipality | None,
    norm: Norm | None,
    period: Period | None,
    title: str,
    description: str,
    owner: User | None,
    owner_name: str,
    deadline: dt.date | None,
    first_deadline: dt.date,
) -> dict[str, Any]:
    """The action's fields checked against the region, or a ValidationError naming each."""
    errors: dict[str, list[str]] = {}
    title, description, owner_name = title.strip(), description.strip(), owner_name.strip()
    if not title:
        errors["title"] = [_("action: say what is to be done.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("action: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if len(description) > TEXT_MAX:
        errors["description"] = [_("description: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if municipality is not None and municipality.region_id != region.pk:
        errors["municipality"] = [_("municipality: choose a municipality of this region.")]
    if norm is not None and norm.norm_set.region_id not in (None, region.pk):
        errors["norm"] = [_("norm: choose a norm of the national set or of this region's set.")]
    if period is not None and not FIRST_YEAR <= period.year <= LAST_YEAR:
        errors["period"] = [
            _("period: choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    if owner is not None and not region_members(region).filter(pk=owner.pk).exists():
        errors["owner"] = [_("owner: choose a member of this region.")]
    if owner is not None and not owner_name:
        owner_name = user_name(owner)
    if not owner_name:
        errors["owner_name"] = [_("owner: say who carries the action out.")]
    elif len(owner_name) > NAME_MAX:
        errors["owner_name"] = [_("owner: at most %(max)s characters.") % {"max": NAME_MAX}]
    _check_deadline(deadline, first_deadline, errors)
    if errors:
        raise ValidationError(errors)
    return {
        "municipality": municipality,
        "norm": norm,
        "year": period.year if period else None,
        "quarter": period.quarter if period else None,
        "title": title,
        "description": description,
        "owner": owner,
        "owner_name": owner_name,
        "deadline": deadline,
    }


def _value(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _lock(action: ImprovementAction) -> ImprovementAction:
    return ImprovementAction.objects.select_for_update().select_related("region").get(pk=action.pk)


@transaction.atomic
def action_create(
    *,
    actor: User,
    region: Region,
    title: str,
    owner_name: str = "",
    deadline: dt.date | None,
    municipality: Municipality | None = None,
    norm: Norm | None = None,
    period: Period | None = None,
    description: str = "",
    owner: User | None = None,
) -> ImprovementAction:
    """A new improvement action of the region (status open), with the first line of its
    history."""
    core_access.require(access.can_monitor(actor, region.pk))
    fields = _clean(
        region,
        municipality=municipality,
        norm=norm,
        period=period,
        title=title,
        description=description,
        owner=owner,
        owner_name=owner_name,
        deadline=deadline,
        first_deadline=timezone.localdate(),
    )
    now = timezone.now()
    action = ImprovementAction.objects.create(
        region=region, created_at=now, created_by=actor, status=ActionStatus.OPEN, **fields
    )
    ActionUpdate.objects.create(
        action=action, at=now, by=actor, by_name=user_name(actor), status=action.status
    )
    audit_record(
        actor=actor,
        action=AuditAction.IMPROVEMENT_ACTION_SAVE,
        obj=action,
        region=region,
        changes={name: [None, _value(value)] for name, value in fields.items()},
    )
    return action


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: ImprovementAction,
    title: str,
    owner_name: str,
    deadline: dt.date | None,
    municipality: Municipality | None,
    norm: Norm | None,
    period: Period | None,
    description: str = "",
    owner: User | None = None,
) -> ImprovementAction:
    """Change an action's fields (its status goes through `action_progress`)."""
    action = _lock(action)
    core_access.require(access.can_monitor(actor, action.region_id))
    fields = _clean(
        action.region,
        municipality=municipality,
        norm=norm,
        period=period,
        title=title,
        description=description,
        owner=owner,
        owner_name=owner_name,
        deadline=deadline,
        first_deadline=min(timezone.localtime(action.created_at).date(), action.deadline),
    )
    changes = {}
    for name, value in fields.items():
        old = getattr(action, name)
        if _value(old) != _value(value):
            changes[name] = [_value(old), _value(value)]
            setattr(action, name, value)
    if changes:
        action.save()
        audit_record(
            actor=actor,
            action=AuditAction.IMPROVEMENT_ACTION_SAVE,
            obj=action,
            region=action.region,
            changes=changes,
        )
    return action


@transaction.atomic
def action_progress(
    *,
    actor: User,
    action: ImprovementAction,
    status: str | None = None,
    note: str = "",
    result: str | None = None,
) -> ImprovementAction:
    """One step in the action's history: a new status, a note, or both. Closing asks for
    the result and sets `closed_at`; reopening clears it. A municipality's own people may
    only add a note (the status stays as it is)."""
    action = _lock(action)
    monitor = access.can_monitor(actor, action.region_id)
    if not (monitor or may_note(actor, action)):
        raise PermissionDenied
    status = status or action.status
    note = note.strip()
    errors: dict[str, list[str]] = {}
    if status not in ActionStatus.values:
        errors["status"] = [
            _("status: choose one of %(allowed)s.") % {"allowed": ", ".join(ActionStatus.values)}
        ]
    elif status != action.status and not monitor:
        raise PermissionDenied
    if len(note) > NOTE_MAX:
        errors["note"] = [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]
    new_result = action.result if result is None else result.strip()
    if result is not None and new_result != action.result and not monitor:
        raise PermissionDenied
    if len(new_result) > NOTE_MAX:
        errors["result"] = [_("result: at most %(max)s characters.") % {"max": NOTE_MAX}]
    elif status == ActionStatus.CLOSED and not new_result and "status" not in errors:
        errors["result"] = [_("result: say what the action achieved before closing it.")]
    if not errors and status == action.status and not note and new_result == action.result:
        errors["note"] = [_("note: write a note or change the status.")]
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list[Any]] = {}
    if status != action.status:
        changes["status"] = [action.status, status]
        action.status = status
        action.closed_at = timezone.now() if status == ActionStatus.CLOSED else None
    if new_result != action.result:
        changes["result"] = [action.result, new_result]
        action.result = new_result
    if changes:
        action.save()
    ActionUpdate.objects.create(
        action=action, by=actor, by_name=user_name(actor), status=action.status, note=note
    )
    if note:
        changes["note"] = [None, len(note)]
    audit_record(
        actor=actor,
        action=AuditAction.IMPROVEMENT_ACTION_SAVE,
        obj=action,
        region=action.region,
        changes=changes,
    )
    return action
