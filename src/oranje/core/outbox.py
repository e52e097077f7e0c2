"""What every room that sends from the worker shares (alerting's deliveries, communication's
mailing items): rows with `status`, `attempts`, `due_at`, `claimed_by`, `claimed_until`,
claimed with a lease, and the upkeep that takes back what a vanished worker held.

- `claim_due`: queued and due → sending under this worker's claim and a lease; rows another
  worker holds locked are skipped, not waited for.
- `take_back`: a row left sending by a worker whose lease ran out and whose heartbeat stopped
  (or a claim `STUCK` past its lease even from a worker that beats) goes back to queued — it is
  sent again with the same key — or, after `MAX_ATTEMPTS` claims, is failed through the room's
  own `fail` (which records it once, under the claim).
- `orphans`: queued rows due for longer than a lease, or just taken back, with no task waiting
  for them (the process that should have queued the task died after its commit): their due
  moment is set to now and their ids returned for the room to enqueue after the commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django_tasks_db.models import DBTaskResult

from oranje.core.worker import gone_workers, lease, live_workers

log = logging.getLogger(__name__)

#: Claims after which a row whose worker keeps vanishing counts as failed.
MAX_ATTEMPTS = 5
#: A claim this far past its lease is taken back even from a worker that still beats.
STUCK = dt.timedelta(minutes=15)
#: The reason a row failed that way (shown where the room shows its errors).
WORKER_STOPPED = "Werkproces stopte tijdens het verzenden"


@dataclass
class TakenBack:
    requeued: int = 0
    failed: int = 0


def mail_message_id(kind: str, key: object) -> str:
    """The Message-ID of every (re)send of one row's mail: `<kind-key@host of the site>`, the
    same each time, so a receiving server can drop a duplicate."""
    host = urlsplit(settings.SITE_URL).hostname or "oranje.invalid"
    return f"<{kind}-{key}@{host}>"


def claim_due(
    model: type[models.Model],
    ids: Iterable[int],
    *,
    queued: str,
    sending: str,
    claim: str,
    now: dt.datetime,
) -> list[int]:
    """queued → sending for those of `ids` that are queued and due; returns the claimed ids."""
    manager: Any = model._default_manager
    with transaction.atomic():
        free = list(
            manager.select_for_update(skip_locked=True)
            .filter(pk__in=list(ids), status=queued, due_at__lte=now)
            .values_list("pk", flat=True)
        )
        manager.filter(pk__in=free).update(
            status=sending,
            claimed_by=claim,
            claimed_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return free


def take_back(
    model: type[models.Model],
    *,
    queued: str,
    sending: str,
    now: dt.datetime,
    fail: Callable[[int, str], bool],
) -> TakenBack:
    """Rows a vanished (or stuck) worker held: queued again, or failed after MAX_ATTEMPTS.
    `fail(pk, claim)` records the final failure and says whether it did."""
    manager: Any = model._default_manager
    done = TakenBack()
    live, gone = live_workers(now), gone_workers()
    for pk, claim, attempts, until in manager.filter(status=sending).values_list(
        "pk", "claimed_by", "attempts", "claimed_until"
    ):
        holder = claim.rsplit("/", 1)[0]
        if until is None or holder in gone:
            pass
        elif until >= now or (holder in live and until >= now - STUCK):
            continue  # a fresh claim, or a long batch of a worker that still beats
        if attempts >= MAX_ATTEMPTS:
            if fail(pk, claim):
                done.failed += 1
            continue
        done.requeued += manager.filter(pk=pk, status=sending, claimed_by=claim).update(
            status=queued, claimed_by="", claimed_until=None, due_at=now
        )
    return done


def waiting_task_args(task_path: str) -> list[list[Any]]:
    """The positional arguments of the tasks at `task_path` that are queued or running."""
    rows = DBTaskResult.objects.filter(task_path=task_path, status__in=["READY", "RUNNING"])
    return [row["args"] for row in rows.values_list("args_kwargs", flat=True)]


def orphans(
    model: type[models.Model], *, queued: str, now: dt.datetime, waiting: set[int]
) -> list[int]:
    """Queued rows overdue by a lease, or taken back just now (due `now`), that no waiting
    task holds: their due moment becomes now; the caller enqueues them after the commit."""
    manager: Any = model._default_manager
    rows = manager.filter(status=queued)
    found = [
        pk
        for pk in rows.filter(due_at__lt=now - lease()).values_list("pk", flat=True)
        if pk not in waiting
    ]
    found += [
        pk for pk in rows.filter(due_at=now).values_list("pk", flat=True) if pk not in waiting
    ]
    if found:
        manager.filter(pk__in=found).update(due_at=now)
    return found


def record_result(
    model: type[models.Model],
    *,
    item_id: int,
    claim: str,
    error: str | None,
    final: bool,
    now: dt.datetime,
    retry_delays: tuple[int, ...],
    statuses: tuple[str, str, str, str],
    skipped: str | None = None,
) -> bool:
    """Record the result of one try of a row, once: only while it is still sending under
    `claim` (a late result of a lost claim is ignored and logged). `statuses` are the room's
    (queued, sending, sent, failed); `skipped`, when given, is the status of a row not sent
    on purpose (`error` says why). A failure that is not `final` goes back to the queue after
    the delay for its attempt. Returns whether it was recorded."""
    queued, sending, sent, failed = statuses
    manager: Any = model._default_manager
    with transaction.atomic():
        item = manager.select_for_update().get(pk=item_id)
        if item.status != sending or item.claimed_by != claim:
            log.warning(
                "%s %s: result of a lost claim ignored (%s)",
                model._meta.model_name,
                item_id,
                claim,
            )
            return False
        item.claimed_by, item.claimed_until = "", None
        if skipped is not None:
            item.status, item.last_error = skipped, (error or "")[:255]
        elif error is None:
            item.status, item.sent_at, item.last_error = sent, now, ""
        else:
            item.last_error = error[:255]
            if final:
                item.status = failed
            else:
                delay = retry_delays[min(max(item.attempts - 1, 0), len(retry_delays) - 1)]
                item.status = queued
                item.due_at = now + dt.timedelta(seconds=delay)
        item.save(
            update_fields=[
                "status",
                "sent_at",
                "last_error",
                "due_at",
                "claimed_by",
                "claimed_until",
            ]
        )
    return True
