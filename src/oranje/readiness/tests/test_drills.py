"""The one-hour drill: sending, the personal link, reporting back (late too), assessing, and
what counts as exercise upkeep. One test per rule."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.organisation.constants import OnCallKind, PersonKind
from oranje.organisation.tests.factories import make_person, make_shift
from oranje.readiness import errors_drills as errors
from oranje.readiness.constants import ActivityKind, DrillAssessment, ExerciseType
from oranje.readiness.models import Activity, Drill, PersonQualification
from oranje.readiness.services import drills as service
from oranje.readiness.tasks_drills import send_drill

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def shift(world):
    return make_shift(
        world.ovd_pool,
        world.ovd,
        world.officers[0],
        timezone.now() - dt.timedelta(hours=1),
        kind=OnCallKind.SOFT,
    )


def start(world, shift=None, *, minutes=60, person=None, function=None, text="Regel opvang"):
    return service.drill_start(
        actor=world.coordinator,
        region=world.region,
        person=person or (shift.person if shift else world.officers[1]),
        function=function or world.ovd,
        assignment=text,
        minutes=minutes,
        shift=shift,
    )


def test_a_drill_is_mailed_marked_exercise_with_the_deadline_and_a_personal_link(
    world, shift, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        drill = start(world, shift, text="Je hebt een uur om opvang voor 40 mensen te regelen.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.officers[0].email]
    assert message.subject.startswith("OEFENING/TEST")
    assert "OEFENING/TEST" in message.body and "geen echt incident" in message.body
    assert "opvang voor 40 mensen" in message.body
    assert re.search(r"/uuropdracht/[^/\s]+/", message.body)
    drill.refresh_from_db()
    assert drill.sent_at is not None and drill.delivery_error == ""
    assert 59 <= (drill.deadline - drill.created_at).total_seconds() / 60 <= 60
    assert AuditEntry.objects.filter(action="drill.start", object_id=str(drill.pk)).exists()


def test_the_task_sends_a_drill_once(world, shift, settings):
    drill = start(world, shift)
    assert send_drill.call(drill.pk) is True
    assert send_drill.call(drill.pk) is False
    assert len(mail.outbox) == 1


def test_a_worker_killed_after_the_mail_sends_it_again_with_the_same_message_id(
    world, shift, monkeypatch
):
    """The mail goes before the drill is marked sent: a worker that dies in between (here:
    marking fails) leaves the drill unsent, and the rerun sends it again with the same
    Message-ID, so the drill is never lost and the mail server can drop the duplicate."""
    drill = start(world, shift)
    real_update = type(Drill.objects.all()).update

    def die(queryset, **fields):
        if "sent_at" in fields:
            raise SystemExit("worker killed")
        return real_update(queryset, **fields)

    monkeypatch.setattr(type(Drill.objects.all()), "update", die)
    with pytest.raises(SystemExit):
        send_drill.call(drill.pk)
    monkeypatch.undo()
    drill.refresh_from_db()
    assert drill.sent_at is None and len(mail.outbox) == 1
    assert send_drill.call(drill.pk) is True
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    drill.refresh_from_db()
    assert drill.sent_at is not None
    assert send_drill.call(drill.pk) is False


def test_a_failed_mail_is_recorded_and_can_be_sent_again(world, shift, settings, monkeypatch):
    drill = start(world, shift)

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert send_drill.call(drill.pk) is False
    drill.refresh_from_db()
    assert drill.sent_at is None and "connection refused" in drill.delivery_error
    monkeypatch.undo()
    settings.TASKS = IMMEDIATE
    service.drill_resend(actor=world.coordinator, drill=drill)
    # on_commit runs at once outside a test transaction's capture: send by hand as the worker
    assert send_drill.call(drill.pk) is True
    drill.refresh_from_db()
    assert drill.sent_at is not None and drill.delivery_error == ""
    with pytest.raises(ValidationError):
        service.drill_resend(actor=world.coordinator, drill=drill)


def test_an_sms_goes_too_when_the_gateway_is_on(world, shift, settings, monkeypatch):
    settings.SMS_GATEWAY_URL = "https://sms.example.nl/send"
    sent = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self):
            return b"{}"

    def urlopen(request, timeout):
        sent.append(request)
        return Answer()

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    drill = start(world, shift)
    send_drill.call(drill.pk)
    assert len(sent) == 1
    assert b"OEFENING/TEST" in sent[0].data
    assert sent[0].get_header("Idempotency-key") == f"drill-{drill.pk}"


@pytest.mark.parametrize("minutes", [None, 14, 1441, -5])
def test_the_deadline_lies_between_15_minutes_and_24_hours(world, shift, minutes):
    with pytest.raises(ValidationError) as exc:
        start(world, shift, minutes=minutes)
    assert exc.value.message_dict["minutes"] == [
        "Deadline: kies een deadline tussen 15 minuten en 24 uur."
    ]
    assert not Drill.objects.exists()


@pytest.mark.parametrize("minutes", [15, 1440])
def test_the_deadline_bounds_themselves_are_accepted(world, shift, minutes):
    drill = start(world, shift, minutes=minutes)
    assert round((drill.deadline - drill.created_at).total_seconds() / 60) == minutes


def test_an_empty_or_too_long_assignment_is_refused(world, shift):
    with pytest.raises(ValidationError) as exc:
        start(world, shift, text="   ")
    assert exc.value.message_dict["assignment"] == [str(errors.ASSIGNMENT_EMPTY)]
    with pytest.raises(ValidationError) as exc:
        start(world, shift, text="x" * (service.ASSIGNMENT_MAX + 1))
    assert "Opdracht:" in exc.value.message_dict["assignment"][0]


def test_only_the_regions_managers_send_a_drill(world, shift):
    for user in (world.viewer, world.functionary, world.haarlem_coordinator, world.outsider):
        with pytest.raises(PermissionDenied):
            service.drill_start(
                actor=user,
                region=world.region,
                person=shift.person,
                function=world.ovd,
                assignment="x",
                minutes=60,
                shift=shift,
            )


def test_a_shift_must_be_running_now_and_be_the_persons(world, shift):
    later = make_shift(
        world.ovd_pool, world.ovd, world.officers[1], timezone.now() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as exc:
        start(world, later)
    assert exc.value.message_dict["shift"] == [str(errors.SHIFT_NOT_NOW)]
    with pytest.raises(ValidationError) as exc:
        start(world, shift, person=world.officers[2])
    assert "shift" in exc.value.message_dict


def test_without_a_shift_only_a_key_function_holder_with_that_function(world):
    civil = make_person(world.region, world.ovd)
    civil.kind = PersonKind.CIVIL
    civil.save()
    with pytest.raises(ValidationError) as exc:
        start(world, person=civil)
    assert "geen sleutelfunctionaris" in exc.value.message_dict["person"][0]
    with pytest.raises(ValidationError) as exc:
        start(world, person=world.officers[1], function=world.cpg)
    assert exc.value.message_dict["function"][0].startswith("Functie:")
    assert start(world, person=world.officers[1]).shift is None


def test_someone_of_another_region_cannot_be_drilled(world):
    stranger = world.other_pool.members.first()
    with pytest.raises(ValidationError) as exc:
        start(world, person=stranger)
    assert exc.value.message_dict["person"][0].startswith("Wie:")


def test_the_link_reports_back_once(world, shift):
    drill = start(world, shift)
    token = service.drill_link_token(drill)
    service.drill_report(token=token, report="Sporthal De Kennemer geregeld, 40 bedden.")
    drill.refresh_from_db()
    assert drill.reported_at is not None and not service.is_late(drill)
    assert service.drill_state(drill) == service.DrillState.REPORTED
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=token, report="nog iets")
    assert exc.value.code == "used"
    assert AuditEntry.objects.filter(action="drill.report").count() == 1


def test_a_forged_or_expired_link_is_refused(world, shift, monkeypatch):
    token = service.drill_link_token(start(world, shift))
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=token[:-2] + "xx", report="x")
    assert exc.value.code == "invalid"
    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=token, report="x")
    assert exc.value.code == "expired"


def test_an_empty_or_too_long_report_is_refused(world, shift):
    token = service.drill_link_token(start(world, shift))
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=token, report=" ")
    assert exc.value.message_dict["report"] == [str(errors.REPORT_EMPTY)]
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=token, report="x" * (service.REPORT_MAX + 1))
    assert exc.value.message_dict["report"][0].startswith("Wat ik heb geregeld:")


def test_a_report_after_the_deadline_is_accepted_and_marked_late(world, shift):
    drill = start(world, shift, minutes=15)
    Drill.objects.filter(pk=drill.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2),
        deadline=timezone.now() - dt.timedelta(minutes=105),
    )
    drill.refresh_from_db()
    assert service.drill_state(drill) == service.DrillState.OVERDUE
    drill = service.drill_report(token=service.drill_link_token(drill), report="Alsnog geregeld")
    assert service.is_late(drill)
    assert service.drill_state(drill) == service.DrillState.REPORTED_LATE
    late = service.filter_state(Drill.objects.all(), "late")
    assert list(late) == [drill]


def test_an_assessed_drill_counts_as_one_hour_of_exercise_in_its_function(world, shift):
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    drill = service.drill_assess(
        actor=world.coordinator,
        drill=drill,
        assessment=DrillAssessment.GOOD,
        note="Snel en volledig",
    )
    activity = drill.activity
    assert activity is not None
    assert activity.person == world.officers[0] and activity.function == world.ovd
    assert activity.kind == ActivityKind.EXERCISE
    assert activity.exercise_type == ExerciseType.DRILL
    assert activity.hours == 1
    assert activity.completed_on == timezone.localdate()
    assert service.drill_state(drill) == service.DrillState.ASSESSED
    # A corrected assessment keeps the one record.
    service.drill_assess(actor=world.coordinator, drill=drill, assessment="sufficient")
    assert Activity.objects.filter(person=world.officers[0], exercise_type="drill").count() == 1
    assert AuditEntry.objects.filter(action="drill.assess").count() == 2


def test_the_drill_fills_exercise_upkeep(world, shift):
    from oranje.readiness import services
    from oranje.readiness.constants import ReadinessStatus, RequirementKind

    services.profile_publish(
        actor=world.admin,
        function=world.ovd,
        region=None,
        requirements=[
            {"kind": RequirementKind.UPKEEP, "label": "1 oefening per 12 maanden", "min_count": 1}
        ],
    )
    person = world.officers[0]
    before = PersonQualification.objects.filter(person=person, function=world.ovd).first()
    assert before is None or before.qualified_until is None
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    service.drill_assess(actor=world.coordinator, drill=drill, assessment="sufficient")
    after = PersonQualification.objects.get(person=person, function=world.ovd)
    assert after.qualified_until is not None and after.qualified_until > timezone.localdate()
    from oranje.readiness import selectors

    row = next(
        r for r in selectors.passport(person, timezone.localdate()) if r.function == world.ovd
    )
    assert row.status == ReadinessStatus.QUALIFIED


def test_a_drill_without_a_report_closes_only_as_insufficient_and_counts_as_no_exercise(
    world, shift
):
    drill = start(world, shift)
    with pytest.raises(ValidationError) as exc:
        service.drill_assess(actor=world.coordinator, drill=drill, assessment="insufficient")
    assert exc.value.message_dict["assessment"] == [str(errors.NOT_YET_REPORTED)]
    Drill.objects.filter(pk=drill.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2),
        deadline=timezone.now() - dt.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as exc:
        service.drill_assess(actor=world.coordinator, drill=drill, assessment="good")
    assert exc.value.message_dict["assessment"] == [str(errors.NO_REPORT_INSUFFICIENT)]
    drill = service.drill_assess(actor=world.coordinator, drill=drill, assessment="insufficient")
    assert drill.activity is None and drill.assessed_at is not None
    with pytest.raises(ValidationError) as exc:
        service.drill_report(token=service.drill_link_token(drill), report="te laat")
    assert exc.value.code == "assessed"


def test_only_the_regions_managers_assess(world, shift):
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    for user in (world.viewer, world.haarlem_coordinator, world.outsider):
        with pytest.raises(PermissionDenied):
            service.drill_assess(actor=user, drill=drill, assessment="good")


def test_an_assessment_needs_a_grade_and_a_short_note(world, shift):
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    with pytest.raises(ValidationError) as exc:
        service.drill_assess(actor=world.coordinator, drill=drill, assessment="excellent")
    assert exc.value.message_dict["assessment"] == [str(errors.ASSESSMENT_REQUIRED)]
    with pytest.raises(ValidationError) as exc:
        service.drill_assess(
            actor=world.coordinator, drill=drill, assessment="good", note="x" * 2001
        )
    assert exc.value.message_dict["note"][0].startswith("Toelichting:")


def test_the_drills_record_carries_the_result_and_counts_as_upkeep_either_way(world, shift):
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Half geregeld")
    drill = service.drill_assess(actor=world.coordinator, drill=drill, assessment="insufficient")
    assert drill.activity is not None
    drill.activity.refresh_from_db()
    assert drill.activity.passed is False
    # A corrected assessment corrects the result on the one record.
    service.drill_assess(actor=world.coordinator, drill=drill, assessment="good")
    drill.activity.refresh_from_db()
    assert drill.activity.passed is True
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("readiness:passport", args=[world.officers[0].pk])).content
    assert "<td>voldaan</td>" in page.decode()


def test_a_good_or_sufficient_drill_is_recorded_as_passed(world, shift):
    drill = start(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    drill = service.drill_assess(actor=world.coordinator, drill=drill, assessment="sufficient")
    assert drill.activity is not None and drill.activity.passed is True
