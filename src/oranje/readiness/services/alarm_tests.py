"""Unannounced alarm tests: starting one, the signed answer links, the answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.links import read_link
from oranje.core.models import Region, User
from oranje.organisation.constants import OnCallKind
from oranje.organisation.models import Function, OnCallShift, RegionFunction
from oranje.readiness import errors
from oranje.readiness.constants import AlarmAnswer
from oranje.readiness.models import AlarmRecipient, AlarmTest

ALARM_LINK_SALT = "oranje.readiness.alarm"
ALARM_LINK_MAX_AGE = dt.timedelta(hours=24)


def alarm_link_token(recipient: AlarmRecipient) -> str:
    return signing.dumps({"r": recipient.pk}, salt=ALARM_LINK_SALT)


@transaction.atomic
def alarm_test_start(
    *, actor: User, region: Region, functions: Sequence[Function], message: str = ""
) -> AlarmTest:
    """Alarm everyone on hard on-call now for these functions, by e-mail with a personal
    signed link. Every message says it is a test."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    now = timezone.now()
    shifts = list(
        OnCallShift.objects.filter(
            pool__region=region,
            function__in=functions,
            kind=OnCallKind.HARD,
            starts_at__lte=now,
            ends_at__gt=now,
        ).select_related("person", "function")
    )
    if not shifts:
        raise ValidationError({"functions": [str(errors.NO_ONE_ON_CALL)]})
    norms = dict(
        RegionFunction.objects.filter(region=region, function__in=functions).values_list(
            "function_id", "response_norm_minutes"
        )
    )
    test = AlarmTest.objects.create(
        region=region, message=message, started_by=actor, started_at=now
    )
    test.functions.set(functions)
    seen = set()
    for shift in shifts:
        key = (shift.person_id, shift.function_id)
        if key in seen:
            continue
        seen.add(key)
        AlarmRecipient.objects.create(
            test=test,
            person=shift.person,
            function=shift.function,
            shift=shift,
            norm_minutes=norms.get(shift.function_id),
        )
    audit_record(
        actor=actor,
        action=AuditAction.ALARM_TEST_START,
        obj=test,
        region=region,
        changes={"recipients": [None, len(seen)]},
        note=message,
    )
    from oranje.readiness.tasks import send_alarm_test

    transaction.on_commit(lambda: send_alarm_test.enqueue(test.pk))
    return test


def alarm_recipient_from_token(token: str) -> AlarmRecipient:
    """The recipient a response link belongs to; ValidationError for a forged, expired or
    already used link (each with its own message)."""
    data = read_link(
        token,
        salt=ALARM_LINK_SALT,
        max_age=ALARM_LINK_MAX_AGE,
        expired=str(errors.LINK_EXPIRED),
        invalid=str(errors.LINK_INVALID),
    )
    recipient = (
        AlarmRecipient.objects.select_related("test", "person", "function")
        .filter(pk=data.get("r", 0))
        .first()
    )
    if recipient is None:
        raise ValidationError(str(errors.LINK_INVALID), code="invalid")
    return recipient


@transaction.atomic
def alarm_respond(*, token: str, answer: str, eta_minutes: int | None) -> AlarmRecipient:
    """Record a response to a test alarm. A link answers once."""
    recipient = alarm_recipient_from_token(token)
    recipient = (
        AlarmRecipient.objects.select_for_update()
        .select_related("test", "person")
        .get(pk=recipient.pk)
    )
    if recipient.responded_at is not None:
        when = date_format(timezone.localtime(recipient.responded_at), "j-n-Y H:i")
        raise ValidationError(str(errors.LINK_USED % {"time": when}), code="used")
    if answer not in AlarmAnswer.values:
        raise ValidationError({"answer": [str(errors.ETA_REQUIRED)]})
    if answer == AlarmAnswer.COMING and (eta_minutes is None or not 0 <= eta_minutes <= 1440):
        raise ValidationError({"eta_minutes": [str(errors.ETA_REQUIRED)]})
    recipient.responded_at = timezone.now()
    recipient.answer = answer
    recipient.eta_minutes = eta_minutes if answer == AlarmAnswer.COMING else None
    recipient.save(update_fields=["responded_at", "answer", "eta_minutes"])
    audit_record(
        actor=None,
        action=AuditAction.ALARM_TEST_RESPONSE,
        obj=recipient.test,
        region=recipient.test.region,
        changes={"answer": [None, f"{recipient.person}: {answer} {eta_minutes or ''}".strip()]},
    )
    return recipient
