"""What the IAC's tests share: an IAC officer (the aftercare role), a case, and objects of
other rooms (a registry person, a shelter stay, a damage report) to link."""

from __future__ import annotations

import itertools
from typing import Any

from oranje.aftercare.models import IacCase
from oranje.aftercare.services import iac as services
from oranje.care.models import Household
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident
from oranje.registry.models import Person

_n = itertools.count(1)


def iac_officer(
    region: Region, username: str = "iac", *, extra_roles: tuple[str, ...] = ()
) -> User:
    """A user with the aftercare role of the region (password test-pass-123)."""
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name="Ilse", last_name="Adviseur"
    )
    for role in (Role.AFTERCARE, *extra_roles):
        Membership.objects.create(user=user, role=role, region=region)
    return user


def open_case(actor: User, incident: Incident, **changes: Any) -> IacCase:
    values: dict[str, Any] = {
        "household_name": "Fam. Jansen",
        "phone": "06 12345678",
        "email": "jansen@example.nl",
        "postcode": "1951ab",
        "house": "12a",
        "street": "Wijkerstraatweg",
        "city": "Velsen-Noord",
        "limited_mobility": False,
        "newsletter_consent": True,
        "themes": ["housing"],
    }
    return services.case_open(actor=actor, incident=incident, **(values | changes))


def registry_person(incident: Incident) -> Person:
    return Person.objects.create(incident=incident, given_names="Johanna", surname="Jansen")


def shelter_stay(incident: Incident) -> Household:
    n = next(_n)
    return Household.objects.create(
        incident=incident,
        code=f"HH-IAC-{n:04d}",
        name="Fam. De Boer",
        phone="+31687654321",
        street="Zeeweg",
        house_number=7,
        house_addition="B",
        postcode="1951CD",
        city="Velsen-Noord",
    )


def damage_report(incident: Incident) -> DamageReport:
    n = next(_n)
    return DamageReport.objects.create(
        incident=incident,
        reference=f"S-IAC-{n:04d}",
        channel="phone",
        reporter_name="P. Smit",
        reporter_phone="+31611112222",
        reporter_email="smit@example.nl",
        postcode="1951EF",
        house_number=3,
        street="Duinweg",
        city="Velsen-Noord",
        kind="home",
        description="Ruiten gesprongen.",
    )
