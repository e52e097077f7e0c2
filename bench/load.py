"""Figure: the roster and on-call pages under 20 concurrent users against the real server
(gunicorn, as `make demo` runs it) on the national dataset: p50/p95 latency per page.

Traffic goes only to 127.0.0.1; the run is bounded in time and stops by itself.
"""

from __future__ import annotations

import os
import secrets
import statistics
import threading
import time
import urllib.parse
import urllib.request

from bench.common import report, setup_django
from bench.server import bench_users, gunicorn, login
from bench.targets import check_that, exit_status

USERS = 20
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "30"))
PAGES = {
    "rooster (week)": "/rooster/",
    "rooster (maand)": "/rooster/?weergave=maand",
    "nu piket": "/piket/nu/",
}


def prepare_users(password: str) -> list[str]:
    from oranje.core.constants import Role

    return bench_users("VR16", "load", Role.COORDINATOR, USERS, password)


def main() -> None:
    setup_django("national")
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from bench.dataset import build_national
    from oranje.core.validation import local_zone

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    build_national(
        dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1)
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(12)
    users = prepare_users(password)
    workers = os.environ.get("BENCH_WORKERS", "4")
    with gunicorn(workers) as base:
        openers = [login(base, name, password)[0] for name in users]
        latencies: dict[str, list[float]] = {name: [] for name in PAGES}
        failures: list[str] = []
        stop_at = time.monotonic() + SECONDS
        lock = threading.Lock()

        def user_loop(opener: urllib.request.OpenerDirector, offset: int) -> None:
            names = list(PAGES)
            i = offset
            while time.monotonic() < stop_at:
                name = names[i % len(names)]
                i += 1
                began = time.perf_counter()
                try:
                    with opener.open(base + PAGES[name], timeout=30) as response:
                        response.read()
                        ok = response.status == 200
                except OSError as exc:
                    ok = False
                    failures.append(f"{name}: {exc}")
                elapsed = time.perf_counter() - began
                if ok:
                    with lock:
                        latencies[name].append(elapsed)

        threads = [threading.Thread(target=user_loop, args=(o, i)) for i, o in enumerate(openers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    total = sum(len(v) for v in latencies.values())
    print(
        f"load: {USERS} concurrent users for {SECONDS:.0f} s against gunicorn ({workers} workers) on the national dataset, region VR16"
    )
    for name, values in latencies.items():
        values.sort()
        p50 = statistics.median(values) * 1000
        p95 = values[int(len(values) * 0.95) - 1] * 1000
        report(f"{name}: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms  ({len(values)} requests)")
    report("throughput", f"{total / SECONDS:.0f} pages/s")
    check_that("failures", str(len(failures)), not failures, "0")
    if failures:
        print("  first failures:", failures[:3])


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
