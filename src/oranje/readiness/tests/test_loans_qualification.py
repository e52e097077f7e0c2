"""People lent to another region count there by the national profile: the lending region's
own extras and the borrowing region's extras do not apply to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oranje.organisation import qualification, selectors
from oranje.organisation.constants import OnCallKind
from oranje.organisation.services import shift_create
from oranje.organisation.services.loans import loan_create
from oranje.readiness import services
from oranje.readiness.constants import ReadinessStatus, RequirementKind
from oranje.readiness.selectors_loans import borrowed_readiness

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
EXTRA = [{"kind": RequirementKind.COURSE, "code": "KEN-ORIENT", "label": "Oriëntatie"}]


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
        reason="Bijstand",
    )


def test_the_national_profile_alone_decides_for_a_lent_person(profiled):
    world = profiled
    person = world.officers[0]
    # Kennemerland asks an extra course the officer lacks: at home they are not qualified.
    services.profile_publish(
        actor=world.coordinator, function=world.ovd, region=world.region, requirements=EXTRA
    )
    pair = (person.pk, world.ovd.pk)
    assert qualification.qualified_until([pair])[pair] is None
    national = qualification.national_qualified_until([pair])[pair]
    assert national is not None and national >= timezone.localdate()


def test_the_borrowing_regions_extras_do_not_apply(profiled):
    world = profiled
    person = world.officers[0]
    services.profile_publish(
        actor=world.outsider, function=world.ovd, region=world.other_region, requirements=EXTRA
    )
    loan = lend(world, person)
    shift = shift_create(
        actor=world.outsider,
        pool=world.other_pool,
        function=world.ovd,
        person=person,
        kind=OnCallKind.HARD,
        starts_at=loan.starts_at,
        ends_at=loan.starts_at + DAY,
    )
    entries = [
        e for row in selectors.on_call_at(world.other_region, timezone.now()) for e in row.hard
    ]
    lent = next(e for e in entries if e.shift.pk == shift.pk)
    assert lent.lent_from == world.region and not lent.unqualified


def test_a_lent_person_who_misses_the_national_profile_is_not_qualified_there(profiled):
    world = profiled
    person = world.officers[2]  # not qualified nationally
    loan = lend(world, person)
    rows = borrowed_readiness(world.other_region, timezone.localdate())
    assert [(r.loan.pk, [s for _f, s, _u in r.functions]) for r in rows] == [
        (loan.pk, [ReadinessStatus.NOT_QUALIFIED])
    ]


def test_the_borrowing_regions_matrix_shows_the_lent_people(client, profiled):
    world = profiled
    lend(world, world.officers[0])
    client.force_login(world.outsider)
    page = client.get(reverse("readiness:readiness")).content.decode()
    assert "landelijk profiel" in page and world.officers[0].sort_name in page
