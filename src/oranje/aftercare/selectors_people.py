"""Reads of the people who came: who arrived on the alert board, with their hours and whether
their deployment is recorded in readiness; who a thank-you would reach by which channel; the
thank-yous sent with their delivery counts.

Names and functions of functionaries are organisation data that everyone who sees the
incident already sees on its alert board; this page follows the board's access. No address
or phone number leaves these selectors for a page: only the channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from oranje.aftercare.constants import ItemChannel, ItemStatus
from oranje.aftercare.models import ThankYou, ThankYouItem
from oranje.aftercare.services.deployments import arrived_alerts, deployment_hours, external_id
from oranje.alerting.models import Alert
from oranje.core.validation import is_mobile
from oranje.incidents.models import Incident
from oranje.organisation.models import Person
from oranje.readiness.models import Activity


@dataclass(frozen=True)
class Came:
    """One arrival: a person for one function."""

    alert: Alert
    name: str
    function_code: str
    function_name: str
    arrived_at: dt.datetime
    hours: Decimal
    recorded: bool


def who_came(incident: Incident) -> list[Came]:
    """Everyone who arrived, first arrived first; hours until the acute end (until now while
    the acute phase runs), as the deployment record counts them."""
    alerts = arrived_alerts(incident)
    end = incident.acute_ended_at or timezone.now()
    keys = {external_id(incident.pk, a.pk) for a in alerts}
    recorded = set(
        Activity.objects.filter(external_id__in=list(keys)).values_list("external_id", flat=True)
    )
    rows = []
    for alert in alerts:
        arrived_at = alert.arrived_at or end
        rows.append(
            Came(
                alert=alert,
                name=alert.person.full_name,
                function_code=alert.call.function.code,
                function_name=alert.call.function.name,
                arrived_at=arrived_at,
                hours=deployment_hours(arrived_at, end),
                recorded=external_id(incident.pk, alert.pk) in recorded,
            )
        )
    return rows


def came_count(incident: Incident) -> int:
    """How many people arrived (each person once)."""
    return (
        Alert.objects.filter(call__incident=incident, arrived_at__isnull=False)
        .values("person_id")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class Recipient:
    person: Person
    functions: tuple[str, ...]
    #: mail, sms, or "" when the person has neither an e-mail address nor a mobile number.
    channel: str


def channel_for(person: Person) -> str:
    if person.email:
        return ItemChannel.MAIL
    if person.phone and is_mobile(person.phone):
        return ItemChannel.SMS
    return ""


def thanks_recipients(incident: Incident, *, until: dt.datetime | None = None) -> list[Recipient]:
    """Each person who arrived (by `until`: the list a sent thank-you carries stays the one of
    its moment), once, with the functions they came for and their channel."""
    functions: dict[int, list[str]] = {}
    persons: dict[int, Person] = {}
    for alert in arrived_alerts(incident):
        if until is not None and alert.arrived_at is not None and alert.arrived_at > until:
            continue
        persons.setdefault(alert.person_id, alert.person)
        codes = functions.setdefault(alert.person_id, [])
        if alert.call.function.code not in codes:
            codes.append(alert.call.function.code)
    return [
        Recipient(person, tuple(functions[pk]), channel_for(person))
        for pk, person in persons.items()
    ]


def channel_counts(recipients: list[Recipient]) -> dict[str, int]:
    counts = {"mail": 0, "sms": 0, "none": 0}
    for r in recipients:
        counts[r.channel or "none"] += 1
    return counts


@dataclass(frozen=True)
class ThanksCounts:
    thank_you: ThankYou
    queued: int
    sent: int
    failed: int
    mail: int
    sms: int

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.failed

    @property
    def busy(self) -> bool:
        return bool(self.queued)


def thanks_sent(incident: Incident) -> list[ThanksCounts]:
    """The thank-yous of the incident, newest first, with their items counted by state."""
    thanks = list(ThankYou.objects.filter(incident=incident).order_by("-sent_at", "-pk"))
    rows = {
        row["thank_you_id"]: row
        for row in ThankYouItem.objects.filter(thank_you__in=thanks)
        .values("thank_you_id")
        .annotate(
            queued=Count("pk", filter=Q(status__in=[ItemStatus.QUEUED, ItemStatus.SENDING])),
            sent=Count("pk", filter=Q(status=ItemStatus.SENT)),
            failed=Count("pk", filter=Q(status=ItemStatus.FAILED)),
            mail=Count("pk", filter=Q(channel=ItemChannel.MAIL)),
            sms=Count("pk", filter=Q(channel=ItemChannel.SMS)),
        )
    }
    empty = {"queued": 0, "sent": 0, "failed": 0, "mail": 0, "sms": 0}
    out = []
    for t in thanks:
        row = rows.get(t.pk, empty)
        out.append(
            ThanksCounts(t, row["queued"], row["sent"], row["failed"], row["mail"], row["sms"])
        )
    return out
