"""Sending a mailing's items so that none is lost and none is recorded twice, whatever dies
when — the same claim-with-lease as the alerting room's deliveries (`alerting.delivery`).

Each item (one message to one registered person on one channel) goes queued → sending → sent,
failed or not sent:

- *claim*: a worker moves the due queued items of its batch to `sending` under its worker id
  for a lease (`claimed_until`), counting the try in `attempts`;
- *address and send*: the address is asked from the registry at this moment
  (`registry.services.updates.update_address`) — a person who withdrew consent since is not
  sent to (not sent, with the reason) — and the message goes to SMTP or the SMS gateway. Any
  error while building or sending is a failure of that item, never of the batch; a message
  that cannot be built is a failure at once (it will not build later);
- *record*: the result is written only while the item is still `sending` under this claim,
  so it is recorded exactly once. A failure is retried after 30 s, 2 and 10 minutes, then
  it is failed for good, with its reason.

A worker killed between claim and record leaves its items `sending`; once the lease ran out
and its heartbeat stopped, `communication.reaper` puts them back in the queue. Every resend
carries the same Message-ID (mail) and Idempotency-Key (SMS), made from the item's key, so
the other side can drop a duplicate.

An exercise's items never reach a channel: they are recorded as not sent (oefening).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from oranje.alerting.channels import ChannelError, one_line, send_emails, send_sms
from oranje.alerting.channels import Message as Mail
from oranje.communication.constants import ItemStatus, MailChannel, Relation
from oranje.communication.models import MailingItem, Message
from oranje.communication.services.mailings import EXERCISE_NOT_SENT
from oranje.core import outbox
from oranje.core.worker import current_worker_id
from oranje.registry.services.updates import update_address

log = logging.getLogger(__name__)

#: Seconds before the 2nd, 3rd and 4th try; after the 4th failure the item is failed.
RETRY_DELAYS = (30, 120, 600)
#: An SMS of at most three parts (153 GSM characters each when split).
SMS_MAX = 3 * 153
NO_LONGER = "niet verzonden: geen toestemming of adres meer"


@dataclass
class Outcome:
    """What one task did: sent, failed for good, not sent, and the items to retry."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry: list[int] = field(default_factory=list)
    retry_at: dt.datetime | None = None


def message_id(item: MailingItem) -> str:
    """The Message-ID of every (re)send of this item's mail."""
    return outbox.mail_message_id("mailing", item.key)


def idempotency_key(item: MailingItem) -> str:
    return str(item.key)


def texts(message: Message) -> tuple[str, str, str]:
    """Subject, mail text and SMS text of a message to affected people, in Dutch. The
    subject and SMS are one line: control characters never reach a mail header."""
    with override(settings.LANGUAGE_CODE):
        incident = message.incident
        tag = _("EXERCISE") + " " if incident.is_exercise else ""
        relation = {
            Relation.UPDATE: _("Update") + ": ",
            Relation.CORRECTION: _("Correction") + ": ",
            Relation.CANCEL: _("Withdrawn") + ": ",
        }.get(Relation(message.relation), "")
        title = one_line(message.title)
        if not title:
            raise ValueError(_("the message has no headline"))
        subject = one_line(f"{tag}{relation}{title}")
        parts = [subject, message.text.strip()]
        if message.instruction.strip():
            parts.append(_("What to do:") + "\n" + message.instruction.strip())
        parts.append(
            _(
                "You receive this message from the municipality because you said at the "
                "registration of those affected by %(incident)s that you want updates. No "
                "more updates? Tell the information line or the shelter."
            )
            % {"incident": one_line(incident.title)}
        )
        if incident.is_exercise:
            parts.append(_("This is an EXERCISE. Not a real incident."))
        body = "\n\n".join(parts)
        sms = one_line(f"{subject}. {message.instruction.strip() or message.text.strip()}")
        if len(sms) > SMS_MAX:
            sms = sms[: SMS_MAX - 1].rstrip() + "…"
    return subject, body, sms


def items_claim(ids: Iterable[int], *, claim: str, now: dt.datetime) -> list[int]:
    """queued → sending for those of `ids` that are queued and due (`core.outbox`); returns
    the claimed ids."""
    return outbox.claim_due(
        MailingItem,
        ids,
        queued=ItemStatus.QUEUED,
        sending=ItemStatus.SENDING,
        claim=claim,
        now=now,
    )


