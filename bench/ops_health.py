"""`/gezond/` under a load balancer's probing, on a database with a long history: the
latency of the health answer through a real gunicorn (the project's `oranje.gunicorn_config`).

The world: `--tasks` finished tasks in the task table (default 100,000), `--deliveries` sent
alert deliveries (50,000) and as many sent mailing items, plus `--queued` fresh rows of each
(tasks READY, deliveries and mailing items queued and due: waiting, but not late), and a
worker that beats (a thread of this process). Then `--clients` probes (1) ask `/gezond/`
`--requests` times in all (2,000), one connection per request as a balancer does, first
while all is well (every answer must be 200), then with the worker stopped and the queue and
outbox late (every answer must be 503 naming the three): the failing path also reads what it
logs. p50/p95/p99 of each; target p95 < 20 ms.

On PostgreSQL when DATABASE_URL is set (the database is created when missing), else SQLite
in bench/out/ops_health/. The world is kept between runs and topped up to the sizes asked.

    python -m bench.ops_health [--tasks N] [--deliveries N] [--requests N] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

from bench.common import report, setup_django
from bench.registry_load import percentile
from bench.targets import check, check_that, exit_status

TASK = "oranje.alerting.tasks.deliver"
PREFIX = "gezond"
BATCH = 5000
TARGET_MS = 20


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.ops_health", description=__doc__)
    parser.add_argument("--tasks", type=int, default=100_000, help="finished tasks")
    parser.add_argument("--deliveries", type=int, default=50_000, help="sent deliveries")
    parser.add_argument("--queued", type=int, default=50, help="fresh rows waiting in each")
    parser.add_argument("--requests", type=int, default=2000, help="probes per phase")
    parser.add_argument("--clients", type=int, default=1, help="concurrent probes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--quick", action="store_true", help="20,000 tasks, 10,000 deliveries, 500 probes"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.tasks, args.deliveries, args.requests = 20_000, 10_000, 500
    return args


def _in_batches(model: Any, rows: Iterable[Any]) -> list[Any]:
    """bulk_create `rows` in batches; the rows made."""
    made: list[Any] = []
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            made += model.objects.bulk_create(batch)
            batch.clear()
    if batch:
        made += model.objects.bulk_create(batch)
    return made


def finished_tasks(n: int) -> None:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    have = DBTaskResult.objects.filter(task_path=TASK, status="SUCCESSFUL").count()
    now = timezone.now()
    _in_batches(
        DBTaskResult,
        (
            DBTaskResult(
                status="SUCCESSFUL",
                task_path=TASK,
                args_kwargs={"args": [i], "kwargs": {}},
                backend_name="default",
                run_after=get_date_max(),
                started_at=now,
                finished_at=now,
                worker_ids=["bench"],
            )
            for i in range(have, n)
        ),
    )


def sent_deliveries(n: int, queued: int) -> None:
    """`n` sent and `queued` queued alert deliveries (one per alert) and as many mailing
    items, in one bench incident."""
    from django.utils import timezone

    from oranje.alerting.models import Alert, Delivery, FunctionCall
    from oranje.communication.models import Mailing, MailingItem, Message
    from oranje.core.models import Municipality, Region
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.organisation.models import Function, Person
    from oranje.registry.models import Person as Registered

    region = Region.objects.get(code="VR13")
    municipality = Municipality.objects.current().filter(region=region).order_by("pk").first()
    assert municipality is not None
    now = timezone.now()
    incident = Incident.objects.filter(title=f"{PREFIX} bench").first()
    if incident is None:
        incident = Incident.objects.create(
            region=region,
            title=f"{PREFIX} bench",
            kind=IncidentType.UTILITY_OUTAGE,
            started_at=now - dt.timedelta(hours=3),
            municipality=municipality,
        )
        incident.municipalities.set([municipality])
    call, _ = FunctionCall.objects.get_or_create(
        incident=incident,
        function=Function.objects.get(code="IC-BZ"),
        defaults={"municipality": municipality, "escalation_minutes": 5, "reason": "bench"},
    )
    message, _ = Message.objects.get_or_create(
        incident=incident,
        title=f"{PREFIX} bench",
        defaults={
            "kind": "affected",
            "text": "Bench.",
            "status": "published",
            "approved_at": now,
            "published_at": now,
        },
    )
    mailing, _ = Mailing.objects.get_or_create(message=message, channel="email")
    total = n + queued
    have = Alert.objects.filter(call=call).count()
    people = _in_batches(
        Person,
        (
            Person(
                region=region,
                given_name="Gezond",
                surname=f"{i:06d}",
                email=f"{PREFIX}{i:06d}@bench.example",
            )
            for i in range(have, total)
        ),
    )
    alerts = _in_batches(Alert, (Alert(call=call, person=p, step=1) for p in people))
    registered = _in_batches(
        Registered,
        (
            Registered(
                incident=incident,
                given_names="Gezond",
                surname=f"{i:06d}",
                email=f"{PREFIX}{i:06d}@bench.example",
                created_at=now,
                updated_at=now,
            )
            for i in range(have, total)
        ),
    )
    _in_batches(
        Delivery,
        (
            Delivery(
                alert=a, channel="email", address="x@bench.example", status="sent", sent_at=now
            )
            for a in alerts
        ),
    )
    _in_batches(
        MailingItem,
        (MailingItem(mailing=mailing, person=p, status="sent", sent_at=now) for p in registered),
    )
    # The newest `queued` of each wait: queued and due now (not late); the rest is sent.
    outboxes: list[tuple[Any, str]] = [
        (Delivery.objects.filter(alert__call=call), "pending"),
        (MailingItem.objects.filter(mailing=mailing), "queued"),
    ]
    for rows, status in outboxes:
        rows.exclude(status="sent").update(status="sent", sent_at=now)
        last = list(rows.order_by("-pk").values_list("pk", flat=True)[:queued])
        rows.filter(pk__in=last).update(status=status, sent_at=None, due_at=now)


def waiting_tasks(n: int) -> None:
    from django_tasks_db.models import DBTaskResult, get_date_max

    DBTaskResult.objects.filter(task_path=TASK, status="READY").delete()
    _in_batches(
        DBTaskResult,
        (
            DBTaskResult(
                task_path=TASK,
                args_kwargs={"args": [i], "kwargs": {}},
                backend_name="default",
                run_after=get_date_max(),
            )
            for i in range(n)
        ),
    )


def everything_late() -> None:
    """The worker stops; the waiting tasks and messages become an hour late."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from oranje.alerting.models import Delivery
    from oranje.communication.models import MailingItem
    from oranje.core.models import WorkerBeat

    hour_ago = timezone.now() - dt.timedelta(hours=1)
    WorkerBeat.objects.all().delete()
    DBTaskResult.objects.filter(status="READY").update(enqueued_at=hour_ago)
    Delivery.objects.filter(status="pending").update(due_at=hour_ago)
    MailingItem.objects.filter(status="queued").update(due_at=hour_ago)


