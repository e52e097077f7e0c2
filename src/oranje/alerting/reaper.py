"""Worker upkeep of the alerting room: nothing waits for ever on a worker that vanished.

Run from every worker's loop (registered in AppConfig.ready), after core has put the tasks
of vanished workers back in the queue:

1. a delivery left `sending` by a worker whose lease ran out and whose heartbeat stopped goes
   back to `queued` (it is sent again, with the same Message-ID / Idempotency-Key); one that
   took its worker down `MAX_ATTEMPTS` times fails, so the call can climb;
2. a queued delivery that has been due for longer than a lease, with no task waiting for it
   (the process that should have queued the task died after its commit), gets a task;
3. likewise an escalation timer that fell due a lease ago without a waiting task.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.alerting.constants import CallStatus, DeliveryStatus
from oranje.alerting.delivery import delivery_record
from oranje.alerting.models import Delivery, FunctionCall
from oranje.core.worker import gone_workers, lease, live_workers

log = logging.getLogger(__name__)

#: Tries (claims) after which a delivery whose worker keeps vanishing counts as failed.
MAX_ATTEMPTS = 5
#: A claim this far past its lease is taken back even from a worker that still beats.
STUCK = dt.timedelta(minutes=15)
WORKER_STOPPED = "Werkproces stopte tijdens het verzenden"


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0
    timers: int = 0


def _waiting(task_name: str) -> list[list[object]]:
    """The arguments of the tasks of this name that are queued or running."""
    from oranje.alerting import tasks

    path = f"{tasks.__name__}.{task_name}"
    rows = DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
    return [row["args"] for row in rows.values_list("args_kwargs", flat=True)]


def reap(now: dt.datetime | None = None) -> Reaped:
    from oranje.alerting.tasks import enqueue_deliveries, escalate_call

    now = now or timezone.now()
    done = Reaped()
    live, gone = live_workers(now), gone_workers()
    sending = Delivery.objects.filter(status=DeliveryStatus.SENDING)
    for pk, claim, attempts, until in sending.values_list(
        "pk", "claimed_by", "attempts", "claimed_until"
    ):
        holder = claim.rsplit("/", 1)[0]
        if until is None or holder in gone:
            pass
        elif until >= now or (holder in live and until >= now - STUCK):
            continue  # a fresh claim, or a long batch of a worker that still beats
        if attempts >= MAX_ATTEMPTS:
            if delivery_record(delivery_id=pk, claim=claim, error=WORKER_STOPPED, final=True):
                done.failed += 1
            continue
        done.requeued += Delivery.objects.filter(
            pk=pk, status=DeliveryStatus.SENDING, claimed_by=claim
        ).update(status=DeliveryStatus.PENDING, claimed_by="", claimed_until=None, due_at=now)
    if done.requeued:
        log.warning("%s alert deliveries of a stopped worker queued again", done.requeued)

    waiting = {pk for args in _waiting("deliver") for pk in args[0]}  # type: ignore[attr-defined]
    orphans = [
        pk
        for pk in Delivery.objects.filter(
            status=DeliveryStatus.PENDING, due_at__lt=now - lease()
        ).values_list("pk", flat=True)
        if pk not in waiting
    ]
    # Requeued ones just now have no task waiting either, unless core put theirs back.
    requeued = Delivery.objects.filter(status=DeliveryStatus.PENDING, due_at=now)
    orphans += [pk for pk in requeued.values_list("pk", flat=True) if pk not in waiting]
    if orphans:
        with transaction.atomic():
            Delivery.objects.filter(pk__in=orphans).update(due_at=now)
            transaction.on_commit(lambda: enqueue_deliveries(orphans))
        done.orphans = len(orphans)

    timers = {args[0] for args in _waiting("escalate_call")}
    overdue = FunctionCall.objects.filter(
        status=CallStatus.OPEN, next_escalation_at__lt=now - lease()
    ).values_list("pk", "next_escalation_at")
    for call_id, due in overdue:
        if call_id not in timers and due is not None:
            escalate_call.enqueue(call_id, due.isoformat())
            done.timers += 1
    return done
