"""Worker upkeep of the aftercare room: no newsletter item waits for ever on a worker that
vanished (registered in AppConfig.ready; runs after core put the tasks of vanished workers
back in the queue).

1. An item left `sending` by a worker whose lease ran out and whose heartbeat stopped (or
   whose process on this machine is gone) goes back to `queued` and is sent again, with the
   same Message-ID; one that took its worker down `MAX_ATTEMPTS` times is failed, with the
   reason.
2. A queued item that has been due for longer than a lease with no task waiting for it (the
   process that should have queued the task died after its commit) gets a task.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.delivery import item_record
from oranje.aftercare.models import NewsletterItem
from oranje.core import outbox
from oranje.core.outbox import WORKER_STOPPED

log = logging.getLogger(__name__)


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0


def reap_newsletters(now: dt.datetime | None = None) -> Reaped:
    from oranje.aftercare import tasks

    now = now or timezone.now()
    back = outbox.take_back(
        NewsletterItem,
        queued=ItemStatus.QUEUED,
        sending=ItemStatus.SENDING,
        now=now,
        fail=lambda pk, claim: item_record(
            item_id=pk, claim=claim, error=WORKER_STOPPED, final=True
        ),
    )
    done = Reaped(requeued=back.requeued, failed=back.failed)
    if done.requeued:
        log.warning("%s newsletter items of a stopped worker queued again", done.requeued)
    path = f"{tasks.__name__}.send_newsletter_items"
    waiting = {pk for args in outbox.waiting_task_args(path) for pk in args[0]}
    with transaction.atomic():
        orphans = outbox.orphans(NewsletterItem, queued=ItemStatus.QUEUED, now=now, waiting=waiting)
        if orphans:
            transaction.on_commit(lambda: tasks.enqueue_items(orphans))
    done.orphans = len(orphans)
    return done
