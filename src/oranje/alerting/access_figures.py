"""Who sees the hard versus soft on-call figures: the region's managers (coordinators and
administrators of the region, national administrators) and quality monitors (of the region,
or national). Others who see the region get 403; a region they do not see, 404."""

from __future__ import annotations

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User


def can_see_figures(user: AnyUser, region_id: int) -> bool:
    if core_access.can_manage_region(user, region_id):
        return True
    if not isinstance(user, User) or not user.is_active:
        return False
    monitors = Membership.objects.filter(user=user, role=Role.QUALITY_MONITOR)
    return (
        monitors.filter(region_id=region_id).exists()
        or monitors.filter(region__isnull=True, municipality__isnull=True).exists()
    )


def figures_region_for_user(user: AnyUser, code: str) -> Region:
    """The region by code if the user may see its figures (404 unseen region, 403 others)."""
    region = core_access.region_for_user(user, code)
    core_access.require(can_see_figures(user, region.pk))
    return region
