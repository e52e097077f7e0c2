"""Worker upkeep for the thank-you items (registered in AppConfig.ready as
"aftercare.thanks"): an item left `sending` by a vanished worker goes back to the queue (or is
failed after `MAX_ATTEMPTS`), and a queued item no task waits for gets one — as the
communication room's mailings (`communication.reaper`)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.models import ThankYouItem
from oranje.aftercare.thanks_delivery import item_record
from oranje.core import outbox
from oranje.core.outbox import WORKER_STOPPED

log = logging.getLogger(__name__)


@dataclass
class Reaped:
    requeued: int = 0
    failed: int = 0
    orphans: int = 0


def reap_thanks(now: dt.datetime | None = None) -> Reaped:
    from oranje.aftercare import thanks_tasks

    now = now or timezone.now()
    back = outbox.take_back(
        ThankYouItem,
        queued=ItemStatus.QUEUED,
        sending=ItemStatus.SENDING,
        now=now,
        fail=lambda pk, claim: item_record(
            item_id=pk, claim=claim, error=WORKER_STOPPED, final=True
        ),
    )
    done = Reaped(requeued=back.requeued, failed=back.failed)
    if done.requeued:
        log.warning("%s thank-you items of a stopped worker queued again", done.requeued)
    path = f"{thanks_tasks.__name__}.send_thanks_items"
    waiting = {pk for args in outbox.waiting_task_args(path) for pk in args[0]}
    with transaction.atomic():
        orphans = outbox.orphans(ThankYouItem, queued=ItemStatus.QUEUED, now=now, waiting=waiting)
        if orphans:
            transaction.on_commit(lambda: thanks_tasks.enqueue_items(orphans))
    done.orphans = len(orphans)
    return done
