"""Figures for "Scale-out, proven" (issue 10): two app instances and two workers on one
PostgreSQL database, one of each killed with SIGKILL mid-run and restarted.

- two gunicorn instances on two ports, as if behind a load balancer: every user sends each
  request to the next instance in turn (no sticky sessions) and, when an instance does not
  answer, retries the same request on the other one — with the same idempotency key, so a
  retried log line is never written twice — and, like a balancer with health checks, sends
  nothing to that instance until it answers again after its restart;
- two `oranje worker` processes delivering to a local SMTP server and SMS gateway stub;
- 50 users writing log lines (page and API), answering alerts through the link in the mail
  they received, and scalings that each alert 500 people;
- app instance A and worker 1 are killed (SIGKILL, the whole process group) mid-run and
  restarted; worker 1 right after a scaling, while it is sending.

Reported: acknowledged writes lost (every 2xx the client got must be in the database),
messages sent vs expected and deliveries recorded twice, logbook numbers gapless per incident,
p50/p95 per kind of request. Exits non-zero when a target is missed.

Each process gets its own data directory, as on separate machines; what they share is what
the README's "Running on more than one machine" lists (the database, ORANJE_SECRET_KEY, the
mail and SMS gateways). PostgreSQL from DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/oranje_bench_scale (created if missing). Everything runs on
127.0.0.1; `--port-base N` puts the servers on N…N+3 instead of free ports.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
import time
from typing import Any

from bench.common import OUT, report, setup_django
from bench.incident_load import ensure_database
from bench.scale_fleet import Fleet, MailTally
from bench.scale_users import Traffic, Users
from bench.server import SmtpSink, free_port, gateway_stub
from bench.targets import exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_scale"
REGION = "VR15"
#: Per scaling: the team it activates and the function that team alerts (a regional pool each,
#: so every scaling alerts people of its own).
SCALINGS = [("copi", "IC-BZ"), ("rot", "CO-OPV"), ("tbz", "CO-REG"), ("gbt", "CO-SCH")]


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_out", description=__doc__)
    parser.add_argument("--seconds", type=float, default=120, help="length of the run")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--people", type=int, default=500, help="people alerted per scaling")
    parser.add_argument("--scalings", type=int, default=3, choices=range(1, len(SCALINGS) + 1))
    parser.add_argument("--app-workers", type=int, default=2, help="gunicorn workers per app")
    parser.add_argument(
        "--drain", type=float, default=180, help="seconds to wait for the last messages"
    )
    parser.add_argument("--port-base", type=int, default=0, help="ports N…N+3 (default: free)")
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace, password: str) -> dict[str, object]:
    """The world: per scaling `people` on hard on-call in a pool of their own (bench.common's
    alert_world) and a team rule that alerts them all; two exercise incidents; the users. Earlier runs' incidents are
    closed so that nothing of them is still moving."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from bench.common import alert_world
    from bench.server import bench_users
    from oranje.alerting.models import AlertRule
    from oranje.core.constants import Role
    from oranje.core.models import Municipality, Region, User
    from oranje.incidents import services
    from oranje.incidents.models import Incident
    from oranje.organisation.models import Function

    region = Region.objects.get(code=REGION)
    now = timezone.now()
    Incident.objects.filter(region=region, closed_at__isnull=True).update(closed_at=now)
    DBTaskResult.objects.all().delete()
    scalings = SCALINGS[: args.scalings]
    for k, (_team, code) in enumerate(scalings):
        alert_world(args.people, region_code=REGION, function_code=code, prefix=f"schaal{k + 1}-")
    # alert_world leaves one GRIP 1 rule; here each scaling activates a team of its own.
    AlertRule.objects.filter(region=region).delete()
    for team, code in scalings:
        AlertRule.objects.create(
            region=region,
            team=team,
            function=Function.objects.get(code=code),
            people_needed=args.people,
            escalation_minutes=120,  # no timers within the run: every alert comes from a scaling
        )
    # Coordinators scale; functionaries write the logbook (every user writes log lines).
    coordinators = bench_users(REGION, "scaleco", Role.COORDINATOR, 2, password)
    functionaries = bench_users(REGION, "scale", Role.FUNCTIONARY, args.users - 2, password)
    municipality = Municipality.objects.current().filter(region=region).order_by("name").first()
    starter = User.objects.get(username=coordinators[0])
    incidents = [
        services.incident_start(
            actor=starter,
            region=region,
            title=f"Schaalproef {name} {now:%H:%M:%S}",
            kind="other",
            started_at=now,
            municipality=municipality,
            is_exercise=True,
        ).pk
        for name in ("A", "B")
    ]
    return {
        "coordinators": coordinators,
        "users": coordinators + functionaries,
        "incidents": incidents,
        "password": password,
    }


