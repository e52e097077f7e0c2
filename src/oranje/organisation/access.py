"""Access chokepoints for the organisation room: one per object type.

`<thing>_for_user(user, pk, manage=False)` returns the object if the user may see it, raises
404 if not (existence is not revealed), and 403 if `manage` is asked but not allowed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.organisation.constants import PoolKind
from oranje.organisation.models import District, OnCallShift, Person, Pool, Unavailability


def can_manage_person(user: AnyUser, person: Person) -> bool:
    if core_access.can_manage_region(user, person.region_id):
        return True
    return person.municipality_id is not None and (
        person.municipality_id in core_access.scopes_for(user).manage_municipalities
    )


def can_manage_pool(user: AnyUser, pool: Pool) -> bool:
    """Regional managers manage every pool; a municipal manager only their municipal pool."""
    if core_access.can_manage_region(user, pool.region_id):
        return True
    if pool.kind != PoolKind.MUNICIPAL:
        return False
    mine = core_access.scopes_for(user).manage_municipalities
    return bool(mine) and pool.municipalities.filter(pk__in=mine).exists()


def is_own(user: AnyUser, person: Person) -> bool:
    return user.is_authenticated and person.user_id == user.pk


def _check(user: AnyUser, region_id: int, manage_ok: bool | None) -> None:
    if not core_access.can_read_region(user, region_id):
        raise Http404
    if manage_ok is False:
        raise PermissionDenied


def person_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Person:
    person = Person.objects.select_related("region", "municipality", "user").filter(pk=pk).first()
    if person is None:
        raise Http404
    own = is_own(user, person)
    if own and not manage:
        return person
    _check(user, person.region_id, can_manage_person(user, person) if manage else None)
    return person


def pool_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Pool:
    pool = Pool.objects.select_related("region", "coordinator").filter(pk=pk).first()
    if pool is None:
        raise Http404
    _check(user, pool.region_id, can_manage_pool(user, pool) if manage else None)
    return pool


def district_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> District:
    district = District.objects.select_related("region").filter(pk=pk).first()
    if district is None:
        raise Http404
    manage_ok = core_access.can_manage_region(user, district.region_id) if manage else None
    _check(user, district.region_id, manage_ok)
    return district


def shift_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> OnCallShift:
    """A shift; its own holder may always see it and hand it over (that is `manage` here)."""
    shift = (
        OnCallShift.objects.select_related("pool", "pool__region", "function", "person")
        .filter(pk=pk)
        .first()
    )
    if shift is None:
        raise Http404
    if is_own(user, shift.person):
        return shift
    _check(user, shift.pool.region_id, can_manage_pool(user, shift.pool) if manage else None)
    return shift


def unavailability_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Unavailability:
    item = Unavailability.objects.select_related("person").filter(pk=pk).first()
    if item is None:
        raise Http404
    person_for_user(user, item.person_id, manage=manage)
    return item


def people_for_user(user: AnyUser) -> QuerySet[Person]:
    """Every functionary the user may see (for the API's list endpoints)."""
    s = core_access.scopes_for(user)
    qs = Person.objects.select_related("region", "municipality")
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)


def managed_people_for_user(user: AnyUser, region_id: int) -> QuerySet[Person]:
    """The people of a region the user manages (`can_manage_person`), for choice lists."""
    qs = Person.objects.filter(region_id=region_id)
    if core_access.can_manage_region(user, region_id):
        return qs
    return qs.filter(municipality_id__in=core_access.scopes_for(user).manage_municipalities)


def pools_for_user(user: AnyUser) -> QuerySet[Pool]:
    s = core_access.scopes_for(user)
    qs = Pool.objects.select_related("region")
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)


def shifts_for_user(user: AnyUser) -> QuerySet[OnCallShift]:
    s = core_access.scopes_for(user)
    qs = OnCallShift.objects.select_related("pool", "function", "person")
    if s.national_read:
        return qs
    own = qs.filter(person__user=user) if user.is_authenticated else qs.none()
    return qs.filter(pool__region_id__in=s.read_regions) | own


def districts_for_user(user: AnyUser) -> QuerySet[District]:
    s = core_access.scopes_for(user)
    qs = District.objects.select_related("region")
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)
