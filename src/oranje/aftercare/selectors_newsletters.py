"""Reads of the newsletters: who would receive one and by which channel, and a sent
newsletter's households counted by delivery state. Counts only, except `recipients()` which
the services and the letters use.

Who receives a newsletter: every IAC case of the incident whose household wants the
newsletter (`newsletter_consent`) and that was not anonymised — closed cases too: a
household whose questions were answered is still affected, and the aftercare's news
(compensation, commemoration, the surroundings) is for them as much as for the others; the
consent, not the state of the case, decides. With an e-mail address: by e-mail; without one
but with an address (postcode and house number): a printed letter; neither: unreachable
(counted, so the IAC can ask for an address).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from oranje.aftercare.constants import ItemChannel, ItemStatus, NewsletterStatus
from oranje.aftercare.models import IacCase, Newsletter, NewsletterItem
from oranje.incidents.models import Incident


def consenting_cases(incident: Incident) -> QuerySet[IacCase]:
    """The incident's cases whose household wants the newsletter (open and closed)."""
    return IacCase.objects.filter(
        incident=incident, newsletter_consent=True, anonymised_at__isnull=True
    )


def has_postal_address(case: IacCase) -> bool:
    return bool(case.postcode.strip()) and case.house_number is not None


def channel_of(case: IacCase) -> str | None:
    """mail, letter, or None (unreachable)."""
    if case.email.strip():
        return ItemChannel.MAIL
    if has_postal_address(case):
        return ItemChannel.LETTER
    return None


@dataclass(frozen=True)
class Recipients:
    """The households a newsletter would go to now, per channel."""

    mail: list[IacCase]
    letter: list[IacCase]
    unreachable: list[IacCase]

    @property
    def total(self) -> int:
        return len(self.mail) + len(self.letter)


def recipients(incident: Incident) -> Recipients:
    mail: list[IacCase] = []
    letter: list[IacCase] = []
    unreachable: list[IacCase] = []
    for case in consenting_cases(incident).order_by("number"):
        channel = channel_of(case)
        if channel == ItemChannel.MAIL:
            mail.append(case)
        elif channel == ItemChannel.LETTER:
            letter.append(case)
        else:
            unreachable.append(case)
    return Recipients(mail, letter, unreachable)


@dataclass(frozen=True)
class RecipientCounts:
    mail: int
    letter: int
    unreachable: int

    @property
    def total(self) -> int:
        return self.mail + self.letter


def recipient_counts(incident: Incident) -> RecipientCounts:
    found = recipients(incident)
    return RecipientCounts(len(found.mail), len(found.letter), len(found.unreachable))


#: The states a sent newsletter's households are counted by, in the order shown.
COUNTED = (
    ItemStatus.QUEUED,
    ItemStatus.SENDING,
    ItemStatus.SENT,
    ItemStatus.FAILED,
    ItemStatus.NOT_SENT,
    ItemStatus.LETTER,
)


@dataclass(frozen=True)
class Delivery:
    """A newsletter's households by delivery state (all zero for a draft)."""

    newsletter: Newsletter
    queued: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    not_sent: int = 0
    letter: int = 0
    mail_items: int = 0
    letter_items: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.sent + self.failed + self.not_sent + self.letter

    @property
    def busy(self) -> bool:
        return bool(self.queued or self.sending)


def deliveries(newsletters: list[Newsletter]) -> list[Delivery]:
    counts = {str(s): Count("pk", filter=Q(status=s)) for s in COUNTED}
    rows = (
        NewsletterItem.objects.filter(newsletter__in=newsletters)
        .values("newsletter_id")
        .annotate(
            **counts,
            mail_items=Count("pk", filter=Q(channel=ItemChannel.MAIL)),
            letter_items=Count("pk", filter=Q(channel=ItemChannel.LETTER)),
        )
    )
    by_id = {row.pop("newsletter_id"): row for row in rows}
    return [Delivery(newsletter=n, **by_id.get(n.pk, {})) for n in newsletters]


def delivery(newsletter: Newsletter) -> Delivery:
    (found,) = deliveries([newsletter])
    return found


def newsletter_list(incident: Incident, *, limit: int | None = None) -> list[Delivery]:
    """The incident's newsletters, newest first, with their counts."""
    rows = Newsletter.objects.filter(incident=incident).select_related("sent_by", "created_by")
    rows = rows.order_by("-created_at", "-pk")
    return deliveries(list(rows[:limit] if limit else rows))


def newsletter_totals(incident: Incident) -> dict[str, int]:
    """For those who see the incident but not the IAC: how many, nothing more."""
    rows = Newsletter.objects.filter(incident=incident)
    return {
        "sent": rows.filter(status=NewsletterStatus.SENT).count(),
        "drafts": rows.filter(status=NewsletterStatus.DRAFT).count(),
    }


def letter_items(newsletter: Newsletter) -> QuerySet[NewsletterItem]:
    """The households of a sent newsletter that get a printed letter, in postal order."""
    return (
        NewsletterItem.objects.filter(newsletter=newsletter, channel=ItemChannel.LETTER)
        .select_related("case")
        .order_by("case__postcode", "case__house_number", "case__house_addition", "case__number")
    )
