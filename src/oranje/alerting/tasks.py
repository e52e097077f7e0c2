"""Background work of the alerting room, run by `oranje worker`: delivering alert messages
(with retries) and running escalation timers. Thin: the decisions live in services."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from oranje.alerting import services
from oranje.alerting.delivery import deliver_batch

log = logging.getLogger(__name__)
#: Deliveries per task: one SMTP connection carries a batch.
BATCH = 100


def enqueue_deliveries(delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), BATCH):
        deliver.enqueue(delivery_ids[start : start + BATCH])


@task()
def deliver(delivery_ids: list[int]) -> int:
    """Send the due queued deliveries of the batch (alerting.delivery); failures are retried
    by a later task. Safe to run twice: only queued deliveries are claimed."""
    outcome = deliver_batch(delivery_ids)
    if outcome.retry and outcome.retry_at is not None:
        deliver.using(run_after=outcome.retry_at).enqueue(outcome.retry)
    return outcome.sent


@task()
def escalate_call(call_id: int, due_iso: str) -> bool:
    """An escalation timer went off."""
    return services.call_escalate(call_id=call_id, due_at=dt.datetime.fromisoformat(due_iso))
