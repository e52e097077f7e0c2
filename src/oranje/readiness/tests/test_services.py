import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.organisation import selectors
from oranje.organisation import services as org
from oranje.organisation.constants import OnCallKind
from oranje.organisation.tests.factories import make_shift
from oranje.readiness import errors, services
from oranje.readiness.constants import ActivityKind, AlarmAnswer, RequirementKind
from oranje.readiness.models import Activity, AlarmRecipient, PersonQualification, ReminderSent
from oranje.readiness.tasks import send_lapse_reminders
from oranje.readiness.tests.conftest import qualify

pytestmark = pytest.mark.django_db
WEEK = dt.timedelta(days=7)


def test_recording_activities_makes_a_person_qualified_and_audits_it(profiled):
    q = PersonQualification.objects.get(person=profiled.officers[0], function=profiled.ovd)
    assert q.qualified_until is not None and q.qualified_until > dt.date.today()
    assert AuditEntry.objects.filter(action="activity.create").count() == 8
    assert PersonQualification.objects.get(person=profiled.officers[2]).qualified_until is None


def test_a_course_dated_in_the_future_is_refused(profiled):
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            actor=profiled.coordinator,
            persons=[profiled.officers[2]],
            kind=ActivityKind.COURSE,
            title="Cursus",
            code="X",
            completed_on=dt.date.today() + dt.timedelta(days=1),
        )
    assert "completed_on" in exc.value.message_dict


def test_a_score_outside_the_scale_is_refused(profiled):
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            actor=profiled.coordinator,
            persons=[profiled.officers[2]],
            kind=ActivityKind.EXAM,
            title="Examen",
            code="PVB-OVD",
            completed_on=dt.date.today(),
            passed=True,
            score=Decimal(11),
        )
    assert exc.value.message_dict["score"] == [
        str(errors.SCORE_OUT_OF_SCALE % {"value": Decimal(11)})
    ]


def test_a_viewer_cannot_record_activities(profiled):
    with pytest.raises(PermissionDenied):
        services.activity_record(
            actor=profiled.viewer,
            persons=[profiled.officers[2]],
            kind=ActivityKind.EXERCISE,
            title="Oefening",
            completed_on=dt.date.today(),
        )


def test_a_regional_profile_adds_requirements_and_may_not_weaken_national_ones(profiled):
    services.profile_publish(
        actor=profiled.coordinator,
        function=profiled.ovd,
        region=profiled.region,
        requirements=[
            {
                "kind": RequirementKind.COURSE,
                "code": "KEN-ORIENT",
                "label": "Oriëntatie Kennemerland",
            }
        ],
    )
    assert PersonQualification.objects.get(person=profiled.officers[0]).qualified_until is None
    with pytest.raises(ValidationError) as exc:
        services.profile_publish(
            actor=profiled.coordinator,
            function=profiled.ovd,
            region=profiled.region,
            requirements=[
                {
                    "kind": RequirementKind.EXAM,
                    "code": "PVB-OVD",
                    "label": "Proeve (60 mnd)",
                    "valid_months": 60,
                }
            ],
        )
    assert exc.value.messages == [str(errors.WEAKER_THAN_NATIONAL % {"label": "Proeve (60 mnd)"})]
    with pytest.raises(PermissionDenied):
        services.profile_publish(
            actor=profiled.coordinator, function=profiled.ovd, region=None, requirements=[]
        )


def test_profiles_are_versioned(profiled):
    services.profile_publish(
        actor=profiled.admin,
        function=profiled.ovd,
        region=None,
        requirements=[
            {"kind": RequirementKind.COURSE, "code": "BZ-OVD-BASIS", "label": "Opleiding"}
        ],
    )
    table = services.current_requirements([profiled.ovd.pk])
    assert [r.label for r in table[(profiled.ovd.pk, None)]] == ["Opleiding"]
    assert profiled.ovd.profiles.count() == 2
    assert PersonQualification.objects.get(person=profiled.officers[2]).qualified_until is None


