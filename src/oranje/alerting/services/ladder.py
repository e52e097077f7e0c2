"""The escalation ladder of one function call: alerting a step, climbing, filling."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from oranje.alerting import errors
from oranje.alerting.channels import sms_enabled
from oranje.alerting.constants import Answer, CallStatus, Channel, DeliveryStatus, Step
from oranje.alerting.models import Alert, Delivery, Escalation, FunctionCall
from oranje.alerting.selectors import candidates
from oranje.core.validation import is_mobile
from oranje.incidents.constants import EntryKind
from oranje.incidents.services import log_append
from oranje.organisation.models import Person


def _place(call: FunctionCall) -> str:
    return call.municipality.name


def _alert(call: FunctionCall, people: list[Person], step: int, now: dt.datetime) -> list[Alert]:
    alerts = Alert.objects.bulk_create(
        [Alert(call=call, person=p, step=step, alerted_at=now) for p in people]
    )
    deliveries: list[Delivery] = []
    for alert, person in zip(alerts, people, strict=True):
        deliveries.append(Delivery(alert=alert, channel=Channel.EMAIL, address=person.email))
        if sms_enabled() and person.phone and is_mobile(person.phone):
            deliveries.append(Delivery(alert=alert, channel=Channel.SMS, address=person.phone))
        if person.user_id is not None:
            deliveries.append(
                Delivery(
                    alert=alert,
                    channel=Channel.APP,
                    address=str(person.user_id),
                    status=DeliveryStatus.SENT,
                    attempts=1,
                    sent_at=now,
                )
            )
    created = Delivery.objects.bulk_create(deliveries)
    pending = [d.pk for d in created if d.status == DeliveryStatus.PENDING]
    if pending:
        from oranje.alerting.tasks import enqueue_deliveries

        transaction.on_commit(lambda: enqueue_deliveries(pending))
    return alerts


def _reach(call: FunctionCall) -> tuple[int, int]:
    """(accepted, still possible): people who said yes, and yes plus those who may still
    answer (alerted, no answer, reachable on at least one channel)."""
    counts = call.alerts.aggregate(
        accepted=Count("pk", filter=Q(answer=Answer.ACCEPTED)),
        waiting=Count("pk", filter=Q(answer=Answer.PENDING, unreachable=False)),
    )
    return counts["accepted"], counts["accepted"] + counts["waiting"]


def _schedule(call: FunctionCall, due: dt.datetime) -> None:
    call.next_escalation_at = due
    from oranje.alerting.tasks import escalate_call

    call_id, due_iso = call.pk, due.isoformat()
    transaction.on_commit(lambda: escalate_call.using(run_after=due).enqueue(call_id, due_iso))


def _climb(
    call: FunctionCall, now: dt.datetime, *, reason: str, due_at: dt.datetime | None
) -> list[str]:
    """Move the call up the ladder from its current step until someone new is alerted who
    could fill it, or nobody is left. Saves the call. Returns warnings for the board."""
    warnings: list[str] = []
    accepted, possible = _reach(call)
    if accepted >= call.people_needed:
        _fill(call, now)
        return warnings
    while call.step < Step.EXHAUSTED:
        call.step += 1
        people = candidates(call, call.step, now)
        Escalation.objects.create(
            call=call, to_step=call.step, due_at=due_at, at=now, reason=reason, alerted=len(people)
        )
        if people:
            _alert(call, people, call.step, now)
            possible += len(people)
        if call.step < Step.EXHAUSTED and possible >= call.people_needed:
            _schedule(call, now + dt.timedelta(minutes=call.escalation_minutes))
            break
        reason = _("not enough people reachable on the previous step")
        due_at = None
    if call.step == Step.EXHAUSTED:
        call.next_escalation_at = None
        warnings.append(
            str(errors.NOBODY_AT_ALL % {"function": call.function.code, "place": _place(call)})
        )
        log_append(
            call.incident,
            actor=None,
            kind=EntryKind.ALERT,
            function=call.function,
            text=warnings[-1],
        )
    call.save(update_fields=["step", "next_escalation_at"])
    return warnings


def _fill(call: FunctionCall, now: dt.datetime) -> None:
    call.status = CallStatus.FILLED
    call.filled_at = now
    call.next_escalation_at = None
    call.save(update_fields=["status", "filled_at", "next_escalation_at"])


def _after_change(call: FunctionCall, now: dt.datetime) -> None:
    """After an answer or a failed delivery: fill the call, or climb at once when the
    current step can no longer fill it."""
    if call.status != CallStatus.OPEN:
        return
    accepted, possible = _reach(call)
    if accepted >= call.people_needed:
        _fill(call, now)
    elif possible < call.people_needed and call.step < Step.EXHAUSTED:
        _climb(call, now, reason=_("declined or unreachable"), due_at=None)
