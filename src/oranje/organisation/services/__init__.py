"""Every write of the organisation room.

Each service is keyword-only, runs in one transaction, checks access through the chokepoints,
validates (raising ValidationError with Dutch messages keyed by field) and writes its audit
entry in the same transaction.
"""

from __future__ import annotations

from oranje.organisation.services.patterns import PatternResult, roster_generate
from oranje.organisation.services.people import (
    PERSON_FIELDS,
    person_change_kind,
    person_create,
    person_renew_calendar_token,
    person_update,
)
from oranje.organisation.services.pools import (
    KEEP,
    Keep,
    district_save,
    pool_save,
    region_function_update,
)
from oranje.organisation.services.shift_checks import MAX_SHIFT_DAYS, Interval, shift_problems
from oranje.organisation.services.shifts import (
    SHIFT_FIELDS,
    shift_create,
    shift_delete,
    shift_hand_over,
)
from oranje.organisation.services.unavailability import unavailability_create, unavailability_delete

__all__ = [
    "KEEP",
    "MAX_SHIFT_DAYS",
    "PERSON_FIELDS",
    "SHIFT_FIELDS",
    "Interval",
    "Keep",
    "PatternResult",
    "district_save",
    "person_change_kind",
    "person_create",
    "person_renew_calendar_token",
    "person_update",
    "pool_save",
    "region_function_update",
    "roster_generate",
    "shift_create",
    "shift_delete",
    "shift_hand_over",
    "shift_problems",
    "unavailability_create",
    "unavailability_delete",
]
