"""Figures for the environment analysis (issue 13): importing a social-media monitoring export
of 50,000 rows must take less than 20 s, and the analysis charts of an incident with 50,000
signals less than 300 ms.

A fresh database (bench/out/comm_signals, rebuilt every run) with one incident in Kennemerland
that started two days ago. The file is a CSV as a monitoring tool exports it (English headers,
commas, ISO times with offset, platform names, sentiment scores, a count of mentions), spread
over the two days and 40 topics. Timed: reading and checking the file and writing every row
(`read_signals` + `signals_import`); then the same file again, which must be refused.
Charts: the SVG per topic and per goal through the real view (`grafiek.svg`, logged-in
client, the whole request), and the charts page with both charts and their tables; each
median of 5 runs.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import statistics
import time

from bench.common import OUT, report, setup_django
from bench.targets import check, check_that, exit_status

ROWS = 50_000
IMPORT_TARGET = 20.0
CHART_TARGET_MS = 300.0
PLATFORMS = ("Twitter", "Facebook", "Instagram", "TikTok", "Nieuws", "Forum", "X")
TOPICS = [f"onderwerp {n}" for n in range(36)] + ["rook", "school", "opvang", "water"]


def export(started: dt.datetime) -> bytes:
    """The monitoring export: 50,000 mentions over the two days since `started`."""
    lines = ["Date/Time,Platform,Message,Category,Sentiment,Mentions"]
    span = 47 * 3600
    for i in range(ROWS):
        at = started + dt.timedelta(seconds=(i * 7919) % span)
        topic = TOPICS[(i * 31) % len(TOPICS)] if i % 3 else TOPICS[-(1 + i % 4)]
        score = ((i * 37) % 21 - 10) / 10
        lines.append(
            f"{at.isoformat(timespec='seconds')},{PLATFORMS[i % len(PLATFORMS)]},"
            f"Bericht {i} over {topic}: is het veilig?,{topic},{score},{1 + i % 5}"
        )
    return ("\n".join(lines) + "\n").encode()


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    shutil.rmtree(OUT / "comm_signals", ignore_errors=True)  # a fresh database every run
    setup_django("comm_signals")
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from oranje.communication.models import Signal
    from oranje.communication.services.signal_import import read_signals, signals_import
    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.incidents import services

    settings.ALLOWED_HOSTS = ["*"]
    # The pages name their style sheet; the bench runs no collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    region = Region.objects.get(code="VR12")
    user = User.objects.create_user(username="bench-signals")
    # The communication role records signals and needs no second factor for the pages.
    Membership.objects.create(user=user, role=Role.COMMUNICATION, region=region)
    now = timezone.now()
    incident = services.incident_start(
        actor=user,
        region=region,
        title="Brand loods",
        kind="fire",
        started_at=now - dt.timedelta(hours=48),
        municipality=Municipality.objects.get(cbs_code="GM0453"),
        location_text="Velsen-Noord",
    )
    data = export(incident.started_at)
    print(
        f"signals on {connection.vendor}: import of {ROWS:,} rows "
        f"({len(data) / 1e6:.1f} MB CSV), then the charts of that incident"
    )

    began = time.perf_counter()
    parsed = read_signals(io.BytesIO(data), "monitoring.csv")
    read_at = time.perf_counter()
    result = signals_import(incident=incident, actor=user, file=parsed)
    elapsed = time.perf_counter() - began
    assert result.ok, result.errors[:5]
    report("  of which reading the file", f"{read_at - began:.2f} s")
    report("  of which checking and writing the rows", f"{elapsed - (read_at - began):.2f} s")
    check(
        "import 50,000 rows (read, check, write)",
        elapsed,
        IMPORT_TARGET,
        unit="s",
        shown=f"{elapsed:.2f} s",
    )
    stored = Signal.objects.filter(incident=incident).count()
    check_that("every row stored", f"{stored:,}", stored == ROWS, f"{ROWS:,}")
    try:
        signals_import(
            incident=incident, actor=user, file=read_signals(io.BytesIO(data), "again.csv")
        )
        refused = False
    except ValidationError:
        refused = True
    check_that(
        "the same file again is refused", "refused" if refused else "imported", refused, "refused"
    )

    client = Client()
    client.force_login(user)
    base = f"/incidenten/{incident.pk}/communicatie/signalen/"
    for per in ("topic", "goal"):
        url = f"{base}grafiek.svg?per={per}"
        first = client.get(url)
        assert first.status_code == 200 and b"<svg" in first.content, first.status_code
        ms = _median_ms(lambda url=url: client.get(url))
        check(
            f"chart per {per} (SVG, whole request, median of 5)",
            ms,
            CHART_TARGET_MS,
            unit="ms",
            shown=f"{ms:.0f} ms",
        )
    page = client.get(f"{base}grafieken/")
    assert page.status_code == 200 and page.content.count(b"<svg") == 2
    ms = _median_ms(lambda: client.get(f"{base}grafieken/"))
    report("charts page, both charts and their tables (median of 5)", f"{ms:.0f} ms")


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
