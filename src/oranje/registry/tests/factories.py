"""Builders for registry tests: registry officers and a coordinator in Kennemerland, an
officer of another region, an incident, and persons registered through the services."""

from __future__ import annotations

from dataclasses import dataclass

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import Source, Status, Whereabouts
from oranje.registry.models import Person
from oranje.registry.services.inquiries import InquiryData


@dataclass
class RegistryWorld:
    world: World
    incident: Incident
    officer: User
    second_officer: User
    coordinator: User
    outsider: User


def registry_user(username: str, role: Role, region: Region) -> User:
    user = User.objects.create_user(username=username, password="x", first_name=username)
    Membership.objects.create(user=user, role=role, region=region)
    return user


def build_registry(world: World, *, exercise: bool = False) -> RegistryWorld:
    return RegistryWorld(
        world=world,
        incident=start_incident(world, exercise=exercise, title="Brand zorgcentrum"),
        officer=registry_user("reg_anna", Role.REGISTRY_OFFICER, world.region),
        second_officer=registry_user("reg_bram", Role.REGISTRY_OFFICER, world.region),
        coordinator=registry_user("reg_coord", Role.REGISTRY_COORDINATOR, world.region),
        outsider=registry_user("reg_utrecht", Role.REGISTRY_OFFICER, world.other_region),
    )


def register(
    rw: RegistryWorld,
    *,
    given: str = "Johannes",
    prefix: str = "de",
    surname: str = "Vries",
    birth: tuple[int | None, int | None, int | None] = (1950, 3, 4),
    status: str = Status.UNHARMED,
    where: str = Whereabouts.SHELTER,
    source: str = Source.SHELTER,
    **extra: object,
) -> Person:
    year, month, day = birth
    return services.person_register(
        incident=rw.incident,
        actor=rw.officer,
        data=services.PersonData(
            given_names=given,
            prefix=prefix,
            surname=surname,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            **extra,  # type: ignore[arg-type]
        ),
        status=services.StatusData(status=status, whereabouts=where, source=source),
    )


def inquiry_data(**values: object) -> InquiryData:
    base: dict[str, object] = {
        "caller_name": "Marieke de Vries",
        "caller_phone": "+31612345678",
        "caller_relation": "dochter",
        "given_names": "Hans",
        "prefix": "de",
        "surname": "Vries",
        "birth_year": 1950,
        "birth_month": 3,
        "birth_day": 4,
    }
    base.update(values)
    return InquiryData(**base)  # type: ignore[arg-type]
