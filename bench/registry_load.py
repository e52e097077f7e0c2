"""Figures for the registry (issue 11): a registry of 100,000 persons and 10,000 open
inquiries, bulk-created from the seeded Dutch synthetic set (bench.dutch_synth).

- **re-matching the open inquiries when a record arrives** (`services.rematch_for_person`,
  in-process, the indexes warm): p50 / p95 / p99 over the arrivals, target p99 < 50 ms;
- **intake → ranked candidates through the web server**: operators post the intake form to
  gunicorn (a real HTTP client, logged in as registry officers) and open the page it leads to
  with the ranked candidates; the time of both together, target p95 < 300 ms.

SQLite in bench/out/registry unless DATABASE_URL is set (PostgreSQL: its own database,
default postgres://postgres@127.0.0.1:5432/oranje_bench_registry, created if missing and
emptied per run). Options: --persons, --inquiries, --arrivals, --intakes, --operators,
--workers. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import math
import secrets
import sys
import threading
import time

from bench.common import report, setup_django
from bench.registry_world import (
    fill,
    fresh_database,
    intake_fields,
    machine_load,
    operator_session,
    registry_incident,
    synthetic,
    take_inquiry,
    warm_up,
)
from bench.targets import check, check_that, exit_status


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.registry_load", description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--inquiries", type=int, default=10_000, help="open inquiries")
    parser.add_argument("--arrivals", type=int, default=500, help="records arriving")
    parser.add_argument("--intakes", type=int, default=400, help="inquiries taken by web")
    parser.add_argument("--operators", type=int, default=4, help="operators at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--parts", default="rematch,intake")
    return parser.parse_args(argv)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank; values in seconds)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def rematch(incident, officer, arrivals) -> None:  # type: ignore[no-untyped-def]
    from bench.registry_world import person_fields
    from oranje.registry import matching, services

    began = time.perf_counter()
    matching.person_index(incident.pk)
    report("person index built (in-process)", f"{time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    index = matching.inquiry_index(incident.pk)
    report(
        f"open-inquiry index built ({len(index):,} inquiries)",
        f"{time.perf_counter() - began:.1f} s",
    )
    latencies: list[float] = []
    touched = 0
    for record in arrivals:
        values = person_fields(record)
        person = services.person_register(
            incident=incident,
            actor=officer,
            data=services.PersonData(**values),  # type: ignore[arg-type]
            status=services.StatusData(status="unharmed", whereabouts="shelter", source="shelter"),
            defer_matching=True,
        )
        began = time.perf_counter()
        touched += len(services.rematch_for_person(person))
        latencies.append(time.perf_counter() - began)
    p50, p95, p99 = (percentile(latencies, s) * 1000 for s in (0.5, 0.95, 0.99))
    report(
        f"re-matching per arriving record ({len(arrivals)} arrivals)",
        f"p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms; {touched} inquiries got a candidate"
        f" ({machine_load()})",
    )
    check(
        f"re-match {len(index):,} open inquiries on arrival, p99",
        p99,
        50,
        unit="ms",
        shown=f"{p99:.1f} ms",
    )


def intake(args: argparse.Namespace, incident, users: list[str], password: str, records) -> None:  # type: ignore[no-untyped-def]
    from bench.server import gunicorn

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    warmups = 2 * args.operators
    pending = list(enumerate(records[:-warmups]))
    with gunicorn(str(args.workers), timeout=600) as base:
        sessions = [operator_session(base, name, password) for name in users]
        # Each worker builds its index of the registry on its first request ("rebuild on
        # start-up"): warm every worker before measuring.
        began = time.perf_counter()
        warm_up(sessions, base, incident.pk, records[-warmups:], 2)
        report("warm-up (every worker builds its index)", f"{time.perf_counter() - began:.1f} s")

        def operator(opener, csrf) -> None:  # type: ignore[no-untyped-def]
            while True:
                with lock:
                    if not pending:
                        return
                    n, record = pending.pop()
                body = intake_fields(record, f"Beller {n}", secrets.token_hex(8))
                began = time.perf_counter()
                posted, page = take_inquiry(opener, base, incident.pk, body, csrf)
                took = time.perf_counter() - began
                with lock:
                    if posted in (301, 302, 303) and page == 200:
                        latencies.append(took)
                    else:
                        errors.append(f"{posted}/{page}")

        threads = [threading.Thread(target=operator, args=s) for s in sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    p50, p95 = (percentile(latencies, s) * 1000 for s in (0.5, 0.95))
    report(
        f"intake -> ranked candidates, {len(users)} operators, gunicorn {args.workers} workers",
        f"p50 {p50:.0f} ms ({len(latencies)} inquiries taken; {machine_load()})",
    )
    check(
        "intake -> ranked candidates through the web server, p95",
        p95,
        300,
        unit="ms",
        shown=f"{p95:.0f} ms",
    )
    check_that(
        "intakes answered with candidates",
        f"{len(latencies)} of {len(records) - warmups}",
        not errors,
        "all",
    )
    if errors:
        print("  first failures:", errors[:5])


def main(argv: list[str]) -> None:
    args = options(argv)
    parts = set(args.parts.split(","))
    fresh_database("registry")
    setup_django("registry")
    from django.core.management import call_command
    from django.db import connection

    from bench.registry_world import empty_registry
    from oranje.core.models import User

    call_command("collectstatic", interactive=False, verbosity=0)
    empty_registry()
    began = time.perf_counter()
    data = synthetic(args.persons, args.inquiries + args.intakes, args.arrivals)
    report("synthetic Dutch set generated", f"{time.perf_counter() - began:.1f} s")
    password = secrets.token_urlsafe(12)
    incident, users = registry_incident(password, args.operators)
    began = time.perf_counter()
    fill(incident, data.persons, data.inquiries[: args.inquiries])
    report(
        f"registry filled in bulk ({connection.vendor})",
        f"{args.persons:,} persons, {args.inquiries:,} open inquiries in {time.perf_counter() - began:.1f} s",
    )
    if "rematch" in parts:
        rematch(incident, User.objects.get(username=users[0]), data.arrivals)
    if "intake" in parts:
        intake(args, incident, users, password, data.inquiries[args.inquiries :])


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
