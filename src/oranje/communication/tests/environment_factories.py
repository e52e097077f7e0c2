"""Signals, a communication advisor and a registry officer for the analyses' and the Q&A's
tests."""

from __future__ import annotations

import datetime as dt

from oranje.communication.models import Message, Signal
from oranje.core.constants import Role
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.organisation.tests.factories import World, make_user


def advisor(world: World, username: str = "woordvoerder") -> User:
    """The region's communication advisor (may communicate, does not command)."""
    return make_user(username, Role.COMMUNICATION, region=world.region)


def registry_officer(world: World) -> User:
    return make_user("infolijn", Role.REGISTRY_OFFICER, region=world.region)


def signal(
    incident: Incident,
    at: dt.datetime,
    text: str,
    *,
    topic: str = "",
    goal: str = "",
    sentiment: str = "neutral",
    rumour: bool = False,
    count: int = 1,
    countered_by: Message | None = None,
) -> Signal:
    return Signal.objects.create(
        incident=incident,
        source="phone",
        text=text,
        at=at,
        topic=topic,
        goal=goal,
        sentiment=sentiment,
        rumour=rumour,
        count=count,
        countered_by=countered_by,
    )
