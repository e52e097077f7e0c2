"""Background work of the one-hour drill (run by `oranje worker`): the assignment goes out by
mail, and by SMS when the gateway is set. Every message says OEFENING/TEST.

Idempotent: the task claims the drill by setting `sent_at` only while it is empty, so a
second run (a retry, a second worker) sends nothing. A failed mail releases the claim and
records the error on the drill, where the coordinator sees it and can send again. The SMS is
an extra: its failure is recorded next to a delivered mail, and does not undo it.

The readiness room may not import alerting's channels (alerting sits above it), so the SMS
is handed to the same HTTP gateway here, in the gateway's documented form (settings.py)."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

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


def _send_sms(to: str, text: str, key: str) -> str:
    """Hand one SMS to the gateway; the error as text, or "" when it was accepted."""
    url = settings.SMS_GATEWAY_URL
    if not url.startswith(("https://", "http://")):
        return "SMS-gateway: adres moet met http:// of https:// beginnen"
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=json.dumps(
            {"to": to, "from": settings.SMS_SENDER, "text": text, "idempotency_key": key}
        ).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            "Idempotency-Key": key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        return f"SMS-gateway antwoordde {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"SMS-gateway onbereikbaar: {getattr(exc, 'reason', exc)}"[:255]
    return ""


@task()
def send_drill(drill_id: int) -> bool:
    """Send a drill's assignment to its person; True when the mail was handed over now."""
    now = timezone.now()
    if not Drill.objects.filter(pk=drill_id, sent_at__isnull=True).update(sent_at=now):
        return False  # already sent (or gone): never twice
    drill = Drill.objects.select_related("person", "function").get(pk=drill_id)
    with override(settings.LANGUAGE_CODE):
        subject, body, sms = drill_texts(drill)
    try:
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [drill.person.email],
            headers={"X-Priority": "1", "Importance": "high"},
        ).send()
    except Exception as exc:  # SMTP down or refusing: the claim is released, the error shown
        error = f"E-mail: {exc}"[:255]
        Drill.objects.filter(pk=drill_id).update(sent_at=None, delivery_error=error)
        log.warning("drill %s: mail to %s failed: %s", drill_id, drill.person.email, exc)
        return False
    error = ""
    if settings.SMS_GATEWAY_URL and drill.person.phone and is_mobile(drill.person.phone):
        error = _send_sms(drill.person.phone, sms, f"drill-{drill.pk}")
        if error:
            log.warning("drill %s: SMS failed: %s", drill_id, error)
    Drill.objects.filter(pk=drill_id).update(delivery_error=error)
    return True
