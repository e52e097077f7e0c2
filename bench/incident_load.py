"""Figure: 50 concurrent users posting logbook entries and polling for news for 2 minutes
against the real server (gunicorn) on PostgreSQL: p95 latency per kind of request, and the
entries written against the entries acknowledged to the users (must be equal: nothing
acknowledged is ever lost).

PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/oranje_bench (created
if missing). BENCH_INCIDENT_SECONDS shortens the run. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
import threading
import time
import urllib.parse
import urllib.request

from bench.common import report, setup_django
from bench.server import bench_users, gunicorn, login
from bench.targets import check_that, exit_status

USERS = 50
SECONDS = float(os.environ.get("BENCH_INCIDENT_SECONDS", "120"))
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench"


def ensure_database(url: str) -> None:
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(password: str) -> tuple[int, list[str]]:
    from django.utils import timezone

    from oranje.core.constants import Role
    from oranje.core.models import Municipality, Region, User
    from oranje.incidents import services

    region = Region.objects.get(code="VR14")
    names = bench_users("VR14", "log", Role.FUNCTIONARY, USERS, password)
    incident = services.incident_start(
        actor=User.objects.get(username="log00"),
        region=region,
        title=f"Belasting {timezone.now():%H:%M:%S}",
        kind="other",
        started_at=timezone.now(),
        municipality=Municipality.objects.current().filter(region=region).first(),
        is_exercise=True,
    )
    return incident.pk, names


def main() -> None:
    url = os.environ.setdefault("DATABASE_URL", PG_DEFAULT)
    ensure_database(url)
    setup_django("incident_load")
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    password = secrets.token_urlsafe(12)
    incident_id, users = prepare(password)
    workers = os.environ.get("BENCH_WORKERS", "4")
    latencies: dict[str, list[float]] = {"post": [], "poll": []}
    acknowledged = [0]
    failures: list[str] = []
    lock = threading.Lock()
    with gunicorn(workers) as base:
        sessions = [login(base, name, password) for name in users]
        post_url = f"{base}/incidenten/{incident_id}/logboek/nieuw/"
        poll_url = f"{base}/incidenten/{incident_id}/logboek/nieuwer/?na="
        stop_at = time.monotonic() + SECONDS

        def user_loop(n: int, opener: urllib.request.OpenerDirector, csrf: str) -> None:
            last = 0
            i = 0
            while time.monotonic() < stop_at:
                i += 1
                body = urllib.parse.urlencode(
                    {"text": f"load {n}-{i}: melding uit de wijk", "process": "shelter"}
                ).encode()
                request = urllib.request.Request(
                    post_url,
                    data=body,
                    headers={"X-CSRFToken": csrf, "HX-Request": "true", "Referer": post_url},
                )
                began = time.perf_counter()
                try:
                    with opener.open(request, timeout=30) as response:
                        response.read()
                        saved = response.headers.get("HX-Trigger") == "log-saved"
                    with lock:
                        latencies["post"].append(time.perf_counter() - began)
                        acknowledged[0] += saved
                except OSError as exc:
                    with lock:
                        failures.append(f"post: {exc}")
                for _poll in range(2):
                    time.sleep(0.5)
                    began = time.perf_counter()
                    try:
                        with opener.open(poll_url + str(last), timeout=30) as response:
                            page = response.read().decode()
                        found = re.search(r"na=(\d+)", page)
                        last = int(found.group(1)) if found else last
                        with lock:
                            latencies["poll"].append(time.perf_counter() - began)
                    except OSError as exc:
                        with lock:
                            failures.append(f"poll: {exc}")

        threads = [threading.Thread(target=user_loop, args=(n, *s)) for n, s in enumerate(sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    from oranje.incidents.models import LogEntry

    written = LogEntry.objects.filter(incident_id=incident_id, text__startswith="load ").count()
    numbers = list(
        LogEntry.objects.filter(incident_id=incident_id)
        .order_by("number")
        .values_list("number", flat=True)
    )
    gapless = numbers == list(range(1, len(numbers) + 1))
    print(
        f"logbook load: {USERS} users posting and polling for {SECONDS:.0f} s, gunicorn ({workers} workers) on PostgreSQL"
    )
    for name, values in latencies.items():
        values.sort()
        if values:
            p50 = statistics.median(values) * 1000
            p95 = values[int(len(values) * 0.95) - 1] * 1000
            report(f"{name}: p50 / p95", f"{p50:.0f} ms / {p95:.0f} ms  ({len(values)} requests)")
    check_that(
        "entries written / acknowledged",
        f"{written} / {acknowledged[0]}",
        written == acknowledged[0],
        "equal",
    )
    check_that("log numbers gapless", str(gapless), gapless, "True")
    check_that("failures", str(len(failures)), not failures, "0")
    if failures:
        print("  first failures:", failures[:3])


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
