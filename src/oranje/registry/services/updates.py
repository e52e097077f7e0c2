"""Who receives the municipality's updates about an incident, for the communication room.

That room sends a published message to the registered persons who consented
(`Person.updates_consent`) and keeps only their record numbers and counts: it asks here who
they are (`update_recipient_ids`, `update_recipient_counts`) and, at the moment of sending,
where to (`update_address`). The address is looked up again then, so a person who withdrew
consent, was merged, anonymised or reported deceased since the mailing was made gets nothing.

A recipient is a person of the incident who is not merged into another registration, not
anonymised and not registered as deceased, who said yes to updates and has an e-mail address
(mail) or a mobile number (SMS; `core.validation.is_mobile`).
"""

from __future__ import annotations

from django.db.models import QuerySet

from oranje.core.validation import is_mobile
from oranje.incidents.models import Incident
from oranje.registry.constants import Status, UpdateChannel
from oranje.registry.models import Person


def _consenting() -> QuerySet[Person]:
    return (
        Person.objects.filter(
            merged_into__isnull=True,
            anonymised_at__isnull=True,
            updates_consent=True,
        )
        .exclude(current_status=Status.DECEASED)
        .order_by("pk")
    )


def _channel(channel: str) -> UpdateChannel:
    if channel not in UpdateChannel.values:
        raise ValueError(f"unknown update channel {channel!r}")
    return UpdateChannel(channel)


def update_recipient_ids(incident: Incident, channel: str) -> list[int]:
    """The record numbers of the incident's persons who receive updates on `channel`
    ("mail" or "sms"), in registration order."""
    wanted = _channel(channel)
    persons = _consenting().filter(incident=incident)
    if wanted == UpdateChannel.MAIL:
        return list(persons.exclude(email="").values_list("pk", flat=True))
    return [pk for pk, phone in persons.values_list("pk", "phone") if is_mobile(phone)]


def update_recipient_counts(incident: Incident) -> dict[str, int]:
    """How many persons receive updates, per channel: {"mail": n, "sms": m} (a person with
    both an address and a mobile number counts in both)."""
    mail = sms = 0
    for email, phone in _consenting().filter(incident=incident).values_list("email", "phone"):
        mail += bool(email)
        sms += is_mobile(phone)
    return {UpdateChannel.MAIL.value: mail, UpdateChannel.SMS.value: sms}


def update_address(person_id: int, channel: str) -> str | None:
    """Where this person's update goes now: their e-mail address or mobile number, or None
    when they no longer receive updates (consent withdrawn, merged, anonymised, deceased, the
    address removed)."""
    wanted = _channel(channel)
    row = _consenting().filter(pk=person_id).values_list("email", "phone").first()
    if row is None:
        return None
    email, phone = row
    if wanted == UpdateChannel.MAIL:
        return email or None
    return phone if is_mobile(phone) else None
