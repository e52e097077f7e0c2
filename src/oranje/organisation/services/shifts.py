"""On-call shifts (piket): creating, deleting, handing over."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.organisation import errors
from oranje.organisation.access import can_manage_pool, is_own
from oranje.organisation.constants import OnCallKind, ShiftSource
from oranje.organisation.models import Function, OnCallShift, Person, Pool, ShiftHandover
from oranje.organisation.services.shift_checks import _lock_person, _validate_shift

SHIFT_FIELDS = [
    "pool",
    "function",
    "person",
    "kind",
    "starts_at",
    "ends_at",
    "note",
    "qualification_override",
]


@transaction.atomic
def shift_create(
    *,
    actor: User,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    note: str = "",
    source: str = ShiftSource.MANUAL,
    override_reason: str = "",
) -> OnCallShift:
    """Put a person on call; refuses overlaps, unavailability, people outside the pool, and
    people not qualified for hard on-call unless the coordinator overrides with a reason."""
    core_access.require(can_manage_pool(actor, pool))
    person = _lock_person(person)
    until = _validate_shift(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        override_reason=override_reason,
    )
    qualified = until is not None and until >= timezone.localtime(starts_at).date()
    if kind != OnCallKind.HARD or qualified:
        override_reason = ""  # nothing to override
    shift = OnCallShift.objects.create(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note,
        source=source,
        qualification_override=override_reason.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SHIFT_CREATE,
        obj=shift,
        region=pool.region,
        changes=diff({}, snapshot(shift, SHIFT_FIELDS)),
    )
    return shift


@transaction.atomic
def shift_delete(*, actor: User, shift: OnCallShift) -> None:
    """Take a shift off the roster; the audit entry keeps everything it held."""
    core_access.require(can_manage_pool(actor, shift.pool))
    before = snapshot(shift, SHIFT_FIELDS)
    audit_record(
        actor=actor,
        action=AuditAction.SHIFT_DELETE,
        obj=shift,
        region=shift.pool.region,
        changes=diff(before, {}),
    )
    shift.handovers.all().delete()
    shift.delete()


@transaction.atomic
def shift_hand_over(
    *,
    actor: User,
    shift: OnCallShift,
    to_person: Person,
    from_at: dt.datetime | None = None,
    reason: str = "",
) -> OnCallShift:
    """Hand a shift, or its remainder from `from_at`, to another pool member.

    The holder may hand over their own shift; a pool manager any shift. Handing over the
    remainder splits the shift: the original ends at `from_at`, a new one starts there.
    Returns the shift the new holder now has.
    """
    core_access.require(is_own(actor, shift.person) or can_manage_pool(actor, shift.pool))
    now = timezone.now()
    if shift.ends_at <= now:
        raise ValidationError({"from_at": [str(errors.SHIFT_ENDED)]})
    if to_person.pk == shift.person_id:
        raise ValidationError({"to_person": [str(errors.HANDOVER_TO_SELF)]})
    moment = from_at or shift.starts_at
    if moment < shift.starts_at or moment >= shift.ends_at:
        raise ValidationError({"from_at": [str(errors.HANDOVER_MOMENT_OUTSIDE_SHIFT)]})
    to_person = _lock_person(to_person)
    from_person = shift.person
    _validate_shift(
        pool=shift.pool,
        function=shift.function,
        person=to_person,
        kind=shift.kind,
        starts_at=moment,
        ends_at=shift.ends_at,
        exclude_shift=shift.pk,
    )
    if moment <= shift.starts_at:
        taken, original = shift, None
        before = snapshot(shift, SHIFT_FIELDS)
        shift.person = to_person
        shift.save(update_fields=["person"])
        changes = diff(before, snapshot(shift, SHIFT_FIELDS))
    else:
        original = shift
        taken = OnCallShift.objects.create(
            pool=shift.pool,
            function=shift.function,
            person=to_person,
            kind=shift.kind,
            starts_at=moment,
            ends_at=shift.ends_at,
            note=shift.note,
            source=ShiftSource.HANDOVER,
            created_by=actor,
        )
        old_end = shift.ends_at
        shift.ends_at = moment
        shift.save(update_fields=["ends_at"])
        changes = {
            "ends_at": [old_end.isoformat(), moment.isoformat()],
            "person": [str(from_person), str(to_person)],
        }
    ShiftHandover.objects.create(
        shift=taken,
        original_shift=original,
        from_person=from_person,
        to_person=to_person,
        from_at=moment,
        by=actor,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SHIFT_HANDOVER,
        obj=taken,
        region=shift.pool.region,
        changes=changes,
        note=reason,
    )
    return taken
