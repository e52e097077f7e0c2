"""Newsletters: who gets one by which channel, a draft saved within its limits, sent once in
one transaction (mails to the worker after commit, letters ready to print), an exercise's
sent to nobody, and only the IAC writes and sends."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.aftercare.constants import ItemChannel, ItemStatus
from oranje.aftercare.models import Aftercare, NewsletterItem
from oranje.aftercare.selectors_newsletters import recipient_counts, recipients
from oranje.aftercare.services.newsletters import (
    EXERCISE_NOT_SENT,
    newsletter_save,
    newsletter_send,
)
from oranje.aftercare.tests.newsletter_helpers import cases, draft, iac_officer
from oranje.core.models import AuditEntry, User
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


def _mixed(incident: Incident) -> dict[str, list[int]]:
    """3 by mail (one a closed case), 2 by letter, 1 unreachable, 2 not counted."""
    mail = cases(incident, 2, prefix="mail") + cases(incident, 1, prefix="closed", closed=True)
    letter = cases(incident, 2, email=False, prefix="brief")
    lost = cases(incident, 1, email=False, address=False, prefix="weg")
    cases(incident, 1, consent=False, prefix="nee")
    (gone,) = cases(incident, 1, prefix="anon")
    gone.anonymised_at = timezone.now()
    gone.save()
    return {
        "mail": [c.pk for c in mail],
        "letter": [c.pk for c in letter],
        "lost": [c.pk for c in lost],
    }


def test_recipients_by_channel_consent_decides_not_the_state_of_the_case(
    world: World, incident: Incident
) -> None:
    made = _mixed(incident)
    found = recipients(incident)
    assert [c.pk for c in found.mail] == made["mail"]
    assert [c.pk for c in found.letter] == made["letter"]
    assert [c.pk for c in found.unreachable] == made["lost"]
    counts = recipient_counts(incident)
    assert (counts.mail, counts.letter, counts.unreachable, counts.total) == (3, 2, 1, 5)
    # Another incident's households are not this one's.
    other = start_incident(world, title="Elders")
    cases(other, 4, prefix="elders")
    assert recipient_counts(incident).total == 5


def test_a_draft_is_saved_within_its_limits_and_audited(incident: Incident, iac: User) -> None:
    letter = newsletter_save(
        actor=iac,
        incident=incident,
        subject="  Stand van\nzaken \u202e ",
        body="Beste bewoners,\r\n\r\nDe schade wordt opgenomen.",
    )
    assert letter.status == "draft"
    assert letter.subject == "Stand van zaken"
    assert letter.body == "Beste bewoners,\n\nDe schade wordt opgenomen."
    entry = AuditEntry.objects.get(action="newsletter.save")
    assert entry.changes == {"fields": ["subject", "body"], "subject": "Stand van zaken"}

    newsletter_save(
        actor=iac, incident=incident, subject="Stand van zaken", body="Nieuw.", newsletter=letter
    )
    letter.refresh_from_db()
    assert letter.body == "Nieuw."
    assert AuditEntry.objects.filter(action="newsletter.save").count() == 2
    assert AuditEntry.objects.filter(action="newsletter.save").first().changes["fields"] in (
        ["body"],
        ["subject", "body"],
    )

    with pytest.raises(ValidationError) as empty:
        newsletter_save(actor=iac, incident=incident, subject=" ", body="")
    assert empty.value.message_dict == {
        "subject": ["Onderwerp: schrijf een onderwerp."],
        "body": ["Tekst: schrijf de tekst van de nieuwsbrief."],
    }
    with pytest.raises(ValidationError) as long:
        newsletter_save(actor=iac, incident=incident, subject="x" * 201, body="y" * 10001)
    assert long.value.message_dict == {
        "subject": ["Onderwerp: hoogstens 200 tekens."],
        "body": ["Tekst: hoogstens 10000 tekens."],
    }


def test_a_newsletter_goes_once_by_mail_and_letter_in_one_transaction(
    incident: Incident, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    made = _mixed(incident)
    letter = draft(incident)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = newsletter_send(actor=iac, newsletter=letter)
    assert len(callbacks) == 1  # the mails go to the worker after commit
    assert (sent.mail, sent.letter, sent.unreachable, sent.exercise) == (3, 2, 1, False)
    letter.refresh_from_db()
    assert letter.status == "sent" and letter.sent_by == iac and letter.sent_at is not None
    items = {i.case_id: i for i in NewsletterItem.objects.filter(newsletter=letter)}
    assert set(items) == set(made["mail"] + made["letter"])
    for pk in made["mail"]:
        assert (items[pk].channel, items[pk].status) == (ItemChannel.MAIL, ItemStatus.QUEUED)
    for pk in made["letter"]:
        assert (items[pk].channel, items[pk].status) == (ItemChannel.LETTER, ItemStatus.LETTER)
    (task,) = DBTaskResult.objects.filter(task_path__endswith="send_newsletter_items")
    assert sorted(task.args_kwargs["args"][0]) == sorted(items[pk].pk for pk in made["mail"])
    entry = AuditEntry.objects.get(action="newsletter.send")
    assert entry.changes == {"mail": 3, "letter": 2, "unreachable": 1, "exercise": False}
    assert "@" not in str(entry.changes) + entry.note + entry.object_repr

    # Once: again is refused in Dutch, and a sent newsletter is not changed.
    with pytest.raises(ValidationError) as again:
        newsletter_send(actor=iac, newsletter=letter)
    assert "al verzonden" in again.value.messages[0]
    with pytest.raises(ValidationError) as change:
        newsletter_save(
            actor=iac, incident=incident, subject="Anders", body="Anders", newsletter=letter
        )
    assert "al verzonden" in change.value.messages[0]
    assert NewsletterItem.objects.filter(newsletter=letter).count() == 5


def test_an_exercises_newsletter_is_recorded_as_not_sent_and_goes_nowhere(
    world: World, iac: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    exercise = start_incident(world, exercise=True, title="Oefening brand")
    cases(exercise, 2, prefix="oef")
    cases(exercise, 1, email=False, prefix="oefbrief")
    letter = draft(exercise)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = newsletter_send(actor=iac, newsletter=letter)
    assert callbacks == []
    assert sent.exercise and (sent.mail, sent.letter) == (2, 1)
    items = list(NewsletterItem.objects.filter(newsletter=letter))
    assert {(i.status, i.last_error) for i in items} == {(ItemStatus.NOT_SENT, EXERCISE_NOT_SENT)}
    assert {i.channel for i in items} == {ItemChannel.MAIL, ItemChannel.LETTER}
    assert not DBTaskResult.objects.exists()
    entry = AuditEntry.objects.get(action="newsletter.send")
    assert entry.changes["exercise"] is True and entry.note == "OEFENING — niet verzonden"


def test_nobody_to_send_to_and_a_closed_incident_are_refused(
    world: World, incident: Incident, iac: User
) -> None:
    cases(incident, 1, email=False, address=False, prefix="weg")
    letter = draft(incident)
    with pytest.raises(ValidationError) as nobody:
        newsletter_send(actor=iac, newsletter=letter)
    assert list(nobody.value.message_dict) == ["recipients"]
    assert "geen huishouden" in nobody.value.messages[0]
    cases(incident, 1, prefix="wel")
    incident.closed_at = timezone.now()
    incident.save()
    with pytest.raises(ValidationError):
        newsletter_send(actor=iac, newsletter=letter)
    with pytest.raises(ValidationError):
        newsletter_save(actor=iac, incident=incident, subject="a", body="b")
    assert not NewsletterItem.objects.exists()


def test_only_the_iac_and_the_head_of_the_aftercare_write_and_send(
    world: World, incident: Incident, iac: User
) -> None:
    cases(incident, 1)
    letter = draft(incident)
    other_region = iac_officer(world.other_region, "iac-utrecht")
    for user in (world.coordinator, world.viewer, world.functionary, world.admin, other_region):
        with pytest.raises(PermissionDenied):
            newsletter_save(actor=user, incident=incident, subject="a", body="b")
        with pytest.raises(PermissionDenied):
            newsletter_send(actor=user, newsletter=letter)
    # The head of the aftercare need not hold the aftercare role.
    Aftercare.objects.create(incident=incident, head=world.functionary, head_name="Visser")
    sent = newsletter_send(actor=world.functionary, newsletter=letter)
    assert sent.mail == 1
