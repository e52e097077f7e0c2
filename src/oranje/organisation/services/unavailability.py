"""Periods in which a functionary is not available."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.organisation import errors
from oranje.organisation.access import can_manage_person, is_own
from oranje.organisation.models import Person, Unavailability


@transaction.atomic
def unavailability_create(
    *,
    actor: User,
    person: Person,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    note: str = "",
) -> Unavailability:
    """Record that a person cannot be on call. Existing shifts stay but stop counting as
    coverage for that period, so the gap shows up for the coordinator at once."""
    core_access.require(is_own(actor, person) or can_manage_person(actor, person))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [str(errors.END_BEFORE_START)]})
    item = Unavailability(
        person=person, starts_at=starts_at, ends_at=ends_at, reason=reason, note=note
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.UNAVAILABILITY_CREATE,
        obj=item,
        region=person.region,
        changes=diff({}, snapshot(item, ["person", "starts_at", "ends_at", "reason", "note"])),
    )
    return item


@transaction.atomic
def unavailability_delete(*, actor: User, item: Unavailability) -> None:
    """Withdraw an unavailability."""
    core_access.require(is_own(actor, item.person) or can_manage_person(actor, item.person))
    before = snapshot(item, ["person", "starts_at", "ends_at", "reason", "note"])
    audit_record(
        actor=actor,
        action=AuditAction.UNAVAILABILITY_DELETE,
        obj=item,
        region=item.person.region,
        changes=diff(before, {}),
    )
    item.delete()
