"""Newsletters to the affected households that consented (the IAC's cases with
`newsletter_consent`; who exactly: `aftercare.selectors_newsletters`).

A newsletter is written as a draft (`newsletter_save`) and sent once (`newsletter_send`): one
transaction marks it sent and makes one `NewsletterItem` per household — by e-mail when the
household has an address for it, else a printed letter (PDF, `aftercare.letters`). The
mails go to the worker after the commit (`aftercare.delivery`); the letters are printed by
the IAC. An exercise's newsletter reaches nobody: every item is recorded at once as not
sent, and the delivery refuses an exercise's item again. Only the IAC (the aftercare role of
the region and the head of the aftercare, `aftercare.access.can_iac`) writes and sends; the
audit entries hold counts and the subject, never a name or an address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oranje.aftercare.access import can_iac
from oranje.aftercare.constants import (
    BODY_MAX,
    TITLE_MAX,
    ItemChannel,
    ItemStatus,
    NewsletterStatus,
)
from oranje.aftercare.models import Newsletter, NewsletterItem
from oranje.aftercare.selectors_newsletters import letter_items, recipients
from oranje.alerting.channels import one_line
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.text import neutralise_bidi
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

#: What an exercise's items say (the worker's reasons are Dutch, as the other rooms').
EXERCISE_NOT_SENT = "niet verzonden (oefening)"

SUBJECT_EMPTY = gettext_lazy("Subject: write a subject.")
SUBJECT_LONG = gettext_lazy("Subject: at most %(max)s characters.")
BODY_EMPTY = gettext_lazy("Text: write the text of the newsletter.")
BODY_LONG = gettext_lazy("Text: at most %(max)s characters.")
ALREADY_SENT = gettext_lazy(
    "Newsletter: this newsletter was already sent on %(when)s; it is sent only once. "
    "Write a new one for new news."
)
NOT_OURS = gettext_lazy("Newsletter: this newsletter belongs to another incident.")
NOBODY = gettext_lazy(
    "Recipients: no household of this incident wants the newsletter and has an e-mail or "
    "postal address."
)


def _clean(subject: str, body: str) -> tuple[str, str]:
    subject = one_line(neutralise_bidi(subject or ""))
    body = neutralise_bidi(body or "").replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [str(SUBJECT_EMPTY)]
    elif len(subject) > TITLE_MAX:
        errors["subject"] = [str(SUBJECT_LONG % {"max": TITLE_MAX})]
    if not body:
        errors["body"] = [str(BODY_EMPTY)]
    elif len(body) > BODY_MAX:
        errors["body"] = [str(BODY_LONG % {"max": BODY_MAX})]
    if errors:
        raise ValidationError(errors)
    return subject, body


def _when(newsletter: Newsletter) -> str:
    from django.utils.formats import date_format

    moment = newsletter.sent_at or timezone.now()
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def _already_sent(newsletter: Newsletter) -> ValidationError:
    return ValidationError({"newsletter": [str(ALREADY_SENT % {"when": _when(newsletter)})]})


def newsletter_save(
    *,
    actor: AnyUser,
    incident: Incident,
    subject: str,
    body: str,
    newsletter: Newsletter | None = None,
) -> Newsletter:
    """Write a new draft (`newsletter` None) or change a draft. Only the IAC (403); a closed
    incident's newsletters do not change (400); a sent newsletter never changes (400)."""
    user = core_access.authenticated(actor)
    core_access.require(can_iac(user, incident))
    subject, body = _clean(subject, body)
    with transaction.atomic():
        require_open(incident)
        now = timezone.now()
        if newsletter is None:
            newsletter = Newsletter.objects.create(
                incident=incident, subject=subject, body=body, created_at=now, created_by=user
            )
            changed = ["subject", "body"]
        else:
            if newsletter.incident_id != incident.pk:
                raise ValidationError({"newsletter": [str(NOT_OURS)]})
            newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
            if newsletter.status != NewsletterStatus.DRAFT:
                raise ValidationError(
                    {"newsletter": [str(ALREADY_SENT % {"when": _when(newsletter)})]}
                )
            changed = [
                name
                for name, value in (("subject", subject), ("body", body))
                if getattr(newsletter, name) != value
            ]
            newsletter.subject, newsletter.body = subject, body
            newsletter.save(update_fields=["subject", "body"])
        audit_record(
            actor=user,
            action=AuditAction.NEWSLETTER_SAVE,
            obj=newsletter,
            region=incident.region,
            changes={"fields": changed, "subject": subject},
        )
    return newsletter


