"""Feedback moments during an exercise: timed observation moments the coordinator plans, at
which observers record per participant what went well and what can improve. The report
groups it per moment and per participant; a participant reads their own in their passport."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import TEXT, neutralise_bidi
from oranje.organisation.models import Person
from oranje.readiness import access, access_feedback
from oranje.readiness.constants import ParticipantRole
from oranje.readiness.models import Exercise, ExerciseParticipant, Feedback, FeedbackMoment

#: The longest a moment's title may be (the model's field).
TITLE_MAX = 150
#: The longest "went well" or "to improve" may be.
FEEDBACK_MAX = TEXT

MOMENT_OUTSIDE = _("Time: the moment falls outside the exercise (%(start)s – %(end)s).")
TITLE_REQUIRED = _("Moment: give the moment a title, e.g. 'First situation report'.")
TITLE_TOO_LONG = _("Moment: at most %(max)s characters.")
MOMENT_HAS_FEEDBACK = _(
    "Moment: feedback was already recorded at this moment; it stays, with its feedback."
)
NOT_A_PARTICIPANT = _(
    "Participant: %(name)s does not take part in this exercise; choose one of its participants."
)
NOT_IN_EXERCISE = _(
    "Participant: this exercise has no participant %(id)s; choose one of its participants."
)
FEEDBACK_EMPTY = _("Went well: write what went well or what can improve (or both).")
FEEDBACK_TOO_LONG = _("%(field)s: at most %(max)s characters.")


def exercise_end(exercise: Exercise) -> dt.datetime:
    """When the exercise ends: its start plus its duration."""
    return exercise.starts_at + dt.timedelta(hours=float(exercise.hours or Decimal(0)))


def _window_text(exercise: Exercise) -> dict[str, str]:
    start = timezone.localtime(exercise.starts_at)
    end = timezone.localtime(exercise_end(exercise))
    end_format = "H:i" if end.date() == start.date() else "j-n-Y H:i"
    return {"start": date_format(start, "j-n-Y H:i"), "end": date_format(end, end_format)}


@transaction.atomic
def moment_create(
    *, actor: User, exercise: Exercise, at: dt.datetime, title: str
) -> FeedbackMoment:
    """Plan a feedback moment at a time within the exercise."""
    core_access.require(access.can_manage_exercise(actor, exercise))
    title = neutralise_bidi(title or "").strip()
    problems: dict[str, list[str]] = {}
    if not title:
        problems["title"] = [str(TITLE_REQUIRED)]
    elif len(title) > TITLE_MAX:
        problems["title"] = [str(TITLE_TOO_LONG % {"max": TITLE_MAX})]
    if not exercise.starts_at <= at <= exercise_end(exercise):
        problems["at"] = [str(MOMENT_OUTSIDE % _window_text(exercise))]
    if problems:
        raise ValidationError(problems)
    moment = FeedbackMoment.objects.create(exercise=exercise, at=at, title=title)
    audit_record(
        actor=actor,
        action=AuditAction.FEEDBACK_MOMENT_CREATE,
        obj=moment,
        region=exercise.region,
        changes={"exercise": [None, exercise.pk], "at": [None, at.isoformat()]},
    )
    return moment


@transaction.atomic
def moment_delete(*, actor: User, moment: FeedbackMoment) -> None:
    """Remove a moment that has no feedback yet (feedback once given is kept)."""
    exercise = moment.exercise
    core_access.require(access.can_manage_exercise(actor, exercise))
    if moment.feedback.exists():
        raise ValidationError({"moment": [str(MOMENT_HAS_FEEDBACK)]})
    audit_record(
        actor=actor,
        action=AuditAction.FEEDBACK_MOMENT_DELETE,
        obj=moment,
        region=exercise.region,
        changes={"exercise": [exercise.pk, None], "title": [moment.title, None]},
    )
    moment.delete()


def _clean_text(value: str, label: str) -> tuple[str, str]:
    text = neutralise_bidi(value or "").strip()
    if len(text) > FEEDBACK_MAX:
        return text, str(FEEDBACK_TOO_LONG % {"field": label, "max": FEEDBACK_MAX})
    return text, ""


@transaction.atomic
def feedback_record(
    *,
    actor: User,
    moment: FeedbackMoment,
    participant: ExerciseParticipant,
    went_well: str,
    to_improve: str,
) -> Feedback:
    """Record one observer's feedback to one participant at one moment. The same observer
    recording again at the same moment for the same participant replaces their earlier
    words (a correction), so the report has one entry per observer."""
    exercise = moment.exercise
    core_access.require(access_feedback.can_record_feedback(actor, exercise))
    problems: dict[str, list[str]] = {}
    if participant.exercise_id != exercise.pk or participant.role != ParticipantRole.PARTICIPANT:
        problems["participant"] = [str(NOT_A_PARTICIPANT % {"name": participant.person})]
    went_well, error = _clean_text(went_well, str(_("Went well")))
    if error:
        problems["went_well"] = [error]
    to_improve, error = _clean_text(to_improve, str(_("To improve")))
    if error:
        problems["to_improve"] = [error]
    if not went_well and not to_improve and "went_well" not in problems:
        problems["went_well"] = [str(FEEDBACK_EMPTY)]
    if problems:
        raise ValidationError(problems)
    feedback = Feedback.objects.filter(
        moment=moment, participant=participant, observer=actor
    ).first()
    before = (feedback.went_well, feedback.to_improve) if feedback else (None, None)
    if feedback is None:
        feedback = Feedback(moment=moment, participant=participant, observer=actor)
    feedback.observer_name = _observer_name(actor)
    feedback.went_well = went_well
    feedback.to_improve = to_improve
    feedback.save()
    audit_record(
        actor=actor,
        action=AuditAction.FEEDBACK_RECORD,
        obj=feedback,
        region=exercise.region,
        changes={
            "participant": [None, participant.person_id],
            "went_well": [before[0], went_well],
            "to_improve": [before[1], to_improve],
        },
    )
    return feedback


def _observer_name(user: User) -> str:
    person = Person.objects.filter(user=user).first()
    name = str(person) if person is not None else (user.get_full_name() or user.get_username())
    return name[:150]


# ---------------------------------------------------------------- reading


@dataclass
class ParticipantFeedback:
    participant: ExerciseParticipant
    entries: list[Feedback] = field(default_factory=list)


@dataclass
class MomentReport:
    moment: FeedbackMoment
    participants: list[ParticipantFeedback] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(p.entries) for p in self.participants)


@dataclass
class ExerciseFeedback:
    """What one user sees of an exercise's feedback."""

    moments: list[MomentReport]
    #: Whether the user reads every participant's feedback (else only their own).
    reads_all: bool
    may_plan: bool
    may_record: bool


