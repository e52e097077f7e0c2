"""Builders for care tests: a shelter desk officer and a care coordinator in Kennemerland,
a desk officer of another region, an incident, locations and shelters."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from oranje.care.models import Location, Shelter
from oranje.care.services.checkin import GuestData, HouseholdData, household_check_in
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


@dataclass
class CareWorld:
    world: World
    incident: Incident
    desk: User
    second_desk: User
    coordinator: User
    outsider: User


def care_user(username: str, role: Role, region: Region) -> User:
    user = User.objects.create_user(username=username, password="x", first_name=username)
    Membership.objects.create(user=user, role=role, region=region)
    return user


def build_care(world: World, *, exercise: bool = False) -> CareWorld:
    return CareWorld(
        world=world,
        incident=start_incident(world, exercise=exercise, title="Brand zorgcentrum"),
        desk=care_user("desk_anna", Role.CARE_OFFICER, world.region),
        second_desk=care_user("desk_bram", Role.CARE_OFFICER, world.region),
        coordinator=care_user("care_coord", Role.CARE_COORDINATOR, world.region),
        outsider=care_user("desk_utrecht", Role.CARE_OFFICER, world.other_region),
    )


def location(
    municipality: Municipality,
    name: str = "Sporthal Zuid",
    *,
    day: int = 100,
    night: int = 60,
    lat: float | None = 52.37,
    lon: float | None = 4.64,
) -> Location:
    return Location.objects.create(
        municipality=municipality,
        code=name.upper().replace(" ", "-")[:40],
        name=name,
        capacity_day=day,
        capacity_night=night,
        latitude=lat,
        longitude=lon,
    )


def open_shelter(
    incident: Incident, place: Location, *, day: int | None = None, night: int | None = None
) -> Shelter:
    """A shelter opened and ready, written directly (the services are tested on their own)."""
    now = timezone.now()
    return Shelter.objects.create(
        incident=incident,
        location=place,
        decided_by="Burgemeester",
        decided_at=now,
        capacity_day=place.capacity_day if day is None else day,
        capacity_night=place.capacity_night if night is None else night,
        ready_at=now,
    )


def guests(*names: str) -> list[GuestData]:
    """GuestData for "Given Surname" names (the last word is the surname)."""
    out = []
    for name in names:
        given, _, surname = name.rpartition(" ")
        out.append(GuestData(given_names=given, surname=surname, birth_year=1980))
    return out


def check_in(cw: CareWorld, shelter: Shelter, *names: str, key: str = "") -> object:
    return household_check_in(
        shelter=shelter,
        actor=cw.desk,
        household=HouseholdData(postcode="2011AB", house_number=12, city="Haarlem"),
        guests=guests(*(names or ("Anna Jansen",))),
        client_key=key,
    )
