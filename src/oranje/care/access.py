"""The care room's chokepoints.

- **Shelter locations** (cold phase): everyone with a membership in the region sees them;
  a municipal coordinator changes their own municipality's, the region's coordinators and the
  care coordinator every municipality's of the region.
- **Shelters of an incident**: everyone who may see the incident sees the occupancy (counts);
  opening, closing and changing a shelter is for the care coordinator and whoever commands the
  incident (`incidents.access.can_command`).
- **Guests** (households, check-in and out, needs of named people, temporary housing): the
  shelter desk officer and the care coordinator of the incident's region, nobody else —
  others get 404, as in the registry: a guest does not exist for them.
- **People with reduced self-reliance** (the suppliers' lists and the worklist): the care
  coordinator and the registry roles of the region; every read is audited.
- **The surroundings** (outages, road closures, clean-up): everyone who may work in the
  incident writes them, everyone who may see it reads them.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404

from oranje.care.models import (
    Case,
    CleanupTask,
    Household,
    Housing,
    Location,
    MealCount,
    Need,
    Outage,
    RoadClosure,
    Shelter,
    Supplier,
)
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.access import can_command, can_operate, incident_for_user
from oranje.incidents.models import Incident
from oranje.registry.access import can_register, registry_regions

_CACHE_ATTR = "_oranje_care_regions"


def care_regions(user: AnyUser) -> dict[int, bool]:
    """Region id -> whether the user coordinates care there, for every region where the user
    holds a care role. Computed once per user object."""
    cached: dict[int, bool] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    regions: dict[int, bool] = {}
    if isinstance(user, User) and user.is_active:
        for role, region_id, municipality_region in Membership.objects.filter(
            user=user, role__in=[Role.CARE_OFFICER, Role.CARE_COORDINATOR]
        ).values_list("role", "region_id", "municipality__region_id"):
            region = region_id or municipality_region
            if region is None:
                continue
            regions[region] = regions.get(region, False) or role == Role.CARE_COORDINATOR
    setattr(user, _CACHE_ATTR, regions)
    return regions


def can_desk(user: AnyUser, region_id: int) -> bool:
    """May check people in and out and see the guests of the region's shelters."""
    return region_id in care_regions(user)


def can_coordinate_care(user: AnyUser, region_id: int) -> bool:
    return care_regions(user).get(region_id, False)


def can_see_vulnerable(user: AnyUser, region_id: int) -> bool:
    """May see the lists of people with reduced self-reliance and the worklist."""
    return can_coordinate_care(user, region_id) or can_register(user, region_id)


def can_manage_shelters(user: AnyUser, incident: Incident) -> bool:
    """May open, change and close the incident's shelters."""
    return can_coordinate_care(user, incident.region_id) or can_command(user, incident)


def can_manage_location(user: AnyUser, municipality: Municipality) -> bool:
    return core_access.can_manage_municipality(user, municipality) or can_coordinate_care(
        user, municipality.region_id
    )


def care_incident_for_user(
    user: AnyUser, pk: int, *, desk: bool = False, vulnerable: bool = False
) -> Incident:
    """The incident if the user may see it (404 otherwise); with `desk`, only for the care
    roles, with `vulnerable` only for those who may see the vulnerable lists (404 otherwise)."""
    incident = incident_for_user(user, pk)
    if desk and not can_desk(user, incident.region_id):
        raise Http404
    if vulnerable and not can_see_vulnerable(user, incident.region_id):
        raise Http404
    return incident


def shelters_for_user(user: AnyUser, incident: Incident) -> QuerySet[Shelter]:
    if not core_access.can_read_region(user, incident.region_id):
        return Shelter.objects.none()
    return Shelter.objects.filter(incident=incident).select_related("location")


def shelter_for_user(
    user: AnyUser, pk: int, *, desk: bool = False, manage: bool = False
) -> Shelter:
    """One shelter: seen by whoever sees its incident (404 otherwise); `desk` needs a care
    role (404), `manage` the right to manage the incident's shelters (403)."""
    shelter = (
        Shelter.objects.select_related("incident", "incident__region", "location")
        .filter(pk=pk)
        .first()
    )
    if shelter is None or not core_access.can_read_region(user, shelter.incident.region_id):
        raise Http404
    if desk and not can_desk(user, shelter.incident.region_id):
        raise Http404
    if manage:
        core_access.require(can_manage_shelters(user, shelter.incident))
    return shelter


def household_for_user(user: AnyUser, pk: int) -> Household:
    """One household (404 unless the user has a care role in its region)."""
    household = (
        Household.objects.select_related("incident", "incident__region", "shelter__location")
        .filter(pk=pk)
        .first()
    )
    if household is None or not can_desk(user, household.incident.region_id):
        raise Http404
    return household


