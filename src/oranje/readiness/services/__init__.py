"""Every write of the readiness room: profiles, activities, exercises, alarm tests, reminders,
and recomputing the stored qualification of people."""

from __future__ import annotations

from oranje.readiness.selectors import (
    current_requirements,
    effective_requirements,
    reminder_recipients,
    reminders_due,
)
from oranje.readiness.services.activities import (
    ACTIVITY_FIELDS,
    activity_delete,
    activity_problems,
    activity_record,
)
from oranje.readiness.services.alarm_tests import (
    ALARM_LINK_MAX_AGE,
    ALARM_LINK_SALT,
    alarm_link_token,
    alarm_recipient_from_token,
    alarm_respond,
    alarm_test_start,
)
from oranje.readiness.services.exercises import exercise_complete, exercise_plan
from oranje.readiness.services.profiles import profile_publish
from oranje.readiness.services.recompute import readiness_recompute
from oranje.readiness.services.reminders import reminder_claim

__all__ = [
    "ACTIVITY_FIELDS",
    "ALARM_LINK_MAX_AGE",
    "ALARM_LINK_SALT",
    "activity_delete",
    "activity_problems",
    "activity_record",
    "alarm_link_token",
    "alarm_recipient_from_token",
    "alarm_respond",
    "alarm_test_start",
    "current_requirements",
    "effective_requirements",
    "exercise_complete",
    "exercise_plan",
    "profile_publish",
    "readiness_recompute",
    "reminder_claim",
    "reminder_recipients",
    "reminders_due",
]
