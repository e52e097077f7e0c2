"""A world for alert fan-outs, shared by the worker-kill test and the benchmarks
(bench.common.alert_world): n people on hard on-call for one function in one region, a rule
that asks for all of them at GRIP 1, and a coordinator to scale."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from oranje.alerting.models import AlertRule
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.models import Incident
from oranje.organisation.constants import OnCallKind, PoolKind
from oranje.organisation.models import Function, OnCallShift, Person, Pool


@dataclass
class AlertWorld:
    region: Region
    user: User
    municipality: Municipality
    function: Function
    people: int


def alert_world(
    n: int, *, region_code: str = "VR13", function_code: str = "IC-BZ", prefix: str = "fan"
) -> AlertWorld:
    """Build (or reuse) the world: people are named <prefix>0000@bench.example …"""
    region = Region.objects.get(code=region_code)
    function = Function.objects.get(code=function_code)
    user, _ = User.objects.get_or_create(username=f"{prefix}-coordinator")
    Membership.objects.get_or_create(user=user, role=Role.COORDINATOR, region=region)
    AlertRule.objects.filter(region=region).delete()
    AlertRule.objects.create(
        region=region, grip_level=1, function=function, people_needed=n, escalation_minutes=5
    )
    municipality = Municipality.objects.current().filter(region=region).order_by("pk").first()
    assert municipality is not None
    have = Person.objects.filter(region=region, email__startswith=prefix).count()
    if have < n:
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(
                    region=region,
                    given_name="Fan",
                    surname=f"Out{i:04d}",
                    email=f"{prefix}{i:04d}@bench.example",
                    phone=f"+316{10000000 + i}",
                )
                for i in range(have, n)
            )
            pool, _ = Pool.objects.get_or_create(
                region=region, name=f"Fan-out {prefix}", kind=PoolKind.REGIONAL
            )
            pool.functions.add(function)
            start = timezone.now() - dt.timedelta(hours=1)
            OnCallShift.objects.bulk_create(
                OnCallShift(
                    pool=pool,
                    function=function,
                    person=p,
                    kind=OnCallKind.HARD,
                    starts_at=start,
                    ends_at=start + dt.timedelta(days=30),
                )
                for p in people
            )
    return AlertWorld(region, user, municipality, function, n)


def fan_out(world: AlertWorld, title: str = "Fan-out") -> Incident:
    """Start an exercise incident and scale it to GRIP 1: every person is alerted."""
    from oranje.incidents import services
    from oranje.incidents.constants import ScalingMode

    incident = services.incident_start(
        actor=world.user,
        region=world.region,
        title=title,
        kind="other",
        started_at=timezone.now(),
        municipality=world.municipality,
        is_exercise=True,
    )
    services.incident_scale(
        actor=world.user,
        incident=incident,
        mode=ScalingMode.GRIP,
        grip_level=1,
        reason="bench",
        decided_by="bench",
    )
    return incident


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A real `oranje worker` process."""
    return subprocess.Popen(
        [sys.executable, "-m", "oranje.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_with_kills(
    env: dict[str, str],
    *,
    kills: int,
    progress: Callable[[], int],
    total: int,
    done: Callable[[], bool],
    rng: random.Random,
    timeout: float = 120,
    patience: tuple[float, float] = (0.5, 6.0),
) -> int:
    """Run a worker, SIGKILL it `kills` times at random points of the fan-out (each time
    after a random number of further messages arrived, or after a random pause within
    `patience` seconds when they do not), restart it at once, and let the last one finish.
    Returns the kills made."""
    began = time.monotonic()
    worker = start_worker(env)
    made = 0
    try:
        for left in range(kills, 0, -1):
            seen = progress()
            step = max(1, (total - seen) // (left + 1))
            target = seen + rng.randint(1, step)
            deadline = time.monotonic() + rng.uniform(*patience)
            while progress() < target and time.monotonic() < deadline and not done():
                time.sleep(0.01)
            if done():
                break
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            made += 1
            worker = start_worker(env)
        while not done() and time.monotonic() - began < timeout:
            time.sleep(0.1)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return made
