"""Background work of the readiness room (run by `oranje worker`). Thin wrappers: the
decisions live in services; these send mail and record what happened."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from oranje.core.validation import local_zone
from oranje.readiness.models import AlarmRecipient, AlarmTest
from oranje.readiness.services import (
    alarm_link_token,
    reminder_claim,
    reminder_recipients,
    reminders_due,
)

log = logging.getLogger(__name__)
DAILY_AT = dt.time(7, 0)


@task()
def send_alarm_test(test_id: int) -> int:
    """Mail every recipient of an alarm test their personal response link."""
    test = AlarmTest.objects.get(pk=test_id)
    sent = 0
    with override(settings.LANGUAGE_CODE):
        for recipient in test.recipients.filter(sent_at__isnull=True).select_related(
            "person", "function"
        ):
            link = settings.SITE_URL + reverse(
                "readiness:alarm_respond", kwargs={"token": alarm_link_token(recipient)}
            )
            subject = _("TEST ALARM %(function)s — this is a test, not a real incident") % {
                "function": recipient.function.code
            }
            body = _(
                "TEST ALARM — this is an unannounced alarm test, not a real incident.\n\n"
                "You are on call as %(function)s. Answer within minutes, as you would in a real "
                "alarm: can you come, and in how many minutes can you be there?\n\n%(link)s\n\n"
                "%(message)s\n\nThe link works once and for 24 hours."
            ) % {"function": recipient.function.name, "link": link, "message": test.message}
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.person.email])
            except OSError as exc:  # SMTP down or refusing: visible in the test report
                AlarmRecipient.objects.filter(pk=recipient.pk).update(delivery_error=str(exc)[:255])
                # The reason is on the recipient; no address in a log (person data).
                log.warning(
                    "alarm test %s: mail to recipient %s failed (%s)",
                    test_id,
                    recipient.pk,
                    type(exc).__name__,
                )
                continue
            AlarmRecipient.objects.filter(pk=recipient.pk).update(
                sent_at=timezone.now(), delivery_error=""
            )
            sent += 1
    return sent


@task()
def send_lapse_reminders(today_iso: str | None = None) -> int:
    """Mail reminders for qualifications lapsing within 90 and within 30 days, once each."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    sent = 0
    with override(settings.LANGUAGE_CODE):
        for qualification, days in reminders_due(today):
            recipients = reminder_recipients(qualification)
            if not reminder_claim(qualification, days, recipients):
                continue
            assert qualification.qualified_until is not None
            subject = _("Qualification %(function)s of %(person)s lapses on %(date)s") % {
                "function": qualification.function.code,
                "person": qualification.person.full_name,
                "date": date_format(qualification.qualified_until, "j-n-Y"),
            }
            body = _(
                "The qualification of %(person)s for %(function)s lapses on %(date)s, in %(days)s "
                "days or less. See the readiness passport for what is needed:\n%(link)s"
            ) % {
                "person": qualification.person.full_name,
                "function": qualification.function.name,
                "date": date_format(qualification.qualified_until, "j-n-Y"),
                "days": days,
                "link": settings.SITE_URL
                + reverse("readiness:passport", args=[qualification.person_id]),
            }
            try:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            except OSError as exc:
                # Not acknowledged to anyone: release the claim so the next run tries again.
                from oranje.readiness.models import ReminderSent

                ReminderSent.objects.filter(
                    person_id=qualification.person_id,
                    function_id=qualification.function_id,
                    qualified_until=qualification.qualified_until,
                    days_before=days,
                ).delete()
                log.warning(
                    "reminder for qualification %s failed (%s)",
                    qualification.pk,
                    type(exc).__name__,
                )
                continue
            sent += 1
    return sent


def next_daily_run(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now or timezone.now(), local_zone())
    run = now.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    return run if run > now else run + dt.timedelta(days=1)


@task()
def readiness_daily() -> int:
    """The daily round: send due reminders, then schedule tomorrow's round."""
    sent = send_lapse_reminders.call()
    transaction.on_commit(lambda: readiness_daily.using(run_after=next_daily_run()).enqueue())
    return sent


def ensure_daily_scheduled() -> None:
    """Worker upkeep: the daily round is always in the queue (once)."""
    from django_tasks_db.models import DBTaskResult

    path = f"{readiness_daily.func.__module__}.{readiness_daily.func.__qualname__}"
    pending = DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
    if not pending.exists():
        readiness_daily.using(run_after=next_daily_run()).enqueue()
