"""What is wrong with a proposed on-call shift: length, qualification, overlaps, absence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from oranje.organisation import errors, errors_loans, qualification
from oranje.organisation.constants import OnCallKind, PersonKind
from oranje.organisation.models import Function, Person, Pool
from oranje.organisation.selectors_loans import loan_covering

MAX_SHIFT_DAYS = 31


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


@dataclass(frozen=True)
class Interval:
    starts_at: dt.datetime
    ends_at: dt.datetime
    label: str = ""


def shift_problems(
    *,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    pool_function_ids: set[int],
    pool_member_ids: set[int],
    person_function_ids: set[int],
    busy: Iterable[Interval],
    unavailable: Iterable[Interval],
    qualified_until: dt.date | None = qualification.UNRESTRICTED,
    override_reason: str = "",
) -> dict[str, list[str]]:
    """Everything wrong with a proposed shift, by field; empty when it may be rostered.

    Pure: the caller supplies the person's other shifts (`busy`) and unavailability, so that
    a single change and an import of 10,000 rows apply exactly the same rules.
    """
    problems: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        problems.setdefault(field_name, []).append(message)

    names = {"person": person.full_name, "pool": pool.name, "function": function.code}
    if ends_at <= starts_at:
        add("ends_at", str(errors.END_BEFORE_START))
    elif ends_at - starts_at > dt.timedelta(days=MAX_SHIFT_DAYS):
        add("ends_at", str(errors.SHIFT_TOO_LONG % {"days": MAX_SHIFT_DAYS}))
    if kind not in OnCallKind.values:
        add("kind", str(errors.IMPORT_BAD_KIND % {"value": kind}))
    if function.pk not in pool_function_ids:
        add("function", str(errors.FUNCTION_NOT_IN_POOL % names))
    if person.pk not in pool_member_ids:
        add("person", str(errors.NOT_POOL_MEMBER % names))
    if function.pk not in person_function_ids:
        add("person", str(errors.PERSON_LACKS_FUNCTION % names))
    if not person.active:
        add("person", str(errors.PERSON_INACTIVE % names))
    if kind == OnCallKind.HARD and person.kind == PersonKind.CIVIL:
        add("kind", str(errors.CIVIL_NOT_HARD % names))
    start_day = timezone.localtime(starts_at).date()
    if (
        kind == OnCallKind.HARD
        and not override_reason.strip()
        and (qualified_until is None or qualified_until < start_day)
    ):
        add("person", str(errors.NOT_QUALIFIED % {**names, "date": _when(starts_at)}))
    if problems:
        return problems
    for other in busy:
        if other.starts_at < ends_at and starts_at < other.ends_at:
            add(
                "starts_at",
                str(
                    errors.OVERLAPPING_SHIFT
                    % {
                        **names,
                        "start": _when(other.starts_at),
                        "end": _when(other.ends_at),
                        "function": other.label,
                    }
                ),
            )
            break
    for gone in unavailable:
        if gone.starts_at < ends_at and starts_at < gone.ends_at:
            add(
                "starts_at",
                str(
                    errors.UNAVAILABLE
                    % {
                        **names,
                        "start": _when(gone.starts_at),
                        "end": _when(gone.ends_at),
                        "reason": gone.label,
                    }
                ),
            )
            break
    return problems


def _person_intervals(
    person: Person, starts_at: dt.datetime, ends_at: dt.datetime, exclude_shift: int | None = None
) -> tuple[list[Interval], list[Interval]]:
    window = Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    busy = [
        Interval(s.starts_at, s.ends_at, s.function.code)
        for s in person.shifts.filter(window)
        .exclude(pk__in=[exclude_shift] if exclude_shift else [])
        .select_related("function")
    ]
    unavailable = [
        Interval(u.starts_at, u.ends_at, str(u.get_reason_display()))
        for u in person.unavailabilities.filter(window)
    ]
    return busy, unavailable


def _lock_person(person: Person) -> Person:
    # Serialise roster changes per person so two coordinators cannot both book the same
    # person for overlapping shifts (SQLite serialises all writers already).
    return Person.objects.select_for_update().get(pk=person.pk)


def _validate_shift(
    *,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    exclude_shift: int | None = None,
    override_reason: str = "",
) -> dt.date | None:
    """Raise ValidationError for a shift that breaks a rule; return until when the person is
    qualified for the function (None: not at all)."""
    busy, unavailable = _person_intervals(person, starts_at, ends_at, exclude_shift)
    members = set(pool.members.values_list("pk", flat=True))
    if person.region_id != pool.region_id:
        # Someone of another region may be rostered here only while lent to this region
        # for the function, and then counts by the national profile.
        if loan_covering(person, pool.region_id, function.pk, starts_at, ends_at) is None:
            names = {"person": person.full_name, "region": pool.region.name}
            message = errors_loans.LOAN_SHIFT_NOT_COVERED % {**names, "function": function.code}
            raise ValidationError({"person": [str(message)]})
        members.add(person.pk)
        check = qualification.national_qualified_until
    else:
        check = qualification.qualified_until
    until = check([(person.pk, function.pk)])[(person.pk, function.pk)]
    problems = shift_problems(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        pool_function_ids=set(pool.functions.values_list("pk", flat=True)),
        pool_member_ids=members,
        person_function_ids=set(person.functions.values_list("pk", flat=True)),
        busy=busy,
        unavailable=unavailable,
        qualified_until=until,
        override_reason=override_reason,
    )
    if problems:
        raise ValidationError(problems)
    return until
