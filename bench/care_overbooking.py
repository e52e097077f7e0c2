"""Figure: no overbooking. 50 desks check in one person each at the same moment (threads
released together, each with its own database connection) on a shelter with 40 places left:
exactly 40 are in, 10 are refused with the clear message naming the nearest shelter with
room, nothing else fails, and the shelter's count, its guests and the registry agree.

Run on SQLite (a file database in WAL, writers queue on IMMEDIATE transactions) and on
PostgreSQL (the shelter's row locked with SELECT … FOR UPDATE), each in its own process.
`python -m bench.care_overbooking sqlite` runs one; PostgreSQL comes from DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/oranje_bench_care).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid

from bench.common import ROOT, report, setup_django
from bench.targets import check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_care"
DESKS = int(os.environ.get("BENCH_CARE_DESKS", "50"))
LEFT = int(os.environ.get("BENCH_CARE_LEFT", "40"))
TAKEN = 60


def one_database(label: str) -> None:
    from bench.registry_world import fresh_database

    fresh_database("care_overbooking")
    setup_django("care_overbooking")
    from django.db import close_old_connections, connection

    from bench.care_world import care_incident
    from oranje.care.models import Guest, Household, Shelter
    from oranje.care.services.checkin import GuestData, HouseholdData, ShelterFull
    from oranje.care.services.checkin import household_check_in as check_in
    from oranje.core.models import User
    from oranje.registry.models import Person

    world = care_incident("x", desks=DESKS, capacity=TAKEN + LEFT, present=TAKEN, prefix="vol")
    shelter = Shelter.objects.get(pk=world.shelter_id)
    desks = {u.username: u for u in User.objects.filter(username__in=world.desks)}
    connection.close()
    start = threading.Barrier(DESKS)
    lock = threading.Lock()
    written: list[str] = []
    refused: list[str] = []
    errors: list[str] = []
    took: list[float] = []

    def desk(n: int) -> None:
        user = desks[world.desks[n]]
        try:
            start.wait()
            began = time.perf_counter()
            try:
                home = check_in(
                    shelter=shelter,
                    actor=user,
                    household=HouseholdData(city="Haarlem"),
                    guests=[GuestData(given_names=f"Gast{n:02d}", surname="Gelijktijdig")],
                    client_key=str(uuid.uuid4()),
                )
            except ShelterFull as full:
                with lock:
                    refused.append(full.messages[0])
            else:
                with lock:
                    written.append(home.code)
            with lock:
                took.append(time.perf_counter() - began)
        except Exception as exc:  # every other failure is counted, none may happen
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(DESKS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    shelter.refresh_from_db()
    homes = Household.objects.filter(shelter=shelter, name="Gelijktijdig")
    guests_in = Guest.objects.filter(household__shelter=shelter, present=True).count()
    registered = Person.objects.filter(incident_id=world.incident_id, surname="Gelijktijdig")
    print(
        f"care overbooking on {label}: {DESKS} simultaneous check-ins of one person on a "
        f"shelter with {LEFT} of {TAKEN + LEFT} places left ({seconds:.2f} s for all, slowest "
        f"{max(took, default=0) * 1000:.0f} ms)",
        flush=True,
    )
    check_that(
        "checked in / refused",
        f"{len(written)} / {len(refused)}",
        len(written) == LEFT and len(refused) == DESKS - LEFT,
        f"{LEFT} / {DESKS - LEFT}",
    )
    clear = [m for m in refused if "is vol" in m and "Buurthuis Bench" in m]
    check_that(
        "refusals with the clear message",
        f"{len(clear)} of {len(refused)}",
        clear == refused,
        "all",
    )
    if refused:
        report("the message", refused[0])
    check_that("other errors", str(len(errors)), not errors, "0")
    if errors:
        print("  first:", errors[:3])
    check_that(
        "present / guests in / households written / registry persons",
        f"{shelter.present} / {guests_in} / {homes.count()} / {registered.count()}",
        shelter.present == guests_in == TAKEN + LEFT
        and homes.count() == registered.count() == LEFT,
        f"{TAKEN + LEFT} / {TAKEN + LEFT} / {LEFT} / {LEFT}",
    )


def main() -> int:
    chosen = sys.argv[1:] or ["sqlite", "postgres"]
    if len(chosen) == 1:
        one_database(chosen[0])
        return exit_status()
    failed = 0
    for label in chosen:
        env = dict(os.environ, ORANJE_DB_CONN_MAX_AGE="0")
        if label == "postgres":
            env.setdefault("DATABASE_URL", PG_DEFAULT)
        else:
            env.pop("DATABASE_URL", None)
        result = subprocess.run(
            [sys.executable, "-m", "bench.care_overbooking", label], env=env, cwd=ROOT, check=False
        )
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
