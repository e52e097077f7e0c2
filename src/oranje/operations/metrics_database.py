"""The figures of `/metriek/` that live in the database, read when Prometheus scrapes.

Counting rows at scrape time (instead of counting events in a process's memory) keeps the
figures right across gunicorn's processes, the workers and restarts. Each figure is one
aggregated query; the answer is kept for `CACHE_SECONDS` in each process and renewed
off the scrape when the database is slow (DatabaseCollector), so a scrape stays quick
whatever the size of the tables.

A counter here is a number of rows: it only goes down when rows are removed (an incident
deleted with its alerts), which Prometheus's `rate()` reads as a counter reset.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable, Iterator

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db import connections
from django.db.models import Case, Count, F, Min, Sum, When
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from oranje.alerting.constants import Channel, DeliveryStatus, Step
from oranje.alerting.models import Delivery, Escalation
from oranje.communication.constants import ItemStatus, MailChannel
from oranje.communication.models import MailingItem
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.core.worker import live_workers

#: How long a process reuses its last reading of the database.
CACHE_SECONDS = 5.0
#: How long a scrape waits for a new reading before it answers with the previous one.
WAIT_SECONDS = 0.02

#: The mailing's channel named as the alert's: one `channel` label across both sources.
_MAILING_CHANNEL = {MailChannel.MAIL.value: Channel.EMAIL.value, MailChannel.SMS.value: "sms"}
_WAITING = {
    DeliveryStatus.PENDING.value: "queued",
    DeliveryStatus.SENDING.value: "sending",
    ItemStatus.QUEUED.value: "queued",
}
_DONE = {
    DeliveryStatus.SENT.value: "sent",
    DeliveryStatus.FAILED.value: "failed",
    ItemStatus.SKIPPED.value: "skipped",
}
_STEP = {step.value: step.name.lower() for step in Step}
_SECOND_STEP = {
    AuditAction.USER_2FA_VERIFIED.value: "verified",
    AuditAction.USER_2FA_FAILED.value: "failed",
    AuditAction.USER_2FA_RECOVERY_CODE_USED.value: "recovery_code",
}


def _tasks() -> Iterator[Metric]:
    depth = GaugeMetricFamily(
        "oranje_tasks",
        "Background tasks waiting (READY) or being run (RUNNING), per queue.",
        labels=["queue", "status"],
    )
    # Only the unfinished ones: finished tasks pile up over a year and would make every
    # scrape read the whole table. READY is counted along its own (partial) index.
    for status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
        rows = (
            DBTaskResult.objects.filter(status=status)
            .values_list("queue_name")
            .annotate(n=Count("pk"))
            .order_by("queue_name")
        )
        for queue, count in rows:
            depth.add_metric([queue, str(status.value)], count)
    yield depth

    # A task without a time to wait for is due from its enqueueing on.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = DBTaskResult.objects.ready().aggregate(at=Min(due_since))["at"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    yield GaugeMetricFamily(
        "oranje_tasks_oldest_due_age_seconds",
        "How long the oldest READY task that is due has been waiting for a worker (0: none).",
        value=max(age, 0.0),
    )
    yield GaugeMetricFamily(
        "oranje_workers_live",
        "Workers (`oranje worker`) whose heartbeat is within the lease.",
        value=len(live_workers()),
    )


def _deliveries() -> Iterator[Metric]:
    done = CounterMetricFamily(
        "oranje_deliveries",
        "Messages finished per source (alert, mailing), channel and result (sent, failed, "
        "skipped: an exercise or no address).",
        labels=["source", "channel", "result"],
    )
    waiting = GaugeMetricFamily(
        "oranje_deliveries_waiting",
        "Messages not yet finished per source, channel and state (queued, sending).",
        labels=["source", "channel", "state"],
    )
    alerts = Delivery.objects.values_list("channel", "status").annotate(n=Count("pk"))
    mailings = MailingItem.objects.values_list("mailing__channel", "status").annotate(n=Count("pk"))
    sources: list[tuple[str, Iterable[tuple[str, str, int]], dict[str, str]]] = [
        ("alert", alerts.order_by("channel", "status"), {}),
        ("mailing", mailings.order_by("mailing__channel", "status"), _MAILING_CHANNEL),
    ]
    for source, rows, channels in sources:
        for channel, status, count in rows:
            label = channels.get(channel, channel)
            if status in _DONE:
                done.add_metric([source, label, _DONE[status]], count)
            elif status in _WAITING:
                waiting.add_metric([source, label, _WAITING[status]], count)
    yield done
    yield waiting


def _escalations() -> Iterator[Metric]:
    family = CounterMetricFamily(
        "oranje_escalations",
        "Moves up an alert's ladder, per step moved to (soft, coordinator, exhausted: "
        "nobody left to alert).",
        labels=["to_step"],
    )
    rows = Escalation.objects.values_list("to_step").annotate(n=Count("pk")).order_by("to_step")
    for step, count in rows:
        family.add_metric([_STEP.get(step, str(step))], count)
    yield family


def _logins(now: dt.datetime) -> Iterator[Metric]:
    yield CounterMetricFamily(
        "oranje_logins",
        "Logins with a right password (django-axes' access log).",
        value=AccessLog.objects.count(),
    )
    audited = dict(
        AuditEntry.objects.filter(action__in=[*_SECOND_STEP, AuditAction.USER_LOCKED_OUT.value])
        .values_list("action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    second = CounterMetricFamily(
        "oranje_login_second_step",
        "Second login steps per result (verified, failed, recovery_code).",
        labels=["result"],
    )
    for action, result in _SECOND_STEP.items():
        second.add_metric([result], audited.get(action, 0))
    yield second
    yield CounterMetricFamily(
        "oranje_login_lockouts",
        "Logins blocked after too many failed passwords (one per lockout, from the audit trail).",
        value=audited.get(AuditAction.USER_LOCKED_OUT.value, 0),
    )
    window = now - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = AccessAttempt.objects.filter(attempt_time__gte=window).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    yield GaugeMetricFamily(
        "oranje_login_failed_attempts",
        "Failed passwords counted towards a lockout now (within the lockout window).",
        value=failures or 0,
    )


def read_database() -> list[Metric]:
    """Every database figure, read now."""
    started = time.perf_counter()
    now = timezone.now()
    families = [*_tasks(), *_deliveries(), *_escalations(), *_logins(now)]
    families.append(
        GaugeMetricFamily(
            "oranje_metrics_database_read_seconds",
            "How long reading these figures from the database took at the last reading.",
            value=time.perf_counter() - started,
        )
    )
    return families


class DatabaseCollector(Collector):
    """prometheus_client's collector of the database figures.

    A process keeps its reading for `CACHE_SECONDS`. An older reading is renewed in a thread
    of its own, and the scrape waits for it at most `WAIT_SECONDS`: on a large database
    Prometheus then gets the previous reading (its age is in
    `oranje_metrics_database_read_age_seconds`) instead of a slow answer. The first scrape of
    a process always waits for its reading. `background=False` reads in the scraping thread
    (tests, whose rows only their own connection sees).
    """

    def __init__(self, *, background: bool = True) -> None:
        self.background = background
        self._lock = threading.Lock()
        self._read_at = float("-inf")
        self._families: list[Metric] = []
        self._reading: threading.Thread | None = None

    def forget(self) -> None:
        """Read the database again at the next scrape."""
        with self._lock:
            self._read_at = float("-inf")

    def _read(self, *, own_thread: bool = False) -> None:
        try:
            families = read_database()
        finally:
            if own_thread:
                connections.close_all()  # the reading thread's own connection
        with self._lock:
            self._families, self._read_at = families, time.monotonic()

    def collect(self) -> Iterable[Metric]:
        with self._lock:
            fresh = time.monotonic() - self._read_at < CACHE_SECONDS
            first = not self._families
            reading = self._reading
            if not fresh and (reading is None or not reading.is_alive()):
                reading = None
                if self.background and not first:
                    reading = self._reading = threading.Thread(
                        target=self._read,
                        kwargs={"own_thread": True},
                        name="oranje-metrics-reading",
                        daemon=True,
                    )
                    reading.start()
        if not fresh and (first or not self.background):
            self._read()
        elif reading is not None:
            reading.join(WAIT_SECONDS)
        with self._lock:
            age = time.monotonic() - self._read_at
            return [
                *self._families,
                GaugeMetricFamily(
                    "oranje_metrics_database_read_age_seconds",
                    "How old the database figures in this answer are.",
                    value=age,
                ),
            ]
