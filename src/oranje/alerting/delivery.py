"""Sending alert messages so that none is lost, whatever dies when.

Each delivery (one message on one channel) goes queued → sending → sent or failed:

- *claim*: a worker moves the due queued deliveries of its batch to `sending`, under its
  worker id, for a lease (`claimed_until`), counting the try in `attempts`;
- *build and send*: the message is built and handed to SMTP or the SMS gateway. Any
  exception while building or sending is a failure of that delivery, never of the batch;
- *record*: the result is written only while the delivery is still `sending` under this
  claim, so it is recorded exactly once even when a slow worker and the one that took over
  both finish. A failure is retried later; the final failure makes the person unreachable
  when it was their last channel, and the call climbs the ladder at once.

A worker killed between claim and record leaves its deliveries `sending`; once its lease
ran out and its heartbeat stopped, `alerting.reaper` puts them back in the queue and they
are sent again. Sending is therefore at-least-once; every resend of a delivery carries the
same Message-ID (mail) and Idempotency-Key (SMS gateway), so the other side can drop the
duplicate.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from oranje.alerting.channels import ChannelError, Message, one_line, send_emails, send_sms
from oranje.alerting.constants import DELIVERY_RETRY_DELAYS, Answer, Channel, DeliveryStatus
from oranje.alerting.models import Alert, Delivery, FunctionCall
from oranje.core import outbox
from oranje.core.worker import current_worker_id
from oranje.incidents.services import briefing_lines, incident_lock

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one delivery task did: sent, failed for good, to retry at `retry_at`."""

    sent: int = 0
    failed: int = 0
    retry: list[int] | None = None
    retry_at: dt.datetime | None = None


def message_id(delivery: Delivery) -> str:
    """The Message-ID of every (re)send of this delivery's mail."""
    return outbox.mail_message_id("alert", delivery.key)


def idempotency_key(delivery: Delivery) -> str:
    return str(delivery.key)


def texts(delivery: Delivery) -> tuple[str, str, str]:
    """Subject, mail text and SMS text. An exercise says OEFENING in all three. The subject
    and SMS are one line: control characters of a title never reach a mail header."""
    from oranje.alerting.services import answer_token

    alert = delivery.alert
    call = alert.call
    incident = call.incident
    link = settings.SITE_URL + reverse("alerting:alert_answer", args=[answer_token(alert)])
    tag = _("EXERCISE") + " " if incident.is_exercise else ""
    title = one_line(incident.title)
    subject = _("%(tag)sALERT %(function)s: %(title)s") % {
        "tag": tag,
        "function": call.function.code,
        "title": title,
    }
    text = _(
        "%(tag)sALERT — you are alerted as %(function)s for: %(title)s, %(place)s.\n\n"
        "Can you come, and in how many minutes can you be there? Answer here:\n%(link)s\n\n"
        "The link works once, for %(hours)s hours. You can also answer in Oranje under "
        "'My alerts'."
    ) % {
        "tag": tag,
        "function": call.function.name,
        "title": title,
        "place": one_line(incident.location_text) or call.municipality.name,
        "link": link,
        "hours": settings.ALERT_LINK_HOURS,
    }
    # Where to report and whom to call back: set on the incident (incidents room).
    briefing = [one_line(line) for line in briefing_lines(incident)]
    if briefing:
        text += "\n\n" + "\n".join(briefing)
    if incident.is_exercise:
        text += "\n\n" + _("This is an EXERCISE. Not a real incident.")
    sms = _("%(tag)sALERT %(function)s: %(title)s. Coming? %(link)s") % {
        "tag": tag,
        "function": call.function.code,
        "title": title[:60],
        "link": link,
    }
    if briefing:
        sms += " " + " ".join(briefing)
    return one_line(subject), text, sms


def delivery_claim(ids: Iterable[int], *, claim: str, now: dt.datetime) -> list[int]:
    """queued → sending for those of `ids` that are queued and due (`core.outbox`). Returns
    the claimed ids."""
    return outbox.claim_due(
        Delivery,
        ids,
        queued=DeliveryStatus.PENDING,
        sending=DeliveryStatus.SENDING,
        claim=claim,
        now=now,
    )


