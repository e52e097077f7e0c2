"""Shared set-up for the benchmarks: a separate data directory and Django configured for it."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def setup_django(name: str) -> None:
    """Point Oranje at bench/out/<name> (its own SQLite file, unless DATABASE_URL is set)."""
    data_dir = OUT / name
    data_dir.mkdir(parents=True, exist_ok=True)
    # whitenoise warns at every start when the static folder is missing; benchmarks that serve
    # pages run collectstatic themselves, the others need only the folder.
    (data_dir / "static").mkdir(exist_ok=True)
    os.environ["ORANJE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oranje.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float, object]:
    """(median seconds, best seconds, last result) of `repeat` runs."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def report(name: str, value: str, target: str = "") -> None:
    suffix = f"   (target {target})" if target else ""
    print(f"  {name:<58} {value}{suffix}", flush=True)


def alert_world(
    n: int, *, region_code: str = "VR13", function_code: str = "IC-BZ", prefix: str = "fan"
):  # type: ignore[no-untyped-def]
    """n people on hard on-call for one function and a rule that alerts all of them at GRIP 1
    (oranje.alerting.tests.fanout, shared with the worker-kill test). Needs Django set up."""
    from oranje.alerting.tests.fanout import alert_world as build

    return build(n, region_code=region_code, function_code=function_code, prefix=prefix)