def item_record(
    *,
    item_id: int,
    claim: str,
    error: str | None,
    final: bool = False,
    skipped: bool = False,
    now: dt.datetime | None = None,
) -> bool:
    """Record the result of a try, once (`core.outbox.record_result`): only while the item
    is still `sending` under `claim`. Returns whether it was recorded. `skipped`: not sent
    on purpose (`error` says why). A failure that is not `final` goes back to the queue
    after its delay."""
    return outbox.record_result(
        MailingItem,
        item_id=item_id,
        claim=claim,
        error=error,
        final=final,
        now=now or timezone.now(),
        retry_delays=RETRY_DELAYS,
        statuses=(ItemStatus.QUEUED, ItemStatus.SENDING, ItemStatus.SENT, ItemStatus.FAILED),
        skipped=ItemStatus.SKIPPED if skipped else None,
    )


def deliver_items(ids: list[int], *, now: dt.datetime | None = None) -> Outcome:
    """Claim, address, send and record a batch of items (one SMTP connection). Each result
    is recorded as soon as its message is handed over, so a worker killed in the middle of a
    batch resends only the message it was busy with."""
    now = now or timezone.now()
    claim = f"{current_worker_id()}/{get_random_string(6)}"
    claimed = items_claim(ids, claim=claim, now=now)
    batch = {
        item.pk: item
        for item in MailingItem.objects.filter(pk__in=claimed).select_related(
            "mailing__message__incident"
        )
    }
    outcome = Outcome()
    try:
        _send(batch, claim, outcome)
    finally:
        # Whatever was not recorded (an error of this process, not of a channel) goes back
        # to the queue at once instead of waiting for the reaper.
        MailingItem.objects.filter(
            pk__in=list(batch), status=ItemStatus.SENDING, claimed_by=claim
        ).update(status=ItemStatus.QUEUED, claimed_by="", claimed_until=None)
    if outcome.retry:
        outcome.retry_at = (
            MailingItem.objects.filter(pk__in=outcome.retry, status=ItemStatus.QUEUED)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
    return outcome


#: What an address in a channel's error becomes: the room keeps no address, not even there.
ADDRESS_HIDDEN = "[adres]"


def without_address(error: str, address: str) -> str:
    """The error of a channel without the recipient's address (an SMTP refusal names it:
    `{'a@b.nl': (550, b'5.1.1 <a@b.nl> unknown')}`), in any case."""
    if not address:
        return error
    error = re.sub(re.escape(address), ADDRESS_HIDDEN, error, flags=re.IGNORECASE)
    # A channel cuts its error at 255 characters, perhaps in the middle of the address.
    for end in range(len(address) - 1, 2, -1):
        if error.lower().endswith(address[:end].lower()):
            return error[: len(error) - end] + ADDRESS_HIDDEN
    return error


def _send(batch: dict[int, MailingItem], claim: str, outcome: Outcome) -> None:
    addresses: dict[int, str] = {}

    def record(pk: int, error: str | None, *, broken: bool = False) -> None:
        if error is not None:
            error = without_address(error, addresses.get(pk, ""))
        final = broken or batch[pk].attempts > len(RETRY_DELAYS)
        if not item_record(item_id=pk, claim=claim, error=error, final=final):
            return
        if error is None:
            outcome.sent += 1
        elif final:
            log.warning("mailing item %s failed: %s", pk, error)
            outcome.failed += 1
        else:
            outcome.retry.append(pk)

    def skip(pk: int, reason: str) -> None:
        if item_record(item_id=pk, claim=claim, error=reason, skipped=True):
            outcome.skipped += 1

    built: dict[int, tuple[str, str, str] | Exception] = {}
    mails: list[Mail] = []
    for item in batch.values():
        mailing = item.mailing
        message = mailing.message
        if mailing.is_exercise or message.incident.is_exercise:
            skip(item.pk, EXERCISE_NOT_SENT)  # never to a real address
            continue
        if message.pk not in built:
            try:
                built[message.pk] = texts(message)
            except Exception as exc:
                log.exception("mailing text of message %s could not be built", message.pk)
                built[message.pk] = exc
        words = built[message.pk]
        if isinstance(words, Exception):
            with override(settings.LANGUAGE_CODE):
                reason = _("The message could not be built: %(error)s") % {"error": words}
            record(item.pk, reason, broken=True)
            continue
        subject, body, sms = words
        try:
            address = update_address(item.person_id, mailing.channel)
        except Exception as exc:
            log.exception("address of mailing item %s", item.pk)
            record(item.pk, f"registratie: {exc}")
            continue
        if address is not None:
            addresses[item.pk] = address
        if address is None:
            skip(item.pk, NO_LONGER)
        elif mailing.channel == MailChannel.MAIL:
            mails.append(Mail(item.pk, address, subject, body, message_id=message_id(item)))
        else:
            try:
                send_sms(address, sms, key=idempotency_key(item))
            except ChannelError as exc:
                record(item.pk, str(exc))
            except Exception as exc:
                log.exception("SMS of mailing item %s failed", item.pk)
                record(item.pk, f"SMS: {exc}")
            else:
                record(item.pk, None)
    send_emails(mails, after=record)