def locations_for_user(user: AnyUser) -> QuerySet[Location]:
    """The shelter locations of the regions the user may see."""
    s = core_access.scopes_for(user)
    locations = Location.objects.select_related("municipality", "municipality__region")
    if s.national_read:
        return locations
    return locations.filter(municipality__region_id__in=s.read_regions)


def location_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Location:
    """One location: 404 unless the user sees its region, 403 for `manage` without the right."""
    location = locations_for_user(user).filter(pk=pk).first()
    if location is None:
        raise Http404
    if manage:
        core_access.require(can_manage_location(user, location.municipality))
    return location


def care_user(user: AnyUser) -> User:
    return core_access.authenticated(user)


# ------------------------------------------------------------------ part: vulnerable
# People with reduced self-reliance: the suppliers' lists and the incidents' worklists.


def vulnerable_regions(user: AnyUser) -> QuerySet[Region]:
    """The regions whose lists of people with reduced self-reliance the user may see."""
    if not isinstance(user, User) or not user.is_active:
        return Region.objects.none()
    candidates = set(care_regions(user)) | set(registry_regions(user))
    allowed = [pk for pk in candidates if can_see_vulnerable(user, pk)]
    return Region.objects.filter(pk__in=allowed).order_by("code")


def supplier_for_user(user: AnyUser, pk: int) -> Supplier:
    """One supplier of a vulnerable-residents list (404 unless the user may see the lists of
    its region)."""
    supplier = Supplier.objects.select_related("region").filter(pk=pk).first()
    if supplier is None or not can_see_vulnerable(user, supplier.region_id):
        raise Http404
    return supplier


def case_for_user(user: AnyUser, pk: int) -> Case:
    """One worklist case (404 unless the user may see the vulnerable lists of its incident's
    region and may see the incident)."""
    case = (
        Case.objects.select_related("incident", "incident__region", "shelter__location")
        .filter(pk=pk)
        .first()
    )
    if case is None or not can_see_vulnerable(user, case.incident.region_id):
        raise Http404
    care_incident_for_user(user, case.incident_id, vulnerable=True)
    return case


# ---------------------------------------------------------------- part: needs
# Needs and supplies and meal counts: read by whoever sees the incident, written by the care
# roles of the region and whoever manages the incident's shelters. Temporary housing: the
# care roles only (a household is a guest record). The surroundings: read by whoever sees
# the incident, written by whoever may work in it.

_Surrounding = TypeVar("_Surrounding", Outage, RoadClosure, CleanupTask)


def can_supply(user: AnyUser, incident: Incident) -> bool:
    """May record needs and supplies and meal counts for the incident's shelters."""
    return can_desk(user, incident.region_id) or can_manage_shelters(user, incident)


def need_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Need:
    """One need: 404 unless the user sees its incident, 403 for `write` without the right."""
    need = Need.objects.select_related("incident", "shelter__location").filter(pk=pk).first()
    if need is None or not core_access.can_read_region(user, need.incident.region_id):
        raise Http404
    if write:
        core_access.require(can_supply(user, need.incident))
    return need


def meal_for_user(user: AnyUser, pk: int, *, write: bool = False) -> MealCount:
    """One meal count: 404 unless the user sees its incident, 403 for `write` without the
    right."""
    meal = (
        MealCount.objects.select_related("shelter__incident", "shelter__location")
        .filter(pk=pk)
        .first()
    )
    if meal is None or not core_access.can_read_region(user, meal.shelter.incident.region_id):
        raise Http404
    if write:
        core_access.require(can_supply(user, meal.shelter.incident))
    return meal


def housing_for_user(user: AnyUser, pk: int) -> Housing:
    """One household's temporary housing (404 unless the user has a care role in its
    region)."""
    housing = (
        Housing.objects.select_related("household__incident", "household__shelter__location")
        .filter(pk=pk)
        .first()
    )
    if housing is None or not can_desk(user, housing.household.incident.region_id):
        raise Http404
    return housing


def surrounding_for_user(
    model: type[_Surrounding], user: AnyUser, pk: int, *, write: bool = False
) -> _Surrounding:
    """One outage, road closure or clean-up task: 404 unless the user sees its incident, 403
    for `write` unless the user may work in it."""
    found = model.objects.select_related("incident").filter(pk=pk).first()
    if found is None or not core_access.can_read_region(user, found.incident.region_id):
        raise Http404
    if write:
        core_access.require(can_operate(user, found.incident))
    return found
