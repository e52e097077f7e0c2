"""Worker upkeep of the communication room: no mailing item waits for ever on a worker that
vanished (registered in AppConfig.ready; runs after core put the tasks of vanished workers
back in the queue).

1. An item left `sending` by a worker whose lease ran out and whose heartbeat stopped (or
   whose process on this machine is gone) goes back to `queued` and is sent again, with the
   same Message-ID / Idempotency-Key; one that took its worker down `MAX_ATTEMPTS` times is
   failed, with the reason.
2. A queued item that has been due for longer than a lease with no task waiting for it (the
   process that should have queued the task died after its commit) gets a task.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.communication.constants import ItemStatus
from oranje.communication.delivery import item_record
from oranje.communication.models import MailingItem
from oranje.core.worker import gone_workers, lease, live_workers

log = logging.getLogger(__name__)

#: Tries (claims) after which an item whose worker keeps vanishing counts as failed.
MAX_ATTEMPTS = 5
#: A claim this far past its lease is taken back even from a worker that still beats.
STUCK = dt.timedelta(minutes=15)
WORKER_STOPPED = "Werkproces stopte tijdens het verzenden"


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0


def _waiting() -> set[int]:
    """The items of the send tasks that are queued or running."""
    from oranje.communication import tasks

    path = f"{tasks.__name__}.send_mailing_items"
    rows = DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
    waiting: set[int] = set()
    for args_kwargs in rows.values_list("args_kwargs", flat=True):
        waiting.update(args_kwargs["args"][0])
    return waiting


def reap_mailings(now: dt.datetime | None = None) -> Reaped:
    from oranje.communication.tasks import enqueue_items

    now = now or timezone.now()
    done = Reaped()
    live, gone = live_workers(now), gone_workers()
    sending = MailingItem.objects.filter(status=ItemStatus.SENDING)
    for pk, claim, attempts, until in sending.values_list(
        "pk", "claimed_by", "attempts", "claimed_until"
    ):
        holder = claim.rsplit("/", 1)[0]
        if until is None or holder in gone:
            pass
        elif until >= now or (holder in live and until >= now - STUCK):
            continue  # a fresh claim, or a long batch of a worker that still beats
        if attempts >= MAX_ATTEMPTS:
            if item_record(item_id=pk, claim=claim, error=WORKER_STOPPED, final=True):
                done.failed += 1
            continue
        done.requeued += MailingItem.objects.filter(
            pk=pk, status=ItemStatus.SENDING, claimed_by=claim
        ).update(status=ItemStatus.QUEUED, claimed_by="", claimed_until=None, due_at=now)
    if done.requeued:
        log.warning("%s mailing items of a stopped worker queued again", done.requeued)

    waiting = _waiting()
    queued = MailingItem.objects.filter(status=ItemStatus.QUEUED)
    # Long overdue, or just requeued above (unless core put their task back).
    orphans = [
        pk
        for pk in queued.filter(due_at__lt=now - lease()).values_list("pk", flat=True)
        if pk not in waiting
    ]
    orphans += [
        pk for pk in queued.filter(due_at=now).values_list("pk", flat=True) if pk not in waiting
    ]
    if orphans:
        with transaction.atomic():
            MailingItem.objects.filter(pk__in=orphans).update(due_at=now)
            transaction.on_commit(lambda: enqueue_items(orphans))
        done.orphans = len(orphans)
    return done
