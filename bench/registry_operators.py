"""Figure: 30 call-centre operators taking relatives' inquiries for two minutes against the
real server (gunicorn) on PostgreSQL. Each operator, logged in as a registry officer, fills
in the intake form, opens the page it leads to (the ranked candidates), glances at the
queue (the part that updates itself) and takes the next call after a moment.

Reported: p50 / p95 of the intake (post and candidates page together) and of the queue; the
inquiries written (rows in the database) against the inquiries acknowledged (every redirect
the server answered the post with) — they must be equal: nothing acknowledged is lost, nothing
written twice —; and the server errors (must be 0).

PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/oranje_bench_operators
(created if missing, its registry emptied per run). Options: --seconds (default 120),
--operators, --persons (the registry they search), --workers, --think. Traffic goes only to
127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
import time
import urllib.request

from bench.common import report, setup_django
from bench.registry_load import percentile
from bench.registry_world import (
    fill,
    fresh_database,
    intake_fields,
    machine_load,
    operator_session,
    registry_incident,
    send,
    synthetic,
    take_inquiry,
    warm_up,
)
from bench.targets import check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_operators"
CALLER = "Beller"


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.registry_operators", description=__doc__)
    parser.add_argument("--seconds", type=float, default=120, help="length of the run")
    parser.add_argument("--operators", type=int, default=30)
    parser.add_argument("--persons", type=int, default=10_000, help="registered persons")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between calls")
    return parser.parse_args(argv)


class Tally:
    """What the operators saw, shared between their threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.intake: list[float] = []
        self.queue: list[float] = []
        self.acknowledged = 0
        self.server_errors: list[str] = []
        self.failures: list[str] = []

    def answer(self, kind: str, status: int) -> None:
        if status >= 500:
            with self.lock:
                self.server_errors.append(f"{kind}: {status}")


def run(
    args: argparse.Namespace, base: str, incident_id: int, sessions, records, tally: Tally
) -> None:  # type: ignore[no-untyped-def]
    stop_at = time.monotonic() + args.seconds
    queue_url = f"{base}/incidenten/{incident_id}/registratie/vragen/wachtrij/"

    def operator(n: int, opener: urllib.request.OpenerDirector, csrf: str) -> None:
        i = 0
        while time.monotonic() < stop_at:
            record = records[(n * 7919 + i * 31) % len(records)]
            body = intake_fields(record, f"{CALLER} {n}-{i}", secrets.token_hex(16))
            i += 1
            began = time.perf_counter()
            try:
                posted, page = take_inquiry(opener, base, incident_id, body, csrf)
            except OSError as exc:
                with tally.lock:
                    tally.failures.append(f"intake: {exc}")
                continue
            took = time.perf_counter() - began
            tally.answer("intake", posted)
            tally.answer("candidates page", page)
            with tally.lock:
                if posted in (301, 302, 303):
                    tally.acknowledged += 1
                    if page == 200:
                        tally.intake.append(took)
                if posted not in (301, 302, 303) or page != 200:
                    tally.failures.append(f"intake answered {posted}, page {page}")
            began = time.perf_counter()
            try:
                status, _location = send(
                    opener, urllib.request.Request(queue_url, headers={"HX-Request": "true"})
                )
            except OSError as exc:
                with tally.lock:
                    tally.failures.append(f"queue: {exc}")
                continue
            tally.answer("queue", status)
            with tally.lock:
                if status == 200:
                    tally.queue.append(time.perf_counter() - began)
                else:
                    tally.failures.append(f"queue answered {status}")
            time.sleep(args.think)

    threads = [
        threading.Thread(target=operator, args=(n, opener, csrf))
        for n, (opener, csrf) in enumerate(sessions)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main(argv: list[str]) -> None:
    args = options(argv)
    os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    fresh_database("registry_operators")
    setup_django("registry_operators")
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_world import empty_registry
    from bench.server import gunicorn
    from oranje.registry.models import Inquiry

    call_command("collectstatic", interactive=False, verbosity=0)
    empty_registry()
    data = synthetic(args.persons, 2_000, 0, seed=23)
    password = secrets.token_urlsafe(12)
    incident, users = registry_incident(password, args.operators)
    fill(incident, data.persons, [])
    tally = Tally()
    with gunicorn(str(args.workers), timeout=600) as base:
        sessions = [operator_session(base, name, password) for name in users]
        # Every worker builds its index of the registry on its first request.
        began = time.perf_counter()
        warm_up(sessions[: args.workers * 2], base, incident.pk, data.inquiries, 2)
        report("warm-up (every worker builds its index)", f"{time.perf_counter() - began:.1f} s")
        run(args, base, incident.pk, sessions, data.inquiries[args.workers * 4 :], tally)
    written = Inquiry.objects.filter(
        incident=incident, caller_name__startswith=f"{CALLER} "
    ).count()
    print(
        f"registry operators: {args.operators} operators taking inquiries for {args.seconds:.0f} s"
        f" into a registry of {args.persons:,}, gunicorn ({args.workers} workers) on"
        f" {connection.vendor} ({machine_load()})"
    )
    for name, values in (("intake -> ranked candidates", tally.intake), ("queue", tally.queue)):
        p50, p95 = (percentile(values, s) * 1000 for s in (0.5, 0.95))
        report(f"{name}: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms  ({len(values)} requests)")
    check_that(
        "inquiries written / acknowledged",
        f"{written} / {tally.acknowledged}",
        written == tally.acknowledged and written > 0,
        "equal",
    )
    check_that("server errors", str(len(tally.server_errors)), not tally.server_errors, "0")
    check_that("other failures", str(len(tally.failures)), not tally.failures, "0")
    if tally.server_errors or tally.failures:
        print("  first:", (tally.server_errors + tally.failures)[:5])


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
