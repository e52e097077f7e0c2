import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from oranje.core import access
from oranje.core.models import Region

pytestmark = pytest.mark.django_db


def test_a_regional_coordinator_reads_and_manages_only_their_region(world):
    assert access.region_for_user(world.coordinator, "vr12", manage=True) == world.region
    with pytest.raises(Http404):
        access.region_for_user(world.coordinator, "VR09")


def test_a_viewer_reads_but_may_not_manage(world):
    assert access.region_for_user(world.viewer, "VR12") == world.region
    with pytest.raises(PermissionDenied):
        access.region_for_user(world.viewer, "VR12", manage=True)


def test_a_municipal_coordinator_reads_the_region_and_manages_only_the_municipality(world):
    assert access.can_read_region(world.haarlem_coordinator, world.region.pk)
    assert not access.can_manage_region(world.haarlem_coordinator, world.region.pk)
    assert access.can_manage_municipality(world.haarlem_coordinator, world.haarlem)
    assert not access.can_manage_municipality(world.haarlem_coordinator, world.velsen)


def test_a_national_administrator_manages_every_region(world):
    assert access.readable_regions(world.admin).count() == Region.objects.count()
    assert access.can_manage_region(world.admin, world.other_region.pk)


def test_an_inactive_user_has_no_access(world):
    world.coordinator.is_active = False
    world.coordinator.save()
    world.coordinator.refresh_from_db()
    assert not access.can_read_region(world.coordinator, world.region.pk)


def test_operating_in_incidents_is_for_every_role_but_viewers_and_quality_monitors(world):
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User

    for role in Role:
        user = User.objects.create_user(username=f"op-{role.value}")
        Membership.objects.create(user=user, role=role, region=world.region)
        expected = role not in (Role.VIEWER, Role.QUALITY_MONITOR)
        assert access.can_operate_region(user, world.region.pk) is expected, role
        assert not access.can_operate_region(user, world.other_region.pk), role
    assert access.can_operate_region(world.admin, world.other_region.pk)


def test_managing_anything_in_a_region_includes_a_municipality_of_it(world):
    assert access.can_manage_anything(world.haarlem_coordinator, world.region.pk)
    assert not access.can_manage_anything(world.haarlem_coordinator, world.other_region.pk)
    assert not access.can_manage_anything(world.viewer, world.region.pk)


def test_an_anonymous_user_has_no_scope_and_is_refused(world):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    anonymous = AnonymousUser()
    assert not access.readable_regions(anonymous).exists()
    with pytest.raises(PermissionDenied):
        access.authenticated(anonymous)
    with pytest.raises(PermissionDenied):
        access.require(False)
