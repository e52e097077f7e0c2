"""Feedback moments during an exercise: planning, recording, who reads what, the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.constants import Role
from oranje.core.models import AuditEntry, User
from oranje.organisation.models import Person
from oranje.organisation.tests.factories import World, make_person, make_user
from oranje.readiness.constants import ExerciseType, ParticipantRole
from oranje.readiness.models import Exercise, ExerciseParticipant, Feedback, FeedbackMoment
from oranje.readiness.services import feedback as service

pytestmark = pytest.mark.django_db


@dataclass
class Setup:
    world: World
    exercise: Exercise
    visser: ExerciseParticipant  # participant with a login (world.functionary)
    other: ExerciseParticipant  # participant without a login
    observer_user: User
    observer: ExerciseParticipant
    moment: FeedbackMoment


@pytest.fixture
def setup(world: World) -> Setup:
    return build_setup(world)


def build_setup(world: World) -> Setup:
    """An exercise of two hours that started an hour ago: two participants (Visser, with a
    login), an observer with a login and one moment half an hour in."""
    start = timezone.now() - dt.timedelta(hours=1)
    exercise = Exercise.objects.create(
        region=world.region,
        title="Korte oefening evacuatie",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=start,
        hours=Decimal(2),
        created_by=world.coordinator,
    )
    visser = ExerciseParticipant.objects.create(
        exercise=exercise,
        person=world.officers[0],
        function=world.ovd,
        role=ParticipantRole.PARTICIPANT,
    )
    other = ExerciseParticipant.objects.create(
        exercise=exercise,
        person=world.officers[1],
        function=world.ovd,
        role=ParticipantRole.PARTICIPANT,
    )
    observer_user = make_user("observer", Role.FUNCTIONARY, region=world.region)
    observer_person = make_person(world.region, world.ovd, user=observer_user, surname="Bakker")
    observer = ExerciseParticipant.objects.create(
        exercise=exercise, person=observer_person, role=ParticipantRole.OBSERVER
    )
    moment = service.moment_create(
        actor=world.coordinator,
        exercise=exercise,
        at=start + dt.timedelta(minutes=30),
        title="Eerste beeld",
    )
    return Setup(world, exercise, visser, other, observer_user, observer, moment)


def _record(s: Setup, actor: User, participant: ExerciseParticipant, **kw: str) -> Feedback:
    return service.feedback_record(
        actor=actor,
        moment=s.moment,
        participant=participant,
        went_well=kw.get("went_well", "Rustig overzicht"),
        to_improve=kw.get("to_improve", ""),
    )


# ---------------------------------------------------------------- planning moments


def test_a_moment_within_the_exercise_is_planned_and_audited(setup: Setup) -> None:
    assert setup.moment.exercise == setup.exercise
    assert AuditEntry.objects.filter(
        action=AuditAction.FEEDBACK_MOMENT_CREATE.value, object_id=str(setup.moment.pk)
    ).exists()


@pytest.mark.parametrize("offset", [dt.timedelta(minutes=-1), dt.timedelta(hours=2, minutes=1)])
def test_a_moment_outside_the_exercise_is_refused(setup: Setup, offset: dt.timedelta) -> None:
    with pytest.raises(ValidationError) as exc:
        service.moment_create(
            actor=setup.world.coordinator,
            exercise=setup.exercise,
            at=setup.exercise.starts_at + offset,
            title="Te laat",
        )
    message = exc.value.message_dict["at"][0]
    assert message.startswith("Tijd: het moment valt buiten de oefening (")
    start = timezone.localtime(setup.exercise.starts_at)
    assert f"{start:%H:%M}" in message


def test_the_end_of_the_exercise_is_still_within(setup: Setup) -> None:
    moment = service.moment_create(
        actor=setup.world.coordinator,
        exercise=setup.exercise,
        at=service.exercise_end(setup.exercise),
        title="Afsluiting",
    )
    assert moment.pk


def test_a_moment_needs_a_title(setup: Setup) -> None:
    with pytest.raises(ValidationError) as exc:
        service.moment_create(
            actor=setup.world.coordinator,
            exercise=setup.exercise,
            at=setup.moment.at,
            title="   ",
        )
    assert exc.value.message_dict["title"][0].startswith("Moment:")


def test_only_who_manages_the_exercise_plans_moments(setup: Setup) -> None:
    for actor in (setup.world.viewer, setup.observer_user, setup.world.functionary):
        with pytest.raises(PermissionDenied):
            service.moment_create(
                actor=actor, exercise=setup.exercise, at=setup.moment.at, title="Nee"
            )


def test_a_moment_with_feedback_is_not_removed(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser)
    with pytest.raises(ValidationError):
        service.moment_delete(actor=setup.world.coordinator, moment=setup.moment)
    assert FeedbackMoment.objects.filter(pk=setup.moment.pk).exists()


def test_a_moment_without_feedback_is_removed_and_audited(setup: Setup) -> None:
    service.moment_delete(actor=setup.world.coordinator, moment=setup.moment)
    assert not FeedbackMoment.objects.filter(pk=setup.moment.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.FEEDBACK_MOMENT_DELETE.value).exists()


# ---------------------------------------------------------------- recording feedback


def test_an_observer_records_feedback_per_participant(setup: Setup) -> None:
    feedback = _record(setup, setup.observer_user, setup.visser, to_improve="Sneller opschalen")
    assert "Bakker" in feedback.observer_name
    assert feedback.participant == setup.visser
    assert AuditEntry.objects.filter(
        action=AuditAction.FEEDBACK_RECORD.value, object_id=str(feedback.pk)
    ).exists()


def test_the_regions_coordinator_records_feedback_too(setup: Setup) -> None:
    assert _record(setup, setup.world.coordinator, setup.other).pk


def test_someone_who_is_neither_observer_nor_manager_records_nothing(setup: Setup) -> None:
    for actor in (setup.world.functionary, setup.world.viewer, setup.world.haarlem_coordinator):
        with pytest.raises(PermissionDenied):
            _record(setup, actor, setup.other)


def test_recording_again_replaces_the_observers_own_words(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser, went_well="Eerste versie")
    _record(setup, setup.observer_user, setup.visser, went_well="Verbeterde versie")
    _record(setup, setup.world.coordinator, setup.visser, went_well="Van de coördinator")
    texts = sorted(
        Feedback.objects.filter(participant=setup.visser).values_list("went_well", flat=True)
    )
    assert texts == ["Van de coördinator", "Verbeterde versie"]


def test_feedback_for_an_observer_is_refused(setup: Setup) -> None:
    with pytest.raises(ValidationError) as exc:
        _record(setup, setup.world.coordinator, setup.observer)
    assert exc.value.message_dict["participant"][0].startswith("Deelnemer:")


def test_feedback_for_a_participant_of_another_exercise_is_refused(setup: Setup) -> None:
    elsewhere = Exercise.objects.create(
        region=setup.world.region,
        title="Andere",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=setup.exercise.starts_at,
        created_by=setup.world.coordinator,
    )
    stranger = ExerciseParticipant.objects.create(
        exercise=elsewhere, person=setup.world.officers[2], role=ParticipantRole.PARTICIPANT
    )
    with pytest.raises(ValidationError) as exc:
        _record(setup, setup.world.coordinator, stranger)
    assert "participant" in exc.value.message_dict


def test_empty_feedback_is_refused(setup: Setup) -> None:
    with pytest.raises(ValidationError) as exc:
        _record(setup, setup.observer_user, setup.visser, went_well="  ", to_improve="")
    assert exc.value.message_dict["went_well"][0].startswith("Wat ging goed:")


def test_too_long_feedback_is_refused(setup: Setup) -> None:
    with pytest.raises(ValidationError) as exc:
        _record(setup, setup.observer_user, setup.visser, to_improve="x" * 4001)
    assert exc.value.message_dict["to_improve"][0].startswith("Wat beter kan:")


# ---------------------------------------------------------------- reading


def _people_read(s: Setup, user: User) -> set[int]:
    report = service.exercise_feedback(user, s.exercise)
    return {
        f.participant.person_id for m in report.moments for p in m.participants for f in p.entries
    }


def test_who_reads_whose_feedback(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser)
    _record(setup, setup.observer_user, setup.other)
    both = {setup.visser.person_id, setup.other.person_id}
    assert _people_read(setup, setup.world.coordinator) == both
    assert _people_read(setup, setup.world.admin) == both
    assert _people_read(setup, setup.observer_user) == both
    # The participant themself: only their own.
    assert _people_read(setup, setup.world.functionary) == {setup.visser.person_id}
    # Everyone else who reads the exercise: none (a municipal coordinator is not the region's
    # manager).
    assert _people_read(setup, setup.world.viewer) == set()
    assert _people_read(setup, setup.world.haarlem_coordinator) == set()


def test_reading_someone_elses_feedback_is_audited_ones_own_is_not(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser)
    service.exercise_feedback(setup.world.functionary, setup.exercise)
    assert not AuditEntry.objects.filter(action=AuditAction.FEEDBACK_READ.value).exists()
    service.exercise_feedback(setup.world.coordinator, setup.exercise)
    service.person_feedback(setup.world.coordinator, setup.world.officers[0])
    entries = AuditEntry.objects.filter(action=AuditAction.FEEDBACK_READ.value)
    assert entries.count() == 2
    assert {e.object_type for e in entries} == {"exercise", "person"}


def test_a_persons_feedback_is_read_by_the_managers_observers_and_themself(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser)
    person = setup.world.officers[0]
    for user in (setup.world.coordinator, setup.observer_user, setup.world.functionary):
        assert len(service.person_feedback(user, person)) == 1
    for user in (setup.world.viewer, setup.world.haarlem_coordinator, setup.world.outsider):
        assert service.person_feedback(user, person) == []


# ---------------------------------------------------------------- pages


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_exercise_page_shows_the_report_per_moment_and_participant(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser, went_well="Heldere briefing")
    page = _client(setup.world.coordinator).get(
        reverse("readiness:exercise_detail", args=[setup.exercise.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Eerste beeld" in text and "Heldere briefing" in text
    assert str(setup.world.officers[1]) in text  # listed, with no feedback yet


def test_the_exercise_page_hides_others_feedback_from_a_viewer(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser, went_well="Heldere briefing")
    page = _client(setup.world.viewer).get(
        reverse("readiness:exercise_detail", args=[setup.exercise.pk])
    )
    assert page.status_code == 200
    assert "Eerste beeld" in page.content.decode()
    assert "Heldere briefing" not in page.content.decode()


def test_the_passport_and_own_page_show_ones_feedback(setup: Setup) -> None:
    _record(setup, setup.observer_user, setup.visser, went_well="Heldere briefing")
    client = _client(setup.world.functionary)
    passport = client.get(reverse("readiness:passport", args=[setup.world.officers[0].pk]))
    assert "Heldere briefing" in passport.content.decode()
    own = client.get(reverse("readiness:my_feedback"))
    assert own.status_code == 200 and "Heldere briefing" in own.content.decode()
    viewer = _client(setup.world.viewer).get(
        reverse("readiness:passport", args=[setup.world.officers[0].pk])
    )
    assert "Heldere briefing" not in viewer.content.decode()


def test_the_planning_form_names_the_field_of_a_moment_outside(setup: Setup) -> None:
    late = timezone.localtime(setup.exercise.starts_at + dt.timedelta(hours=5))
    page = _client(setup.world.coordinator).post(
        reverse("readiness:feedback_moments", args=[setup.exercise.pk]),
        {"at": late.strftime("%Y-%m-%dT%H:%M"), "title": "Te laat"},
    )
    assert page.status_code == 200
    assert "Tijd: het moment valt buiten de oefening" in page.content.decode()
    assert FeedbackMoment.objects.filter(exercise=setup.exercise).count() == 1


def test_the_record_form_saves_and_refuses_empty_feedback(setup: Setup) -> None:
    client = _client(setup.observer_user)
    url = reverse("readiness:feedback_moment", args=[setup.moment.pk])
    empty = client.post(url, {"participant": setup.visser.pk, "went_well": "", "to_improve": ""})
    assert "Wat ging goed:" in empty.content.decode()
    observer = client.post(url, {"participant": setup.observer.pk, "went_well": "Goed"})
    assert "Deelnemer:" in observer.content.decode()
    done = client.post(url, {"participant": setup.visser.pk, "went_well": "Goed"})
    assert done.status_code == 302
    assert Feedback.objects.filter(participant=setup.visser, observer=setup.observer_user).exists()


def test_the_record_page_doors(setup: Setup) -> None:
    url = reverse("readiness:feedback_moment", args=[setup.moment.pk])
    assert _client(setup.world.viewer).get(url).status_code == 403
    assert _client(setup.world.outsider).get(url).status_code == 404
    assert _client(setup.observer_user).get(url).status_code == 200


def test_own_page_without_a_linked_person(setup: Setup) -> None:
    page = _client(setup.world.viewer).get(reverse("readiness:my_feedback"))
    assert page.status_code == 200


def test_an_inactive_observer_records_nothing(setup: Setup) -> None:
    Person.objects.filter(pk=setup.observer.person_id).update(active=False)
    with pytest.raises(PermissionDenied):
        _record(setup, setup.observer_user, setup.visser)
