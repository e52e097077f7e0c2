"""A small costed Kennemerland for the cost tests: rates, shifts, readiness records,
inhabitants and an agreement whose figures are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from oranje.core.models import Municipality
from oranje.core.validation import local_zone
from oranje.organisation.constants import OnCallKind
from oranje.organisation.models import Function, Person
from oranje.organisation.tests.factories import World, make_shift
from oranje.quality.models import CostModel, CoursePrice, Inhabitants, MunicipalAgreement
from oranje.readiness.constants import ActivityKind, ExerciseType
from oranje.readiness.models import Activity

#: Haarlem 160,000 and the eight others 40,000 each: 480,000 inhabitants in 2025.
HAARLEM = 160_000
OTHERS = 40_000


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=local_zone())  # type: ignore[misc]


def activity(person: Person, kind: str, day: dt.date, code: str = "", **extra: object) -> None:
    Activity.objects.create(
        person=person, kind=kind, code=code, title=f"{kind} {code}", completed_on=day, **extra
    )


def cost_world(world: World) -> None:
    """Q1 2026 in Kennemerland:

    - rates € 4,50 hard, € 1,25 soft; 2.5 fte at € 90.000;
    - OvD-BZ hard 31 Dec 12:00 + 48 h → 36 h in Q1 (€ 162,00); OvD-BZ soft 1 Feb 10 h
      (€ 12,50); CPG hard 31 Mar 20:00 + 8 h → 4 h in Q1 (€ 18,00); an OvD-BZ shift in Utrecht
      and one in April do not count;
    - 4 × BASIS-BZ at € 450 (€ 1.800), 2 tabletop exercises at € 75,50 (€ 151), one exam
      EX-OVD without a price; a deployment, a course of December and one in Utrecht do not
      count;
    - inhabitants 2025: Haarlem 160.000, the others 40.000 (a Haarlem 2027 figure and an older
      Velsen one are not used); Haarlem agreed a 30 % share.
    """
    region = world.region
    CostModel.objects.create(
        region=region,
        hard_hour_rate=Decimal("4.50"),
        soft_hour_rate=Decimal("1.25"),
        fte=Decimal("2.5"),
        fte_cost=Decimal(90000),
    )
    officer = world.officers[0]
    make_shift(world.ovd_pool, world.ovd, officer, local(2025, 12, 31, 12), hours=48)
    make_shift(world.ovd_pool, world.ovd, world.officers[1], local(2026, 2, 1), 10, OnCallKind.SOFT)
    make_shift(world.cpg_haarlem, world.cpg, world.contacts[0], local(2026, 3, 31, 20), 8)
    make_shift(world.ovd_pool, world.ovd, officer, local(2026, 4, 2), 24)
    outsider = world.other_pool.members.first()
    assert outsider is not None
    make_shift(world.other_pool, world.ovd, outsider, local(2026, 1, 10), 100)

    CoursePrice.objects.create(
        region=region, code="BASIS-BZ", label="Basiscursus", price=Decimal(450)
    )
    CoursePrice.objects.create(
        region=region, code=ExerciseType.TABLETOP, label="Tabletop", price=Decimal("75.50")
    )
    CoursePrice.objects.create(
        region=world.other_region, code="EX-OVD", label="Examen", price=Decimal(999)
    )
    for person, day in [
        (officer, dt.date(2026, 1, 1)),
        (world.officers[1], dt.date(2026, 2, 3)),
        (world.contacts[0], dt.date(2026, 3, 3)),
        (world.contacts[1], dt.date(2026, 3, 31)),
    ]:
        activity(person, ActivityKind.COURSE, day, "BASIS-BZ")
    for person in world.officers[:2]:
        activity(
            person,
            ActivityKind.EXERCISE,
            dt.date(2026, 2, 10),
            "OEF-1",
            exercise_type=ExerciseType.TABLETOP,
        )
    activity(officer, ActivityKind.EXAM, dt.date(2026, 3, 1), "EX-OVD")
    activity(officer, ActivityKind.DEPLOYMENT, dt.date(2026, 3, 2), "BASIS-BZ")
    activity(officer, ActivityKind.COURSE, dt.date(2025, 12, 31), "BASIS-BZ")
    activity(outsider, ActivityKind.COURSE, dt.date(2026, 1, 5), "BASIS-BZ")

    for municipality in Municipality.objects.current().filter(region=region):
        count = HAARLEM if municipality == world.haarlem else OTHERS
        Inhabitants.objects.create(municipality=municipality, year=2025, count=count)
    Inhabitants.objects.create(municipality=world.haarlem, year=2027, count=999_999)
    Inhabitants.objects.create(municipality=world.velsen, year=2024, count=1)
    MunicipalAgreement.objects.create(
        region=region,
        municipality=world.haarlem,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        budget_share=Decimal(30),
    )


def function(code: str) -> Function:
    return Function.objects.get(code=code)
