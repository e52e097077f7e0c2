"""What the newsletter tests share: an IAC officer (the aftercare role of the region) and
IAC cases written directly (the IAC's own services are another part's)."""

from __future__ import annotations

from django.utils import timezone

from oranje.aftercare.models import IacCase, Newsletter
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.models import Incident


def iac_officer(region: Region, username: str = "iac") -> User:
    """An aftercare and IAC officer of the region (password test-pass-123)."""
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name="Ina", last_name="Nazorg"
    )
    Membership.objects.create(user=user, role=Role.AFTERCARE, region=region)
    return user


def cases(
    incident: Incident,
    n: int,
    *,
    email: bool = True,
    address: bool = True,
    consent: bool = True,
    prefix: str = "h",
    closed: bool = False,
) -> list[IacCase]:
    """`n` households with an IAC case, numbered after the incident's last one."""
    now = timezone.now()
    start = IacCase.objects.filter(incident=incident).count() + 1
    return IacCase.objects.bulk_create(
        IacCase(
            incident=incident,
            number=start + i,
            household_name=f"Fam. {prefix.capitalize()}{i:04d}",
            email=f"{prefix}{i:04d}@example.org" if email else "",
            postcode="1951AB" if address else "",
            house_number=10 + i if address else None,
            house_addition="a" if address and i % 2 else "",
            street="Wijkerstraatweg" if address else "",
            city="Velsen-Noord" if address else "",
            newsletter_consent=consent,
            status="closed" if closed else "open",
            closed_at=now if closed else None,
        )
        for i in range(n)
    )


def draft(incident: Incident, *, subject: str = "Stand van zaken na de brand") -> Newsletter:
    return Newsletter.objects.create(
        incident=incident,
        subject=subject,
        body="Beste bewoners,\n\nDe schade wordt deze week opgenomen.\n\nMet één vraag: bel ons.",
    )
