"""The registry's chokepoints. Person data is for the registry roles only.

- **registry work** (see persons and inquiries, register, import, take and answer inquiries,
  merge): a registry officer or registry coordinator with a membership in the incident's
  region (for the region or one of its municipalities). Nobody else: not the region's
  coordinators, not administrators — other rooms get counts only (`selectors.counts`).
- **coordinate** (the read log per record, the archive export, the registry settings): a
  registry coordinator of the region.

Everything else answers 404: an incident's persons do not exist for those without the role,
so a URL reveals nothing. Every read of a person record, an inquiry or a list is written to
the read log by `read_logged` (called by the views and the API, once per request).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from oranje.core.access import AnyUser, authenticated
from oranje.core.constants import Role
from oranje.core.models import Membership, User
from oranje.incidents.models import Incident
from oranje.registry.models import Inquiry, Person

_CACHE_ATTR = "_oranje_registry_regions"


def registry_regions(user: AnyUser) -> dict[int, bool]:
    """Region id -> whether the user coordinates the registry there, for every region where
    the user holds a registry role. Computed once per user object."""
    cached: dict[int, bool] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    regions: dict[int, bool] = {}
    if isinstance(user, User) and user.is_active:
        for role, region_id, municipality_region in Membership.objects.filter(
            user=user, role__in=[Role.REGISTRY_OFFICER, Role.REGISTRY_COORDINATOR]
        ).values_list("role", "region_id", "municipality__region_id"):
            region = region_id or municipality_region
            if region is None:
                continue
            regions[region] = regions.get(region, False) or role == Role.REGISTRY_COORDINATOR
    setattr(user, _CACHE_ATTR, regions)
    return regions


def can_register(user: AnyUser, region_id: int) -> bool:
    return region_id in registry_regions(user)


def can_coordinate(user: AnyUser, region_id: int) -> bool:
    return registry_regions(user).get(region_id, False)


def registry_incident_for_user(user: AnyUser, pk: int, *, coordinate: bool = False) -> Incident:
    """The incident whose registry the user may work in (404 otherwise)."""
    incident = Incident.objects.select_related("region", "municipality").filter(pk=pk).first()
    if incident is None or not can_register(user, incident.region_id):
        raise Http404
    if coordinate and not can_coordinate(user, incident.region_id):
        raise Http404
    return incident


def persons_for_user(user: AnyUser, incident: Incident) -> QuerySet[Person]:
    """The persons of an incident's registry, for a user with the role (none otherwise)."""
    if not can_register(user, incident.region_id):
        return Person.objects.none()
    return Person.objects.filter(incident=incident)


def person_for_user(user: AnyUser, pk: int) -> Person:
    """One registered person (404 unless the user has a registry role in its region)."""
    person = Person.objects.select_related("incident", "incident__region").filter(pk=pk).first()
    if person is None or not can_register(user, person.incident.region_id):
        raise Http404
    return person


def inquiries_for_user(user: AnyUser, incident: Incident) -> QuerySet[Inquiry]:
    if not can_register(user, incident.region_id):
        return Inquiry.objects.none()
    return Inquiry.objects.filter(incident=incident)


def inquiry_for_user(user: AnyUser, pk: int) -> Inquiry:
    """One inquiry (404 unless the user has a registry role in its region)."""
    inquiry = Inquiry.objects.select_related("incident", "incident__region").filter(pk=pk).first()
    if inquiry is None or not can_register(user, inquiry.incident.region_id):
        raise Http404
    return inquiry


def registry_user(user: AnyUser) -> User:
    """The logged-in user behind a registry request."""
    return authenticated(user)