def audit_read(actor: AnyUser, entries: list[Feedback], obj: Exercise | Person) -> None:
    """A read of someone else's feedback is audited (reading one's own is not)."""
    others = [f for f in entries if f.participant.person.user_id != actor.pk]
    if not others or not isinstance(actor, User):
        return
    region = obj.region
    audit_record(
        actor=actor,
        action=AuditAction.FEEDBACK_READ,
        obj=obj,
        region=region,
        changes={
            "feedback": [None, len(others)],
            "people": [None, sorted({f.participant.person_id for f in others})],
        },
    )


def exercise_feedback(user: AnyUser, exercise: Exercise, *, audit: bool = True) -> ExerciseFeedback:
    """The exercise's moments, each with the feedback per participant the user may read."""
    reads_all = access_feedback.can_read_all_feedback(user, exercise)
    moments = list(exercise.feedback_moments.all())
    entries = list(
        access_feedback.feedback_for_user(user)
        .filter(moment__exercise=exercise)
        .select_related("participant__function", "participant__person__user")
    )
    by_moment: dict[int, dict[int, ParticipantFeedback]] = {m.pk: {} for m in moments}
    participants = list(
        exercise.participants.filter(role=ParticipantRole.PARTICIPANT).select_related(
            "person", "function"
        )
    )
    if reads_all:
        for m in moments:
            for p in participants:
                by_moment[m.pk][p.pk] = ParticipantFeedback(p)
    for f in entries:
        group = by_moment.get(f.moment_id)
        if group is None:
            continue
        group.setdefault(f.participant_id, ParticipantFeedback(f.participant)).entries.append(f)
    if audit:
        audit_read(user, entries, exercise)
    order = {p.pk: (p.person.surname, p.person.given_name, p.pk) for p in participants}
    reports = [
        MomentReport(
            m,
            sorted(
                by_moment[m.pk].values(),
                key=lambda pf: order.get(pf.participant.pk, ("", "", pf.participant.pk)),
            ),
        )
        for m in moments
    ]
    return ExerciseFeedback(
        moments=reports,
        reads_all=reads_all,
        may_plan=access.can_manage_exercise(user, exercise),
        may_record=access_feedback.can_record_feedback(user, exercise),
    )


def person_feedback(user: AnyUser, person: Person, *, audit: bool = True) -> list[Feedback]:
    """All feedback about a person that the user may read, newest exercise first."""
    entries = list(
        access_feedback.feedback_for_user(user)
        .filter(participant__person=person)
        .select_related("participant__person__user", "participant__function")
        .order_by("-moment__exercise__starts_at", "moment__at", "id")
    )
    if audit:
        audit_read(user, entries, person)
    return entries
