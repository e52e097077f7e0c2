"""The newsletter's e-mails sent by the worker through SMTP (Django's locmem backend here):
signed by the municipality, with a Message-ID made from the item's key (the same on every
resend), retried with backoff and then failed with the reason (without the address), a mail
that cannot be built failed at once, consent withdrawn meanwhile means not sent, an
exercise's item never reaches a mail server, and a lost claim is taken back by the upkeep."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.delivery import NO_LONGER, RETRY_DELAYS, deliver_items
from oranje.aftercare.models import IacCase, Newsletter, NewsletterItem
from oranje.aftercare.reaper import reap_newsletters
from oranje.aftercare.services.newsletters import EXERCISE_NOT_SENT, newsletter_send
from oranje.aftercare.tasks import send_newsletter_items
from oranje.aftercare.tests.newsletter_helpers import cases, draft, iac_officer
from oranje.core import worker
from oranje.core.models import User
from oranje.core.outbox import MAX_ATTEMPTS, WORKER_STOPPED
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def iac(world: World) -> User:
    return iac_officer(world.region)


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world, title="Brand Velsen-Noord")


def _sent(
    incident: Incident, iac: User, capture: Any, *, subject: str = "Stand van zaken"
) -> Newsletter:
    letter = draft(incident, subject=subject)
    with capture(execute=False):
        newsletter_send(actor=iac, newsletter=letter)
    return letter


def _ids(**filters: object) -> list[int]:
    return list(
        NewsletterItem.objects.filter(**filters).order_by("pk").values_list("pk", flat=True)
    )


def test_the_mails_go_signed_by_the_municipality_with_the_items_message_id(
    incident: Incident, iac: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://oranje.example.nl"
    households = cases(incident, 3)
    cases(incident, 1, email=False, prefix="brief")  # a letter: not the worker's
    letter = _sent(incident, iac, django_capture_on_commit_callbacks)
    ids = _ids(channel="mail")
    assert send_newsletter_items.call(ids) == 3
    assert {i.status for i in NewsletterItem.objects.filter(channel="mail")} == {ItemStatus.SENT}
    assert NewsletterItem.objects.get(channel="letter").status == ItemStatus.LETTER
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.email for c in households)
    first = mail.outbox[0]
    assert first.subject == "Stand van zaken"
    assert first.body.startswith("Beste bewoners,\n\nDe schade wordt deze week opgenomen.")
    assert "Met vriendelijke groet,\n\nGemeente Velsen\nInformatie- en adviescentrum" in first.body
    assert "op de hoogte wilt blijven over Brand Velsen-Noord" in first.body
    assert "OEFENING" not in first.body + first.subject
    assert "X-Priority" not in first.extra_headers
    html, kind = first.alternatives[0]
    assert kind == "text/html" and "<p>Met één vraag: bel ons.</p>" in html
    keys = {
        f"<newsletter-{i.key}@oranje.example.nl>"
        for i in NewsletterItem.objects.filter(newsletter=letter, channel="mail")
    }
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == keys
    # On the wire (folded when long, as RFC 5322 allows).
    assert re.search(r"^Message-ID:\s+<newsletter-", first.message().as_string(), re.M)
    # A second run of the same task sends nothing again.
    assert send_newsletter_items.call(ids) == 0
    assert len(mail.outbox) == 3


def test_a_resend_after_a_lost_claim_carries_the_same_message_id(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    cases(incident, 1)
    _sent(incident, iac, django_capture_on_commit_callbacks)
    (pk,) = _ids()
    deliver_items([pk])
    # As if the worker died after handing the mail over but before recording it.
    NewsletterItem.objects.filter(pk=pk).update(status=ItemStatus.QUEUED, sent_at=None)
    deliver_items([pk])
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]


def test_a_failing_mail_server_is_retried_with_backoff_then_failed_with_the_reason(
    incident: Incident, iac: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    cases(incident, 2)
    _sent(incident, iac, django_capture_on_commit_callbacks)
    ids = _ids()
    first = deliver_items(ids)
    assert sorted(first.retry) == ids and first.retry_at is not None
    waiting = NewsletterItem.objects.get(pk=ids[0])
    assert waiting.status == ItemStatus.QUEUED and waiting.last_error.startswith("SMTP:")
    assert waiting.due_at >= timezone.now() + dt.timedelta(seconds=RETRY_DELAYS[0] - 5)
    assert deliver_items(ids).retry == []  # not due yet: not claimed
    delays = []
    for _try in RETRY_DELAYS:  # the retries, each made due at once here
        before = timezone.now()
        NewsletterItem.objects.filter(status=ItemStatus.QUEUED).update(due_at=before)
        deliver_items(ids)
        item = NewsletterItem.objects.get(pk=ids[0])
        if item.status == ItemStatus.QUEUED:
            delays.append(round((item.due_at - before).total_seconds() / 10) * 10)
    assert delays == list(RETRY_DELAYS[1:])  # backoff grows
    items = NewsletterItem.objects.filter(pk__in=ids)
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert {i.attempts for i in items} == {MAX_ATTEMPTS}
    assert all(i.last_error.startswith("SMTP:") for i in items)


def test_a_refused_address_fails_alone_and_its_error_keeps_no_address(
    incident: Incident, iac: User, monkeypatch, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    good, bad = cases(incident, 2)
    _sent(incident, iac, django_capture_on_commit_callbacks)
    from django.core.mail import EmailMultiAlternatives

    original = EmailMultiAlternatives.send

    def send(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if self.to == [bad.email]:
            raise OSError(f"{{'{bad.email}': (550, b'5.1.1 <{bad.email}> unknown')}}")
        return original(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    outcome = deliver_items(_ids())
    assert outcome.sent == 1 and len(outcome.retry) == 1
    refused = NewsletterItem.objects.get(case=bad)
    assert refused.status == ItemStatus.QUEUED and refused.attempts == 1
    assert "550" in refused.last_error and bad.email not in refused.last_error
    assert "[adres]" in refused.last_error
    assert [m.to for m in mail.outbox] == [[good.email]]


def test_a_mail_that_cannot_be_built_is_a_recorded_failure_at_once(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    cases(incident, 2)
    letter = _sent(incident, iac, django_capture_on_commit_callbacks)
    Newsletter.objects.filter(pk=letter.pk).update(subject="\r\n")
    outcome = deliver_items(_ids())
    assert (outcome.sent, outcome.failed, outcome.retry) == (0, 2, [])
    items = NewsletterItem.objects.all()
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert all(i.last_error.startswith("De e-mail kon niet worden opgesteld") for i in items)
    assert {i.attempts for i in items} == {1}
    assert mail.outbox == []


def test_the_address_is_read_when_sending_consent_withdrawn_means_not_sent(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    stays, leaves, moved, forgotten = cases(incident, 4)
    _sent(incident, iac, django_capture_on_commit_callbacks)
    IacCase.objects.filter(pk=leaves.pk).update(newsletter_consent=False)
    IacCase.objects.filter(pk=moved.pk).update(email="nieuw@example.org")
    IacCase.objects.filter(pk=forgotten.pk).update(anonymised_at=timezone.now())
    outcome = deliver_items(_ids())
    assert (outcome.sent, outcome.skipped) == (2, 2)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([stays.email, "nieuw@example.org"])
    for case in (leaves, forgotten):
        item = NewsletterItem.objects.get(case=case)
        assert (item.status, item.last_error) == (ItemStatus.NOT_SENT, NO_LONGER)


def test_an_exercises_item_put_back_in_the_queue_is_still_not_sent(
    world: World, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    exercise = start_incident(world, exercise=True, title="Oefening")
    cases(exercise, 2)
    _sent(exercise, iac, django_capture_on_commit_callbacks)
    ids = _ids()
    NewsletterItem.objects.filter(pk=ids[0]).update(status=ItemStatus.QUEUED, last_error="")
    outcome = deliver_items(ids)
    assert (outcome.sent, outcome.skipped) == (0, 1)
    assert mail.outbox == []
    assert {(i.status, i.last_error) for i in NewsletterItem.objects.all()} == {
        (ItemStatus.NOT_SENT, EXERCISE_NOT_SENT)
    }


def test_a_claim_whose_worker_vanished_is_taken_back_and_sent_once(
    incident: Incident, iac: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    assert worker._upkeep["aftercare.newsletters"].run is reap_newsletters
    settings.WORKER_LEASE_SECONDS = 2
    cases(incident, 2)
    _sent(incident, iac, django_capture_on_commit_callbacks)
    ids = _ids()
    gone_by = timezone.now() - dt.timedelta(minutes=20)
    NewsletterItem.objects.filter(pk__in=ids).update(
        status=ItemStatus.SENDING,
        claimed_by="elders:4242/abcdef",
        claimed_until=gone_by,
        attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        reaped = reap_newsletters()
    assert (reaped.requeued, reaped.failed, reaped.orphans) == (2, 0, 2)
    assert len(queued) == 1  # a task for the items taken back
    assert deliver_items(ids).sent == 2
    assert deliver_items(ids).sent == 0
    assert len(mail.outbox) == 2
    # A fresh claim is left alone.
    NewsletterItem.objects.filter(pk=ids[1]).update(
        status=ItemStatus.SENDING,
        claimed_by="elders:4242/fresh",
        claimed_until=timezone.now() + dt.timedelta(minutes=1),
    )
    # A claim taken down MAX_ATTEMPTS times is failed, not retried for ever.
    NewsletterItem.objects.filter(pk=ids[0]).update(
        status=ItemStatus.SENDING,
        claimed_by="elders:4242/x",
        claimed_until=gone_by,
        attempts=MAX_ATTEMPTS,
    )
    reaped = reap_newsletters()
    assert (reaped.requeued, reaped.failed) == (0, 1)
    failed = NewsletterItem.objects.get(pk=ids[0])
    assert (failed.status, failed.last_error) == (ItemStatus.FAILED, WORKER_STOPPED)
    assert NewsletterItem.objects.get(pk=ids[1]).status == ItemStatus.SENDING


def test_a_queued_item_without_a_task_gets_one(
    incident: Incident, iac: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.WORKER_LEASE_SECONDS = 2
    cases(incident, 1)
    _sent(incident, iac, django_capture_on_commit_callbacks)  # its task never enqueued
    NewsletterItem.objects.update(due_at=timezone.now() - dt.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert reap_newsletters().orphans == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reap_newsletters().orphans == 0  # a task waits for it now
