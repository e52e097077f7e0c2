"""Figure (issue 14): the damage overview and its map for 10,000 reports, each < 1 s of server
time.

One incident in Kennemerland (Velsen-Noord) with 10,000 damage reports written with
bulk_create (address_key set, as `DamageReport.save` would): twelve streets of Velsen-Noord
and IJmuiden with their real postcode areas (1951, 1972), house numbers 1–240 (several
reports on one address), every kind of damage, a tenth unsafe to stay, triage and status
mixed, four in five with a point inside the streets' box. Timed through the real views
(logged-in test client, the whole request, median of 5):

- the overview page as a handler (counts by kind × status, by street, by postcode area and
  postcode, the unsafe homes as addresses, one audit entry) and as a viewer (counts only);
- the map's GeoJSON as a handler and as a viewer (8,000 points: cells of ~200 × 130 m).

Run on SQLite (bench/out/damage_overview, rebuilt every run) and on PostgreSQL (DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/oranje_bench_damage, created if missing, its
damage reports emptied per run), each in its own process. `python -m bench.damage_overview
sqlite` (or `postgres`) runs one; BENCH_DAMAGE_REPORTS changes the number of reports.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time

from bench.common import ROOT, report, setup_django
from bench.targets import check, check_that, exit_status

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/oranje_bench_damage"
REPORTS = int(os.environ.get("BENCH_DAMAGE_REPORTS", "10000"))
TARGET_MS = 1000.0

#: (street, the postcode's four digits, the letters used there, place, box lat/lon).
STREETS = [
    ("Wijkerstraatweg", "1951", ("EC", "ED", "EE", "EG"), "Velsen-Noord"),
    ("Stationsweg", "1951", ("BB", "BC"), "Velsen-Noord"),
    ("Doelmanstraat", "1951", ("CH", "CJ"), "Velsen-Noord"),
    ("Heirweg", "1951", ("GT", "GV"), "Velsen-Noord"),
    ("Pontweg", "1951", ("JE", "JG"), "Velsen-Noord"),
    ("Hagelingerweg", "1951", ("AV", "AW"), "Velsen-Noord"),
    ("Grote Hout- of Koningsweg", "1951", ("LA", "LB"), "Velsen-Noord"),
    ("Van Diepenstraat", "1951", ("CA", "CB"), "Velsen-Noord"),
    ("Bankenlaan", "1951", ("DA", "DB"), "Velsen-Noord"),
    ("Kennemerlaan", "1972", ("EG", "EH"), "IJmuiden"),
    ("Lange Nieuwstraat", "1972", ("GA", "GB"), "IJmuiden"),
    ("Zeeweg", "1971", ("HA", "HB"), "IJmuiden"),
]
BOX = (52.455, 52.486, 4.600, 4.650)
KINDS = ["home"] * 5 + ["contents"] * 3 + ["vehicle", "business", "farm", "public"]
TRIAGE = ["", "", "", "normal", "normal", "normal", "info", "urgent"]
STATUS = ["new", "new", "new", "in_progress", "in_progress", "referred", "closed"]


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _reports(incident, n: int):  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from django.utils import timezone

    from oranje.damage.models import DamageReport, address_key

    rng = random.Random(14)
    now = timezone.now()
    rows = []
    for i in range(n):
        street, digits, letters, city = STREETS[i % len(STREETS)]
        postcode = digits + rng.choice(letters)
        number = rng.randint(1, 240)
        addition = rng.choice(["", "", "", "", "A", "B"])
        placed = i % 5 != 0
        lat = Decimal(f"{rng.uniform(BOX[0], BOX[1]):.6f}") if placed else None
        lon = Decimal(f"{rng.uniform(BOX[2], BOX[3]):.6f}") if placed else None
        rows.append(
            DamageReport(
                incident=incident,
                reference=f"S-B{i // 10000:03d}-{i % 10000:04d}",
                channel="form" if i % 4 else "phone",
                reporter_name=f"Bewoner {i}",
                reporter_phone=f"06{10000000 + i}",
                postcode=postcode,
                house_number=number,
                house_addition=addition,
                street=street,
                city=city,
                address_key=address_key(postcode, number, addition),
                kind=rng.choice(KINDS),
                description="Schade door de explosie: ruiten, dakpannen, scheuren in de gevel.",
                unsafe=rng.random() < 0.1,
                consent_share=rng.random() < 0.7,
                latitude=lat,
                longitude=lon,
                triage=rng.choice(TRIAGE),
                status=rng.choice(STATUS),
                received_at=now - dt.timedelta(minutes=i),
            )
        )
    DamageReport.objects.bulk_create(rows, batch_size=1000)


def one_database(label: str) -> None:
    from bench.registry_world import fresh_database

    fresh_database("damage_overview")
    setup_django("damage_overview")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.core.tests.logins import complete_second_step
    from oranje.damage.models import DamageReport
    from oranje.incidents import services

    settings.ALLOWED_HOSTS = ["*"]
    # The pages name their style sheet; the bench runs no collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor == "postgresql":
        DamageReport.objects.all().delete()
    region = Region.objects.get(code="VR12")
    officer, new = User.objects.get_or_create(username="bench-damage-officer")
    if new:
        Membership.objects.create(user=officer, role=Role.REGISTRY_OFFICER, region=region)
    viewer, new = User.objects.get_or_create(username="bench-damage-viewer")
    if new:
        Membership.objects.create(user=viewer, role=Role.VIEWER, region=region)
    incident = services.incident_start(
        actor=officer,
        region=region,
        title=f"Explosie Velsen-Noord {timezone.now():%H:%M:%S}",
        kind="explosion",
        started_at=timezone.now() - dt.timedelta(hours=6),
        municipality=Municipality.objects.get(cbs_code="GM0453"),
        location_text="Velsen-Noord",
    )
    began = time.perf_counter()
    _reports(incident, REPORTS)
    written = time.perf_counter() - began
    stored = DamageReport.objects.filter(incident=incident).count()
    print(
        f"damage overview on {label}: {stored:,} reports of one incident "
        f"(bulk_create {written:.1f} s), the whole request through the test client",
        flush=True,
    )
    check_that("reports written", f"{stored:,}", stored == REPORTS, f"{REPORTS:,}")

    clients = {}
    for who, user in (("handler", officer), ("viewer", viewer)):
        client = Client()
        client.force_login(user)
        complete_second_step(client, user)  # the registry officer's second factor
        clients[who] = client
    page = f"/incidenten/{incident.pk}/schade/overzicht/"
    points = f"/incidenten/{incident.pk}/schade/overzicht/punten.geojson"
    for who, client in clients.items():
        first = client.get(page)
        assert first.status_code == 200, first.status_code
        ms = _median_ms(lambda c=client: c.get(page))
        check(
            f"overview page as {who} (median of 5)",
            ms,
            TARGET_MS,
            unit="ms",
            shown=f"{ms:.0f} ms",
        )
    for who, client in clients.items():
        answer = client.get(points)
        assert answer.status_code == 200, answer.status_code
        data = answer.json()
        features = len(data["features"])
        counted = sum(f["properties"].get("count", 1) for f in data["features"])
        ms = _median_ms(lambda c=client: c.get(points))
        check(
            f"map GeoJSON as {who} ({data['kind']}: {features:,}, {len(answer.content) / 1e3:.0f} kB)",
            ms,
            TARGET_MS,
            unit="ms",
            shown=f"{ms:.0f} ms",
        )
        placed = DamageReport.objects.filter(incident=incident, latitude__isnull=False).count()
        check_that(
            f"every placed report on the {who}'s map",
            f"{counted:,}",
            counted == placed,
            f"{placed:,}",
        )
    worklist = f"/incidenten/{incident.pk}/schade/meldingen/?status=open"
    ms = _median_ms(lambda: clients["handler"].get(worklist))
    report("worklist, first page of the open reports (median of 5)", f"{ms:.0f} ms")


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
            [sys.executable, "-m", "bench.damage_overview", label], env=env, cwd=ROOT, check=False
        )
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
