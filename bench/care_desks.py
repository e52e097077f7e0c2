"""Figure: 30 shelter desks checking households in for two minutes against the real server
(gunicorn) on PostgreSQL. Each desk, a care officer with an API token, sends a household of
1–4 people to POST /api/v1/shelters/<id>/check-in/ (a new client key each), waits a moment
(`--think`) and takes the next; all desks fill the same shelter (one row lock).

Reported: p50 / p95 of the check-in (target p95 < 300 ms); the households written (rows in
the database) against those acknowledged (201 answers) — equal: nothing acknowledged is
lost, nothing written twice —; the people in the shelter against the people acknowledged;
server errors and other failures (0).

PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/oranje_bench_care
(created if missing). Options: --seconds (default 120), --desks, --workers, --think.
Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request

from bench.common import report, setup_django
from bench.registry_load import percentile
from bench.targets import check, check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_care"


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.care_desks", description=__doc__)
    parser.add_argument("--seconds", type=float, default=120, help="length of the run")
    parser.add_argument("--desks", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--think", type=float, default=5.0, help="seconds between check-ins (a real desk: 60+)"
    )
    return parser.parse_args(argv)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.took: list[float] = []
        self.households = 0
        self.people = 0
        self.server_errors: list[str] = []
        self.failures: list[str] = []


def post(url: str, token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as exc:
        text = exc.read()
        try:
            return exc.code, json.loads(text or b"{}")
        except ValueError:
            return exc.code, {"detail": text[:200].decode(errors="replace")}


def warm_up(url: str, token: str, times: int) -> None:
    """Wait for the server (a busy machine starts gunicorn slowly) and let its workers load
    their code on a few check-ins of a household named Warm (left out of the counts)."""
    deadline = time.monotonic() + 120
    for n in range(times):
        while True:
            try:
                post(url, token, {"client_key": f"warm-{n}", "persons": [{"surname": "Warm"}]})
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def run(args: argparse.Namespace, url: str, tokens: list[str], tally: Tally) -> None:
    from bench.care_world import check_in_body

    stop_at = time.monotonic() + args.seconds

    def desk(n: int, token: str) -> None:
        i = 0
        while time.monotonic() < stop_at:
            people = 1 + (n + i) % 4
            body = check_in_body(n * 100_000 + i, people=people)
            i += 1
            began = time.perf_counter()
            try:
                status, answer = post(url, token, body)
            except OSError as exc:
                with tally.lock:
                    tally.failures.append(f"check-in: {exc}")
                continue
            took = time.perf_counter() - began
            with tally.lock:
                if status >= 500:
                    tally.server_errors.append(f"{status}")
                elif status == 201 and answer.get("people") == people:
                    tally.households += 1
                    tally.people += people
                    tally.took.append(took)
                else:
                    tally.failures.append(f"answered {status}: {str(answer)[:200]}")
            time.sleep(args.think)

    threads = [threading.Thread(target=desk, args=(n, t)) for n, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main(argv: list[str]) -> None:
    args = options(argv)
    os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    from bench.registry_world import fresh_database

    fresh_database("care_desks")
    setup_django("care_desks")
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from bench.care_world import care_incident
    from bench.registry_world import machine_load
    from bench.server import gunicorn
    from oranje.care.constants import CAPACITY_MAX
    from oranje.care.models import Household, Shelter
    from oranje.core.models import User

    call_command("collectstatic", interactive=False, verbosity=0)
    world = care_incident(secrets.token_urlsafe(12), desks=args.desks, capacity=CAPACITY_MAX)
    tokens = [
        Token.objects.get_or_create(user=u)[0].key
        for u in User.objects.filter(username__in=world.desks)
    ]
    tally = Tally()
    with gunicorn(str(args.workers), timeout=600) as base:
        url = f"{base}/api/v1/shelters/{world.shelter_id}/check-in/"
        # Every worker loads its code and the registry's index on its first requests.
        warm_up(url, tokens[0], args.workers * 2)
        run(args, url, tokens, tally)
    shelter = Shelter.objects.get(pk=world.shelter_id)
    written = Household.objects.filter(shelter=shelter).exclude(name="Warm").count()
    warm = Household.objects.filter(shelter=shelter, name="Warm").count()
    print(
        f"care desks: {args.desks} desks checking in for {args.seconds:.0f} s, gunicorn "
        f"({args.workers} workers) on {connection.vendor} ({machine_load()})"
    )
    if tally.took:
        p50, p95 = (percentile(tally.took, s) * 1000 for s in (0.5, 0.95))
        report("check-in: p50", f"{p50:.0f} ms  ({len(tally.took)} check-ins)")
        check("check-in: p95", p95, 300, unit="ms", shown=f"{p95:.0f} ms")
    check_that(
        "households written / acknowledged",
        f"{written} / {tally.households}",
        written == tally.households and written > 0,
        "equal",
    )
    check_that(
        "people in the shelter / acknowledged",
        f"{shelter.present - warm} / {tally.people}",
        shelter.present - warm == tally.people,
        "equal",
    )
    check_that("server errors", str(len(tally.server_errors)), not tally.server_errors, "0")
    check_that("other failures", str(len(tally.failures)), not tally.failures, "0")
    if tally.server_errors or tally.failures:
        print("  first:", (tally.server_errors + tally.failures)[:5])


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
