"""The thank-you to the people who came: one click for a lead (`can_command`), once the acute
phase has ended — before that people are still at work and the list of who came is not
final. It may be sent after the incident closed (that is when it usually goes).

One `ThankYou` with one `ThankYouItem` per person who arrived (once per person, whatever
functions they came for): by e-mail when the functionary has an address, else by SMS to a
mobile number, else nobody (counted as unreachable, no item). The worker sends the items
(`aftercare.thanks_delivery`); the message carries the lead's text and the list of who came
— names and functions only, what the staff already see of each other on the alert board;
the SMS carries the text and how many came.

An exercise's thank-you goes out too: it is internal, to the staff who took part, and its
subject and text say OEFENING. A second thank-you is allowed (a word after the evaluation),
but not within `PAUSE` of the previous one: that is a double click or two leads at once.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.aftercare.constants import NOTE_MAX, ItemStatus
from oranje.aftercare.models import ThankYou, ThankYouItem
from oranje.aftercare.selectors_people import channel_counts, thanks_recipients
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.text import neutralise_bidi
from oranje.incidents.access import can_command
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import _locked

#: No second thank-you within this time of the previous one.
PAUSE = dt.timedelta(minutes=10)

ACUTE_RUNNING = gettext_lazy(
    "Thank-you: the acute phase is still running; send it once the acute phase has ended."
)
TEXT_REQUIRED = gettext_lazy("Text: write a few words of thanks.")
TEXT_TOO_LONG = gettext_lazy("Text: at most %(max)s characters (now %(n)s).")
TEXT_BAD_CHARACTER = gettext_lazy("Text: contains a character that cannot be sent.")
NOBODY = gettext_lazy(
    "Thank-you: nobody who arrived on the alert board has an e-mail address or mobile number."
)
JUST_SENT = gettext_lazy(
    "Thank-you: one was sent at %(time)s; a next one can be sent from %(next)s."
)


def default_text(incident: Incident) -> str:
    """The text the form starts with, in the reader's language."""
    day = date_format(timezone.localtime(incident.started_at), "j F Y")
    if incident.is_exercise:
        return _(
            "Thank you for taking part in the exercise %(title)s on %(day)s. Practising "
            "together is what keeps us ready when it counts."
        ) % {"title": incident.title, "day": day}
    return _(
        "Thank you for your work at %(title)s on %(day)s. You came when it was needed, and "
        "the people affected could count on you."
    ) % {"title": incident.title, "day": day}


def clean_text(text: str) -> str:
    text = neutralise_bidi(text or "").strip()
    if not text:
        raise ValidationError({"text": [str(TEXT_REQUIRED)]})
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": [str(TEXT_TOO_LONG % {"max": NOTE_MAX, "n": len(text)})]})
    if "\x00" in text:
        raise ValidationError({"text": [str(TEXT_BAD_CHARACTER)]})
    return text


def thanks_problem(incident: Incident, now: dt.datetime | None = None) -> str:
    """Why a thank-you cannot be sent now (empty: it can), apart from the text."""
    now = now or timezone.now()
    if incident.acute_ended_at is None:
        return str(ACUTE_RUNNING)
    last = ThankYou.objects.filter(incident=incident).order_by("-sent_at").first()
    if last is not None and last.sent_at > now - PAUSE:
        return str(
            JUST_SENT
            % {
                "time": date_format(timezone.localtime(last.sent_at), "H:i"),
                "next": date_format(timezone.localtime(last.sent_at + PAUSE), "H:i"),
            }
        )
    return ""


def thanks_send(*, actor: AnyUser, incident: Incident, text: str) -> ThankYou:
    """Send the thank-you to everyone who arrived and can be reached; the items go to the
    worker after the commit. For a lead of the incident (403); refused (400, naming the
    field) while the acute phase runs, within `PAUSE` of the previous one, without text,
    or when nobody can be reached."""
    user = core_access.authenticated(actor)
    with transaction.atomic():
        incident = _locked(incident)
        core_access.require(can_command(user, incident))
        body = clean_text(text)
        now = timezone.now()
        problem = thanks_problem(incident, now)
        if problem:
            field = "incident" if incident.acute_ended_at is None else "text"
            raise ValidationError({field: [problem]})
        recipients = thanks_recipients(incident)
        reachable = [r for r in recipients if r.channel]
        if not reachable:
            raise ValidationError({"text": [str(NOBODY)]})
        thank_you = ThankYou.objects.create(
            incident=incident,
            text=body,
            sent_at=now,
            sent_by=user,
            sent_by_name=(user.get_full_name() or user.get_username())[:200],
        )
        ThankYouItem.objects.bulk_create(
            ThankYouItem(
                thank_you=thank_you,
                person=r.person,
                channel=r.channel,
                status=ItemStatus.QUEUED,
                due_at=now,
            )
            for r in reachable
        )
        counts = channel_counts(recipients)
        audit_record(
            actor=user,
            action=AuditAction.THANKS_SEND,
            obj=incident,
            region=incident.region,
            changes={
                "recipients": [None, len(reachable)],
                "mail": counts["mail"],
                "sms": counts["sms"],
                "unreachable": counts["none"],
                "exercise": incident.is_exercise,
            },
            note="OEFENING" if incident.is_exercise else "",
        )
        thank_you_id = thank_you.pk
        transaction.on_commit(lambda: _enqueue(thank_you_id))
    return thank_you


def _enqueue(thank_you_id: int) -> None:
    from oranje.aftercare.thanks_tasks import enqueue_items

    enqueue_items(
        list(
            ThankYouItem.objects.filter(
                thank_you_id=thank_you_id, status=ItemStatus.QUEUED
            ).values_list("pk", flat=True)
        )
    )
