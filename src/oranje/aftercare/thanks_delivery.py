"""Sending a thank-you's items so that none is lost and none is recorded twice, whatever dies
when — the claim-with-lease of every outbox (`core.outbox`), as the communication room's
mailings (`communication.delivery`).

Each item (the thank-you to one functionary on one channel) goes queued → sending → sent or
failed:

- *claim*: a worker moves the due queued items of its batch to `sending` under its claim for
  a lease, counting the try in `attempts`;
- *address and send*: the functionary's address is read from the organisation at this moment
  (an address changed since the click is used; one removed fails the item with the reason),
  and the message goes to SMTP or, by the alerting room's SMS gateway, as an SMS. Any error
  while building or sending fails that item, never the batch;
- *record*: the result is written only while the item is still `sending` under this claim,
  so it is recorded exactly once. A failure is retried after 30 s, 2 and 10 minutes, then it
  is failed for good, with its reason (without the address).

A worker killed between claim and record leaves its items `sending`; `aftercare.thanks_reaper`
puts them back once the lease ran out. Every resend carries the same Message-ID (mail) and
Idempotency-Key (SMS), made from the item's key, so the other side can drop a duplicate.

An exercise's thank-you is sent (internal, to the staff): its subject starts with OEFENING.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from oranje.aftercare.constants import ItemChannel, ItemStatus
from oranje.aftercare.models import ThankYou, ThankYouItem
from oranje.aftercare.selectors_people import thanks_recipients
from oranje.alerting.channels import ChannelError, one_line, send_emails, send_sms, sms_enabled
from oranje.alerting.channels import Message as Mail
from oranje.communication.delivery import without_address
from oranje.core import outbox
from oranje.core.validation import is_mobile
from oranje.core.worker import current_worker_id
from oranje.organisation.models import Person

log = logging.getLogger(__name__)

#: Seconds before the 2nd, 3rd and 4th try; after the 4th failure the item is failed.
RETRY_DELAYS = (30, 120, 600)
#: An SMS of at most three parts.
SMS_MAX = 3 * 153
NO_ADDRESS = "geen e-mailadres of mobiel nummer meer"
NO_GATEWAY = "SMS-gateway niet ingesteld"


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    retry: list[int] = field(default_factory=list)
    retry_at: dt.datetime | None = None


def message_id(item: ThankYouItem) -> str:
    return outbox.mail_message_id("thanks", item.key)


def idempotency_key(item: ThankYouItem) -> str:
    return str(item.key)


def texts(thank_you: ThankYou) -> tuple[str, str, str]:
    """Subject, mail text and SMS text of a thank-you, in Dutch: the lead's text and the
    list of who came (names and functions)."""
    with override(settings.LANGUAGE_CODE):
        incident = thank_you.incident
        tag = _("EXERCISE") + " " if incident.is_exercise else ""
        subject = one_line(
            tag + _("Thank you for your work: %(title)s") % {"title": incident.title}
        )
        came = thanks_recipients(incident, until=thank_you.sent_at)
        lines = [f"- {one_line(r.person.full_name)} ({', '.join(r.functions)})" for r in came]
        parts = [thank_you.text.strip(), _("Who came:") + "\n" + "\n".join(lines)]
        if thank_you.sent_by_name:
            parts.append(_("Sent by %(name)s.") % {"name": one_line(thank_you.sent_by_name)})
        if incident.is_exercise:
            parts.append(_("This was an EXERCISE."))
        body = "\n\n".join(parts)
        count = _("%(n)s people came.") % {"n": len(came)}
        sms = one_line(f"{subject}. {thank_you.text.strip()}")
        room = SMS_MAX - len(count) - 1
        if len(sms) > room:
            sms = sms[: room - 1].rstrip() + "…"
        sms = f"{sms} {count}"
    return subject, body, sms


def items_claim(ids: Iterable[int], *, claim: str, now: dt.datetime) -> list[int]:
    return outbox.claim_due(
        ThankYouItem,
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
    now: dt.datetime | None = None,
) -> bool:
    """Record the result of a try, once (`core.outbox.record_result`): only while the item
    is still `sending` under `claim`. Returns whether it was recorded. A failure that is
    not `final` goes back to the queue after its delay."""
    return outbox.record_result(
        ThankYouItem,
        item_id=item_id,
        claim=claim,
        error=error,
        final=final,
        now=now or timezone.now(),
        retry_delays=RETRY_DELAYS,
        statuses=(ItemStatus.QUEUED, ItemStatus.SENDING, ItemStatus.SENT, ItemStatus.FAILED),
    )


def deliver_items(ids: list[int], *, now: dt.datetime | None = None) -> Outcome:
    """Claim, address, send and record a batch of items (one SMTP connection); each result
    is recorded as soon as its message is handed over."""
    now = now or timezone.now()
    claim = f"{current_worker_id()}/{get_random_string(6)}"
    claimed = items_claim(ids, claim=claim, now=now)
    batch = {
        item.pk: item
        for item in ThankYouItem.objects.filter(pk__in=claimed).select_related(
            "thank_you__incident"
        )
    }
    outcome = Outcome()
    try:
        _send(batch, claim, outcome)
    finally:
        # What was not recorded (an error of this process) goes back to the queue at once.
        ThankYouItem.objects.filter(
            pk__in=list(batch), status=ItemStatus.SENDING, claimed_by=claim
        ).update(status=ItemStatus.QUEUED, claimed_by="", claimed_until=None)
    if outcome.retry:
        outcome.retry_at = (
            ThankYouItem.objects.filter(pk__in=outcome.retry, status=ItemStatus.QUEUED)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
    return outcome


def _address(person_id: int, channel: str) -> str:
    person = Person.objects.filter(pk=person_id).values_list("email", "phone").first()
    if person is None:
        return ""
    email, phone = person
    if channel == ItemChannel.MAIL:
        return email or ""
    return phone if phone and is_mobile(phone) else ""


def _send(batch: dict[int, ThankYouItem], claim: str, outcome: Outcome) -> None:
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
            log.warning("thank-you item %s failed: %s", pk, error)
            outcome.failed += 1
        else:
            outcome.retry.append(pk)

    built: dict[int, tuple[str, str, str] | Exception] = {}
    mails: list[Mail] = []
    for item in batch.values():
        thank_you = item.thank_you
        if thank_you.pk not in built:
            try:
                built[thank_you.pk] = texts(thank_you)
            except Exception as exc:
                log.exception("thank-you %s could not be built", thank_you.pk)
                built[thank_you.pk] = exc
        words = built[thank_you.pk]
        if isinstance(words, Exception):
            record(item.pk, f"bericht niet op te bouwen: {words}", broken=True)
            continue
        subject, body, sms = words
        address = _address(item.person_id, item.channel)
        if not address:
            record(item.pk, NO_ADDRESS, broken=True)
            continue
        addresses[item.pk] = address
        if item.channel == ItemChannel.MAIL:
            mails.append(Mail(item.pk, address, subject, body, message_id=message_id(item)))
        elif not sms_enabled():
            record(item.pk, NO_GATEWAY, broken=True)
        else:
            try:
                send_sms(address, sms, key=idempotency_key(item))
            except ChannelError as exc:
                record(item.pk, str(exc))
            except Exception as exc:
                log.exception("SMS of thank-you item %s failed", item.pk)
                record(item.pk, f"SMS: {exc}")
            else:
                record(item.pk, None)
    send_emails(mails, after=record)
