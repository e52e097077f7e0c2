"""Check-ins survive a killed server worker: 10 desks send check-ins to gunicorn (2 workers,
PostgreSQL) through the API while a gunicorn worker is killed with SIGKILL three times in
the middle of the run (the master starts a new one). A desk that gets no answer (the
connection dropped with the worker) sends the same client key again until it gets one —
as the tablet's queue does. At the end every key is sent once more.

Targets: every acknowledged check-in is in the database exactly once (one household per
client key, its people in the shelter), the final resend of every key answers "already
written" (200) with the same household, and the shelter's count equals its guests.

PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/oranje_bench_care;
`--seconds` (default 40), `--desks`, `--kills`. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import report, setup_django
from bench.targets import check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_care"


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers of this master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.care_kill", description=__doc__)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--desks", type=int, default=10)
    parser.add_argument("--kills", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    from bench.registry_world import fresh_database

    fresh_database("care_kill")
    setup_django("care_kill")
    from django.core.management import call_command
    from django.db.models import Count
    from rest_framework.authtoken.models import Token

    from bench.care_desks import post, warm_up
    from bench.care_world import care_incident, check_in_body
    from bench.server import gunicorn
    from oranje.care.constants import CAPACITY_MAX
    from oranje.care.models import Guest, Household, Shelter
    from oranje.core.models import User

    call_command("collectstatic", interactive=False, verbosity=0)
    world = care_incident(secrets.token_urlsafe(12), desks=args.desks, capacity=CAPACITY_MAX)
    users = User.objects.filter(username__in=world.desks)
    tokens = [Token.objects.get_or_create(user=u)[0].key for u in users]
    lock = threading.Lock()
    sent: dict[str, tuple[str, dict[str, object]]] = {}  # key -> (token, body)
    acknowledged: dict[str, int] = {}  # key -> household id
    retried = [0]
    errors: list[str] = []
    master: list[subprocess.Popen[bytes]] = []
    stop_at = time.monotonic() + args.seconds

    def deliver(token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
        """Send until there is an answer (the tablet's queue keeps the item until then)."""
        for _attempt in range(60):
            try:
                return post(url, token, body)
            except OSError:
                with lock:
                    retried[0] += 1
                time.sleep(0.5)
        raise RuntimeError("no answer after 60 attempts")

    def desk(n: int, token: str) -> None:
        i = 0
        while time.monotonic() < stop_at:
            body = check_in_body(n * 100_000 + i, people=1 + i % 3)
            i += 1
            key = str(body["client_key"])
            with lock:
                sent[key] = (token, body)
            try:
                status, answer = deliver(token, body)
            except RuntimeError as exc:
                with lock:
                    errors.append(str(exc))
                continue
            with lock:
                if status in (200, 201):
                    acknowledged[key] = int(answer["id"])  # type: ignore[call-overload]
                else:
                    errors.append(f"answered {status}: {str(answer)[:120]}")

    def killer() -> None:
        rng = random.Random(7)
        for k in range(args.kills):
            time.sleep(args.seconds / (args.kills + 1) * (0.6 + 0.8 * rng.random()))
            workers = children(master[0].pid)
            if workers:
                os.kill(rng.choice(workers), signal.SIGKILL)
                report(f"kill {k + 1}", f"SIGKILL to a worker at {time.monotonic() - began:.0f} s")

    with gunicorn("2", timeout=600, on_start=master.append) as base:
        url = f"{base}/api/v1/shelters/{world.shelter_id}/check-in/"
        warm_up(url, tokens[0], 1)
        began = time.monotonic()
        stop_at = began + args.seconds
        threads = [threading.Thread(target=desk, args=(n, t)) for n, t in enumerate(tokens)]
        threads.append(threading.Thread(target=killer))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # Every key once more: each answers "already written" with the same household.
        replays = {key: deliver(token, body) for key, (token, body) in sent.items()}
    shelter = Shelter.objects.get(pk=world.shelter_id)
    per_key = dict(
        Household.objects.filter(shelter=shelter)
        .exclude(client_key="warm-0")
        .values_list("client_key")
        .annotate(n=Count("pk"))
        .values_list("client_key", "n")
    )
    lost = [k for k in acknowledged if per_key.get(k) != 1]
    doubled = sum(n - 1 for n in per_key.values() if n > 1)
    replay_ok = sum(
        1
        for key, (status, answer) in replays.items()
        if status == 200 and (key not in acknowledged or answer.get("id") == acknowledged[key])
    )
    guests = Guest.objects.filter(household__shelter=shelter, present=True).count()
    print(
        f"care worker kill: {args.desks} desks for {args.seconds:.0f} s, gunicorn (2 workers),"
        f" {args.kills} workers killed; {len(sent)} check-ins sent, {len(acknowledged)}"
        f" acknowledged, {retried[0]} sends without an answer resent"
    )
    check_that(
        "acknowledged check-ins in the database exactly once",
        f"{len(acknowledged) - len(lost)} of {len(acknowledged)}",
        not lost and acknowledged != {},
        "all",
    )
    check_that("households written twice", str(doubled), doubled == 0, "0")
    check_that(
        "final resend of every key answers 'already written'",
        f"{replay_ok} of {len(sent)}",
        replay_ok == len(sent),
        "all",
    )
    check_that(
        "shelter count / guests in",
        f"{shelter.present} / {guests}",
        shelter.present == guests,
        "equal",
    )
    check_that("other errors", str(len(errors)), not errors, "0")
    if errors:
        print("  first:", errors[:3])


if __name__ == "__main__":
    main(sys.argv[1:])
    raise SystemExit(exit_status())
