"""Lending people to another region for a period (a crisis beyond one region), and ending a
loan early. The lending region's managers lend; both regions' managers may end a loan early.
Ending keeps the row; the borrowing region's shifts of the person after the end go too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.organisation import errors_loans as errors
from oranje.organisation.models import Function, Loan, OnCallShift, Person
from oranje.organisation.selectors_loans import effective_end, running_between
from oranje.organisation.services.shift_checks import _lock_person

#: A loan is for a crisis, not a transfer: at most a year, then lend again.
MAX_LOAN_DAYS = 366
#: The reason is one line.
REASON_MAX = 255

LOAN_FIELDS = ["person", "from_region", "to_region", "starts_at", "ends_at", "reason"]


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def can_end_loan(user: object, loan: Loan) -> bool:
    """The lending and the borrowing region's managers may end a loan early."""
    return core_access.can_manage_region(user, loan.from_region_id) or (  # type: ignore[arg-type]
        core_access.can_manage_region(user, loan.to_region_id)  # type: ignore[arg-type]
    )


def loan_problems(
    *,
    from_region: Region,
    person: Person,
    to_region: Region | None,
    functions: Sequence[Function],
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
) -> dict[str, list[str]]:
    """Everything wrong with a proposed loan, by field; empty when it may be made."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    names = {"person": person.full_name, "region": from_region.name}
    if person.region_id != from_region.pk:
        add("person", str(errors.LOAN_NOT_OUR_PERSON % names))
    elif not person.active:
        add("person", str(errors.LOAN_PERSON_INACTIVE % names))
    if to_region is not None and to_region.pk == from_region.pk:
        add("to_region", str(errors.LOAN_OWN_REGION))
    if ends_at <= starts_at:
        add("ends_at", str(errors.LOAN_ENDS_BEFORE_START))
    elif ends_at - starts_at > dt.timedelta(days=MAX_LOAN_DAYS):
        add("ends_at", str(errors.LOAN_TOO_LONG % {"days": MAX_LOAN_DAYS}))
    if not functions:
        add("functions", str(errors.LOAN_FUNCTIONS_REQUIRED))
    else:
        held = set(person.functions.values_list("pk", flat=True))
        for function in functions:
            if function.pk not in held:
                add(
                    "functions",
                    str(
                        errors.LOAN_FUNCTION_NOT_HELD
                        % {"person": person.full_name, "function": function.code}
                    ),
                )
    if not reason.strip():
        add("reason", str(errors.LOAN_REASON_REQUIRED))
    if problems:
        return problems
    other = (
        Loan.objects.filter(running_between(starts_at, ends_at), person=person)
        .select_related("to_region")
        .first()
    )
    if other is not None:
        add(
            "starts_at",
            str(
                errors.LOAN_OVERLAP
                % {
                    "person": person.full_name,
                    "region": other.to_region.name,
                    "start": _when(other.starts_at),
                    "end": _when(effective_end(other)),
                }
            ),
        )
    return problems


@transaction.atomic
def loan_create(
    *,
    actor: User,
    from_region: Region,
    person: Person,
    to_region: Region,
    functions: Sequence[Function],
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
) -> Loan:
    """Lend one of the region's people to another region for a period and some functions."""
    core_access.require(core_access.can_manage_region(actor, from_region.pk))
    person = _lock_person(person)  # two managers cannot lend the same person twice at once
    reason = reason.strip()[:REASON_MAX]
    problems = loan_problems(
        from_region=from_region,
        person=person,
        to_region=to_region,
        functions=functions,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )
    if problems:
        raise ValidationError(problems)
    loan = Loan.objects.create(
        person=person,
        from_region=from_region,
        to_region=to_region,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        created_by=actor,
    )
    loan.functions.set(list(functions))
    changes = diff({}, snapshot(loan, LOAN_FIELDS)) | {
        "functions": [None, sorted(f.code for f in functions)]
    }
    audit_record(
        actor=actor, action=AuditAction.LOAN_CREATE, obj=loan, region=from_region, changes=changes
    )
    # The borrowing region's audit trail shows the loan too.
    audit_record(
        actor=actor, action=AuditAction.LOAN_CREATE, obj=loan, region=to_region, changes=changes
    )
    return loan


@transaction.atomic
def loan_end(*, actor: User, loan: Loan, reason: str = "", now: dt.datetime | None = None) -> Loan:
    """End a loan early (a loan not yet begun is called off). The row is kept; the
    borrowing region's shifts of the person after this moment end here or are taken off."""
    core_access.require(can_end_loan(actor, loan))
    now = now or timezone.now()
    loan = (
        Loan.objects.select_for_update().select_related("from_region", "to_region").get(pk=loan.pk)
    )
    if effective_end(loan) <= now:
        raise ValidationError({"ended_at": [str(errors.LOAN_ALREADY_OVER)]})
    loan.ended_at = now
    loan.ended_by = actor
    loan.save(update_fields=["ended_at", "ended_by"])
    note = reason.strip()[:REASON_MAX]
    changes = {"ended_at": [None, now.isoformat()]}
    for region in (loan.from_region, loan.to_region):
        audit_record(
            actor=actor,
            action=AuditAction.LOAN_END,
            obj=loan,
            region=region,
            changes=changes,
            note=note,
        )
    _end_borrowed_shifts(actor, loan, now)
    return loan


def _end_borrowed_shifts(actor: User, loan: Loan, now: dt.datetime) -> None:
    """Shifts of the person in the borrowing region's pools after the loan's end: those
    already begun end now, later ones are taken off the roster (audited, with what they were)."""
    shifts = OnCallShift.objects.filter(
        person_id=loan.person_id, pool__region_id=loan.to_region_id, ends_at__gt=now
    ).select_related("function", "pool")
    ended: list[str] = []
    for shift in shifts:
        period = f"{_when(shift.starts_at)}–{_when(shift.ends_at)}"
        label = f"{shift.function.code} {shift.pool.name} {period}"
        if shift.starts_at < now:
            shift.ends_at = now
            shift.save(update_fields=["ends_at"])
        else:
            shift.handovers.all().delete()
            shift.delete()
        ended.append(label)
    if ended:
        audit_record(
            actor=actor,
            action=AuditAction.LOAN_SHIFTS_ENDED,
            obj=loan,
            region=loan.to_region,
            changes={"shifts": [ended, None]},
        )
