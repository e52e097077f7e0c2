"""Writing the audit trail. Called by services inside their transaction; what happened is
always a member of `AuditAction` (see `audit_actions.py` for how to add one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, Region, User


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The audited fields of `obj` as plain JSON values (FKs as their display text)."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields that changed, as {field: [old, new]}."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str = "",
    region: Region | None = None,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry. Must run inside the mutation's own transaction."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit action {action!r} is not an AuditAction member")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=(str(actor) if actor is not None and actor.is_authenticated else "systeem"),
        action=action.value,
        object_type=object_type or (obj._meta.model_name or "" if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        region=region,
        changes=changes or {},
        note=note,
    )


def user_region(user: User) -> Region | None:
    """The region whose audit log shows events about this user's own account (their first
    membership's region; none for a national membership)."""
    membership = (
        Membership.objects.filter(user=user).select_related("municipality").order_by("pk").first()
    )
    if membership is None:
        return None
    if membership.municipality is not None:
        return membership.municipality.region
    return membership.region