def main(argv: list[str] | None = None) -> int:
    args = options(sys.argv[1:] if argv is None else argv)
    url = os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    ensure_database(url)
    # One key for every process, as on separate machines sharing one configuration: sessions,
    # CSRF tokens and the signed links in messages must be valid on every instance.
    os.environ.setdefault("ORANJE_SECRET_KEY", secrets.token_urlsafe(50))
    setup_django("scale_out")
    password = secrets.token_urlsafe(12)
    world = prepare(args, password)
    ports = (
        [args.port_base + i for i in range(4)]
        if args.port_base
        else [free_port() for _ in range(4)]
    )
    began = time.monotonic()
    mail = MailTally()
    with SmtpSink(ports[2], on_message=mail.take) as smtp, gateway_stub(port=ports[3]) as gateway:
        fleet = Fleet(
            data_root=OUT / "scale_out",
            env={
                "DATABASE_URL": url,
                "ORANJE_SECRET_KEY": os.environ["ORANJE_SECRET_KEY"],
                "ORANJE_SITE_URL": f"http://127.0.0.1:{ports[0]}",
                "ORANJE_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "ORANJE_SMTP_HOST": "127.0.0.1",
                "ORANJE_SMTP_PORT": str(ports[2]),
                "ORANJE_SMS_GATEWAY_URL": gateway.url,
                # The coordinators who scale log in with a password only: this measures the
                # machines, not the second factor (as `make demo` does).
                "ORANJE_REQUIRE_2FA": "false",
            },
            app_workers=args.app_workers,
        )
        try:
            traffic = _run(args, world, fleet, mail, ports)
            drained = _drain(world["incidents"], smtp, gateway, args.drain)  # type: ignore[arg-type]
        finally:
            fleet.stop_all()
    from bench.scale_figures import figures

    print(
        f"scale-out: {args.users} users over 2 app instances ({args.app_workers} gunicorn workers"
        f" each) and 2 workers on one PostgreSQL, {args.seconds:.0f} s; {args.scalings}"
        f" scalings alerting {args.people} people each"
    )
    for line in fleet.events:
        report(line[0], line[1])
    report("drained after the run", f"{drained:.0f} s")
    figures(traffic, mail, gateway, world["incidents"])  # type: ignore[arg-type]
    report("whole run", f"{time.monotonic() - began:.0f} s")
    return exit_status()


def _run(
    args: argparse.Namespace,
    world: dict[str, object],
    fleet: Fleet,
    mail: MailTally,
    ports: list[int],
) -> Traffic:
    """Start the machines, log everyone in, and let the users work while the chaos runs."""
    fleet.start_app("app-a", ports[0])
    fleet.start_app("app-b", ports[1])
    fleet.start_worker("worker-1")
    fleet.start_worker("worker-2")
    bases = [f"http://127.0.0.1:{p}" for p in ports[:2]]
    traffic = Traffic(
        users=Users.login(bases, world["users"], world["password"]),  # type: ignore[arg-type]
        incidents=world["incidents"],  # type: ignore[arg-type]
        coordinators=len(world["coordinators"]),  # type: ignore[arg-type]
        scalings=[team for team, _code in SCALINGS[: args.scalings]],
        mail=mail,
        seconds=args.seconds,
    )
    chaos = threading.Thread(target=_chaos, args=(fleet, traffic, args.seconds), daemon=True)
    traffic.began = fleet.zero = time.monotonic()
    chaos.start()
    traffic.run()
    chaos.join()
    return traffic


def _chaos(fleet: Fleet, traffic: Traffic, seconds: float) -> None:
    """Kill app instance A and worker 1 with SIGKILL mid-run and restart them: the worker
    right after the second scaling (while it is sending), the app at 55 % of the run."""
    wanted = min(2, len(traffic.scalings))
    traffic.scaled.wait_for(wanted, timeout=seconds)
    time.sleep(1.5)
    fleet.kill("worker-1")
    time.sleep(5)
    fleet.restart("worker-1")
    traffic.sleep_until(seconds * 0.55)
    fleet.kill("app-a")
    time.sleep(5)
    fleet.restart("app-a")  # returns once it answers: the balancer's health check passes
    traffic.up(0)


def _drain(incidents: list[int], smtp: SmtpSink, gateway: Any, limit: float) -> float:
    """Wait until every delivery of the run is sent or failed and the sinks are quiet."""
    from oranje.alerting.constants import DeliveryStatus
    from oranje.alerting.models import Delivery

    began = time.monotonic()
    open_ = Delivery.objects.filter(alert__call__incident_id__in=incidents).exclude(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED]
    )
    quiet_since, last = time.monotonic(), -1
    while time.monotonic() - began < limit:
        seen = smtp.count() + len(gateway.received)
        if seen != last:
            quiet_since, last = time.monotonic(), seen
        if not open_.exists() and time.monotonic() - quiet_since > 3:
            break
        time.sleep(1)
    return time.monotonic() - began


if __name__ == "__main__":
    raise SystemExit(main())
