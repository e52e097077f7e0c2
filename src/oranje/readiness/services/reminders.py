"""Claiming a lapse reminder so that it goes out once."""

from __future__ import annotations

from django.db import transaction

from oranje.readiness.models import PersonQualification, ReminderSent


def reminder_claim(
    qualification: PersonQualification, days_before: int, recipients: list[str]
) -> bool:
    """Record that this reminder goes out; False if another run claimed it first."""
    assert qualification.qualified_until is not None
    with transaction.atomic():
        _sent, created = ReminderSent.objects.get_or_create(
            person_id=qualification.person_id,
            function_id=qualification.function_id,
            qualified_until=qualification.qualified_until,
            days_before=days_before,
            defaults={"recipients": ", ".join(recipients)},
        )
    return created