def delivery_record(
    *, delivery_id: int, claim: str, error: str | None, final: bool, now: dt.datetime | None = None
) -> bool:
    """Record the result of a try, once: only while the delivery is still `sending` under
    `claim`. Returns whether it was recorded. A final failure of an alert's last channel
    makes the person unreachable and lets the call climb."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.status != DeliveryStatus.SENDING or delivery.claimed_by != claim:
            log.warning("delivery %s: result of a lost claim ignored (%s)", delivery_id, claim)
            return False
        delivery.claimed_by, delivery.claimed_until = "", None
        if error is None:
            delivery.status, delivery.sent_at, delivery.last_error = DeliveryStatus.SENT, now, ""
        else:
            delivery.last_error = error[:255]
            if final:
                delivery.status = DeliveryStatus.FAILED
            else:
                tries = min(delivery.attempts, len(DELIVERY_RETRY_DELAYS)) - 1
                delay = DELIVERY_RETRY_DELAYS[max(tries, 0)]
                delivery.status = DeliveryStatus.PENDING
                delivery.due_at = now + dt.timedelta(seconds=delay)
        delivery.save(
            update_fields=[
                "status",
                "sent_at",
                "last_error",
                "due_at",
                "claimed_by",
                "claimed_until",
            ]
        )
        if error is not None and final:
            _unreachable_if_all_failed(delivery.alert_id, now)
    return True


def _unreachable_if_all_failed(alert_id: int, now: dt.datetime) -> None:
    from oranje.alerting.services.ladder import _after_change

    # The incident first, as every write under it (see incident_lock).
    incident_lock(Alert.objects.values_list("call__incident_id", flat=True).get(pk=alert_id))
    alert = Alert.objects.select_for_update().get(pk=alert_id)
    statuses = set(alert.deliveries.values_list("status", flat=True))
    if statuses == {DeliveryStatus.FAILED} and alert.answer == Answer.PENDING:
        alert.unreachable = True
        alert.save(update_fields=["unreachable"])
        call = (
            FunctionCall.objects.select_for_update(of=("self",))
            .select_related("incident", "function", "municipality")
            .get(pk=alert.call_id)
        )
        _after_change(call, now)


def _final(delivery: Delivery) -> bool:
    return delivery.attempts > len(DELIVERY_RETRY_DELAYS)


def deliver_batch(ids: list[int], *, now: dt.datetime | None = None) -> Outcome:
    """Claim, build, send and record a batch of deliveries (one SMTP connection). Each
    result is recorded as soon as its message is handed over, so a worker killed in the
    middle of a batch resends only the message it was busy with."""
    now = now or timezone.now()
    claim = f"{current_worker_id()}/{get_random_string(6)}"
    claimed = delivery_claim(ids, claim=claim, now=now)
    batch = {
        d.pk: d
        for d in Delivery.objects.filter(pk__in=claimed).select_related(
            "alert__person",
            "alert__call__incident",
            "alert__call__function",
            "alert__call__municipality",
        )
    }
    outcome = Outcome(retry=[])
    try:
        _send(batch, claim, outcome)
    finally:
        # Whatever was not recorded (an error of this process, not of a channel) goes back
        # to the queue at once instead of waiting for the reaper.
        Delivery.objects.filter(
            pk__in=list(batch), status=DeliveryStatus.SENDING, claimed_by=claim
        ).update(status=DeliveryStatus.PENDING, claimed_by="", claimed_until=None)
    if outcome.retry:
        outcome.retry_at = (
            Delivery.objects.filter(pk__in=outcome.retry)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
    return outcome


def _send(batch: dict[int, Delivery], claim: str, outcome: Outcome) -> None:
    def record(pk: int, error: str | None, *, broken: bool = False) -> None:
        d = batch[pk]
        final = broken or _final(d)  # a message that cannot be built will not build later
        if not delivery_record(delivery_id=pk, claim=claim, error=error, final=final):
            return
        if error is None:
            outcome.sent += 1
            return
        log.warning("alert delivery %s (%s) failed: %s", pk, d.channel, error)
        if final:
            outcome.failed += 1
        else:
            assert outcome.retry is not None
            outcome.retry.append(pk)

    mails: list[Message] = []
    with override(settings.LANGUAGE_CODE):
        for d in batch.values():
            try:
                subject, text, sms = texts(d)
            except Exception as exc:
                log.exception("alert message for delivery %s could not be built", d.pk)
                error = _("The message could not be built: %(error)s") % {"error": exc}
                record(d.pk, error, broken=True)
                continue
            if d.channel == Channel.EMAIL:
                mails.append(Message(d.pk, d.address, subject, text, message_id=message_id(d)))
            elif d.channel == Channel.SMS:
                try:
                    send_sms(d.address, sms, key=idempotency_key(d))
                except ChannelError as exc:
                    record(d.pk, str(exc))
                except Exception as exc:
                    log.exception("SMS for delivery %s failed", d.pk)
                    record(d.pk, f"SMS: {exc}")
                else:
                    record(d.pk, None)
        send_emails(mails, after=record)