def test_a_person_not_qualified_cannot_go_on_hard_on_call_without_an_override(profiled, monday):
    with pytest.raises(ValidationError) as exc:
        org.shift_create(
            actor=profiled.coordinator,
            pool=profiled.ovd_pool,
            function=profiled.ovd,
            person=profiled.officers[2],
            kind=OnCallKind.HARD,
            starts_at=monday,
            ends_at=monday + WEEK,
        )
    assert "niet vakbekwaam" in " ".join(exc.value.messages)
    soft = org.shift_create(
        actor=profiled.coordinator,
        pool=profiled.ovd_pool,
        function=profiled.ovd,
        person=profiled.officers[2],
        kind=OnCallKind.SOFT,
        starts_at=monday,
        ends_at=monday + WEEK,
    )
    assert soft.qualification_override == ""
    shift = org.shift_create(
        actor=profiled.coordinator,
        pool=profiled.ovd_pool,
        function=profiled.ovd,
        person=profiled.officers[2],
        kind=OnCallKind.HARD,
        starts_at=monday + WEEK,
        ends_at=monday + 2 * WEEK,
        override_reason="Proeve volgende week; geen alternatief",
    )
    assert shift.qualification_override == "Proeve volgende week; geen alternatief"
    entry = AuditEntry.objects.filter(action="shift.create").latest("at")
    assert entry.changes["qualification_override"] == [
        None,
        "Proeve volgende week; geen alternatief",
    ]


def test_coverage_counts_only_qualified_people(profiled, monday):
    make_shift(
        profiled.ovd_pool, profiled.ovd, profiled.officers[2], monday
    )  # bypasses the service on purpose
    gaps = selectors.coverage_gaps([profiled.region], monday, monday + WEEK)
    assert [(g.starts_at, g.ends_at) for g in gaps] == [(monday, monday + WEEK)]
    rows = selectors.on_call_at(profiled.region, monday + dt.timedelta(hours=1))
    assert rows[0].hard[0].unqualified is True


def test_qualification_lapsing_mid_shift_leaves_a_gap_from_the_next_day(world, monday):
    services.profile_publish(
        actor=world.admin,
        function=world.ovd,
        region=None,
        requirements=[
            {"kind": RequirementKind.EXAM, "code": "PVB-OVD", "label": "Proeve", "valid_months": 12}
        ],
    )
    lapse = (monday + dt.timedelta(days=3)).date()
    exam_day = lapse + dt.timedelta(days=1) - dt.timedelta(days=365)
    exam_day = exam_day.replace(year=lapse.year - 1) if (lapse - exam_day).days != 364 else exam_day
    services.activity_record(
        actor=world.coordinator,
        persons=[world.officers[0]],
        kind=ActivityKind.EXAM,
        title="Proeve",
        code="PVB-OVD",
        completed_on=dt.date(lapse.year - 1, lapse.month, lapse.day) + dt.timedelta(days=1),
        passed=True,
    )
    assert PersonQualification.objects.get(person=world.officers[0]).qualified_until == lapse
    make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    gaps = selectors.coverage_gaps([world.region], monday, monday + WEEK)
    midnight = dt.datetime.combine(lapse + dt.timedelta(days=1), dt.time(0), tzinfo=monday.tzinfo)
    assert [(g.starts_at, g.ends_at) for g in gaps] == [(midnight, monday + WEEK)]


def test_exercise_attendance_becomes_activity_records_and_learning_points_are_kept(profiled):
    start = timezone.now() - dt.timedelta(days=2)
    exercise = services.exercise_plan(
        actor=profiled.coordinator,
        region=profiled.region,
        title="Tabletop",
        exercise_type="tabletop",
        starts_at=start,
        hours=Decimal(3),
        scenario="Gasstoring",
        functions=[profiled.ovd],
        participants=[(profiled.officers[2], profiled.ovd), (profiled.officers[1], profiled.ovd)],
        observers=[profiled.officers[0]],
    )
    participants = {p.person_id: p.pk for p in exercise.participants.all()}
    created = services.exercise_complete(
        actor=profiled.coordinator,
        exercise=exercise,
        attendance={
            participants[profiled.officers[2].pk]: (True, "Rustig en helder"),
            participants[profiled.officers[1].pk]: (False, ""),
            participants[profiled.officers[0].pk]: (True, ""),
        },
        learning_points=[("Lijst verminderd zelfredzamen ontbrak", profiled.ovd)],
    )
    assert [a.person for a in created] == [profiled.officers[2]]
    assert created[0].kind == ActivityKind.EXERCISE and created[0].hours == Decimal(3)
    assert exercise.learning_points.get().text == "Lijst verminderd zelfredzamen ontbrak"
    # Completing again is refused: it would overwrite the attendance and observations.
    with pytest.raises(ValidationError):
        services.exercise_complete(
            actor=profiled.coordinator,
            exercise=exercise,
            attendance={participants[profiled.officers[2].pk]: (True, "")},
        )
    assert Activity.objects.filter(exercise=exercise).count() == 1


