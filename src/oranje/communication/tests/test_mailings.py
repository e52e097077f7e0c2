"""Mail and SMS to the registered affected persons who consented: made once per channel for a
published message, counts only in this room and in the audit, sent by the worker through
SMTP (Django's locmem backend here) and the SMS gateway (a local stub), retried and then
failed with the reason, never to a real address for an exercise, and a lost claim taken back
by the worker's upkeep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.alerting.tests.gateway import GatewayStub
from oranje.communication.constants import ItemStatus
from oranje.communication.delivery import RETRY_DELAYS, deliver_items
from oranje.communication.models import Mailing, MailingItem
from oranje.communication.reaper import reap_mailings
from oranje.communication.services.mailings import EXERCISE_NOT_SENT, mailing_create
from oranje.communication.tasks import send_mailing_items
from oranje.communication.tests.mailing_helpers import consenting, not_consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.models import AuditEntry, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def comm(world: World) -> User:
    return adviser(world.region, "woordvoerder")


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world, title="Brand Velsen-Noord")


def _items(**filters: object) -> list[MailingItem]:
    return list(MailingItem.objects.filter(**filters).order_by("pk"))


def test_a_published_message_goes_by_mail_to_everyone_who_consented_once(
    incident: Incident, comm: User, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://oranje.example.nl"
    people = consenting(incident, 3)
    not_consenting(incident)
    message = published(incident)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mailing = mailing_create(message=message, channel="mail", actor=comm)
    assert len(callbacks) == 1  # the items go to the worker after commit
    items = _items(mailing=mailing)
    assert [i.person_id for i in items] == [p.pk for p in people]
    entry = AuditEntry.objects.get(action="mailing.create")
    assert entry.changes == {
        "message": message.pk,
        "channel": "mail",
        "recipients": 3,
        "exercise": False,
    }
    assert "@" not in str(entry.changes) + entry.note + entry.object_repr

    assert send_mailing_items.call([i.pk for i in items]) == 3
    assert {i.status for i in _items(mailing=mailing)} == {ItemStatus.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    first = mail.outbox[0]
    assert first.subject == "Terug naar huis vanaf 18.00 uur"
    assert "Wat moet u doen:\nNeem uw medicijnen mee" in first.body
    assert "toestemming" in first.body or "updates" in first.body
    keys = {f"<mailing-{i.key}@oranje.example.nl>" for i in items}
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == keys

    # Once per channel.
    with pytest.raises(ValidationError) as again:
        mailing_create(message=message, channel="mail", actor=comm)
    assert "al verzonden" in str(again.value)
    # A second run of the same task sends nothing again.
    assert send_mailing_items.call([i.pk for i in items]) == 0
    assert len(mail.outbox) == 3


def test_sms_goes_through_the_gateway_with_the_items_key(
    incident: Incident, comm: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    consenting(incident, 2)
    consenting(incident, 1, sms=False, prefix="m")  # mail only: not an SMS recipient
    message = published(incident, kind="warning", title="Houd ramen en deuren dicht")
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=False):
            mailing = mailing_create(message=message, channel="sms", actor=comm)
        items = _items(mailing=mailing)
        assert len(items) == 2
        outcome = deliver_items([i.pk for i in items])
    assert outcome.sent == 2
    assert sorted(gateway.keys) == sorted(str(i.key) for i in items)
    assert gateway.received[0]["text"].startswith("Houd ramen en deuren dicht. Neem uw")
    assert all(len(r["text"]) <= 459 for r in gateway.received)


def test_what_may_not_be_sent_is_refused_naming_the_field(
    world: World, incident: Incident, comm: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_GATEWAY_URL = ""
    message = published(incident)
    with pytest.raises(ValidationError) as nobody:
        mailing_create(message=message, channel="mail", actor=comm)
    assert "toestemming" in nobody.value.message_dict["channel"][0]
    consenting(incident, 1)
    with pytest.raises(ValidationError) as no_gateway:
        mailing_create(message=message, channel="sms", actor=comm)
    assert "sms-gateway" in no_gateway.value.message_dict["channel"][0].lower()
    with pytest.raises(ValidationError) as fax:
        mailing_create(message=message, channel="fax", actor=comm)
    assert "channel" in fax.value.message_dict
    staff = published(incident, kind="staff")
    with pytest.raises(ValidationError) as wrong:
        mailing_create(message=staff, channel="mail", actor=comm)
    assert "message" in wrong.value.message_dict
    draft = published(incident)
    draft.status, draft.published_at = "approved", None
    draft.save()
    with pytest.raises(ValidationError) as not_yet:
        mailing_create(message=draft, channel="mail", actor=comm)
    assert "gepubliceerd" in not_yet.value.message_dict["message"][0]
    with pytest.raises(PermissionDenied):
        mailing_create(message=message, channel="mail", actor=world.viewer)
    assert not Mailing.objects.exists()


def test_an_exercise_never_sends_to_a_real_address(
    world: World, comm: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    exercise = start_incident(world, exercise=True, title="Oefening Haarlem")
    consenting(exercise, 4)
    message = published(exercise)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mailing = mailing_create(message=message, channel="mail", actor=comm)
    assert callbacks == []  # nothing queued
    assert mailing.is_exercise
    items = _items(mailing=mailing)
    assert {(i.status, i.last_error) for i in items} == {(ItemStatus.SKIPPED, EXERCISE_NOT_SENT)}
    # Even an item of an exercise put back in the queue by hand is not sent.
    MailingItem.objects.filter(pk=items[0].pk).update(status=ItemStatus.QUEUED, last_error="")
    outcome = deliver_items([items[0].pk])
    assert (outcome.sent, outcome.skipped) == (0, 1)
    assert mail.outbox == []
    assert AuditEntry.objects.get(action="mailing.create").changes["exercise"] is True


def test_a_failing_channel_is_retried_then_failed_with_the_reason(
    incident: Incident, comm: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    consenting(incident, 1)
    message = published(incident)
    with GatewayStub(status=500) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=False):
            mailing_create(message=message, channel="mail", actor=comm)
            mailing_create(message=message, channel="sms", actor=comm)
        ids = [i.pk for i in _items()]
        first = deliver_items(ids)
        assert sorted(first.retry) == sorted(ids) and first.retry_at is not None
        waiting = _items()[0]
        assert waiting.status == ItemStatus.QUEUED
        assert waiting.due_at >= timezone.now() + dt.timedelta(seconds=RETRY_DELAYS[0] - 5)
        for _try in RETRY_DELAYS:  # the retries, each due at once here
            MailingItem.objects.filter(status=ItemStatus.QUEUED).update(due_at=timezone.now())
            deliver_items(ids)
    items = _items()
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert {i.attempts for i in items} == {len(RETRY_DELAYS) + 1}
    by_channel = {i.mailing.channel: i.last_error for i in items}
    assert by_channel["sms"] == "SMS-gateway antwoordde 500"
    assert by_channel["mail"].startswith("SMTP:")


def test_consent_withdrawn_before_sending_means_not_sent(
    incident: Incident, comm: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    (stays, leaves) = consenting(incident, 2)
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(message=published(incident), channel="mail", actor=comm)
    Person.objects.filter(pk=leaves.pk).update(updates_consent=False)
    outcome = deliver_items([i.pk for i in _items()])
    assert (outcome.sent, outcome.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [[stays.email]]
    skipped = MailingItem.objects.get(person=leaves)
    assert skipped.status == ItemStatus.SKIPPED and "toestemming" in skipped.last_error


def test_a_message_that_cannot_be_built_is_a_recorded_failure_at_once(
    incident: Incident, comm: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    consenting(incident, 2)
    message = published(incident)
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(message=message, channel="mail", actor=comm)
    message.title = "\r\n"  # nothing left of the headline once made one line
    message.save()
    outcome = deliver_items([i.pk for i in _items()])
    assert (outcome.sent, outcome.failed, outcome.retry) == (0, 2, [])
    items = _items()
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert all(i.last_error.startswith("Het bericht kon niet worden opgebouwd") for i in items)
    assert {i.attempts for i in items} == {1}


def test_a_claim_whose_lease_ran_out_is_taken_back_and_sent_once(
    incident: Incident, comm: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.WORKER_LEASE_SECONDS = 2
    consenting(incident, 2)
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(message=published(incident), channel="mail", actor=comm)
    ids = [i.pk for i in _items()]
    gone_by = timezone.now() - dt.timedelta(minutes=20)
    MailingItem.objects.filter(pk__in=ids).update(
        status=ItemStatus.SENDING,
        claimed_by="elders:4242/abcdef",
        claimed_until=gone_by,
        attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        reaped = reap_mailings()
    assert (reaped.requeued, reaped.orphans) == (2, 2)
    assert len(queued) == 1  # a task for the items taken back
    assert deliver_items(ids).sent == 2
    assert deliver_items(ids).sent == 0
    assert len(mail.outbox) == 2
    # A claim taken down five times is failed, not retried for ever.
    MailingItem.objects.filter(pk=ids[0]).update(
        status=ItemStatus.SENDING, claimed_by="elders:4242/x", claimed_until=gone_by, attempts=5
    )
    assert reap_mailings().failed == 1
    assert MailingItem.objects.get(pk=ids[0]).status == ItemStatus.FAILED
