"""The organisation room's chokepoints, one by one, with the personas of two regions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from oranje.organisation import access
from oranje.organisation.constants import UnavailabilityReason
from oranje.organisation.models import District, Unavailability
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db


def test_a_person_is_seen_in_the_region_and_managed_by_their_municipality(world) -> None:
    haarlem_person = world.contacts[0]
    velsen_person = world.officers[0]  # the functionary's own person, of Velsen
    assert access.person_for_user(world.viewer, haarlem_person.pk) == haarlem_person
    assert access.person_for_user(world.haarlem_coordinator, haarlem_person.pk, manage=True)
    with pytest.raises(PermissionDenied):
        access.person_for_user(world.haarlem_coordinator, velsen_person.pk, manage=True)
    with pytest.raises(PermissionDenied):
        access.person_for_user(world.viewer, haarlem_person.pk, manage=True)
    with pytest.raises(Http404):
        access.person_for_user(world.outsider, haarlem_person.pk)
    with pytest.raises(Http404):
        access.person_for_user(world.coordinator, 10**9)
    # One's own person is always seen, but not managed.
    assert access.is_own(world.functionary, velsen_person)
    assert access.person_for_user(world.functionary, velsen_person.pk) == velsen_person
    with pytest.raises(PermissionDenied):
        access.person_for_user(world.functionary, velsen_person.pk, manage=True)


def test_the_people_lists_follow_the_regions_and_what_one_manages(world) -> None:
    assert not access.people_for_user(world.outsider).filter(region=world.region).exists()
    assert access.people_for_user(world.viewer).filter(region=world.region).count() == 5
    assert access.people_for_user(world.admin).filter(region=world.other_region).exists()
    managed = set(access.managed_people_for_user(world.haarlem_coordinator, world.region.pk))
    assert managed == set(world.contacts)
    assert access.managed_people_for_user(world.coordinator, world.region.pk).count() == 5
    assert not access.managed_people_for_user(world.viewer, world.region.pk).exists()


def test_a_municipal_coordinator_manages_only_their_municipal_pool(world) -> None:
    assert access.can_manage_pool(world.haarlem_coordinator, world.cpg_haarlem)
    assert not access.can_manage_pool(world.haarlem_coordinator, world.ovd_pool)  # regional
    assert access.pool_for_user(world.coordinator, world.ovd_pool.pk, manage=True)
    with pytest.raises(PermissionDenied):
        access.pool_for_user(world.haarlem_coordinator, world.ovd_pool.pk, manage=True)
    with pytest.raises(Http404):
        access.pool_for_user(world.coordinator, world.other_pool.pk)
    assert set(access.pools_for_user(world.viewer)) == {world.ovd_pool, world.cpg_haarlem}


def test_shifts_are_seen_in_the_region_and_by_their_holder(world) -> None:
    start = timezone.now() + dt.timedelta(days=1)
    shift = make_shift(world.ovd_pool, world.ovd, world.officers[0], start)
    other = make_shift(world.other_pool, world.ovd, world.other_pool.members.get(), start)
    assert access.shift_for_user(world.functionary, shift.pk, manage=True) == shift  # own
    with pytest.raises(PermissionDenied):
        access.shift_for_user(world.viewer, shift.pk, manage=True)
    with pytest.raises(Http404):
        access.shift_for_user(world.outsider, shift.pk)
    assert set(access.shifts_for_user(world.viewer)) == {shift}
    assert set(access.shifts_for_user(world.outsider)) == {other}


def test_districts_are_managed_by_the_region_only(world) -> None:
    district = District.objects.create(region=world.region, name="Noord")
    assert access.district_for_user(world.coordinator, district.pk, manage=True) == district
    with pytest.raises(PermissionDenied):
        access.district_for_user(world.haarlem_coordinator, district.pk, manage=True)
    with pytest.raises(Http404):
        access.district_for_user(world.outsider, district.pk)
    assert list(access.districts_for_user(world.viewer)) == [district]
    assert not access.districts_for_user(world.outsider).exists()


def test_unavailability_follows_its_person(world) -> None:
    now = timezone.now()
    item = Unavailability.objects.create(
        person=world.contacts[0],
        starts_at=now,
        ends_at=now + dt.timedelta(days=1),
        reason=UnavailabilityReason.SICK,
    )
    assert access.unavailability_for_user(world.haarlem_coordinator, item.pk, manage=True)
    with pytest.raises(PermissionDenied):
        access.unavailability_for_user(world.functionary, item.pk, manage=True)
    with pytest.raises(Http404):
        access.unavailability_for_user(world.outsider, item.pk)
