"""Sending a newsletter's e-mails so that none is lost and none is recorded twice, whatever
dies when — the claim-with-lease of every outbox row (`core.outbox`), as the communication
room's mailings (`communication.delivery`).

Each e-mail item (one newsletter to one household) goes queued → sending → sent, failed or
not sent:

- *claim*: a worker moves the due queued items of its batch to `sending` under its worker id
  for a lease (`claimed_until`), counting the try in `attempts`;
- *address and send*: the household's e-mail address is read from its IAC case at this
  moment — a household that withdrew its consent since, or was anonymised, or has no e-mail
  address any more, is not sent to (not sent, with the reason) — and the mail goes to SMTP
  with a Message-ID made from the item's key. Any error while building or sending is a
  failure of that item, never of the batch; a mail that cannot be built fails at once (it
  will not build later);
- *record*: the result is written only while the item is still `sending` under this claim,
  so it is recorded exactly once. A failure is retried after 30 s, 2, 10 and 30 minutes;
  the `MAX_ATTEMPTS`th failure is final, with its reason.

A worker killed between claim and record leaves its items `sending`; once the lease ran out
and its heartbeat stopped, `aftercare.reaper` puts them back in the queue. Every resend
carries the same Message-ID, so the receiving server can drop a duplicate.

An exercise's items never reach a mail server: they are recorded as not sent (oefening) when
the newsletter is sent, and refused here again should one be queued anyway.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from oranje.aftercare.constants import ItemChannel, ItemStatus
from oranje.aftercare.models import IacCase, Newsletter, NewsletterItem
from oranje.aftercare.services.newsletters import EXERCISE_NOT_SENT
from oranje.alerting.channels import one_line
from oranje.communication.delivery import without_address
from oranje.core import outbox
from oranje.core.outbox import MAX_ATTEMPTS
from oranje.core.worker import current_worker_id

log = logging.getLogger(__name__)

#: Seconds before the 2nd … 5th try; the MAX_ATTEMPTS-th failure is final.
RETRY_DELAYS = (30, 120, 600, 1800)
NO_LONGER = "niet verzonden: geen toestemming of e-mailadres meer"
NOT_MAIL = "niet verzonden: geen e-mail (brief)"


@dataclass
class Outcome:
    """What one task did: sent, failed for good, not sent, and the items to retry."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry: list[int] = field(default_factory=list)
    retry_at: dt.datetime | None = None


@dataclass(frozen=True)
class Mail:
    item_id: int
    address: str
    subject: str
    text: str
    html: str
    message_id: str


def message_id(item: NewsletterItem) -> str:
    """The Message-ID of every (re)send of this item's mail."""
    return outbox.mail_message_id("newsletter", item.key)


def sender(newsletter: Newsletter) -> str:
    """Who signs: the municipality of the incident's scene."""
    return _("Municipality of %(name)s") % {"name": newsletter.incident.municipality.name}


def footer(newsletter: Newsletter) -> str:
    return _(
        "You receive this newsletter because you told the information and advice centre "
        "(IAC) that you want to be kept informed about %(incident)s. No more newsletters? "
        "Tell the IAC."
    ) % {"incident": one_line(newsletter.incident.title)}


def _html(subject: str, body: str, closing: list[str], note: str) -> str:
    def paragraphs(text: str) -> str:
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        return "".join(f"<p>{'<br>'.join(escape(x) for x in b.splitlines())}</p>" for b in blocks)

    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head>"
        '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">'
        f'<h1 style="font-size: 1.3em">{escape(subject)}</h1>{paragraphs(body)}'
        f"<p>{'<br>'.join(escape(x) for x in closing)}</p>"
        f'<hr><p style="font-size: 0.85em; color: #555">{escape(note)}</p></body></html>'
    )