@dataclass(frozen=True)
class Sent:
    """What sending made: households by e-mail and by letter, and those unreachable."""

    newsletter: Newsletter
    mail: int
    letter: int
    unreachable: int
    exercise: bool


def newsletter_send(*, actor: AnyUser, newsletter: Newsletter) -> Sent:
    """Send a draft to every household of its incident that wants the newsletter, once.
    A real incident's mails are queued for the worker (after commit) and its letters are
    ready to print; an exercise's items are all recorded as not sent."""
    user = core_access.authenticated(actor)
    incident = newsletter.incident
    core_access.require(can_iac(user, incident))
    with transaction.atomic():
        require_open(incident)
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if newsletter.status != NewsletterStatus.DRAFT:
            raise _already_sent(newsletter)
        found = recipients(incident)
        if not found.total:
            raise ValidationError({"recipients": [str(NOBODY)]})
        now = timezone.now()
        exercise = incident.is_exercise

        def item(case_id: int, channel: str) -> NewsletterItem:
            if exercise:
                status, error = ItemStatus.NOT_SENT, EXERCISE_NOT_SENT
            elif channel == ItemChannel.LETTER:
                status, error = ItemStatus.LETTER, ""
            else:
                status, error = ItemStatus.QUEUED, ""
            return NewsletterItem(
                newsletter=newsletter,
                case_id=case_id,
                channel=channel,
                status=status,
                last_error=error,
                due_at=now,
            )

        try:
            with transaction.atomic():
                NewsletterItem.objects.bulk_create(
                    [item(c.pk, ItemChannel.MAIL) for c in found.mail]
                    + [item(c.pk, ItemChannel.LETTER) for c in found.letter],
                    batch_size=1000,
                )
        except IntegrityError:  # a second send that raced this one (once per household)
            raise _already_sent(newsletter) from None
        newsletter.status, newsletter.sent_at, newsletter.sent_by = NewsletterStatus.SENT, now, user
        newsletter.save(update_fields=["status", "sent_at", "sent_by"])
        audit_record(
            actor=user,
            action=AuditAction.NEWSLETTER_SEND,
            obj=newsletter,
            region=incident.region,
            changes={
                "mail": len(found.mail),
                "letter": len(found.letter),
                "unreachable": len(found.unreachable),
                "exercise": exercise,
            },
            note="OEFENING — niet verzonden" if exercise else "",
        )
        if not exercise and found.mail:
            newsletter_id = newsletter.pk
            transaction.on_commit(lambda: _enqueue(newsletter_id))
    return Sent(newsletter, len(found.mail), len(found.letter), len(found.unreachable), exercise)


def _enqueue(newsletter_id: int) -> None:
    from oranje.aftercare.tasks import enqueue_items

    enqueue_items(
        list(
            NewsletterItem.objects.filter(
                newsletter_id=newsletter_id, status=ItemStatus.QUEUED
            ).values_list("pk", flat=True)
        )
    )


def newsletter_letters(*, actor: AnyUser, newsletter: Newsletter) -> tuple[bytes, int]:
    """The printed letters (PDF) and how many: for a sent newsletter the households it gave
    a letter, for a draft a preview (CONCEPT) for those who would get one now. A household
    that withdrew its consent or was anonymised since gets none. Audited: the letters hold
    names and addresses."""
    from oranje.aftercare.letters import letters_pdf

    user = core_access.authenticated(actor)
    incident = newsletter.incident
    core_access.require(can_iac(user, incident))
    draft = newsletter.status == NewsletterStatus.DRAFT
    if draft:
        cases = recipients(incident).letter
    else:
        cases = [
            item.case
            for item in letter_items(newsletter)
            if item.case.newsletter_consent and item.case.anonymised_at is None
        ]
    document = letters_pdf(newsletter, cases, draft=draft)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.NEWSLETTER_LETTERS,
            obj=newsletter,
            region=incident.region,
            changes={"letters": len(cases), "draft": draft, "exercise": incident.is_exercise},
            note="OEFENING" if incident.is_exercise else "",
        )
    return document, len(cases)
