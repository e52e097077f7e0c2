"""Background work of the aftercare room, run by `oranje worker`: sending the newsletters'
e-mails to the households that consented (with retries). Thin: the decisions live in
`aftercare.delivery`."""

from __future__ import annotations

from django_tasks import task

from oranje.aftercare.delivery import deliver_items

#: Items per task: one SMTP connection carries a batch.
BATCH = 100


def enqueue_items(item_ids: list[int]) -> None:
    for start in range(0, len(item_ids), BATCH):
        send_newsletter_items.enqueue(item_ids[start : start + BATCH])


@task()
def send_newsletter_items(item_ids: list[int]) -> int:
    """Send the due queued items of the batch; failures are retried by a later task. Safe
    to run twice: only queued items are claimed."""
    outcome = deliver_items(item_ids)
    if outcome.retry and outcome.retry_at is not None:
        send_newsletter_items.using(run_after=outcome.retry_at).enqueue(outcome.retry)
    return outcome.sent
