import datetime as dt

import pytest

from oranje.organisation.tests.factories import World
from oranje.readiness import services
from oranje.readiness.constants import RequirementKind

OVD_PROFILE = [
    {"kind": RequirementKind.COURSE, "code": "BZ-OVD-BASIS", "label": "Opleiding OvD-BZ"},
    {"kind": RequirementKind.EXAM, "code": "PVB-OVD", "label": "Proeve OvD-BZ", "valid_months": 36},
    {"kind": RequirementKind.UPKEEP, "label": "2 oefeningen per 12 maanden", "min_count": 2},
]


@pytest.fixture
def profiled(world: World) -> World:
    """The world with a national OvD-BZ profile; officers[0] and [1] qualified, [2] not."""
    services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    today = dt.date.today()
    for person in world.officers[:2]:
        qualify(world, person, today)
    return world


def qualify(world: World, person, today: dt.date, *, exercise_age_days: int = 30) -> None:  # type: ignore[no-untyped-def]
    from oranje.readiness.constants import ActivityKind

    services.activity_record(
        actor=world.coordinator,
        persons=[person],
        kind=ActivityKind.COURSE,
        title="Opleiding",
        code="BZ-OVD-BASIS",
        completed_on=today - dt.timedelta(days=900),
    )
    services.activity_record(
        actor=world.coordinator,
        persons=[person],
        kind=ActivityKind.PRACTICAL_TEST,
        title="Proeve",
        code="PVB-OVD",
        completed_on=today - dt.timedelta(days=200),
        passed=True,
    )
    services.activity_record(
        actor=world.coordinator,
        persons=[person],
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        function=world.ovd,
        completed_on=today - dt.timedelta(days=exercise_age_days),
    )
    services.activity_record(
        actor=world.coordinator,
        persons=[person],
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        function=world.ovd,
        completed_on=today - dt.timedelta(days=exercise_age_days + 30),
    )
