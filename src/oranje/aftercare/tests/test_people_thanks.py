"""The thank-you to the people who came: for a lead once the acute phase ended, one item per
person who arrived (by mail, else SMS to a mobile number), sent by the worker with the list of
who came, OEFENING in an exercise's subject, retried then failed with the reason, and a lost
claim taken back by the worker's upkeep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.models import ThankYou, ThankYouItem
from oranje.aftercare.services.thanks import PAUSE, default_text, thanks_send
from oranje.aftercare.tests.people_helpers import answered, arrived
from oranje.aftercare.thanks_delivery import RETRY_DELAYS, deliver_items
from oranje.aftercare.thanks_reaper import reap_thanks
from oranje.aftercare.thanks_tasks import send_thanks_items
from oranje.alerting.constants import Answer
from oranje.alerting.tests.gateway import GatewayStub
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents import services as incidents
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

TEXT = "Dank voor jullie inzet bij de gasstoring."


def _ended(world: World, *, exercise: bool = False, title: str = "Gasstoring") -> Incident:
    incident = start_incident(world, exercise=exercise, title=title)
    arrived(incident, world.officers[0], world.ovd)
    arrived(incident, world.officers[0], world.cpg)  # came for two functions: one message
    arrived(incident, world.contacts[0], world.cpg)
    answered(incident, world.officers[1], world.ovd, Answer.DECLINED)
    return incidents.incident_end_acute(actor=world.coordinator, incident=incident)


def _items(**filters: object) -> list[ThankYouItem]:
    return list(ThankYouItem.objects.filter(**filters).order_by("pk"))


def test_a_lead_thanks_everyone_who_came_by_mail_with_the_list(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://oranje.example.nl"
    incident = _ended(world, title="Gasstoring Velsen-Noord")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        thank_you = thanks_send(actor=world.coordinator, incident=incident, text=f"  {TEXT} ")
    assert len(callbacks) == 1  # to the worker after the commit
    assert thank_you.text == TEXT and thank_you.sent_by == world.coordinator
    items = _items()
    assert {i.person_id for i in items} == {world.officers[0].pk, world.contacts[0].pk}
    assert {i.channel for i in items} == {"mail"}
    entry = AuditEntry.objects.get(action=AuditAction.THANKS_SEND)
    assert entry.changes["recipients"] == [None, 2]
    assert entry.changes["mail"] == 2 and entry.changes["unreachable"] == 0

    assert send_thanks_items.call([i.pk for i in items]) == 2
    assert {i.status for i in _items()} == {ItemStatus.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.officers[0].email, world.contacts[0].email]
    )
    first = mail.outbox[0]
    assert first.subject == "Dank voor je inzet: Gasstoring Velsen-Noord"
    assert first.body.startswith(TEXT)
    assert "Wie er kwamen:" in first.body
    assert f"- {world.officers[0].full_name} (OVD-BZ, CPG)" in first.body
    assert f"- {world.contacts[0].full_name} (CPG)" in first.body
    assert world.officers[1].full_name not in first.body  # declined
    assert world.officers[0].phone not in first.body  # names and functions only
    keys = {f"<thanks-{i.key}@oranje.example.nl>" for i in items}
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == keys
    # A second run of the task sends nothing again.
    assert send_thanks_items.call([i.pk for i in items]) == 0
    assert len(mail.outbox) == 2


def test_without_mail_by_sms_with_the_items_key(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = _ended(world)
    world.contacts[0].email = ""
    world.contacts[0].save()
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=False):
            thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
        sms = ThankYouItem.objects.get(person=world.contacts[0])
        assert sms.channel == "sms"
        outcome = deliver_items([i.pk for i in _items()])
        assert outcome.sent == 2
    assert gateway.keys == [str(sms.key)]
    (body,) = gateway.received
    assert body["to"] == world.contacts[0].phone
    assert body["text"].startswith("Dank voor je inzet: Gasstoring. " + TEXT)
    assert body["text"].endswith("Er kwamen 2 mensen.")


def test_someone_without_mail_or_mobile_is_counted_unreachable(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = _ended(world)
    world.contacts[0].email, world.contacts[0].phone = "", "+31201234567"
    world.contacts[0].save()
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    assert [i.person_id for i in _items()] == [world.officers[0].pk]
    entry = AuditEntry.objects.get(action=AuditAction.THANKS_SEND)
    assert entry.changes["unreachable"] == 1


def test_an_exercise_thank_you_is_sent_and_says_oefening(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = _ended(world, exercise=True, title="Zorginstelling Haarlem")
    assert "oefening Zorginstelling Haarlem" in default_text(incident)
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=default_text(incident))
    assert send_thanks_items.call([i.pk for i in _items()]) == 2
    assert {i.status for i in _items()} == {ItemStatus.SENT}
    assert {m.subject for m in mail.outbox} == {
        "OEFENING Dank voor je inzet: Zorginstelling Haarlem"
    }
    assert "Dit was een OEFENING." in mail.outbox[0].body
    assert AuditEntry.objects.get(action=AuditAction.THANKS_SEND).note == "OEFENING"


def test_refused_while_acute_without_text_twice_in_a_row_or_without_anyone(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = start_incident(world)
    arrived(incident, world.officers[0], world.ovd)
    with pytest.raises(ValidationError) as running:
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    assert "acute fase loopt nog" in str(running.value.message_dict["incident"])
    incident = incidents.incident_end_acute(actor=world.coordinator, incident=incident)
    for text, words in (("   ", "schrijf"), ("x" * 4001, "ten hoogste 4000"), ("a\x00b", "teken")):
        with pytest.raises(ValidationError) as bad:
            thanks_send(actor=world.coordinator, incident=incident, text=text)
        assert words in str(bad.value.message_dict["text"])
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    with pytest.raises(ValidationError) as again:
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    assert "al een verstuurd" in str(again.value.message_dict["text"])
    # After the pause a second word of thanks is allowed.
    ThankYou.objects.update(sent_at=timezone.now() - PAUSE - dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text="Nogmaals dank.")
    assert ThankYou.objects.count() == 2

    empty = start_incident(world, title="Niemand kwam")
    empty = incidents.incident_end_acute(actor=world.coordinator, incident=empty)
    with pytest.raises(ValidationError) as nobody:
        thanks_send(actor=world.coordinator, incident=empty, text=TEXT)
    assert "niemand" in str(nobody.value.message_dict["text"]).lower()


def test_only_a_lead_and_also_after_closing(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = _ended(world)
    for user in (world.viewer, world.outsider, world.haarlem_coordinator):
        with pytest.raises(PermissionDenied):
            thanks_send(actor=user, incident=incident, text=TEXT)
    incident = incidents.incident_close(actor=world.coordinator, incident=incident)
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    assert ThankYouItem.objects.count() == 2


def test_a_failing_channel_is_retried_then_failed_with_the_reason(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    incident = _ended(world)
    world.contacts[0].email = ""
    world.contacts[0].save()
    with GatewayStub(status=500) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with django_capture_on_commit_callbacks(execute=False):
            thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
        ids = [i.pk for i in _items()]
        first = deliver_items(ids)
        assert sorted(first.retry) == sorted(ids) and first.retry_at is not None
        for _try in RETRY_DELAYS:
            ThankYouItem.objects.filter(status=ItemStatus.QUEUED).update(due_at=timezone.now())
            deliver_items(ids)
    items = _items()
    assert {i.status for i in items} == {ItemStatus.FAILED}
    assert {i.attempts for i in items} == {len(RETRY_DELAYS) + 1}
    by_channel = {i.channel: i.last_error for i in items}
    assert by_channel["sms"] == "SMS-gateway antwoordde 500"
    assert by_channel["mail"].startswith("SMTP:")
    assert world.officers[0].email not in by_channel["mail"]


def test_no_gateway_or_an_address_removed_fails_at_once(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_GATEWAY_URL = ""
    incident = _ended(world)
    world.contacts[0].email = ""
    world.contacts[0].save()
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    world.contacts[0].phone = "+31201234567"  # no longer a mobile number
    world.contacts[0].save()
    outcome = deliver_items([i.pk for i in _items()])
    assert (outcome.sent, outcome.failed, outcome.retry) == (1, 1, [])
    failed = ThankYouItem.objects.get(status=ItemStatus.FAILED)
    assert failed.last_error == "geen e-mailadres of mobiel nummer meer"


def test_a_claim_whose_lease_ran_out_is_taken_back_and_sent_once(
    world: World, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.WORKER_LEASE_SECONDS = 2
    incident = _ended(world)
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    ids = [i.pk for i in _items()]
    gone_by = timezone.now() - dt.timedelta(minutes=20)
    ThankYouItem.objects.filter(pk__in=ids).update(
        status=ItemStatus.SENDING,
        claimed_by="elders:4242/abcdef",
        claimed_until=gone_by,
        attempts=1,
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        reaped = reap_thanks()
    assert (reaped.requeued, reaped.orphans) == (2, 2)
    assert len(queued) == 1
    assert deliver_items(ids).sent == 2
    assert deliver_items(ids).sent == 0
    assert len(mail.outbox) == 2
    ThankYouItem.objects.filter(pk=ids[0]).update(
        status=ItemStatus.SENDING, claimed_by="elders:4242/x", claimed_until=gone_by, attempts=5
    )
    assert reap_thanks().failed == 1
    assert ThankYouItem.objects.get(pk=ids[0]).status == ItemStatus.FAILED


def test_the_list_is_the_one_of_the_moment_it_was_sent(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    incident = _ended(world)
    with django_capture_on_commit_callbacks(execute=False):
        thanks_send(actor=world.coordinator, incident=incident, text=TEXT)
    arrived(incident, world.officers[2], world.ovd, hours_ago=-0.1)  # recorded later
    deliver_items([i.pk for i in _items()])
    assert len(mail.outbox) == 2
    assert all(world.officers[2].full_name not in m.body for m in mail.outbox)
