"""Is this instance fit to receive traffic? The checks behind `/gezond/`.

Four checks, each a name a load balancer's operator can look up in docs/operations.md:

- `database`: a trivial query answers. When it does not, the other checks (which all read
  the database) are not run: the database is the reason.
- `queue`: no task of the worker's queue has been due for longer than
  HEALTH_QUEUE_AGE_SECONDS without being picked up.
- `worker`: at least one `oranje worker` beat within its lease.
- `mail`: no message of any outbox (alert deliveries, mailings, newsletters, thank-yous) has
  been due and still queued for longer than HEALTH_MAIL_BACKLOG_SECONDS.

Only the names of failing checks leave this module; the details (ages, counts, the database's
error) go to the log, one warning per failing check, never to the public answer. Every query
reads an index (the partial READY index of the task table, the workers' beat index, each
outbox's (status, due_at) index), so a check costs the same on an empty and a national-size
database.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from oranje.aftercare.constants import ItemStatus as AftercareItemStatus
from oranje.aftercare.models import NewsletterItem, ThankYouItem
from oranje.alerting.constants import DeliveryStatus
from oranje.alerting.models import Delivery
from oranje.communication.constants import ItemStatus as MailingItemStatus
from oranje.communication.models import MailingItem
from oranje.core.worker import live_workers

log = logging.getLogger(__name__)

DATABASE = "database"
QUEUE = "queue"
WORKER = "worker"
MAIL = "mail"


@dataclass(frozen=True)
class Outbox:
    """A table of messages sent from the worker, claimed with a lease (`core.outbox`)."""

    model: type[models.Model]
    queued: str


#: Every outbox whose rows wait for a sender (`core.outbox.claim_due`). The damage room's
#: photo queue is claimed the same way but sends nothing: a slow photo is not a mail backlog.
OUTBOXES = (
    Outbox(Delivery, DeliveryStatus.PENDING),
    Outbox(MailingItem, MailingItemStatus.QUEUED),
    Outbox(NewsletterItem, AftercareItemStatus.QUEUED),
    Outbox(ThankYouItem, AftercareItemStatus.QUEUED),
)


#: A failing check's details are logged at most once per this many seconds per process: a
#: balancer probing every few seconds during an outage must not flood the log.
LOG_EVERY = 60.0
_last_logged: dict[str, float] = {}


def _warn(name: str, problem: str) -> None:
    clock = time.monotonic()
    if clock - _last_logged.get(name, float("-inf")) < LOG_EVERY:
        return
    _last_logged[name] = clock
    log.warning("Health check '%s' fails: %s", name, problem)


def failing_checks(now: dt.datetime | None = None, *, instance_only: bool = False) -> list[str]:
    """The names of the checks that fail now, in a fixed order; empty when all is well.
    Logs the details of a failing check, at most once a minute per check. `instance_only`:
    only what this web instance needs to serve pages (the database), for a balancer."""
    now = now or timezone.now()
    database = _database()
    if database is not None:
        _warn(DATABASE, database)
        return [DATABASE]
    if instance_only:
        return []
    failing = []
    for name, check in ((QUEUE, _queue), (WORKER, _worker), (MAIL, _mail)):
        try:
            problem = check(now)
        except DatabaseError as exc:  # the database went away between two checks
            problem = f"database error {type(exc).__name__}: {exc}"
        if problem is not None:
            _warn(name, problem)
            failing.append(name)
    return failing


def _database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"{type(exc).__name__}: {exc}".strip()
    return None


def _queue(now: dt.datetime) -> str | None:
    """The task the worker would pick next among those due longer than the threshold: due
    since its `run_after`, or since it was queued when it has none (stored as the far
    future)."""
    limit = dt.timedelta(seconds=settings.HEALTH_QUEUE_AGE_SECONDS)
    cutoff = now - limit
    # The table's own ordering (priority, run_after, enqueued_at) is its partial READY index:
    # the first overdue row is found without sorting, however many tasks have finished.
    overdue = (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, enqueued_at__lte=cutoff)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lte=cutoff))
        .values_list("task_path", "enqueued_at", "run_after")
        .first()
    )
    if overdue is None:
        return None
    task_path, enqueued_at, run_after = overdue
    due = enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after)
    return (
        f"task {task_path} due for {(now - due).total_seconds():.0f} s without a worker taking "
        f"it (limit ORANJE_HEALTH_QUEUE_AGE_SECONDS={limit.total_seconds():.0f})"
    )


def _worker(now: dt.datetime) -> str | None:
    if live_workers(now):
        return None
    return (
        f"no `oranje worker` beat within the last {settings.WORKER_LEASE_SECONDS} s "
        "(ORANJE_WORKER_LEASE_SECONDS)"
    )


def _mail(now: dt.datetime) -> str | None:
    limit = settings.HEALTH_MAIL_BACKLOG_SECONDS
    cutoff = now - dt.timedelta(seconds=limit)
    # One round trip for every outbox: SELECT EXISTS(…), EXISTS(…), … (each on its
    # (status, due_at) index), valid on PostgreSQL and SQLite alike.
    parts: list[str] = []
    params: list[Any] = []
    for outbox in OUTBOXES:
        late = outbox.model._default_manager.filter(status=outbox.queued, due_at__lte=cutoff)
        sql, values = late.order_by().values("pk")[:1].query.sql_with_params()
        parts.append(f"EXISTS({sql})")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    late_in = [o.model._meta.label for o, is_late in zip(OUTBOXES, row, strict=True) if is_late]
    if not late_in:
        return None
    return (
        f"messages queued and due for more than {limit} s in {', '.join(late_in)} "
        "(ORANJE_HEALTH_MAIL_BACKLOG_SECONDS)"
    )
