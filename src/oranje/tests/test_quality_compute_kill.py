"""`oranje quality_compute` killed with SIGKILL at random moments while it recomputes twelve
quarters of every region: after each kill the table holds the old figures or the new ones as
a whole — never a quarter half written, never a figure missing — and a run that is left to
finish writes exactly what an uninterrupted computation writes. SQLite (the test database
copied to a file the command shares) or PostgreSQL (the test database itself).

The records are the demo's history of the 24 other regions (two CPGs per municipality, a
weekly rota with gaps, alarm tests, exercises): enough work that a kill lands mid-run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from oranje.core.tests.subprocess_db import subprocess_database
from oranje.demo import quality_history
from oranje.quality.models import IndicatorValue
from oranje.quality.services.compute import indicators_compute

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SRC = Path(__file__).resolve().parents[2]
COLUMNS = (
    "region_id, municipality_id, indicator, function_id, year, quarter, numerator, denominator"
)
Figures = set[tuple[object, ...]]


def _database(tmp_path: Path) -> str:
    return subprocess_database(tmp_path, "compute.sqlite3")


def _figures(tmp_path: Path) -> Figures:
    sql = f"SELECT {COLUMNS} FROM quality_indicatorvalue"  # noqa: S608
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "compute.sqlite3") as db:
            rows = db.execute(sql).fetchall()
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
    return {(*row[:6], round(float(row[6]), 6), round(float(row[7]), 6)) for row in rows}


def _make_old(tmp_path: Path) -> None:
    """The figures as an earlier computation left them: every numerator 0."""
    sql = "UPDATE quality_indicatorvalue SET numerator = 0"
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "compute.sqlite3") as db:
            db.execute(sql)
    else:
        IndicatorValue.objects.update(numerator=0)


def test_a_compute_killed_midway_leaves_old_or_new_figures_never_half(tmp_path: Path) -> None:
    today = timezone.localdate()
    quality_history.other_regions(None, today, lambda line: None)
    # The twelve complete quarters (the current one changes with the clock between runs).
    periods = quality_history.periods(today)[:-1]
    indicators_compute(periods=periods)
    new = {
        (*row[:6], round(row[6], 6), round(row[7], 6))
        for row in IndicatorValue.objects.values_list(
            "region_id",
            "municipality_id",
            "indicator",
            "function_id",
            "year",
            "quarter",
            "numerator",
            "denominator",
        )
    }
    assert len(new) > 10_000
    # The figures as an earlier computation left them: every numerator different.
    IndicatorValue.objects.update(numerator=0)
    old = {(*f[:6], 0.0, f[7]) for f in new}
    assert old != new
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        DATABASE_URL=_database(tmp_path),
        ORANJE_DB_CONN_MAX_AGE="0",
        ORANJE_DATA_DIR=str(tmp_path),
    )
    command = [
        sys.executable,
        "-m",
        "oranje.cli",
        "quality_compute",
        "--from",
        periods[0].slug,
        "--to",
        periods[-1].slug,
    ]
    # How long a whole run takes here, so the kills land inside one; then the old figures back.
    began = time.monotonic()
    subprocess.run(command, env=env, capture_output=True, timeout=600, check=True)  # noqa: S603
    duration = time.monotonic() - began
    assert _figures(tmp_path) == new
    _make_old(tmp_path)
    assert _figures(tmp_path) == old
    rng = random.Random(15)
    killed_running = 0
    # The first run's duration is only a guess at the next ones (the machine's load changes
    # under a parallel test run): a run that ends before its kill makes the next waits
    # shorter, until three kills have landed mid-run (at most ten runs).
    scale = 1.0
    for _attempt in range(10):
        if killed_running >= 3:
            break
        run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
        time.sleep(duration * scale * rng.uniform(0.4, 0.95))
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            killed_running += 1
        else:
            scale *= 0.6
        run.wait()
        after = _figures(tmp_path)
        assert after in (old, new), "a kill left a mix of old and new figures, or lost some"
        if after == new:
            _make_old(tmp_path)
    assert killed_running >= 2, "the kills did not land while the command was running"
    finished = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)  # noqa: S603
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    assert _figures(tmp_path) == new
