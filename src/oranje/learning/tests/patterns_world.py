"""What the tests of part "patterns" and the evaluation report share: incidents in two
regions (and an exercise of the readiness room), an evaluation of each written directly with
the models, and findings that say the same thing in different words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.constants import IncidentType
from oranje.incidents.models import Incident
from oranje.learning.models import Evaluation, Finding
from oranje.organisation.tests.factories import World
from oranje.readiness.models import Exercise

#: The same finding as three regions wrote it down, and two that differ.
LATE_MESSAGE = [
    "Het eerste publieksbericht kwam pas na vijftig minuten.",
    "Eerste publieksbericht pas na ruim een uur verstuurd.",
    "Publieksbericht kwam laat: eerste bericht na 55 minuten.",
]
OTHER = [
    "De woordvoerder was snel ter plaatse en gaf een heldere persconferentie.",
    "Sociale media werden niet gemonitord tijdens de eerste uren.",
]


def monitor(region: Region | None, username: str) -> User:
    user = User.objects.create_user(username=username, password="test-pass-123")
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=region)
    return user


def incident(region: Region, title: str, *, days_ago: int = 30, exercise: bool = False):
    municipality = Municipality.objects.filter(region=region).order_by("pk").first()
    assert municipality is not None
    return Incident.objects.create(
        region=region,
        title=title,
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=timezone.now() - dt.timedelta(days=days_ago),
        municipality=municipality,
        is_exercise=exercise,
    )


def evaluation(region: Region, title: str, *, exercise: bool = False) -> Evaluation:
    if exercise:
        drill = Exercise.objects.create(
            region=region,
            title=title,
            exercise_type="tabletop",
            starts_at=timezone.now() - dt.timedelta(days=60),
        )
        return Evaluation.objects.create(region=region, exercise=drill, title=f"Evaluatie {title}")
    return Evaluation.objects.create(
        region=region, incident=incident(region, title), title=f"Evaluatie {title}"
    )


def finding(ev: Evaluation, text: str, *, process: str = "communication", **extra: object):
    return Finding.objects.create(
        evaluation=ev, process=process, kind=extra.pop("kind", "improve"), text=text, **extra
    )


@dataclass
class Recurring:
    """The late first public message found in Kennemerland twice (two incidents) and in
    Utrecht once; and two findings seen once."""

    here: Evaluation
    again: Evaluation
    there: Evaluation
    late: list[Finding]
    once: list[Finding]


def recurring(world: World) -> Recurring:
    here = evaluation(world.region, "Gasstoring Velsen-Noord")
    again = evaluation(world.region, "Brand Haarlem", exercise=True)
    there = evaluation(world.other_region, "Stroomstoring Utrecht")
    late = [finding(here, LATE_MESSAGE[0]), finding(again, LATE_MESSAGE[1])]
    late.append(finding(there, LATE_MESSAGE[2]))
    once = [finding(here, OTHER[0], kind="well"), finding(there, OTHER[1])]
    return Recurring(here, again, there, late, once)
