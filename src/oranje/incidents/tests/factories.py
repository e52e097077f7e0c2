"""Builders for incident tests: an on-call world with an OvD-BZ on hard on-call now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from oranje.incidents import services
from oranje.incidents.constants import IncidentType, ScalingMode
from oranje.incidents.models import Incident
from oranje.organisation.constants import OnCallKind
from oranje.organisation.tests.factories import World, make_shift


@dataclass
class OnCall:
    world: World
    start: dt.datetime


def put_on_call(world: World) -> OnCall:
    """officers[0] on hard on-call now; officers[1] on soft on-call; officers[2] is the
    pool's coordinator."""
    start = timezone.now() - dt.timedelta(hours=1)
    make_shift(world.ovd_pool, world.ovd, world.officers[0], start)
    make_shift(world.ovd_pool, world.ovd, world.officers[1], start, kind=OnCallKind.SOFT)
    world.ovd_pool.coordinator = world.officers[2]
    world.ovd_pool.save()
    return OnCall(world, start)


def start_incident(world: World, *, exercise: bool = False, title: str = "Gasstoring") -> Incident:
    return services.incident_start(
        actor=world.coordinator,
        region=world.region,
        title=title,
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=timezone.now() - dt.timedelta(minutes=10),
        municipality=world.velsen,
        is_exercise=exercise,
        location_text="Velsen-Noord",
    )


def scale(world: World, incident: Incident, level: int = 1, teams: tuple[str, ...] = ()):
    return services.incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.GRIP,
        grip_level=level,
        teams=teams,
        reason="Effecten buiten het plaats incident",
        decided_by="Leider CoPI",
    )