def test_an_alarm_test_mails_the_people_on_call_with_a_single_use_link(
    profiled, monday, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    now = timezone.now()
    make_shift(profiled.ovd_pool, profiled.ovd, profiled.officers[0], now - dt.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        test = services.alarm_test_start(
            actor=profiled.coordinator, region=profiled.region, functions=[profiled.ovd]
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("TESTALARM OVD-BZ")
    assert message.body.startswith("TESTALARM — ") and "geen echt incident" in message.body
    recipient = AlarmRecipient.objects.get(test=test)
    assert recipient.sent_at is not None and recipient.norm_minutes == 30
    token = re.search(r"/alarm/([^/\s]+)/", message.body).group(1)
    services.alarm_respond(token=token, answer=AlarmAnswer.COMING, eta_minutes=20)
    with pytest.raises(ValidationError) as exc:
        services.alarm_respond(token=token, answer=AlarmAnswer.COMING, eta_minutes=5)
    assert exc.value.code == "used"
    with pytest.raises(ValidationError) as exc:
        services.alarm_respond(token=token[:-2] + "xx", answer=AlarmAnswer.COMING, eta_minutes=5)
    assert exc.value.code == "invalid"
    from oranje.readiness.selectors import alarm_report

    line = alarm_report(test)[0]
    assert line.within_norm is True and 20 <= line.total_minutes < 21


def test_an_expired_link_is_refused(profiled, monkeypatch):
    now = timezone.now()
    make_shift(profiled.ovd_pool, profiled.ovd, profiled.officers[0], now - dt.timedelta(hours=2))
    test = services.alarm_test_start(
        actor=profiled.coordinator, region=profiled.region, functions=[profiled.ovd]
    )
    token = services.alarm_link_token(test.recipients.get())
    import time

    later = time.time() + 25 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(ValidationError) as exc:
        services.alarm_respond(token=token, answer=AlarmAnswer.NOT_COMING, eta_minutes=None)
    assert exc.value.code == "expired"


def test_an_alarm_test_with_nobody_on_call_says_so(profiled):
    with pytest.raises(ValidationError) as exc:
        services.alarm_test_start(
            actor=profiled.coordinator, region=profiled.region, functions=[profiled.cpg]
        )
    assert exc.value.message_dict["functions"] == [str(errors.NO_ONE_ON_CALL)]


def test_lapse_reminders_go_out_once_at_90_and_at_30_days(world, settings):
    today = dt.date.today()
    services.profile_publish(
        actor=world.admin,
        function=world.ovd,
        region=None,
        requirements=[
            {"kind": RequirementKind.UPKEEP, "label": "2 oefeningen per 12 maanden", "min_count": 2}
        ],
    )
    world.ovd_pool.coordinator = world.officers[2]
    world.ovd_pool.save()
    qualify(world, world.officers[0], today, exercise_age_days=300)  # lapses in about 35 days
    until = PersonQualification.objects.get(person=world.officers[0]).qualified_until
    assert until is not None and 30 < (until - today).days <= 90

    assert send_lapse_reminders.call(today.isoformat()) == 1
    assert send_lapse_reminders.call(today.isoformat()) == 0
    assert mail.outbox[0].to == [world.officers[0].email, world.officers[2].email]
    assert "verloopt" in mail.outbox[0].subject
    later = until - dt.timedelta(days=10)
    assert send_lapse_reminders.call(later.isoformat()) == 1
    assert send_lapse_reminders.call(later.isoformat()) == 0
    assert sorted(ReminderSent.objects.values_list("days_before", flat=True)) == [30, 90]


def test_a_failed_reminder_mail_is_tried_again_next_time(world, settings):
    settings.EMAIL_BACKEND = "oranje.readiness.tests.test_services.BrokenBackend"
    today = dt.date.today()
    services.profile_publish(
        actor=world.admin,
        function=world.ovd,
        region=None,
        requirements=[{"kind": RequirementKind.UPKEEP, "label": "2 oefeningen", "min_count": 2}],
    )
    qualify(world, world.officers[0], today, exercise_age_days=300)
    assert send_lapse_reminders.call(today.isoformat()) == 0
    assert ReminderSent.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_lapse_reminders.call(today.isoformat()) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def test_silence_is_a_miss_only_after_the_norm_has_passed(profiled, monkeypatch):
    make_shift(
        profiled.ovd_pool,
        profiled.ovd,
        profiled.officers[0],
        timezone.now() - dt.timedelta(hours=2),
    )
    test = services.alarm_test_start(
        actor=profiled.coordinator, region=profiled.region, functions=[profiled.ovd]
    )
    from oranje.readiness.selectors import alarm_report

    line = alarm_report(test)[0]
    assert (line.waiting, line.within_norm) == (True, None)
    later = timezone.now() + dt.timedelta(minutes=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    line = alarm_report(test)[0]
    assert (line.waiting, line.within_norm) == (False, False)