def probe(base: str, n: int, clients: int) -> tuple[list[float], dict[int, int], set[str]]:
    """`n` GETs of /gezond/ from `clients` threads, a new connection each; the latencies in
    seconds, the count per status code and the bodies seen."""
    parts = urllib.parse.urlsplit(base)
    took: list[float] = []
    codes: dict[int, int] = {}
    bodies: set[str] = set()
    lock = threading.Lock()

    def run(count: int) -> None:
        for _ in range(count):
            start = time.perf_counter()
            conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
            conn.request("GET", "/gezond/", headers={"Host": "localhost"})
            answer = conn.getresponse()
            body = answer.read().decode()
            conn.close()
            elapsed = time.perf_counter() - start
            with lock:
                took.append(elapsed)
                codes[answer.status] = codes.get(answer.status, 0) + 1
                bodies.add(body)

    threads = [threading.Thread(target=run, args=(n // clients,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return took, codes, bodies


def up(url: str, *, seconds: float) -> None:
    """Wait until gunicorn answers (on a busy machine it starts slower than bench.server
    waits for)."""
    until = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=10).read()
            return
        except OSError:
            if time.monotonic() > until:
                raise
            time.sleep(0.5)


def figures(label: str, took: list[float]) -> None:
    ms = [t * 1000 for t in took]
    report(f"{label}: requests", f"{len(ms)}")
    report(f"{label}: p50", f"{percentile(ms, 0.50):.1f} ms")
    check(
        f"{label}: p95",
        percentile(ms, 0.95),
        TARGET_MS,
        unit="ms",
        shown=f"{percentile(ms, 0.95):.1f} ms",
    )
    report(f"{label}: p99", f"{percentile(ms, 0.99):.1f} ms")


def main(argv: list[str]) -> None:
    args = options(argv)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        from bench.incident_load import ensure_database

        ensure_database(url)
    # The queued rows are fresh; these limits keep them so for the whole run.
    os.environ["ORANJE_HEALTH_QUEUE_AGE_SECONDS"] = "1800"
    os.environ["ORANJE_HEALTH_MAIL_BACKLOG_SECONDS"] = "1800"
    # One warning per failing check per probe would flood the terminal in the failing phase.
    os.environ.setdefault("ORANJE_LOG_LEVEL", "ERROR")
    setup_django("ops_health")
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.core import worker
    from oranje.core.models import WorkerBeat

    call_command("collectstatic", interactive=False, verbosity=0)  # the server's pages
    start = time.perf_counter()
    finished_tasks(args.tasks)
    sent_deliveries(args.deliveries, args.queued)
    waiting_tasks(args.queued)
    built = time.perf_counter() - start

    from django_tasks_db.models import DBTaskResult

    from oranje.alerting.models import Delivery
    from oranje.communication.models import MailingItem

    print(
        f"/gezond/ on {connection.vendor}: {DBTaskResult.objects.count():,} tasks, "
        f"{Delivery.objects.count():,} alert deliveries, {MailingItem.objects.count():,} mailing "
        f"items ({args.queued} waiting in each); world ready in {built:.0f} s; "
        f"gunicorn {args.workers} workers, {args.clients} probes; {machine_load()}",
        flush=True,
    )
    stop = threading.Event()

    def beating() -> None:
        while not stop.is_set():
            worker.beat(f"{PREFIX}-bench")
            connection.close()
            stop.wait(2)

    WorkerBeat.objects.all().delete()
    beater = threading.Thread(target=beating, daemon=True)
    beater.start()
    try:
        with gunicorn(str(args.workers), timeout=180) as base:
            up(f"{base}/gezond/", seconds=120)
            for _ in range(args.workers * 4):  # every worker loads its code
                urllib.request.urlopen(f"{base}/gezond/", timeout=30).read()
            took, codes, bodies = probe(base, args.requests, args.clients)
            print("  1. all well", flush=True)
            figures("healthy", took)
            check_that(
                "every answer 200 ok",
                json.dumps(codes),
                set(codes) == {200} and bodies == {'{"status": "ok"}'},
                "all 200",
            )
            stop.set()
            beater.join()
            everything_late()
            took, codes, bodies = probe(base, args.requests, args.clients)
            print("  2. worker stopped, queue and mail an hour late", flush=True)
            figures("failing", took)
            expected = '{"status": "fail", "failing": ["queue", "worker", "mail"]}'
            check_that(
                "every answer 503 naming queue, worker, mail",
                json.dumps(codes),
                set(codes) == {503} and bodies == {expected},
                "all 503",
            )
    finally:
        stop.set()
    raise SystemExit(exit_status())


if __name__ == "__main__":
    main(sys.argv[1:])
