"""Background work of the alerting room, run by `oranje worker`: delivering alert messages
(with retries) and running escalation timers. Thin: the decisions live in services."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from oranje.alerting import services
from oranje.alerting.channels import ChannelError, Message, send_emails, send_sms
from oranje.alerting.constants import DELIVERY_RETRY_DELAYS, Channel, DeliveryStatus
from oranje.alerting.models import Delivery

log = logging.getLogger(__name__)
#: Deliveries per task: one SMTP connection carries a batch.
BATCH = 100


def enqueue_deliveries(delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), BATCH):
        deliver.enqueue(delivery_ids[start : start + BATCH])


def _texts(delivery: Delivery) -> tuple[str, str, str]:
    """Subject, mail text and SMS text. An exercise says OEFENING in all three."""
    alert = delivery.alert
    call = alert.call
    incident = call.incident
    link = settings.SITE_URL + reverse("alerting:alert_answer", args=[services.answer_token(alert)])
    tag = _("EXERCISE") + " " if incident.is_exercise else ""
    subject = _("%(tag)sALERT %(function)s: %(title)s") % {
        "tag": tag,
        "function": call.function.code,
        "title": incident.title,
    }
    text = _(
        "%(tag)sALERT — you are alerted as %(function)s for: %(title)s, %(place)s.\n\n"
        "Can you come, and in how many minutes can you be there? Answer here:\n%(link)s\n\n"
        "The link works once, for %(hours)s hours. You can also answer in Oranje under "
        "'My alerts'."
    ) % {
        "tag": tag,
        "function": call.function.name,
        "title": incident.title,
        "place": incident.location_text or call.municipality.name,
        "link": link,
        "hours": settings.ALERT_LINK_HOURS,
    }
    if incident.is_exercise:
        text += "\n\n" + _("This is an EXERCISE. Not a real incident.")
    sms = _("%(tag)sALERT %(function)s: %(title)s. Coming? %(link)s") % {
        "tag": tag,
        "function": call.function.code,
        "title": incident.title[:60],
        "link": link,
    }
    return subject, text, sms


@task()
def deliver(delivery_ids: list[int]) -> int:
    """Send the pending deliveries; retry failures later, and mark the final failure."""
    pending = list(
        Delivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PENDING).select_related(
            "alert__person",
            "alert__call__incident",
            "alert__call__function",
            "alert__call__municipality",
        )
    )
    errors: dict[int, str] = {}
    mails: list[Message] = []
    with override(settings.LANGUAGE_CODE):
        for d in pending:
            subject, text, sms = _texts(d)
            if d.channel == Channel.EMAIL:
                mails.append(Message(d.pk, d.address, subject, text))
            elif d.channel == Channel.SMS:
                try:
                    send_sms(d.address, sms)
                except ChannelError as exc:
                    errors[d.pk] = str(exc)
        errors.update(send_emails(mails))
    retry: list[int] = []
    attempts = {d.pk: d.attempts for d in pending}
    for d in pending:
        error = errors.get(d.pk)
        final = attempts[d.pk] + 1 > len(DELIVERY_RETRY_DELAYS)
        services.delivery_result(delivery_id=d.pk, error=error, final=final)
        if error is not None:
            log.warning("alert delivery %s (%s) failed: %s", d.pk, d.channel, error)
            if not final:
                retry.append(d.pk)
    if retry:
        # All retried deliveries of this batch share a try count within a step or two.
        tries = min(attempts[pk] for pk in retry)
        delay = DELIVERY_RETRY_DELAYS[min(tries, len(DELIVERY_RETRY_DELAYS) - 1)]
        deliver.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(retry)
    return len(pending) - len(errors)


@task()
def escalate_call(call_id: int, due_iso: str) -> bool:
    """An escalation timer went off."""
    return services.call_escalate(call_id=call_id, due_at=dt.datetime.fromisoformat(due_iso))
