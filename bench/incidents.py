"""Figures for issue 4 (incident operation):

1. Alert fan-out: one scaling that alerts 1,000 people, delivered by the real worker
   (`oranje worker`, two processes) to a local SMTP server (aiosmtpd) and a local SMS gateway
   stub: time until every message is sent.
2. Escalation timer accuracy: how many seconds after its due time each escalation ran.
3. The logbook page with 5,000 entries: render time (target < 300 ms).

The 50-user load on PostgreSQL is bench.incident_load. Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time

from bench.common import ROOT, alert_world, report, setup_django, timed
from bench.server import SmtpSink, gateway_stub
from bench.targets import check, check_that, exit_status

FAN_OUT = 1000


def _world(n: int):  # type: ignore[no-untyped-def]
    w = alert_world(n)
    return w.region, w.user, w.municipality, w.function


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    from oranje.alerting.tests.fanout import start_worker

    return start_worker(env)


def fan_out() -> None:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from oranje.alerting.constants import DeliveryStatus
    from oranje.alerting.models import Delivery
    from oranje.incidents import services
    from oranje.incidents.constants import ScalingMode

    DBTaskResult.objects.all().delete()
    region, user, municipality, _function = _world(FAN_OUT)
    with SmtpSink() as smtp, gateway_stub() as gateway:
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT / "src"),
            ORANJE_SMTP_HOST="127.0.0.1",
            ORANJE_SMTP_PORT=str(smtp.port),
            ORANJE_SMS_GATEWAY_URL=gateway.url,
            ORANJE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        )
        from django.conf import settings

        settings.SMS_GATEWAY_URL = gateway.url  # the scaling process decides the channels
        workers = [_worker(env) for _ in range(2)]
        try:
            time.sleep(2)  # workers up
            began = time.perf_counter()
            incident = services.incident_start(
                actor=user,
                region=region,
                title="Fan-out",
                kind="other",
                started_at=timezone.now(),
                municipality=municipality,
                is_exercise=True,
            )
            services.incident_scale(
                actor=user,
                incident=incident,
                mode=ScalingMode.GRIP,
                grip_level=1,
                reason="bench",
                decided_by="bench",
            )
            scaled = time.perf_counter() - began
            pending = Delivery.objects.filter(alert__call__incident=incident).exclude(
                status=DeliveryStatus.SENT
            )
            total = Delivery.objects.filter(alert__call__incident=incident).count()
            while pending.exists() and time.perf_counter() - began < 300:
                time.sleep(0.2)
            done = time.perf_counter() - began
            failed = pending.count()
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                w.wait(timeout=10)
    print(
        f"fan-out: one scaling alerts {FAN_OUT} people by mail (SMTP) and SMS (HTTP gateway), 2 worker processes"
    )
    report("scaling recorded, 1,000 alerts and their messages queued", f"{scaled:.2f} s")
    report("until every message was handed over", f"{done:.1f} s")
    check_that(
        "deliveries handed over",
        f"{total - failed} of {total} (SMTP got {smtp.count()}, gateway got {len(gateway.received)})",
        failed == 0,
        "all",
    )


def timer_accuracy(calls: int = 40) -> None:
    """Open calls whose escalation falls due a few seconds from now, let the worker run
    them, and measure how late each ran."""
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from oranje.alerting.models import Escalation, FunctionCall
    from oranje.alerting.services import ladder
    from oranje.incidents import services

    DBTaskResult.objects.all().delete()
    region, user, municipality, function = _world(FAN_OUT)
    per_incident = 10
    incidents = [
        services.incident_start(
            actor=user,
            region=region,
            title=f"Timers {n}",
            kind="other",
            started_at=timezone.now(),
            municipality=municipality,
            is_exercise=True,
        )
        for n in range((calls + per_incident - 1) // per_incident)
    ]
    from oranje.organisation.models import Function, Person

    others = list(Function.objects.exclude(pk=function.pk).order_by("pk"))[:per_incident]
    people = list(Person.objects.filter(region=region, email__startswith="fan")[:calls])
    due: list[int] = []
    with transaction.atomic():
        for i in range(calls):
            # Each call alerts one person and waits; its timer falls due 3 to 10 s from now.
            now = timezone.now() - dt.timedelta(minutes=1) + dt.timedelta(seconds=3 + (i % 8))
            call = FunctionCall.objects.create(
                incident=incidents[i // per_incident],
                function=others[i % per_incident],
                municipality=municipality,
                people_needed=1,
                escalation_minutes=1,
                reason="bench",
                opened_at=now,
            )
            ladder._alert(call, [people[i]], 0, now)
            ladder._schedule(call, now + dt.timedelta(minutes=1))
            call.save(update_fields=["next_escalation_at"])
            due.append(call.pk)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT / "src"),
        ORANJE_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    worker = _worker(env)
    try:
        deadline = time.monotonic() + 60
        while Escalation.objects.filter(call_id__in=due, due_at__isnull=False).count() < calls:
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    late = [
        (e.at - e.due_at).total_seconds()
        for e in Escalation.objects.filter(call_id__in=due, due_at__isnull=False)
    ]
    late.sort()
    print(f"escalation timers: {calls} calls falling due within 10 s, one worker (1 s poll)")
    if late:
        report(
            "seconds late: median / p95 / max",
            f"{statistics.median(late):.2f} / {late[int(len(late) * 0.95) - 1]:.2f} / {late[-1]:.2f} s",
        )
    check_that("escalations that ran", f"{len(late)} of {calls}", len(late) == calls, "all")


def logbook_page(entries: int = 5000) -> None:
    from django.db.models import Max
    from django.test import Client
    from django.utils import timezone

    from oranje.core.tests.logins import complete_second_step
    from oranje.incidents import services
    from oranje.incidents.constants import EntryKind, Process, Team
    from oranje.incidents.models import Incident, LogEntry

    region, user, municipality, function = _world(FAN_OUT)
    incident = Incident.objects.filter(title="Logboek 5000").first()
    if incident is None:
        incident = services.incident_start(
            actor=user,
            region=region,
            title="Logboek 5000",
            kind="other",
            started_at=timezone.now() - dt.timedelta(days=2),
            municipality=municipality,
        )
    have = incident.log.aggregate(n=Max("number"))["n"] or 0
    processes = list(Process.values)
    teams = list(Team.values)
    start = incident.started_at
    LogEntry.objects.bulk_create(
        LogEntry(
            incident=incident,
            number=n,
            at=start + dt.timedelta(seconds=30 * n),
            recorded_at=start + dt.timedelta(seconds=30 * n),
            author=user,
            author_name="Bench Coördinator",
            team=teams[n % len(teams)],
            process=processes[n % len(processes)],
            kind=EntryKind.NOTE,
            text=f"Regel {n}: bewoners in straat {n % 40} gebeld over de stand van zaken; "
            "drie vragen over vergoeding doorgezet naar het informatiepunt.",
        )
        for n in range(have + 1, entries + 1)
    )
    # Every tenth line corrects the one before it, so the page also marks corrected lines.
    pks = dict(incident.log.values_list("number", "pk"))
    fixes = [
        LogEntry(pk=pks[n], corrects_id=pks[n - 1])
        for n in range(max(have + 1, 10), entries + 1)
        if n % 10 == 0
    ]
    LogEntry.objects.bulk_update(fixes, ["corrects"], batch_size=500)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    complete_second_step(client, user)
    url = f"/incidenten/{incident.pk}/"
    assert client.get(url).status_code == 200
    median, best, response = timed(lambda: client.get(url), repeat=7)
    size = len(response.content)  # type: ignore[attr-defined]
    print(
        f"logbook page: {incident.log.count()} entries, all on one page (Django test client, in process)"
    )
    check(
        "render time median (best)",
        median * 1000,
        300,
        unit="ms",
        shown=f"{median * 1000:.0f} ms ({best * 1000:.0f} ms), {size / 1024:.0f} kB",
    )
    poll_median, _b, _r = timed(
        lambda: client.get(f"/incidenten/{incident.pk}/logboek/nieuwer/?na={entries - 1}"),
        repeat=20,
    )
    report("live poll (newer than the last line)", f"{poll_median * 1000:.1f} ms")


def main() -> None:
    setup_django("incidents")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    which = sys.argv[1:] or ["fan_out", "timers", "logbook"]
    if "fan_out" in which:
        fan_out()
    if "timers" in which:
        timer_accuracy()
    if "logbook" in which:
        logbook_page()


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
