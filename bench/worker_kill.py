"""Alerts survive a killed worker (issue 10): one scaling alerts 1,000 people by mail (SMTP, a
local aiosmtpd sink) and SMS (a local gateway stub); the one `oranje worker` process is
killed with SIGKILL at random points of the fan-out (1–3 times per run) and restarted at
once. Ten runs on SQLite and ten on PostgreSQL. Per run:

- delivered: people whose mail reached the SMTP sink and whose SMS reached the gateway,
  and whose deliveries are recorded sent (target 1,000 of 1,000, both channels);
- recorded twice: alert or delivery rows beyond one per person and channel, and deliveries
  left `sending` or unsent (target 0);
- duplicates: messages handed over again after a kill (same Message-ID / Idempotency-Key;
  allowed: at-least-once, the receiver drops them) — at most one per kill.

Exits non-zero when a target is missed. `python -m bench.worker_kill sqlite` runs one
database; PostgreSQL comes from DATABASE_URL (default postgres://…/oranje_bench).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time

from bench.common import ROOT, alert_world, setup_django
from bench.server import SmtpSink, gateway_stub
from bench.targets import check_that, exit_status

PEOPLE = int(os.environ.get("BENCH_KILL_PEOPLE", "1000"))
RUNS = int(os.environ.get("BENCH_KILL_RUNS", "10"))
#: Ports in the range of this benchmark (SMTP sink, SMS gateway), overridable.
PORT = int(os.environ.get("BENCH_KILL_PORT", "8150"))
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench"


def _run(number: int, world, smtp: SmtpSink, gateway, env: dict[str, str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from oranje.alerting.delivery import message_id
    from oranje.alerting.models import Alert, Delivery
    from oranje.alerting.tests.fanout import fan_out, run_with_kills
    from oranje.incidents.services import incident_close

    mail_before, sms_before = smtp.count(), len(gateway.keys)
    incident = fan_out(world, title=f"Werkproces {number}")
    deliveries = Delivery.objects.filter(alert__call__incident=incident)
    unfinished = deliveries.exclude(status__in=["sent", "failed"])
    rng = random.Random(number)
    began = time.perf_counter()
    kills = run_with_kills(
        env,
        kills=rng.randint(1, 3),
        progress=lambda: smtp.count() - mail_before + len(gateway.keys) - sms_before,
        total=2 * world.people,
        done=lambda: not unfinished.exists(),
        rng=rng,
        timeout=600,
    )
    seconds = time.perf_counter() - began
    mail_ids = smtp.message_ids[mail_before:]
    sms_keys = gateway.keys[sms_before:]
    sent = {
        (d.alert.person_id, d.channel): d
        for d in deliveries.filter(status="sent").select_related("alert")
    }
    got_mail, got_sms = set(mail_ids), set(sms_keys)
    delivered = sum(
        1
        for person in Alert.objects.filter(call__incident=incident).values_list(
            "person_id", flat=True
        )
        if (person, "email") in sent
        and (person, "sms") in sent
        and message_id(sent[person, "email"]) in got_mail
        and str(sent[person, "sms"].key) in got_sms
    )
    twice_alerts = sum(
        n - 1
        for n in Alert.objects.filter(call__incident=incident)
        .values("person")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    twice_deliveries = sum(
        n - 1
        for n in deliveries.values("alert", "channel")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    left = unfinished.count() + deliveries.filter(status="failed").count()
    running = DBTaskResult.objects.filter(status="RUNNING").count()
    incident_close(actor=world.user, incident=incident)
    return {
        "kills": kills,
        "delivered": delivered,
        "twice": twice_alerts + twice_deliveries,
        "left": left + running,
        "duplicates": len(mail_ids) - len(got_mail) + len(sms_keys) - len(got_sms),
        "seconds": round(seconds),
    }


def one_database(label: str) -> bool:
    setup_django(f"worker_kill_{label}")
    from django.conf import settings
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    world = alert_world(PEOPLE, prefix="kill")
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{database['NAME']}"
    else:
        url = os.environ["DATABASE_URL"]
    ok = True
    with SmtpSink(port=PORT) as smtp, gateway_stub(port=PORT + 1) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url  # this process decides the channels
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT / "src"),
            DATABASE_URL=url,
            ORANJE_DATA_DIR=os.environ["ORANJE_DATA_DIR"],
            ORANJE_DB_CONN_MAX_AGE="0",
            ORANJE_SMTP_HOST="127.0.0.1",
            ORANJE_SMTP_PORT=str(smtp.port),
            ORANJE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            ORANJE_SMS_GATEWAY_URL=gateway.url,
            ORANJE_WORKER_LEASE_SECONDS=os.environ.get("BENCH_KILL_LEASE", "3"),
        )
        print(
            f"worker kill on {label}: {PEOPLE} people by mail and SMS, one worker killed "
            f"(SIGKILL) 1–3 times per run and restarted, {RUNS} runs",
            flush=True,
        )
        for number in range(1, RUNS + 1):
            r = _run(number, world, smtp, gateway, env)
            good = r["delivered"] == PEOPLE and r["twice"] == 0 and r["left"] == 0
            good = good and r["duplicates"] <= r["kills"]
            ok = ok and good
            check_that(
                f"run {number:2d}: {r['kills']} kills, {r['seconds']} s",
                f"delivered {r['delivered']}/{PEOPLE}, recorded twice {r['twice']}, "
                f"left over {r['left']}, duplicate messages {r['duplicates']}",
                good,
                f"{PEOPLE}/{PEOPLE}, 0, 0, ≤ kills",
            )
    return ok


def main() -> int:
    chosen = sys.argv[1:] or ["sqlite", "postgres"]
    if len(chosen) == 1:
        one_database(chosen[0])
        return exit_status()
    failed = 0
    for label in chosen:
        env = dict(os.environ)
        if label == "postgres":
            from bench.incident_load import ensure_database

            env.setdefault("DATABASE_URL", PG_DEFAULT)
            ensure_database(env["DATABASE_URL"])
        else:
            env.pop("DATABASE_URL", None)
        result = subprocess.run(
            [sys.executable, "-m", "bench.worker_kill", label], env=env, cwd=ROOT, check=False
        )
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
