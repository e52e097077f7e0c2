"""What the mailing tests share: registered persons who did or did not consent to updates,
and a published message (written directly: the message services have their own tests)."""

from __future__ import annotations

from django.utils import timezone

from oranje.communication.models import Message
from oranje.incidents.models import Incident
from oranje.registry.models import Person


def consenting(
    incident: Incident, n: int, *, email: bool = True, sms: bool = True, prefix: str = "p"
) -> list[Person]:
    """`n` registered persons who said yes to updates, with an address and a mobile number."""
    now = timezone.now()
    return Person.objects.bulk_create(
        Person(
            incident=incident,
            given_names="Getroffene",
            surname=f"{prefix}{i:05d}",
            email=f"{prefix}{i:05d}@example.org" if email else "",
            phone=f"+316{20000000 + i}" if sms else "",
            updates_consent=True,
            created_at=now,
            updated_at=now,
        )
        for i in range(n)
    )


def not_consenting(incident: Incident) -> Person:
    return Person.objects.create(
        incident=incident,
        given_names="Nee",
        surname="Zegger",
        email="nee@example.org",
        phone="+31611111111",
        updates_consent=False,
    )


def published(incident: Incident, *, kind: str = "affected", title: str = "") -> Message:
    now = timezone.now()
    return Message.objects.create(
        incident=incident,
        kind=kind,
        title=title or "Terug naar huis vanaf 18.00 uur",
        text="De brand is uit. U kunt vanaf 18.00 uur terug naar huis.",
        instruction="Neem uw medicijnen mee uit de opvang.",
        status="published",
        approved_at=now,
        published_at=now,
    )
