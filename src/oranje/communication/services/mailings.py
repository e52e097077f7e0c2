"""Sending a published message by mail or SMS to the registered affected persons who
consented to receive updates (`registry.services.updates`).

A mailing is made once per message and channel (a database constraint): one `MailingItem`
per recipient, written in bulk, after which the worker sends them (`communication.delivery`)
and records each as sent, failed or not sent. This room keeps only the registry's record
numbers and the delivery state — never a name or an address; the audit entry holds counts.

Which messages: a published message to affected people, public information or a warning —
what the people of the incident should know. Messages to staff and partners and press
releases are not for them.

An exercise's mailing reaches nobody: every item is recorded at once as not sent
("niet verzonden (oefening)"), and the delivery refuses an exercise's item again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oranje.alerting.channels import sms_enabled
from oranje.communication.access import can_communicate
from oranje.communication.constants import ItemStatus, MailChannel, MessageKind, MessageStatus
from oranje.communication.models import Mailing, MailingItem, Message
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import _locked, require_open
from oranje.registry.services.updates import update_recipient_counts, update_recipient_ids

#: The kinds of message that may go to the affected persons who consented.
MAILING_KINDS = frozenset({MessageKind.AFFECTED, MessageKind.PUBLIC, MessageKind.WARNING})
#: What an exercise's items say (the worker's reasons are Dutch too, as alerting's).
EXERCISE_NOT_SENT = "niet verzonden (oefening)"

NOT_PUBLISHED = gettext_lazy("Sending: only a published message is sent to affected people.")
WRONG_KIND = gettext_lazy(
    "Sending: a message of this kind (%(kind)s) is not for the affected people; send public "
    "information, a warning or a message to affected people."
)
UNKNOWN_CHANNEL = gettext_lazy("Channel: choose e-mail or SMS.")
ALREADY_SENT = gettext_lazy("Channel: this message has already been sent by %(channel)s.")
NO_RECIPIENTS = gettext_lazy(
    "Channel: nobody registered for this incident consented to updates by %(channel)s."
)
NO_GATEWAY = gettext_lazy("Channel: no SMS gateway is configured; send by e-mail instead.")


def recipient_counts(incident: Incident) -> dict[str, int]:
    """How many registered persons receive updates, per channel (counts only)."""
    return update_recipient_counts(incident)


def sendable(message: Message) -> bool:
    return message.status == MessageStatus.PUBLISHED and message.kind in MAILING_KINDS


def mailing_problems(message: Message, channel: str) -> dict[str, list[str]]:
    """Why this message cannot be sent on this channel (empty: it can)."""
    errors: dict[str, list[str]] = {}
    if channel not in MailChannel.values:
        return {"channel": [str(UNKNOWN_CHANNEL)]}
    label = MailChannel(channel).label
    if message.status != MessageStatus.PUBLISHED:
        errors["message"] = [str(NOT_PUBLISHED)]
    elif message.kind not in MAILING_KINDS:
        errors["message"] = [str(WRONG_KIND % {"kind": MessageKind(message.kind).label})]
    elif Mailing.objects.filter(message=message, channel=channel).exists():
        errors["channel"] = [str(ALREADY_SENT % {"channel": label})]
    elif (
        channel == MailChannel.SMS
        and not sms_enabled()
        and not message.incident.is_exercise  # an exercise's SMS goes nowhere anyway
    ):
        errors["channel"] = [str(NO_GATEWAY)]
    return errors


def mailing_create(*, message: Message, channel: str, actor: AnyUser) -> Mailing:
    """Send a published message on one channel to every registered person of its incident
    who consented (one item each), once per channel; the items go to the worker after
    commit. Only those who may communicate in the incident (403); a closed incident's
    messages are not sent (400)."""
    user = core_access.authenticated(actor)
    with transaction.atomic():
        incident = _locked(message.incident)
        core_access.require(can_communicate(user, incident))
        require_open(incident)
        message = Message.objects.select_for_update().select_related("incident").get(pk=message.pk)
        errors = mailing_problems(message, channel)
        if errors:
            raise ValidationError(errors)
        recipients = update_recipient_ids(incident, channel)
        if not recipients:
            label = MailChannel(channel).label
            raise ValidationError({"channel": [str(NO_RECIPIENTS % {"channel": label})]})
        now = timezone.now()
        try:
            with transaction.atomic():
                mailing = Mailing.objects.create(
                    message=message,
                    channel=channel,
                    created_at=now,
                    created_by=user,
                    is_exercise=incident.is_exercise,
                )
        except IntegrityError:
            label = MailChannel(channel).label
            raise ValidationError({"channel": [str(ALREADY_SENT % {"channel": label})]}) from None
        if incident.is_exercise:
            status, error = ItemStatus.SKIPPED, EXERCISE_NOT_SENT
        else:
            status, error = ItemStatus.QUEUED, ""
        MailingItem.objects.bulk_create(
            (
                MailingItem(
                    mailing=mailing, person_id=pk, status=status, last_error=error, due_at=now
                )
                for pk in recipients
            ),
            batch_size=1000,
        )
        audit_record(
            actor=user,
            action=AuditAction.MAILING_CREATE,
            obj=mailing,
            region=incident.region,
            changes={
                "message": message.pk,
                "channel": channel,
                "recipients": len(recipients),
                "exercise": incident.is_exercise,
            },
            note="OEFENING — niet verzonden" if incident.is_exercise else "",
        )
        if not incident.is_exercise:
            mailing_id = mailing.pk
            transaction.on_commit(lambda: _enqueue(mailing_id))
    return mailing


def _enqueue(mailing_id: int) -> None:
    from oranje.communication.tasks import enqueue_items

    enqueue_items(
        list(
            MailingItem.objects.filter(mailing_id=mailing_id, status=ItemStatus.QUEUED).values_list(
                "pk", flat=True
            )
        )
    )


@dataclass(frozen=True)
class MailingCounts:
    """A mailing's items by state (counts only)."""

    mailing: Mailing
    queued: int
    sending: int
    sent: int
    failed: int
    skipped: int

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.sent + self.failed + self.skipped

    @property
    def busy(self) -> bool:
        return bool(self.queued or self.sending)