def texts(newsletter: Newsletter) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the mail, in Dutch, signed by the municipality. The
    subject is one line: control characters never reach a mail header. Never for an
    exercise (ValueError): its newsletter goes nowhere."""
    with override(settings.LANGUAGE_CODE):
        if newsletter.incident.is_exercise:
            raise ValueError("exercise")
        subject = one_line(newsletter.subject)
        body = newsletter.body.replace("\r\n", "\n").strip()
        if not subject:
            raise ValueError(_("the newsletter has no subject"))
        if not body:
            raise ValueError(_("the newsletter has no text"))
        closing = [_("With kind regards,"), "", sender(newsletter)]
        closing.append(_("Information and advice centre (IAC)"))
        note = footer(newsletter)
        text = "\n\n".join([body, "\n".join(closing), "-- \n" + note]) + "\n"
        return subject, text, _html(subject, body, closing, note)


def items_claim(ids: Iterable[int], *, claim: str, now: dt.datetime) -> list[int]:
    """queued → sending for those of `ids` that are queued and due (`core.outbox`)."""
    return outbox.claim_due(
        NewsletterItem,
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
        NewsletterItem,
        item_id=item_id,
        claim=claim,
        error=error,
        final=final,
        now=now or timezone.now(),
        retry_delays=RETRY_DELAYS,
        statuses=(ItemStatus.QUEUED, ItemStatus.SENDING, ItemStatus.SENT, ItemStatus.FAILED),
        skipped=ItemStatus.NOT_SENT if skipped else None,
    )


def deliver_items(ids: list[int], *, now: dt.datetime | None = None) -> Outcome:
    """Claim, address, send and record a batch of items (one SMTP connection). Each result
    is recorded as soon as its mail is handed over, so a worker killed in the middle of a
    batch resends only the mail it was busy with."""
    now = now or timezone.now()
    claim = f"{current_worker_id()}/{get_random_string(6)}"
    claimed = items_claim(ids, claim=claim, now=now)
    batch = {
        item.pk: item
        for item in NewsletterItem.objects.filter(pk__in=claimed).select_related(
            "newsletter__incident__municipality", "case"
        )
    }
    outcome = Outcome()
    try:
        _send(batch, claim, outcome)
    finally:
        # Whatever was not recorded (an error of this process, not of the mail server) goes
        # back to the queue at once instead of waiting for the reaper.
        NewsletterItem.objects.filter(
            pk__in=list(batch), status=ItemStatus.SENDING, claimed_by=claim
        ).update(status=ItemStatus.QUEUED, claimed_by="", claimed_until=None)
    if outcome.retry:
        outcome.retry_at = (
            NewsletterItem.objects.filter(pk__in=outcome.retry, status=ItemStatus.QUEUED)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
    return outcome


def current_address(case_id: int) -> str | None:
    """The household's e-mail address now, or None: consent withdrawn, anonymised, or no
    e-mail address any more."""
    case = (
        IacCase.objects.filter(pk=case_id)
        .only("email", "newsletter_consent", "anonymised_at")
        .first()
    )
    if case is None or not case.newsletter_consent or case.anonymised_at is not None:
        return None
    return case.email.strip() or None


def _send(batch: dict[int, NewsletterItem], claim: str, outcome: Outcome) -> None:
    addresses: dict[int, str] = {}

    def record(pk: int, error: str | None, *, broken: bool = False) -> None:
        if error is not None:
            error = without_address(error, addresses.get(pk, ""))
        final = broken or batch[pk].attempts >= MAX_ATTEMPTS
        if not item_record(item_id=pk, claim=claim, error=error, final=final):
            return
        if error is None:
            outcome.sent += 1
        elif final:
            log.warning("newsletter item %s failed: %s", pk, error)
            outcome.failed += 1
        else:
            outcome.retry.append(pk)

    def skip(pk: int, reason: str) -> None:
        if item_record(item_id=pk, claim=claim, error=reason, skipped=True):
            outcome.skipped += 1

    built: dict[int, tuple[str, str, str] | Exception] = {}
    mails: list[Mail] = []
    for item in batch.values():
        newsletter = item.newsletter
        if newsletter.incident.is_exercise:
            skip(item.pk, EXERCISE_NOT_SENT)  # never to a real address
            continue
        if item.channel != ItemChannel.MAIL:
            skip(item.pk, NOT_MAIL)  # letters are printed, not sent from here
            continue
        if newsletter.pk not in built:
            try:
                built[newsletter.pk] = texts(newsletter)
            except Exception as exc:
                log.exception("mail of newsletter %s could not be built", newsletter.pk)
                built[newsletter.pk] = exc
        words = built[newsletter.pk]
        if isinstance(words, Exception):
            with override(settings.LANGUAGE_CODE):
                reason = _("The mail could not be built: %(error)s") % {"error": words}
            record(item.pk, reason, broken=True)
            continue
        try:
            address = current_address(item.case_id)
        except Exception as exc:
            log.exception("address of newsletter item %s", item.pk)
            record(item.pk, f"IAC-dossier: {exc}")
            continue
        if address is None:
            skip(item.pk, NO_LONGER)
            continue
        addresses[item.pk] = address
        subject, text, html = words
        mails.append(Mail(item.pk, address, subject, text, html, message_id(item)))
    send_mails(mails, after=record)


def send_mails(mails: list[Mail], after: Callable[[int, str | None], object]) -> None:
    """Send over one SMTP connection; `after(item_id, error)` as soon as each mail is handed
    over or failed. A connection that does not open fails every mail of the batch (each is
    retried); one bad mail fails alone."""
    if not mails:
        return
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception as exc:  # smtplib errors are OSErrors; anything else fails them too
        for m in mails:
            after(m.item_id, f"SMTP: {exc}"[:255])
        return
    try:
        for m in mails:
            error: str | None = None
            try:
                mail = EmailMultiAlternatives(
                    one_line(m.subject),
                    m.text,
                    settings.DEFAULT_FROM_EMAIL,
                    [m.address],
                    connection=connection,
                    headers={"Message-ID": m.message_id},
                )
                mail.attach_alternative(m.html, "text/html")
                mail.send()
            except Exception as exc:  # a bad header, a refusal: this mail fails alone
                error = f"SMTP: {exc}"[:255]
            after(m.item_id, error)
    finally:
        with contextlib.suppress(Exception):
            connection.close()
