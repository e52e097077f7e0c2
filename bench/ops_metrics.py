"""Scraping `/metriek/`: a world with many deliveries, tasks, escalations, logins and audit
rows, then Prometheus's request through a real gunicorn server, many times.

Prints the scrape's p50/p95 through gunicorn (as shipped: each process keeps its database
reading for a few seconds and renews it off the scrape) and checks p95 < 50 ms; prints the
database reading on its own (what each renewal costs) and the age of the figures served. Sizes by option; the world is kept in bench/out/ops_metrics (or DATABASE_URL)
and topped up on a second run.

    python -m bench.ops_metrics --deliveries 100000 --tasks 50000 --audit 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import time
import urllib.request

from bench.common import report, setup_django
from bench.server import gunicorn
from bench.targets import check, check_that, exit_status

TARGET_MS = 50.0
BATCH = 5000
#: Sent, failed, still queued: most messages arrive.
RESULTS = ("sent",) * 18 + ("failed", "pending")


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def build_deliveries(target: int) -> None:
    """About `target` deliveries (email, SMS, app per alert) over closed calls of one incident."""
    from django.db import transaction
    from django.utils import timezone

    from bench.common import alert_world
    from oranje.alerting.constants import CallStatus, Channel, Step
    from oranje.alerting.models import Alert, Delivery, Escalation, FunctionCall
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.services import incident_start
    from oranje.organisation.models import Person

    have = Delivery.objects.count()
    if have >= target:
        return
    people_count = 500
    world = alert_world(people_count, prefix="met")
    people = list(
        Person.objects.filter(region=world.region, email__startswith="met").order_by("pk")[
            :people_count
        ]
    )
    incident = Incident.objects.filter(title="Metriek-bench").first() or incident_start(
        actor=world.user,
        region=world.region,
        title="Metriek-bench",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=timezone.now() - dt.timedelta(hours=1),
        municipality=world.municipality,
        is_exercise=True,
    )
    channels = list(Channel.values)
    now = timezone.now()
    calls_needed = -(-(target - have) // (len(people) * len(channels)))
    for _round in range(calls_needed):
        with transaction.atomic():
            call = FunctionCall.objects.create(
                incident=incident,
                function=world.function,
                municipality=world.municipality,
                people_needed=1,
                escalation_minutes=5,
                status=CallStatus.CANCELLED,
                reason="Metriek-bench",
                opened_at=now,
                closed_at=now,
            )
            Escalation.objects.bulk_create(
                Escalation(call=call, to_step=step, at=now, reason="Metriek-bench")
                for step in (Step.HARD, Step.SOFT)
            )
            alerts = Alert.objects.bulk_create(
                Alert(call=call, person=p, step=Step.HARD, alerted_at=now) for p in people
            )
            Delivery.objects.bulk_create(
                (
                    Delivery(
                        alert=alert,
                        channel=channel,
                        address="bench@example.invalid",
                        status=RESULTS[(alert.pk + i) % len(RESULTS)],
                        attempts=1,
                        created_at=now,
                        due_at=now,
                    )
                    for alert in alerts
                    for i, channel in enumerate(channels)
                ),
                batch_size=BATCH,
            )


def build_tasks(target: int) -> None:
    """`target` finished and waiting background tasks, as a year of work leaves them."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    have = DBTaskResult.objects.count()
    now = timezone.now()
    statuses = ("SUCCESSFUL",) * 97 + ("FAILED", "READY", "RUNNING")
    for start in range(have, target, BATCH):
        DBTaskResult.objects.bulk_create(
            DBTaskResult(
                status=statuses[i % len(statuses)],
                args_kwargs={"args": [], "kwargs": {}},
                task_path="oranje.core.tests.tasks.nothing",
                queue_name="default",
                backend_name="default",
                run_after=now + dt.timedelta(days=365),  # waiting ones are not yet due
                exception_class_path="",
                traceback="",
            )
            for i in range(start, min(start + BATCH, target))
        )


