"""Rosters generated from a repeating pattern and a rotation of people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from oranje.core import access as core_access
from oranje.core.models import User
from oranje.core.validation import local_zone
from oranje.organisation import errors
from oranje.organisation.access import can_manage_pool
from oranje.organisation.constants import ShiftSource
from oranje.organisation.models import Function, OnCallShift, Person, Pool
from oranje.organisation.services.shifts import shift_create


@dataclass
class PatternResult:
    created: list[OnCallShift] = field(default_factory=list)
    #: Slots nobody in the rotation could take, with the reason for each person tried.
    unfilled: list[tuple[dt.datetime, dt.datetime, list[str]]] = field(default_factory=list)


@transaction.atomic
def roster_generate(
    *,
    actor: User,
    pool: Pool,
    function: Function,
    kind: str,
    rotation: Sequence[Person],
    first_day: dt.date,
    last_day: dt.date,
    handover_time: dt.time,
    shift_days: int = 7,
) -> PatternResult:
    """Fill a period with consecutive shifts, handing over at a fixed local time, taking the
    people of `rotation` in turn (six people with week shifts: one week on, five off).

    A person who is unavailable or already on call for a slot is passed over for the next in
    the rotation; a slot nobody can take is reported, not silently skipped.
    """
    core_access.require(can_manage_pool(actor, pool))
    if not rotation:
        raise ValidationError({"rotation": [str(errors.PATTERN_NEEDS_PEOPLE)]})
    if last_day < first_day or (last_day - first_day).days > 731:
        raise ValidationError({"last_day": [str(errors.PATTERN_PERIOD)]})
    zone = local_zone()
    result = PatternResult()
    turn = 0
    day = first_day
    while day <= last_day:
        next_day = min(day + dt.timedelta(days=shift_days), last_day + dt.timedelta(days=1))
        starts_at = dt.datetime.combine(day, handover_time, tzinfo=zone)
        ends_at = dt.datetime.combine(next_day, handover_time, tzinfo=zone)
        reasons: list[str] = []
        for attempt in range(len(rotation)):
            person = rotation[(turn + attempt) % len(rotation)]
            try:
                shift = shift_create(
                    actor=actor,
                    pool=pool,
                    function=function,
                    person=person,
                    kind=kind,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    source=ShiftSource.PATTERN,
                )
            except ValidationError as exc:
                reasons.extend(exc.messages)
                continue
            result.created.append(shift)
            turn = (turn + attempt + 1) % len(rotation)
            break
        else:
            result.unfilled.append((starts_at, ends_at, reasons))
            turn = (turn + 1) % len(rotation)
        day = next_day
    return result
