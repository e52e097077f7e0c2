"""Aftercare tasks per theme (housing, finance and damage, psychosocial care, information,
commemoration, the surroundings): who carries each out, by when, and how far it is.

Every status a task gets (its first one included) is a TaskEvent, so that the progress over
the weeks is read from history (`selectors_tasks.weekly_progress`), never from today's
status. For those who may write the aftercare (`access.can_write`), while the incident is
open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.aftercare.access import can_write
from oranje.aftercare.constants import NAME_MAX, NOTE_MAX, TITLE_MAX, TaskStatus, Theme
from oranje.aftercare.models import AftercareTask, TaskEvent
from oranje.aftercare.services.phase import user_name
from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services import incident_lock, require_open

#: The fields of a task a person sets (status apart).
FIELDS = ("theme", "title", "description", "owner", "owner_name", "deadline")


def _fresh(incident_id: int) -> Incident:
    incident_lock(incident_id)
    return Incident.objects.select_related("region").get(pk=incident_id)


def _clean(
    incident: Incident,
    *,
    theme: str,
    title: str,
    description: str,
    owner: User | None,
    owner_name: str,
    deadline: dt.date | None,
) -> dict[str, Any]:
    """The task's fields checked, or a ValidationError naming each bad one."""
    errors: dict[str, list[str]] = {}
    title, description, owner_name = title.strip(), description.strip(), owner_name.strip()
    if theme not in Theme.values:
        errors["theme"] = [
            _("theme: choose one of %(allowed)s.") % {"allowed": ", ".join(Theme.values)}
        ]
    if not title:
        errors["title"] = [_("task: say what is to be done.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("task: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if len(description) > NOTE_MAX:
        errors["description"] = [_("description: at most %(max)s characters.") % {"max": NOTE_MAX}]
    if len(owner_name) > NAME_MAX:
        errors["owner_name"] = [_("owner: at most %(max)s characters.") % {"max": NAME_MAX}]
    if owner is not None and (
        not owner.is_active or not core_access.can_read_region(owner, incident.region_id)
    ):
        errors["owner"] = [_("owner: choose someone of the incident's region.")]
    if deadline is not None:
        try:
            params.check_date_window(deadline, field="deadline")
        except params.InvalidParameter as exc:
            errors["deadline"] = [_("deadline: %(problem)s") % {"problem": exc.message}]
    if errors:
        raise ValidationError(errors)
    if owner is not None and not owner_name:
        owner_name = user_name(owner)
    return {
        "theme": theme,
        "title": title,
        "description": description,
        "owner": owner,
        "owner_name": owner_name,
        "deadline": deadline,
    }


def _check_status(status: str) -> None:
    if status not in TaskStatus.values:
        raise ValidationError(
            {
                "status": [
                    _("status: choose one of %(allowed)s.")
                    % {"allowed": ", ".join(TaskStatus.values)}
                ]
            }
        )


def _event(task: AftercareTask, actor: User, note: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task,
        at=task.updated_at,
        by_name=user_name(actor),
        status=task.status,
        note=note.strip()[:NAME_MAX],
    )


def _apply_status(task: AftercareTask, status: str, now: dt.datetime) -> None:
    task.status = status
    task.done_at = now if status == TaskStatus.DONE else None


@transaction.atomic
def task_create(
    *,
    actor: User,
    incident: Incident,
    theme: str,
    title: str,
    description: str = "",
    owner: User | None = None,
    owner_name: str = "",
    deadline: dt.date | None = None,
    status: str = TaskStatus.OPEN,
) -> AftercareTask:
    incident = _fresh(incident.pk)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    fields = _clean(
        incident,
        theme=theme,
        title=title,
        description=description,
        owner=owner,
        owner_name=owner_name,
        deadline=deadline,
    )
    _check_status(status)
    now = timezone.now()
    task = AftercareTask(incident=incident, created_at=now, created_by=actor, updated_at=now)
    for name, value in fields.items():
        setattr(task, name, value)
    _apply_status(task, status, now)
    task.save()
    _event(task, actor)
    audit_record(
        actor=actor,
        action=AuditAction.AFTERCARE_TASK_SAVE,
        obj=task,
        region=incident.region,
        changes={"theme": [None, task.theme], "status": [None, task.status]},
    )
    return task


def _value(value: Any) -> Any:
    if isinstance(value, User):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: AftercareTask,
    theme: str,
    title: str,
    description: str,
    owner: User | None,
    owner_name: str,
    deadline: dt.date | None,
    status: str | None = None,
    note: str = "",
) -> AftercareTask:
    """Change a task; a changed status is recorded as an event (with `note`)."""
    incident = _fresh(task.incident_id)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    task = AftercareTask.objects.select_for_update().get(pk=task.pk)
    fields = _clean(
        incident,
        theme=theme,
        title=title,
        description=description,
        owner=owner,
        owner_name=owner_name,
        deadline=deadline,
    )
    if status is not None:
        _check_status(status)
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        before = getattr(task, name)
        if before != value:
            changes[name] = [_value(before), _value(value)]
            setattr(task, name, value)
    now = timezone.now()
    if status is not None and status != task.status:
        changes["status"] = [task.status, status]
        _apply_status(task, status, now)
    if not changes:
        return task
    task.updated_at = now
    task.save()
    if "status" in changes:
        _event(task, actor, note)
    audit_record(
        actor=actor,
        action=AuditAction.AFTERCARE_TASK_SAVE,
        obj=task,
        region=incident.region,
        changes=changes,
        note=note.strip()[:NAME_MAX],
    )
    return task


@transaction.atomic
def task_set_status(
    *, actor: User, task: AftercareTask, status: str, note: str = ""
) -> AftercareTask:
    """Move a task to another status (an event; the same status again changes nothing)."""
    incident = _fresh(task.incident_id)
    core_access.require(can_write(actor, incident))
    require_open(incident)
    _check_status(status)
    task = AftercareTask.objects.select_for_update().get(pk=task.pk)
    if task.status == status:
        return task
    before = task.status
    now = timezone.now()
    _apply_status(task, status, now)
    task.updated_at = now
    task.save(update_fields=["status", "done_at", "updated_at"])
    _event(task, actor, note)
    audit_record(
        actor=actor,
        action=AuditAction.AFTERCARE_TASK_SAVE,
        obj=task,
        region=incident.region,
        changes={"status": [before, status]},
        note=note.strip()[:NAME_MAX],
    )
    return task
