"""Pages of the organisation room. Thin: chokepoints fetch, forms parse, services write."""

from __future__ import annotations

from oranje.organisation.views.functions import function_edit, functions
from oranje.organisation.views.oncall import DEFAULT_GAP_WEEKS, MAX_GAP_WEEKS, gaps, oncall_now
from oranje.organisation.views.own_shifts import calendar_feed, my_shifts
from oranje.organisation.views.people import (
    people,
    person_detail,
    person_edit,
    person_new,
    unavailability_delete,
)
from oranje.organisation.views.pools import (
    district_edit,
    district_new,
    pool_detail,
    pool_edit,
    pool_new,
    pools,
)
from oranje.organisation.views.roster import (
    CalendarEntry,
    pattern_new,
    pool_people_options,
    roster,
    roster_import_view,
    shift_delete,
    shift_detail,
    shift_new,
)

__all__ = [
    "DEFAULT_GAP_WEEKS",
    "MAX_GAP_WEEKS",
    "CalendarEntry",
    "calendar_feed",
    "district_edit",
    "district_new",
    "function_edit",
    "functions",
    "gaps",
    "my_shifts",
    "oncall_now",
    "pattern_new",
    "people",
    "person_detail",
    "person_edit",
    "person_new",
    "pool_detail",
    "pool_edit",
    "pool_new",
    "pool_people_options",
    "pools",
    "roster",
    "roster_import_view",
    "shift_delete",
    "shift_detail",
    "shift_new",
    "unavailability_delete",
]