def build_audit(target: int, logins: int) -> None:
    """`target` audit rows (some of them lockouts and second steps) and `logins` access-log
    rows of django-axes."""
    from axes.models import AccessLog
    from django.utils import timezone

    from oranje.core.audit_actions import AuditAction
    from oranje.core.models import AuditEntry

    actions = [
        *[AuditAction.ALERT_ANSWER.value] * 20,
        AuditAction.USER_2FA_VERIFIED.value,
        AuditAction.USER_2FA_FAILED.value,
        AuditAction.USER_LOCKED_OUT.value,
    ]
    now = timezone.now()
    have = AuditEntry.objects.count()
    for start in range(have, target, BATCH):
        AuditEntry.objects.bulk_create(
            AuditEntry(
                at=now - dt.timedelta(seconds=i),
                action=actions[i % len(actions)],
                object_type="bench",
                object_repr="bench",
            )
            for i in range(start, min(start + BATCH, target))
        )
    have = AccessLog.objects.count()
    for start in range(have, logins, BATCH):
        AccessLog.objects.bulk_create(
            AccessLog(
                user_agent="bench",
                ip_address="127.0.0.1",
                username=f"bench{i % 100}",
                http_accept="text/html",
                path_info="/inloggen/",
            )
            for i in range(start, min(start + BATCH, logins))
        )


def database_reading(times: int) -> list[float]:
    from oranje.operations.metrics_database import read_database

    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        read_database()
        seconds.append(time.perf_counter() - started)
    return seconds


def scrape_through_gunicorn(times: int, workers: str) -> tuple[list[float], bytes]:
    from django.db import connections

    token = os.environ["ORANJE_METRICS_TOKEN"]
    connections.close_all()
    seconds: list[float] = []
    body = b""
    with gunicorn(workers) as base:
        request = urllib.request.Request(
            f"{base}/metriek/", headers={"Authorization": f"Bearer {token}"}
        )
        # On a busy machine gunicorn may need longer to start than bench.server waits.
        for _ in range(600):
            try:
                urllib.request.urlopen(request, timeout=30).read()
                break
            except OSError:
                time.sleep(0.2)
        for i in range(times + 5):
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                body = response.read()
            if i >= 5:  # the first scrapes of each process open its connection
                seconds.append(time.perf_counter() - started)
    return seconds, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--audit", type=int, default=100_000)
    parser.add_argument("--logins", type=int, default=20_000)
    parser.add_argument("--scrapes", type=int, default=200)
    parser.add_argument("--workers", default="2")
    args = parser.parse_args()
    # A token for this run only, through the environment (never on a command line).
    os.environ.setdefault("ORANJE_METRICS_TOKEN", os.urandom(16).hex())
    setup_django("ops_metrics")
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)

    from oranje.alerting.models import Delivery

    print(f"Metrics scrape ({connection.vendor})", flush=True)
    started = time.perf_counter()
    build_deliveries(args.deliveries)
    build_tasks(args.tasks)
    build_audit(args.audit, args.logins)
    report("world built or topped up", f"{time.perf_counter() - started:.1f} s")
    report("deliveries in the database", f"{Delivery.objects.count():,}")

    p50, p95 = _percentiles(database_reading(max(20, args.scrapes // 10)))
    report("database reading on its own: p50 / p95", f"{p50:.1f} / {p95:.1f} ms")

    seconds, body = scrape_through_gunicorn(args.scrapes, args.workers)
    p50, p95 = _percentiles(seconds)
    report(f"scrape through gunicorn ({len(seconds)}×): p50", f"{p50:.1f} ms")
    check("scrape through gunicorn: p95", p95, TARGET_MS, unit="ms", shown=f"{p95:.1f} ms")
    text = body.decode()
    age = re.search(r"^oranje_metrics_database_read_age_seconds (\S+)$", text, re.M)
    report("age of the figures in the last scrape", f"{float(age.group(1)):.1f} s" if age else "?")
    # Every scrape before the last one was timed by whichever worker answered it: the sum
    # over all gunicorn processes (multiprocess mode) holds them all.
    counted = sum(
        float(m.group(1))
        for m in re.finditer(
            r'^oranje_http_request_duration_seconds_count\{[^}]*view="operations:metrics"[^}]*\} (\S+)$',
            text,
            re.M,
        )
    )
    check_that(
        "scrapes timed, summed over the gunicorn processes",
        f"{counted:.0f} of at least {len(seconds) + 4}",
        counted >= len(seconds) + 4,
        "all",
    )
    families = ("oranje_deliveries_total", "oranje_tasks", "oranje_logins_total")
    check_that(
        "the scrape holds the database figures",
        "yes" if all(f in text for f in families) else "no",
        all(f in text for f in families),
        "yes",
    )
    raise SystemExit(exit_status())


if __name__ == "__main__":
    main()
