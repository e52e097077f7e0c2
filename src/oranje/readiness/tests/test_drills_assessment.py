"""The one-hour drill's assessment reaches the person: a mail marked OEFENING/TEST (once per
assessment, through the worker) and their own page shows it; the assessment form is offered
only when there is something to assess."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from oranje.organisation.tests.factories import make_shift
from oranje.readiness.constants import DrillAssessment
from oranje.readiness.models import Drill
from oranje.readiness.services import drills as service
from oranje.readiness.tasks_drills import send_drill_assessment

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def shift(world):
    return make_shift(
        world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1)
    )


@pytest.fixture
def coordinator(world) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


@pytest.fixture
def drill(world, shift) -> Drill:
    drill = service.drill_start(
        actor=world.coordinator,
        region=world.region,
        person=shift.person,
        function=shift.function,
        assignment="Je hebt een uur om 30 veldbedden te regelen.",
        minutes=60,
        shift=shift,
    )
    Drill.objects.filter(pk=drill.pk).update(sent_at=timezone.now())
    drill.refresh_from_db()
    return drill


def _link(drill: Drill) -> str:
    return f"/uuropdracht/{service.drill_link_token(drill)}/"


def _overdue(drill: Drill) -> None:
    Drill.objects.filter(pk=drill.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=3),
        deadline=timezone.now() - dt.timedelta(hours=2),
    )
    drill.refresh_from_db()


def _assess(world, drill, assessment=DrillAssessment.GOOD, note="Sterk: Rode Kruis gebeld."):
    return service.drill_assess(
        actor=world.coordinator, drill=drill, assessment=assessment, note=note
    )


def test_the_assessment_is_mailed_to_the_person_marked_exercise(
    world, drill, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    with django_capture_on_commit_callbacks(execute=True):
        _assess(world, drill)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [drill.person.email]
    assert message.subject.startswith("OEFENING/TEST")
    assert "Beoordeling: goed" in message.body
    assert "Sterk: Rode Kruis gebeld." in message.body
    assert "/uuropdracht/" in message.body
    drill.refresh_from_db()
    assert drill.assessment_mailed_at is not None


def test_the_assessment_mail_goes_once_and_a_correction_goes_again(world, drill):
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    _assess(world, drill)
    assert send_drill_assessment.call(drill.pk) is True
    assert send_drill_assessment.call(drill.pk) is False
    assert len(mail.outbox) == 1
    Drill.objects.filter(pk=drill.pk).update(
        assessment_mailed_at=timezone.now() - dt.timedelta(minutes=5),
        assessed_at=timezone.now() - dt.timedelta(minutes=6),
    )
    drill.refresh_from_db()
    _assess(world, drill, DrillAssessment.SUFFICIENT, "Toch wat laat gebeld.")
    assert send_drill_assessment.call(drill.pk) is True
    assert len(mail.outbox) == 2
    assert "Beoordeling: voldoende" in mail.outbox[1].body
    first, second = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first != second


def test_an_unassessed_drill_mails_nothing(world, drill):
    assert send_drill_assessment.call(drill.pk) is False
    assert mail.outbox == []


def test_the_persons_page_shows_the_assessment_and_its_explanation(world, drill):
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    before = Client().get(_link(drill)).content.decode()
    assert "Nog niet beoordeeld." in before
    _assess(world, drill)
    response = Client().get(_link(drill))
    html = response.content.decode()
    assert "Beoordeling" in html and "<strong>goed</strong>" in html
    assert "Sterk: Rode Kruis gebeld." in html
    # The verdict is for the person: no shared or back-button cache keeps it.
    assert "no-store" in response["Cache-Control"]


def test_a_drill_closed_as_not_responded_tells_the_person_so(world, drill):
    _overdue(drill)
    _assess(world, drill, DrillAssessment.INSUFFICIENT, "Geen reactie ontvangen.")
    html = Client().get(_link(drill)).content.decode()
    assert "niet gereageerd vóór de deadline" in html
    assert "Geen reactie ontvangen." in html
    send_drill_assessment.call(drill.pk)
    assert "niet vóór de deadline teruggemeld" in mail.outbox[0].body


def test_the_thank_you_reads_naturally(drill):
    done = Client().post(_link(drill), {"report": "Geregeld"}).content.decode()
    assert "Uw coördinator beoordeelt uw terugmelding" in done
    assert "beoordeelt haar" not in done


def test_the_assessment_form_waits_for_a_report_or_the_deadline(world, drill, coordinator):
    page = f"/oefeningen/uuropdracht/{drill.pk}/"
    html = coordinator.get(page).content.decode()
    assert 'name="assessment"' not in html
    assert "U kunt beoordelen zodra de persoon heeft teruggemeld" in html
    _overdue(drill)
    html = coordinator.get(page).content.decode()
    assert 'name="assessment"' in html
    assert "onvoldoende — niet gereageerd" in html and 'value="good"' not in html
    service.drill_report(token=service.drill_link_token(drill), report="Alsnog")
    html = coordinator.get(page).content.decode()
    assert 'value="good"' in html and 'value="sufficient"' in html
