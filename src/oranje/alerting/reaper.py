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

from oranje.alerting.constants import CallStatus, DeliveryStatus
from oranje.alerting.delivery import delivery_record
from oranje.alerting.models import Delivery, FunctionCall
from oranje.core import outbox
from oranje.core.outbox import MAX_ATTEMPTS, STUCK, WORKER_STOPPED
from oranje.core.worker import lease

log = logging.getLogger(__name__)

__all__ = ["MAX_ATTEMPTS", "STUCK", "WORKER_STOPPED", "Reaped", "reap"]


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0
    timers: int = 0


def _waiting(task_name: str) -> list[list[object]]:
    """The arguments of the tasks of this name that are queued or running."""
    from oranje.alerting import tasks

    return outbox.waiting_task_args(f"{tasks.__name__}.{task_name}")


def reap(now: dt.datetime | None = None) -> Reaped:
    from oranje.alerting.tasks import enqueue_deliveries, escalate_call

    now = now or timezone.now()
    back = outbox.take_back(
        Delivery,
        queued=DeliveryStatus.PENDING,
        sending=DeliveryStatus.SENDING,
        now=now,
        fail=lambda pk, claim: delivery_record(
            delivery_id=pk, claim=claim, error=WORKER_STOPPED, final=True
        ),
    )
    done = Reaped(requeued=back.requeued, failed=back.failed)
    if done.requeued:
        log.warning("%s alert deliveries of a stopped worker queued again", done.requeued)

    waiting = {pk for args in _waiting("deliver") for pk in args[0]}  # type: ignore[attr-defined]
    with transaction.atomic():
        orphans = outbox.orphans(Delivery, queued=DeliveryStatus.PENDING, now=now, waiting=waiting)
        if orphans:
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
