"""Builders for tests: a small Kennemerland with pools, plus personas in two regions."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.organisation.constants import CoverageUnit, OnCallKind, PoolKind
from oranje.organisation.models import Function, OnCallShift, Person, Pool, RegionFunction

_counter = itertools.count(1)


def make_user(username: str, role: str | None = None, **scope: object) -> User:
    user = User.objects.create_user(username=username, password="test-pass-123")
    if role is not None:
        Membership.objects.create(user=user, role=role, **scope)
    return user


def make_person(
    region: Region,
    *functions: Function,
    municipality: Municipality | None = None,
    user: User | None = None,
    surname: str | None = None,
) -> Person:
    n = next(_counter)
    person = Person.objects.create(
        region=region,
        municipality=municipality,
        given_name="Test",
        surname=surname or f"Persoon{n}",
        email=f"persoon{n}@example.nl",
        phone="+31612345678",
        user=user,
    )
    person.functions.set(functions)
    return person


def make_shift(
    pool: Pool,
    function: Function,
    person: Person,
    start: dt.datetime,
    hours: float = 168,
    kind: str = OnCallKind.HARD,
) -> OnCallShift:
    return OnCallShift.objects.create(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
    )


@dataclass
class World:
    region: Region
    other_region: Region
    haarlem: Municipality
    velsen: Municipality
    ovd: Function
    cpg: Function
    ovd_pool: Pool
    cpg_haarlem: Pool
    other_pool: Pool
    officers: list[Person]
    contacts: list[Person]
    coordinator: User
    haarlem_coordinator: User
    functionary: User
    viewer: User
    outsider: User
    admin: User

    @property
    def personas(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "haarlem_coordinator": self.haarlem_coordinator,
            "functionary": self.functionary,
            "viewer": self.viewer,
            "outsider": self.outsider,
            "admin": self.admin,
        }


def build_world() -> World:
    region = Region.objects.get(code="VR12")
    other = Region.objects.get(code="VR09")
    haarlem = Municipality.objects.get(cbs_code="GM0392")
    velsen = Municipality.objects.get(cbs_code="GM0453")
    ovd = Function.objects.get(code="OVD-BZ")
    cpg = Function.objects.get(code="CPG")
    RegionFunction.objects.filter(region=region, function=ovd).update(
        coverage_unit=CoverageUnit.REGION, min_hard_on_call=1
    )
    coordinator = make_user("coordinator", Role.COORDINATOR, region=region)
    haarlem_coordinator = make_user("haarlem", Role.COORDINATOR, municipality=haarlem)
    functionary = make_user("ovd", Role.FUNCTIONARY, region=region)
    viewer = make_user("viewer", Role.VIEWER, region=region)
    outsider = make_user("outsider", Role.COORDINATOR, region=other)
    admin = make_user("admin", Role.ADMINISTRATOR)
    officers = [make_person(region, ovd, municipality=velsen, user=functionary, surname="Visser")]
    officers += [make_person(region, ovd) for _ in range(2)]
    contacts = [make_person(region, cpg, municipality=haarlem) for _ in range(2)]
    ovd_pool = Pool.objects.create(
        region=region, name="OvD-BZ Kennemerland", kind=PoolKind.REGIONAL
    )
    ovd_pool.functions.set([ovd])
    ovd_pool.members.set(officers)
    cpg_haarlem = Pool.objects.create(region=region, name="CPG Haarlem", kind=PoolKind.MUNICIPAL)
    cpg_haarlem.municipalities.set([haarlem])
    cpg_haarlem.functions.set([cpg])
    cpg_haarlem.members.set(contacts)
    other_pool = Pool.objects.create(region=other, name="OvD-BZ Utrecht", kind=PoolKind.REGIONAL)
    other_pool.functions.set([ovd])
    other_pool.members.set([make_person(other, ovd)])
    return World(
        region,
        other,
        haarlem,
        velsen,
        ovd,
        cpg,
        ovd_pool,
        cpg_haarlem,
        other_pool,
        officers,
        contacts,
        coordinator,
        haarlem_coordinator,
        functionary,
        viewer,
        outsider,
        admin,
    )
