"""The alert ladder and loans across regions: people lent to the incident's region are
alerted like its own; people lent out are not asked at home."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.alerting.constants import Step
from oranje.alerting.models import FunctionCall
from oranje.alerting.selectors import candidates
from oranje.incidents.constants import IncidentType
from oranje.incidents.models import Incident
from oranje.organisation.services.loans import loan_create
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def lend(world, person):
    start = timezone.now() - HOUR
    return loan_create(
        actor=world.coordinator,
        from_region=world.region,
        person=person,
        to_region=world.other_region,
        functions=[world.ovd],
        starts_at=start,
        ends_at=start + 3 * DAY,
        reason="Overstroming Utrecht",
    )


def _call(world, region, pool_municipality, function):
    incident = Incident.objects.create(
        region=region,
        title="Overstroming",
        kind=IncidentType.FLOOD,
        started_at=timezone.now() - HOUR,
        municipality=pool_municipality,
        created_by=world.coordinator,
    )
    return FunctionCall.objects.create(
        incident=incident,
        function=function,
        municipality=pool_municipality,
        escalation_minutes=5,
        reason="test",
    )


def test_the_ladder_alerts_lent_people_like_the_borrowing_regions_own(world):
    from oranje.core.models import Municipality

    person = world.officers[1]
    loan = lend(world, person)
    make_shift(world.other_pool, world.ovd, person, loan.starts_at, hours=24)
    utrecht = Municipality.objects.current().filter(region=world.other_region).first()
    call = _call(world, world.other_region, utrecht, world.ovd)

    assert person in candidates(call, Step.HARD, timezone.now())


def test_soft_candidates_include_lent_people_and_leave_out_lent_out_ones(world):
    from oranje.core.models import Municipality

    person = world.officers[1]
    lend(world, person)
    utrecht = Municipality.objects.current().filter(region=world.other_region).first()
    there = _call(world, world.other_region, utrecht, world.ovd)
    assert person in candidates(there, Step.SOFT, timezone.now())

    home = _call(world, world.region, world.haarlem, world.ovd)
    soft_home = candidates(home, Step.SOFT, timezone.now())
    assert person not in soft_home and world.officers[2] in soft_home
