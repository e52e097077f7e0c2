"""The surroundings (omgevingszorg) as facts on the incident: utility outages, road closures
and clean-up tasks, written by whoever may work in the incident.

Times hang together: an outage is not restored (nor expected to end) before it started, a
road is not reopened before it closed; the message names the field and the time it clashes
with. Restoring, reopening and finishing are also quick actions of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.constants import TaskStatus, Utility
from oranje.care.models import CleanupTask, Outage, RoadClosure
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.access import can_operate
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

#: More households than the Netherlands has is a typing error.
HOUSEHOLDS_MAX = 10_000_000
_SKEW = dt.timedelta(minutes=5)

START = gettext_lazy("start")
RESTORED = gettext_lazy("restored")
CLOSED = gettext_lazy("closed")
REOPENED = gettext_lazy("reopened")


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def _order(
    errors: dict[str, list[str]],
    start: dt.datetime,
    later: dt.datetime | None,
    field: str,
    message: str,
) -> None:
    """`later` (if given) must not lie before `start`; `message` names the field and takes
    the start as %(start)s."""
    if later is not None and later < start:
        errors[field] = [message % {"start": _when(start)}]


def _past(
    errors: dict[str, list[str]], moment: dt.datetime | None, field: str, label: object
) -> None:
    if moment is not None and moment > timezone.now() + _SKEW and field not in errors:
        errors[field] = [_("%(field)s: lies in the future.") % {"field": label}]


def _may_write(actor: User, incident: Incident) -> None:
    core_access.require(can_operate(actor, incident))
    require_open(incident)


Surrounding = Outage | RoadClosure | CleanupTask


def _save(obj: Surrounding, values: dict[str, object]) -> dict[str, list[object]]:
    changes: dict[str, list[object]] = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return changes


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def _audit(
    actor: User, action: AuditAction, obj: Surrounding, changes: dict[str, list[object]]
) -> None:
    obj.updated_at, obj.updated_by = timezone.now(), actor
    obj.save()
    audit_record(actor=actor, action=action, obj=obj, region=obj.incident.region, changes=changes)


# ---------------------------------------------------------------- outages


@dataclass(frozen=True)
class OutageData:
    utility: str
    households: int
    started_at: dt.datetime
    area: str = ""
    expected_end: dt.datetime | None = None
    restored_at: dt.datetime | None = None
    note: str = ""

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check_outage(data: OutageData) -> None:
    errors: dict[str, list[str]] = {}
    if data.utility not in Utility.values:
        errors["utility"] = [_("utility: choose gas, power, water or district heating.")]
    if not 0 <= data.households <= HOUSEHOLDS_MAX:
        errors["households"] = [
            _("households affected: give a number from 0 to %(max)s.") % {"max": HOUSEHOLDS_MAX}
        ]
    _order(
        errors,
        data.started_at,
        data.expected_end,
        "expected_end",
        _("expected end: before the start of the outage (%(start)s)."),
    )
    _order(
        errors,
        data.started_at,
        data.restored_at,
        "restored_at",
        _("restored: before the start of the outage (%(start)s)."),
    )
    _past(errors, data.started_at, "started_at", START)
    _past(errors, data.restored_at, "restored_at", RESTORED)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def outage_save(
    *, incident: Incident, actor: User, data: OutageData, outage: Outage | None = None
) -> Outage:
    """Record a utility outage of the incident, or change one (`outage`)."""
    _may_write(actor, incident)
    _check_outage(data)
    values = {**data.values(), "area": data.area.strip(), "note": data.note.strip()}
    if outage is None:
        outage = Outage(incident=incident)
    else:
        outage = Outage.objects.select_for_update().get(pk=outage.pk, incident=incident)
    changes = _save(outage, values)
    if changes:
        _audit(actor, AuditAction.OUTAGE_SAVE, outage, changes)
    return outage


@transaction.atomic
def outage_restore(*, outage: Outage, actor: User, at: dt.datetime | None = None) -> Outage:
    """Record that the utility is back (now, or at `at`)."""
    outage = Outage.objects.select_for_update().select_related("incident__region").get(pk=outage.pk)
    _may_write(actor, outage.incident)
    if outage.restored_at is not None:
        raise ValidationError(
            {
                "restored_at": [
                    _("restored: already restored at %(when)s.")
                    % {"when": _when(outage.restored_at)}
                ]
            }
        )
    restored_at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    _order(
        errors,
        outage.started_at,
        restored_at,
        "restored_at",
        _("restored: before the start of the outage (%(start)s)."),
    )
    _past(errors, restored_at, "restored_at", RESTORED)
    if errors:
        raise ValidationError(errors)
    _audit(actor, AuditAction.OUTAGE_SAVE, outage, _save(outage, {"restored_at": restored_at}))
    return outage


# ---------------------------------------------------------------- road closures


@dataclass(frozen=True)
class ClosureData:
    road: str
    closed_at: dt.datetime
    stretch: str = ""
    reason: str = ""
    expected_end: dt.datetime | None = None
    reopened_at: dt.datetime | None = None

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check_closure(data: ClosureData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.road.strip():
        errors["road"] = [_("road: say which road is closed.")]
    _order(
        errors,
        data.closed_at,
        data.expected_end,
        "expected_end",
        _("expected end: before the road was closed (%(start)s)."),
    )
    _order(
        errors,
        data.closed_at,
        data.reopened_at,
        "reopened_at",
        _("reopened: before the road was closed (%(start)s)."),
    )
    _past(errors, data.closed_at, "closed_at", CLOSED)
    _past(errors, data.reopened_at, "reopened_at", REOPENED)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def closure_save(
    *, incident: Incident, actor: User, data: ClosureData, closure: RoadClosure | None = None
) -> RoadClosure:
    """Record a road closure of the incident, or change one (`closure`)."""
    _may_write(actor, incident)
    _check_closure(data)
    values = {
        **data.values(),
        "road": data.road.strip(),
        "stretch": data.stretch.strip(),
        "reason": data.reason.strip(),
    }
    if closure is None:
        closure = RoadClosure(incident=incident)
    else:
        closure = RoadClosure.objects.select_for_update().get(pk=closure.pk, incident=incident)
    changes = _save(closure, values)
    if changes:
        _audit(actor, AuditAction.ROAD_CLOSURE_SAVE, closure, changes)
    return closure


@transaction.atomic
def closure_reopen(
    *, closure: RoadClosure, actor: User, at: dt.datetime | None = None
) -> RoadClosure:
    """Record that the road is open again (now, or at `at`)."""
    closure = (
        RoadClosure.objects.select_for_update()
        .select_related("incident__region")
        .get(pk=closure.pk)
    )
    _may_write(actor, closure.incident)
    if closure.reopened_at is not None:
        raise ValidationError(
            {
                "reopened_at": [
                    _("reopened: already reopened at %(when)s.")
                    % {"when": _when(closure.reopened_at)}
                ]
            }
        )
    reopened_at = at or timezone.now()
    errors: dict[str, list[str]] = {}
    _order(
        errors,
        closure.closed_at,
        reopened_at,
        "reopened_at",
        _("reopened: before the road was closed (%(start)s)."),
    )
    _past(errors, reopened_at, "reopened_at", REOPENED)
    if errors:
        raise ValidationError(errors)
    changes = _save(closure, {"reopened_at": reopened_at})
    _audit(actor, AuditAction.ROAD_CLOSURE_SAVE, closure, changes)
    return closure


# ---------------------------------------------------------------- clean-up tasks


@dataclass(frozen=True)
class CleanupData:
    description: str
    place: str = ""
    owner: str = ""
    due: dt.datetime | None = None
    status: str = TaskStatus.OPEN

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check_cleanup(data: CleanupData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.description.strip():
        errors["description"] = [_("what: say what is to be cleaned up.")]
    if data.status not in TaskStatus.values:
        errors["status"] = [_("status: choose open, in progress or done.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cleanup_save(
    *, incident: Incident, actor: User, data: CleanupData, task: CleanupTask | None = None
) -> CleanupTask:
    """Record a clean-up task of the incident, or change one (`task`)."""
    _may_write(actor, incident)
    _check_cleanup(data)
    values = {
        **data.values(),
        "description": data.description.strip(),
        "place": data.place.strip(),
        "owner": data.owner.strip(),
    }
    if task is None:
        task = CleanupTask(incident=incident)
    else:
        task = CleanupTask.objects.select_for_update().get(pk=task.pk, incident=incident)
    changes = _save(task, values)
    if changes:
        _audit(actor, AuditAction.CLEANUP_SAVE, task, changes)
    return task


@transaction.atomic
def cleanup_set_status(*, task: CleanupTask, actor: User, status: str) -> CleanupTask:
    """Move a clean-up task to another status (done is the quick action)."""
    task = (
        CleanupTask.objects.select_for_update().select_related("incident__region").get(pk=task.pk)
    )
    _may_write(actor, task.incident)
    if status not in TaskStatus.values:
        raise ValidationError({"status": [_("status: choose open, in progress or done.")]})
    changes = _save(task, {"status": status})
    if changes:
        _audit(actor, AuditAction.CLEANUP_SAVE, task, changes)
    return task
