"""Background work of the one-hour drill (run by `oranje worker`): the assignment goes out by
mail, and by SMS when the gateway is set; the assessment goes to the person by mail. Every
message says OEFENING/TEST.

At least once and never lost (see `send_drill`): a drill is marked sent only after its mail
went, so a run killed in between sends again when the worker reclaims the task; a drill
marked sent is never sent again. The SMS is an extra: its failure is recorded next to a
delivered mail, and does not undo it.

The SMS goes through the gateway adapter in `core.sms`, as alerting's do."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from oranje.core import outbox
from oranje.core.sms import SmsError, post_sms, sms_enabled
from oranje.core.validation import is_mobile
from oranje.readiness.models import Drill
from oranje.readiness.services.drills import drill_link_token

log = logging.getLogger(__name__)


def drill_texts(drill: Drill) -> tuple[str, str, str]:
    """Subject, mail text and SMS text of a drill, all marked OEFENING/TEST."""
    link = settings.SITE_URL + reverse("readiness:drill_respond", args=[drill_link_token(drill)])
    deadline = date_format(timezone.localtime(drill.deadline), "j-n-Y H:i")
    minutes = round((drill.deadline - drill.created_at).total_seconds() / 60)
    subject = _("EXERCISE/TEST — one-hour drill %(function)s, deadline %(deadline)s") % {
        "function": drill.function.code,
        "deadline": deadline,
    }
    body = _(
        "EXERCISE/TEST — this is an unannounced one-hour drill, not a real incident.\n\n"
        "You are drilled as %(function)s. You have until %(deadline)s (%(minutes)s minutes) to "
        "arrange the following for population care:\n\n%(assignment)s\n\n"
        "Arrange it as you would in a real incident, then report back here what you arranged:"
        "\n%(link)s\n\nA report after the deadline is still accepted, marked late."
    ) % {
        "function": drill.function.name,
        "deadline": deadline,
        "minutes": minutes,
        "assignment": drill.assignment,
        "link": link,
    }
    sms = _("EXERCISE/TEST one-hour drill %(function)s, deadline %(deadline)s. Read: %(link)s") % {
        "function": drill.function.code,
        "deadline": deadline,
        "link": link,
    }
    return " ".join(subject.split()), body, sms


@task()
def send_drill(drill_id: int) -> bool:
    """Send a drill's assignment to its person; True when it was handed over now.

    At least once, never lost: the mail goes out *before* the drill is marked sent, so a
    worker killed in between sends it again when the task is run again (the worker reclaims
    it), with the same Message-ID and SMS key so the other side can drop the duplicate; a
    drill marked sent is never sent again. A failed mail leaves the drill unsent with the
    error, where the coordinator sees it and sends it again."""
    drill = (
        Drill.objects.select_related("person", "function")
        .filter(pk=drill_id, sent_at__isnull=True)
        .first()
    )
    if drill is None:
        return False  # already sent (or gone): never twice
    with override(settings.LANGUAGE_CODE):
        subject, body, sms = drill_texts(drill)
    try:
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [drill.person.email],
            headers={
                "X-Priority": "1",
                "Importance": "high",
                "Message-ID": outbox.mail_message_id("drill", str(drill.pk)),
            },
        ).send()
    except Exception as exc:  # SMTP down or refusing: the error is shown, sending again works
        error = f"E-mail: {exc}"[:255]
        Drill.objects.filter(pk=drill_id, sent_at__isnull=True).update(delivery_error=error)
        # No address and no server reply in a log: a refusal quotes the address.
        log.warning("drill %s: mail failed (%s)", drill_id, type(exc).__name__)
        return False
    error = ""
    if sms_enabled() and drill.person.phone and is_mobile(drill.person.phone):
        try:
            post_sms(drill.person.phone, sms, key=f"drill-{drill.pk}")
        except SmsError as exc:  # the mail went: the SMS failure is shown beside it
            error = str(exc)
            log.warning("drill %s: SMS failed: %s", drill_id, error)
    marked = Drill.objects.filter(pk=drill_id, sent_at__isnull=True).update(
        sent_at=timezone.now(), delivery_error=error
    )
    return bool(marked)


def assessment_texts(drill: Drill) -> tuple[str, str]:
    """Subject and mail text of a drill's assessment, marked OEFENING/TEST, with a fresh
    link to the person's page (it shows the assessment too)."""
    link = settings.SITE_URL + reverse("readiness:drill_respond", args=[drill_link_token(drill)])
    subject = _("EXERCISE/TEST — assessment of your one-hour drill %(function)s") % {
        "function": drill.function.code,
    }
    if drill.reported_at is None:
        intro = _("You did not report back on this assignment before the deadline.")
    else:
        intro = _("Your coordinator has assessed what you reported back.")
    body = _(
        "EXERCISE/TEST — this was an unannounced one-hour drill, not a real incident.\n\n"
        "%(intro)s\n\nAssignment (%(function)s, sent %(sent)s):\n%(assignment)s\n\n"
        "Assessment: %(assessment)s\n%(note)s\n\nYou can read it again here:\n%(link)s"
    ) % {
        "intro": intro,
        "function": drill.function.name,
        "sent": date_format(timezone.localtime(drill.created_at), "j-n-Y H:i"),
        "assignment": drill.assignment,
        "assessment": drill.get_assessment_display(),
        "note": drill.assessment_note,
        "link": link,
    }
    return " ".join(subject.split()), body


@task()
def send_drill_assessment(drill_id: int) -> bool:
    """Mail a drill's assessment to its person; True when it was handed over now.

    Once per assessment: the mail goes out before `assessment_mailed_at` is set, and only
    while it is empty or older than the assessment (a corrected assessment is mailed again).
    A rerun of the same assessment uses the same Message-ID, so the other side can drop the
    duplicate. A failed mail is logged and leaves the drill unmailed (its page says so)."""
    drill = (
        Drill.objects.select_related("person", "function")
        .filter(pk=drill_id, assessed_at__isnull=False)
        .filter(Q(assessment_mailed_at__isnull=True) | Q(assessment_mailed_at__lt=F("assessed_at")))
        .first()
    )
    if drill is None or drill.assessed_at is None or not drill.person.email:
        return False  # not assessed, already mailed, or nowhere to send it
    assessed_at = drill.assessed_at
    with override(settings.LANGUAGE_CODE):
        subject, body = assessment_texts(drill)
    key = f"{drill.pk}-{int(assessed_at.timestamp() * 1_000_000)}"
    try:
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [drill.person.email],
            headers={"Message-ID": outbox.mail_message_id("drill-assessment", key)},
        ).send()
    except Exception as exc:  # SMTP down or refusing: the drill's page shows "not mailed"
        log.warning("drill %s: assessment mail failed (%s)", drill_id, type(exc).__name__)
        return False
    marked = Drill.objects.filter(pk=drill_id, assessed_at=assessed_at).update(
        assessment_mailed_at=timezone.now()
    )
    return bool(marked)