def _counted(mailings: list[Mailing]) -> list[MailingCounts]:
    rows = (
        MailingItem.objects.filter(mailing__in=mailings)
        .values("mailing_id")
        .annotate(
            queued=Count("pk", filter=Q(status=ItemStatus.QUEUED)),
            sending=Count("pk", filter=Q(status=ItemStatus.SENDING)),
            sent=Count("pk", filter=Q(status=ItemStatus.SENT)),
            failed=Count("pk", filter=Q(status=ItemStatus.FAILED)),
            skipped=Count("pk", filter=Q(status=ItemStatus.SKIPPED)),
        )
    )
    by_id = {row["mailing_id"]: row for row in rows}
    empty = {"queued": 0, "sending": 0, "sent": 0, "failed": 0, "skipped": 0}
    out = []
    for m in mailings:
        row = by_id.get(m.pk, empty)
        out.append(
            MailingCounts(
                mailing=m,
                queued=row["queued"],
                sending=row["sending"],
                sent=row["sent"],
                failed=row["failed"],
                skipped=row["skipped"],
            )
        )
    return out


def message_mailings(message: Message) -> list[MailingCounts]:
    """The message's mailings (per channel) with their counts, newest first."""
    return _counted(list(Mailing.objects.filter(message=message).select_related("created_by")))


def incident_mailings(incident: Incident) -> list[MailingCounts]:
    """Every mailing of the incident with its counts, newest first."""
    return _counted(
        list(
            Mailing.objects.filter(message__incident=incident).select_related(
                "message", "created_by"
            )
        )
    )
