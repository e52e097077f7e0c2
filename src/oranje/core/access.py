"""The access chokepoints for tenancy and scope.

Every view, API endpoint and service asks these functions what a user may see or change; none
queries a protected model unscoped. Reading is allowed to any membership inside a region (a
municipal coordinator sees the region's shared pools and rosters); changing needs a managing
role whose scope covers the object: a regional manager manages the whole region, a municipal
manager only what belongs to their municipality. A national administrator manages everything.

Objects a user may not read answer 404 (their existence is not revealed); objects a user may
read but not change answer 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.core.constants import MANAGING_ROLES, OPERATING_ROLES, Role
from oranje.core.models import Membership, Municipality, Region, User

#: What `request.user` may be; the chokepoints answer for both.
AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scopes:
    """What one user's memberships add up to."""

    national_read: bool
    national_manage: bool
    read_regions: frozenset[int]
    manage_regions: frozenset[int]
    manage_municipalities: frozenset[int]
    #: Regions where the user may work in an incident (log, decide, answer alerts).
    operate_regions: frozenset[int] = frozenset()


_CACHE_ATTR = "_oranje_scopes"


def scopes_for(user: AnyUser) -> Scopes:
    """The user's scopes, computed once per user object (so once per request)."""
    cached: Scopes | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not isinstance(user, User) or not user.is_active:
        scopes = Scopes(False, False, frozenset(), frozenset(), frozenset(), frozenset())
    else:
        national_read = national_manage = False
        read_regions: set[int] = set()
        manage_regions: set[int] = set()
        manage_municipalities: set[int] = set()
        operate_regions: set[int] = set()
        memberships = Membership.objects.filter(user=user).select_related("municipality")
        for m in memberships:
            manages = m.role in MANAGING_ROLES
            operates = m.role in OPERATING_ROLES
            if m.municipality is not None:
                read_regions.add(m.municipality.region_id)
                if operates:
                    operate_regions.add(m.municipality.region_id)
                if manages:
                    manage_municipalities.add(m.municipality.pk)
            elif m.region_id is not None:
                read_regions.add(m.region_id)
                if operates:
                    operate_regions.add(m.region_id)
                if manages:
                    manage_regions.add(m.region_id)
            else:
                national_read = True
                national_manage = national_manage or m.role == Role.ADMINISTRATOR
        scopes = Scopes(
            national_read,
            national_manage,
            frozenset(read_regions),
            frozenset(manage_regions),
            frozenset(manage_municipalities),
            frozenset(operate_regions),
        )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def readable_regions(user: AnyUser) -> QuerySet[Region]:
    """The regions whose organisation the user may see."""
    s = scopes_for(user)
    if s.national_read:
        return Region.objects.all()
    return Region.objects.filter(pk__in=s.read_regions)


def can_read_region(user: AnyUser, region_id: int) -> bool:
    s = scopes_for(user)
    return s.national_read or region_id in s.read_regions


def can_manage_region(user: AnyUser, region_id: int) -> bool:
    """May change everything in the region (regional coordinator or administrator)."""
    s = scopes_for(user)
    return s.national_manage or region_id in s.manage_regions


def can_operate_region(user: AnyUser, region_id: int) -> bool:
    """May work in the region's incidents: everyone but viewers and quality monitors."""
    s = scopes_for(user)
    return s.national_manage or region_id in s.operate_regions


def can_manage_municipality(user: AnyUser, municipality: Municipality) -> bool:
    s = scopes_for(user)
    return can_manage_region(user, municipality.region_id) or (
        municipality.pk in s.manage_municipalities
    )


def can_manage_anything(user: AnyUser, region_id: int) -> bool:
    """Whether the user manages the region or at least one municipality in it (for menus)."""
    s = scopes_for(user)
    if can_manage_region(user, region_id):
        return True
    if not s.manage_municipalities:
        return False
    return Municipality.objects.filter(pk__in=s.manage_municipalities, region_id=region_id).exists()


def region_for_user(user: AnyUser, code: str, *, manage: bool = False) -> Region:
    """The region with this code if the user may see it (404 otherwise), or manage it (403)."""
    try:
        region = Region.objects.get(code=code.upper())
    except Region.DoesNotExist:
        raise Http404 from None
    if not can_read_region(user, region.pk):
        raise Http404
    if manage and not can_manage_region(user, region.pk):
        raise PermissionDenied
    return region


def authenticated(user: AnyUser) -> User:
    """The logged-in user behind a request (views and the API require login first)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def require(condition: bool) -> None:
    """Raise 403 unless `condition`; for services checking a manage right."""
    if not condition:
        raise PermissionDenied


def role_regions(user: AnyUser, roles: frozenset[str]) -> frozenset[int]:
    """The regions where the user holds one of `roles` (a membership for the region or one
    of its municipalities); computed once per user object and set of roles."""
    cache: dict[frozenset[str], frozenset[int]] = vars(user).setdefault("_oranje_role_regions", {})
    if roles in cache:
        return cache[roles]
    regions: set[int] = set()
    if isinstance(user, User) and user.is_active:
        for region_id, municipality_region in Membership.objects.filter(
            user=user, role__in=list(roles)
        ).values_list("region_id", "municipality__region_id"):
            region = region_id or municipality_region
            if region is not None:
                regions.add(region)
    cache[roles] = frozenset(regions)
    return cache[roles]
